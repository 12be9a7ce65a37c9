"""A meta description for every page: its front matter ``description``, or its first paragraph.

Search engines and link previews show the description; without one, every page would
repeat the site's description. Chapters write theirs in front matter; a glossary page's
first paragraph is its one-sentence definition, and a person's page opens with who they
were, so the first body paragraph serves the rest. It is shortened at a sentence end, or
else at a word, to about the length a results page shows.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from mkdocs.plugins import BasePlugin, event_priority

MAX_CHARS = 160
# Elements whose text is not prose: note markers, tooltips, hidden helpers.
SKIP = {"sup", "script", "style", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class _FirstParagraph(HTMLParser):
    """Collect the text of the first <p> that is not inside another element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0          # open elements around the current position
        self.in_p = False
        self.skipping = 0
        self.done = False
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "br" and self.in_p and not self.done:
            self.text.append(" ")
        if self.done or tag in VOID:
            return
        if tag == "p" and self.depth == 0 and not self.in_p:
            self.in_p = True
        elif (self.in_p and (tag in SKIP or ("hidden", None) in attrs)) or self.skipping:
            self.skipping += 1
        self.depth += 1

    def handle_endtag(self, tag):
        if self.done or tag in VOID:
            return
        self.depth = max(0, self.depth - 1)
        if self.skipping:
            self.skipping -= 1
        elif tag == "p" and self.in_p and self.depth == 0:
            self.done = True

    def handle_data(self, data):
        if self.in_p and not self.done and not self.skipping:
            self.text.append(data)


def first_paragraph(content_html: str) -> str:
    """The plain text of the page's first top-level paragraph ('' if it has none)."""
    parser = _FirstParagraph()
    parser.feed(content_html)
    return re.sub(r"\s+", " ", "".join(parser.text)).strip()


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    """Cut ``text`` to at most ``limit`` characters: at a sentence end if one falls late
    enough, otherwise at a word, with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s)", head)]
    if ends and ends[-1] >= limit // 2:
        return head[: ends[-1]]
    cut = head[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


class DescribePlugin(BasePlugin):
    """Give each page without a front-matter description its first paragraph as one."""

    @event_priority(-100)   # reads the finished content: notes formatted, nothing more to add
    def on_page_content(self, html, page, config, files):
        if not page.meta.get("description"):
            text = shorten(first_paragraph(html))
            if text:
                page.meta["description"] = text
        return html
