"""The plugin ``studybook-changes``: fills "Changes in this edition" (docs/changes.md).

``make publish`` writes the previous edition's texts.json (read from gh-pages
with git, ``studybook.changes.inputs``) to a file and names it in
``STUDYBOOK_CHANGES`` (option ``input``). The page's Markdown carries the line
``<!-- studybook:changes -->``; it becomes the editors' summary (the
edition's changelog entry) and the comparison, which needs the words of every
other page of this build: so the page is rendered last, and its comparison is
written in ``on_page_context``, when the manifest plugin has read every other
page. Without ``input`` (``make build``, ``make serve``, the offline copy) the
page says that the comparison is made when an edition is published. An input
that is given but cannot be read stops the build.
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.toc import AnchorLink

from studybook.anchors import redirects as redirects_mod
from studybook.anchors.addresses import public_root
from studybook.changes import compare
from studybook.changes import page as changes_page
from studybook.edition import edition_of
from studybook.errors import BookError
from studybook.order import require

MARKER = "<!-- studybook:changes -->"
PLACEHOLDER = '<div class="sb-changes-placeholder"></div>'
ENV = "STUDYBOOK_CHANGES"


class ChangesConfig(Config):
    input = opt.Type(str, default="")         # the file make publish writes (STUDYBOOK_CHANGES)
    page = opt.Type(str, default="changes.md")


def read_input(path: str, version: str) -> dict:
    """The publish's input file, checked: ``{"edition", "previous", "texts"}``."""
    fix = ("it is written by `make publish`; publish again, or unset "
           f"{ENV} to build without the comparison")
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BookError(path, None, f"the comparison's input cannot be read ({exc.strerror or exc})",
                        fix) from None
    except ValueError as exc:
        raise BookError(path, getattr(exc, "lineno", None), f"not valid JSON ({getattr(exc, 'msg', exc)})",
                        fix) from None
    if not isinstance(data, dict) or data.get("edition") != version:
        raise BookError(path, None, f"the comparison's input is not for edition {version} "
                        f"(it names {data.get('edition') if isinstance(data, dict) else None!r})", fix)
    texts = data.get("texts")
    if data.get("previous") is not None and texts is not None and not (
            isinstance(texts, dict) and isinstance(texts.get("pages"), list)):
        raise BookError(path, None, 'its "texts" is not a texts.json ({"pages": [...]})', fix)
    return data


def intro_markdown(edition, data: dict | None, changelog_link: str) -> str:
    """The Markdown that replaces the marker: the editors' summary, then what follows it."""
    lines = ["## The editors' summary { #editors-summary }", "",
             f"What the editors wrote in the [changelog]({changelog_link}#{edition.anchor}) "
             f"for edition {edition.version}, published on {edition.date_text}:", ""]
    lines += [f"- {change}" for change in edition.changes] + [""]
    if data is None:
        lines.append("This copy was not made by `make publish`, so it does not compare the edition "
                     "with the one before it; the published edition's page does.")
    elif data.get("previous") is None:
        lines.append("This is the first edition: there is no earlier edition to compare it with.")
    elif data.get("texts") is None:
        lines.append(f"Edition {data['previous']} was published before editions kept their words "
                     "by paragraph (texts.json), so the two cannot be compared paragraph by paragraph.")
    else:
        lines.append(PLACEHOLDER)
    return "\n".join(lines) + "\n"


class ChangesPlugin(BasePlugin[ChangesConfig]):
    """Render docs/changes.md last, with the comparison of this edition and the previous one."""

    def on_config(self, config):
        require(config, "studybook-changes", "studybook-manifest", "it compares the words the manifest reads")
        self.data: dict | None = None
        return config

    @event_priority(-200)   # after every plugin that adds pages: the changes page must be rendered last
    def on_files(self, files, config):
        page = files.get_file_from_path(self.config.page)
        if page is None:
            raise BookError(f"docs/{self.config.page}", None, "the changes page is missing",
                            f"create it with a title and the line {MARKER}")
        files.remove(page)
        files.append(page)
        self.data = read_input(self.config.input, edition_of(config).version) if self.config.input else None
        return files

    @event_priority(50)     # Markdown, so the glossary and citation plugins (0) see the summary too
    def on_page_markdown(self, markdown, page, config, files):
        if page.file.src_uri != self.config.page:
            return markdown
        if MARKER not in markdown:
            raise BookError(f"docs/{self.config.page}", None, "the changes page has no place for the changes",
                            f"put the line {MARKER} below its title")
        changelog = files.get_file_from_path("changelog.md")
        link = Path(changelog.src_uri).name if changelog else "changelog.md"
        return markdown.replace(MARKER, intro_markdown(edition_of(config), self.data, link))

    @event_priority(50)     # before search (0) indexes the page; every other page is rendered by now
    def on_page_context(self, context, page, config, nav):
        if page.file.src_uri != self.config.page or PLACEHOLDER not in (page.content or ""):
            return context
        manifest = config["plugins"]["studybook-manifest"]
        new = manifest.texts_document(config)
        redirects = redirects_mod.load(Path(config.config_file_path).parent / redirects_mod.FILE)
        report = compare.compare(self.data["texts"], new, redirects, skip=frozenset({self.config.page}))
        body, toc = changes_page.render(report, public_root(config))
        page.content = page.content.replace(PLACEHOLDER, body)
        parent = page.toc.items[0].children if page.toc.items else page.toc.items
        parent.extend(AnchorLink(title, anchor, 2) for anchor, title in toc)
        return context
