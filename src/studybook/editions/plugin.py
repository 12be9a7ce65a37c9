"""Which edition a build is: its number, date and "What changed" list, on every page.

The edition comes from the changelog (``studybook.editions.changelog``): the entry for
the version mike is building (mike sets ``MIKE_DOCS_VERSION``; so does
``make publish``), or the newest entry for any other build (``make build``,
``make serve``). A version with no entry stops the build.

What it provides:

- ``config.extra.edition`` for the templates: ``version``, ``date`` (ISO),
  ``date_text`` ("29 November 2026"), ``anchor`` (the entry's heading id),
  ``changes`` and ``changelog_url``; overrides/main.html shows it in a line
  under the footer of every page.
- On the home page, the line ``<!-- studybook:edition -->`` becomes a box with
  the edition number and date, a "What changed in this edition" link to the
  changelog entry and the entry's list. A home page without the line stops the
  build: readers must be able to see which edition they hold.
- ``extra.version`` (Material's version selector and outdated notice) is kept
  only when mike builds an edition: other builds are not on gh-pages, have no
  ``versions.json`` beside them, and would only ask for it in vain.
- ``site_url`` ends with "/" again after mike has added the version to it
  (``.../1.0``). MkDocs writes the 404 page's addresses from site_url's path;
  without the slash, Material on that page looks for the sitemap and the search
  index one folder too high. This is why ``on_config`` runs after mike's.
"""
from __future__ import annotations

import os
import posixpath
import re

from mkdocs.plugins import BasePlugin, event_priority

from studybook.edition import VERSION_ENV, Edition, resolve
from studybook.editions.changelog import CHANGELOG
from studybook.errors import BookError

MARKER = "<!-- studybook:edition -->"
HOME = "index.md"
HEADING = re.compile(r"^#{1,6} ")


def edition_box(edition: Edition, page_uri: str, changelog_uri: str = CHANGELOG) -> str:
    """The home page's edition box, as Markdown (an admonition)."""
    link = posixpath.relpath(changelog_uri, posixpath.dirname(page_uri) or ".")
    lines = [
        f'!!! note "Edition {edition.version}, published on {edition.date_text}"',
        "",
        f"    [What changed in this edition]({link}#{edition.anchor}):",
        "",
        *(f"    - {change}" for change in edition.changes),
    ]
    return "\n".join(lines)


def marker_place(source: str) -> int | None:
    """The line where the home page's marker belongs: its editions (or downloads) heading, else its H1."""
    headings = [(n, line) for n, line in enumerate(source.split("\n"), 1) if HEADING.match(line)]
    for n, line in headings:
        if re.search(r"edition|download", line, re.I):
            return n
    return next((n for n, line in headings if line.startswith("# ")), None)


def render_edition_box(markdown: str, page_uri: str, edition: Edition, source: str | None = None) -> str:
    """Replace the marker line with the edition box; the home page must have one.

    ``source`` is the page's file as written (front matter included), for the
    line of the error; without it the line is counted in ``markdown``.
    """
    if MARKER not in markdown:
        if page_uri == HOME:
            raise BookError(f"docs/{HOME}", marker_place(markdown if source is None else source),
                            "the home page does not show the edition",
                            f"put the line {MARKER} in its 'Download and editions' section "
                            "(under the heading on this line)")
        return markdown
    box = edition_box(edition, page_uri)
    return "\n".join(box if line.strip() == MARKER else line for line in markdown.split("\n"))


class EditionPlugin(BasePlugin):
    """Resolve this build's edition from the changelog, once, and show it."""

    edition: Edition | None = None       # studybook.edition.edition_of(config) reads it

    @event_priority(-100)   # after mike's on_config, which appends the version to site_url
    def on_config(self, config):
        if config["site_url"] and not config["site_url"].endswith("/"):
            config["site_url"] += "/"
        version = os.environ.get(VERSION_ENV) or None
        self.edition = resolve(config["docs_dir"], version)
        config["extra"]["edition"] = {
            "version": self.edition.version,
            "date": self.edition.date.isoformat(),
            "date_text": self.edition.date_text,
            "anchor": self.edition.anchor,
            "changes": list(self.edition.changes),
            "changelog_url": None,     # set in on_files, where the page's URL is known
        }
        if version is None:
            config["extra"].pop("version", None)
        return config

    def on_files(self, files, config):
        changelog = files.get_file_from_path(CHANGELOG)
        if changelog is None:
            raise BookError(f"docs/{CHANGELOG}", None, "the changelog page is missing",
                            "every edition carries docs/changelog.md")
        config["extra"]["edition"]["changelog_url"] = changelog.url
        return files

    @event_priority(50)     # the box is Markdown: the glossary and citation plugins (0) see it too
    def on_page_markdown(self, markdown, page, config, files):
        return render_edition_box(markdown, page.file.src_uri, self.edition, page.file.content_string)
