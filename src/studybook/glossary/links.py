"""Find the links a page makes to other pages, each with the section it sits in.

This is the one place that reads a rendered page for links; the glossary
previews and the backlinks both use what it finds. It runs as a Markdown
tree processor (the shape mkdocs-autorefs uses for its backlinks) at a
priority between ``toc`` (5), which has given every heading its final id,
and MkDocs' ``relpath`` (0), which turns ``.md`` hrefs into URLs. So it sees
heading ids as they will be published and hrefs as the author wrote them.

A link's section is the nearest heading above it that has an id. A link
inside a footnote belongs to the section of the note's first reference
marker, not to the last section of the page where the notes are printed.
"""
from __future__ import annotations

import copy
import posixpath
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import remove_fnrefs, render_inner_html, strip_tags
from markdown.treeprocessors import Treeprocessor

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
PRIORITY = 4   # after toc and attr_list (ids final), before relpath (hrefs still .md)


@dataclass
class Section:
    id: str
    title: str     # as HTML-escaped text, the way the table of contents shows it
    level: int


@dataclass
class Link:
    """A link to another Markdown page of the site."""

    target: str                  # the target's src_uri, e.g. "glossary/abm-treaty.md"
    anchor: str                  # "" or the fragment without "#"
    section: Section | None      # None before the first heading
    element: etree.Element       # the <a>, so a caller may decorate it


def resolve(href: str, page_uri: str) -> tuple[str, str] | None:
    """The src_uri and fragment an author's relative ``.md`` href points at, or None."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.endswith(".md") or parts.path.startswith("/"):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), unquote(parts.path)))
    if target.startswith("../"):
        return None
    return target, parts.fragment


def heading_title(el: etree.Element, md: Markdown) -> str:
    """A heading's text without its permalink or note markers (escaped, like the toc's)."""
    el = copy.deepcopy(el)
    for parent in el.iter():
        for child in list(parent):
            if child.tag == "a" and "headerlink" in (child.get("class") or "").split():
                parent.remove(child)
    return strip_tags(render_inner_html(remove_fnrefs(el), md))


def find_links(root: etree.Element, page_uri: str, md: Markdown) -> list[Link]:
    """Every link from this page to a Markdown page, in document order, with its section."""
    links: list[Link] = []
    note_sections: dict[str, Section | None] = {}   # footnote id -> section of its first marker
    current: list[Section | None] = [None]

    def walk(parent: etree.Element, forced: Section | None, in_note: bool) -> None:
        for el in parent:
            if not isinstance(el.tag, str):
                continue
            if el.tag in HEADINGS and el.get("id"):
                current[0] = Section(el.get("id"), heading_title(el, md), int(el.tag[1]))
                continue
            section = forced if in_note else current[0]
            note = in_note
            if el.tag == "li" and el.get("id") in note_sections:
                section, note = note_sections[el.get("id")], True
            if el.tag == "a":
                href = el.get("href") or ""
                if "footnote-ref" in (el.get("class") or "").split() and href.startswith("#"):
                    note_sections.setdefault(href[1:], section)
                found = resolve(href, page_uri)
                if found:
                    links.append(Link(found[0], found[1], section, el))
            walk(el, section, note)

    walk(root, None, False)
    return links


class LinkScanner(Treeprocessor):
    """Hands each rendered page's links to ``callback(links)``."""

    def __init__(self, md: Markdown, page_uri: Callable[[], str | None], callback: Callable[[list[Link]], None]):
        super().__init__(md)
        self.page_uri, self.callback = page_uri, callback

    def run(self, root: etree.Element) -> None:
        uri = self.page_uri()
        if uri is not None:
            self.callback(find_links(root, uri, self.md))


class LinkScannerExtension(Extension):
    """Register a ``LinkScanner`` on every page's Markdown instance."""

    def __init__(self, page_uri: Callable[[], str | None], callback: Callable[[list[Link]], None]):
        super().__init__()
        self.page_uri, self.callback = page_uri, callback

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(LinkScanner(md, self.page_uri, self.callback), "studybook_links", PRIORITY)
