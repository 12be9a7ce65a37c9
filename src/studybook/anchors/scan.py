"""Read the anchors of a rendered page: its headings, its body paragraphs and every id.

The id check (``idcheck``) and the anchor manifest (``manifest``) both need to
know, from the HTML a reader gets, which headings and paragraphs a page has
and what ids they carry. This module answers that, and nothing else: it
parses HTML (with lxml) into a small tree and walks it.

A *body paragraph* is a ``<p>`` of the main text: not inside a note, an
admonition, a list, a quotation, a table, a figure or a generated block
(anything marked ``sb-generated``, such as "Cite this page").
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import lxml.html

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# A <p> inside any of these is not a body paragraph.
NOT_BODY_TAGS = {"ul", "ol", "dl", "blockquote", "figure", "table", "details", "aside", "nav"}
NOT_BODY_CLASSES = {"admonition", "footnote", "sb-generated", "tabbed-set"}
# Text that is chrome, not words: the permalink sign, note markers.
SKIP_TEXT_CLASSES = {"headerlink", "footnote-ref", "sb-anchor-tools"}
ARTICLE_CLASS = "md-content__inner"
# Headings inside an element of this class are no anchors of the edition (not in
# anchors.json): the changes page's headings differ from one edition to the next.
UNANCHORED_CLASS = "sb-unanchored"
WORDS_IN_EXCERPT = 8


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list = field(default_factory=list)   # Node or str
    line: int = 0                                   # line in the HTML (1-based)
    # On a parsed whole page: every element with an id, as (id, tag, line), read
    # by lxml from the whole document (header, menus and footer included).
    ids: list | None = None

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    @property
    def id(self) -> str | None:
        return self.attrs.get("id")

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def iter(self):
        """This node and every node below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def text(self, skip: set[str] = SKIP_TEXT_CLASSES) -> str:
        """The node's text without chrome (permalinks, note markers), whitespace collapsed."""
        parts: list[str] = []

        def walk(node: Node):
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                elif not (child.classes & skip) and child.tag not in ("script", "style"):
                    walk(child)

        walk(self)
        return re.sub(r"\s+", " ", "".join(parts)).strip()


def _convert(element, parent: Node) -> Node:
    """An lxml element and everything below it as Nodes (comments dropped, their tails kept)."""
    node = Node(element.tag, dict(element.attrib), parent, line=element.sourceline or 0)
    if element.text:
        node.children.append(element.text)
    for child in element:
        if isinstance(child.tag, str):          # an element, not a comment or processing instruction
            node.children.append(_convert(child, node))
        if child.tail:
            node.children.append(child.tail)
    return node


@functools.lru_cache(maxsize=4)   # the id check and the manifest read the same page
def parse(html: str) -> Node:
    """A tree of the HTML document or fragment (shared between callers: do not change it).

    lxml's C parser reads the page. Of a whole page only the article (the main
    content) is copied into ``Node`` objects, since that is all the callers
    walk; the ids of the whole page are kept in ``root.ids`` for
    ``duplicate_ids``. A fragment is copied whole.
    """
    root = Node("#document", {})
    if not html.strip():
        return root
    document = lxml.html.document_fromstring(html)
    if "<html" in html[:1000].lower():
        root.ids = [(el.get("id"), el.tag, el.sourceline or 0) for el in document.iter() if el.get("id") is not None]
        articles = document.xpath(f'//article[contains(concat(" ", @class, " "), " {ARTICLE_CLASS} ")]')
        root.children.append(_convert(articles[0] if articles else document, root))
        return root
    body = document.find("body")            # a fragment: lxml wrapped it in <html><body>
    body = body if body is not None else document
    if body.text:
        root.children.append(body.text)
    for child in body:
        if isinstance(child.tag, str):
            root.children.append(_convert(child, root))
        if child.tail:
            root.children.append(child.tail)
    return root


def main_content(root: Node) -> Node:
    """The article (Material's ``md-content__inner``), or the whole tree for a fragment."""
    for node in root.iter():
        if node.tag == "article" and ARTICLE_CLASS in node.classes:
            return node
    return root


def is_body_paragraph(node: Node, content: Node) -> bool:
    if node.tag != "p":
        return False
    for anc in node.ancestors():
        if anc is content:
            return True
        if anc.tag in NOT_BODY_TAGS or anc.classes & NOT_BODY_CLASSES:
            return False
    return True


def excerpt(text: str, words: int = WORDS_IN_EXCERPT) -> str:
    """The first few words of a paragraph, with an ellipsis if there are more."""
    split = text.split()
    return " ".join(split[:words]) + (" …" if len(split) > words else "")


@dataclass
class Anchor:
    """A heading or body paragraph of a page, as the manifest lists it."""

    kind: str                  # "heading" or "paragraph"
    id: str | None
    text: str                  # heading text, or the paragraph's full text
    line: int                  # line in the HTML
    level: int = 0             # headings: 1-6
    section: str | None = None     # paragraphs: the id of the h2 (or h1) above
    subsection: str | None = None  # paragraphs: the id of an h3-h6 above, within the section
    n: int = 0                 # paragraphs: position in the section, from 1
    generated: bool = False    # inside a block the build made (e.g. "Cite this page")
    unanchored: bool = False   # headings inside an ``sb-unanchored`` block


def anchors(content: Node) -> list[Anchor]:
    """The headings and body paragraphs of the main content, in reading order."""
    out: list[Anchor] = []
    section: str | None = None
    subsection: str | None = None
    n = 0
    for node in content.iter():
        if node.tag in HEADINGS:
            above = set().union(*(a.classes for a in node.ancestors()))
            level = HEADINGS[node.tag]
            out.append(Anchor("heading", node.id, node.text(), node.line, level=level,
                              generated="sb-generated" in above, unanchored=UNANCHORED_CLASS in above))
            if level <= 2:
                section, subsection, n = node.id, None, 0
            else:
                subsection = node.id
        elif is_body_paragraph(node, content):
            text = node.text()
            if not text:
                continue
            n += 1
            out.append(Anchor("paragraph", node.id, text, node.line, section=section,
                              subsection=subsection, n=n))
    return out


def duplicate_ids(root: Node) -> dict[str, list[Node]]:
    """Every id used by more than one element of the page, with those elements."""
    seen: dict[str, list[Node]] = {}
    if root.ids is not None:                # a whole page: lxml listed every id
        for anchor_id, tag, line in root.ids:
            seen.setdefault(anchor_id, []).append(Node(tag, {"id": anchor_id}, line=line))
    else:
        for node in root.iter():
            if node.id is not None:
                seen.setdefault(node.id, []).append(node)
    return {i: nodes for i, nodes in seen.items() if len(nodes) > 1}
