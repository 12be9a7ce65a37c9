"""Stop the build when a classroom link could break: missing or repeated ids.

Two checks, one per stage:

- the Markdown source of every chapter (``studybook.anchors.ids.find_problems``): each
  heading and body paragraph has an id written in the source, and no id is
  used twice;
- the HTML a reader gets: in a chapter's main content every body paragraph
  has an id and every heading has the fixed id of its source (not a slug
  made up by the toc extension); in every page, no id appears twice, notes
  and generated blocks included.

The HTML check runs last (priority -100), after every plugin that adds to the
page. A problem raises ``BookError`` with the source file, the line and the fix.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority

from studybook.anchors import scan as anchorscan
from studybook.anchors.ids import find_headings, find_problems
from studybook.book import is_chapter
from studybook.errors import BookError


def source_problem(source: str, path: str) -> BookError | None:
    """The first id problem of a page's Markdown source, as an error (None if all is well)."""
    found = find_problems(source)
    if not found:
        return None
    first = found[0]
    more = f" ({len(found) - 1} more on this page; `make check-ids` lists them)" if len(found) > 1 else ""
    return BookError(path, first.line, first.problem + more, first.fix)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def line_of_text(source: str, text: str, words: int = 5) -> int | None:
    """The source line where a rendered paragraph or heading with ``text`` starts, if found."""
    want = _words(text)[:words]
    if not want:
        return None
    for n, line in enumerate(source.split("\n"), 1):
        plain = re.sub(r"\]\([^)]*\)|\[\^[^\]]*\]|\{[^}]*\}", " ", line)   # link targets, notes, attrs
        if _words(plain)[:len(want)] == want:
            return n
    return None


def line_of_id(source: str, anchor_id: str) -> int | None:
    """The source line that writes ``#anchor_id``, if any."""
    pattern = re.compile(r"#" + re.escape(anchor_id) + r"(?![\w-])")
    for n, line in enumerate(source.split("\n"), 1):
        if "{" in line and pattern.search(line):
            return n
    return None


def html_problem(html: str, source: str, path: str, chapter: bool) -> BookError | None:
    """The first id problem in a rendered page (None if all is well)."""
    root = anchorscan.parse(html)
    for anchor_id, nodes in anchorscan.duplicate_ids(root).items():
        where = ", ".join(f"<{n.tag}>" for n in nodes)
        return BookError(
            path, line_of_id(source, anchor_id),
            f"id '#{anchor_id}' appears {len(nodes)} times in the built page ({where})",
            "give one of them another id: an id in the source must not repeat a heading, "
            "note or generated id (run `make check-ids`)")
    if not chapter:
        return None
    source_ids = {h.id for h in find_headings(source) if h.id}
    for a in anchorscan.anchors(anchorscan.main_content(root)):
        if a.kind == "paragraph" and not a.id:
            return BookError(
                path, line_of_text(source, a.text),
                f"paragraph '{anchorscan.excerpt(a.text, 6)}' has no id in the built page",
                "run `make ids`; a paragraph written as raw HTML or inside a <div> needs "
                "an explicit id attribute")
        if a.kind == "heading" and not a.generated and a.id not in source_ids:
            what = f"the id '#{a.id}', which is not written in the source" if a.id else "no id"
            return BookError(
                path, line_of_text(source, a.text),
                f"heading '{a.text}' has {what}",
                "write a fixed id on the heading, e.g. `## Title { #title }` (or run `make ids`)")
    return None


class IdCheckPlugin(BasePlugin):
    """Fail the build on a missing or repeated id (source and HTML)."""

    def on_config(self, config):
        self.sources: dict[str, str] = {}   # reset on every (re)build
        return config

    def _source(self, page) -> str:
        if page.file.src_uri not in self.sources:
            path = page.file.abs_src_path
            self.sources[page.file.src_uri] = (
                Path(path).read_text(encoding="utf-8") if path else page.file.content_string)
        return self.sources[page.file.src_uri]

    def on_page_markdown(self, markdown, page, config, files):
        if is_chapter(page.file.src_uri):
            error = source_problem(self._source(page), f"docs/{page.file.src_uri}")
            if error:
                raise error
        return markdown

    @event_priority(-100)   # after every plugin that adds to the page
    def on_post_page(self, output, page, config):
        error = html_problem(output, self._source(page), f"docs/{page.file.src_uri}",
                             is_chapter(page.file.src_uri))
        if error:
            raise error
        return output
