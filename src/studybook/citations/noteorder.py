"""Number footnotes in reading order: a Python-Markdown extension.

Python-Markdown's footnotes extension with ``USE_DEFINITION_ORDER: false``
numbers a note when its marker is reached by the inline processor, which
walks the document breadth-first: every top-level paragraph comes before any
list item, table cell or admonition. A note in a list item that a reader
meets second can get number 5. This tree processor runs after the footnotes
extension and renumbers the markers and the list of notes in document order
(depth-first, the order a reader meets them).
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.treeprocessors import Treeprocessor


def _walk(element: etree.Element, skip: etree.Element):
    """Elements in document order, leaving out ``skip`` and what it contains."""
    for child in element:
        if child is skip:
            continue
        yield child
        yield from _walk(child, skip)


def _marker_target(sup: etree.Element) -> str | None:
    if sup.tag != "sup":
        return None
    for a in sup:
        if a.tag == "a" and "footnote-ref" in a.get("class", "").split():
            return a.get("href", "")[1:]
    return None


class ReadingOrderTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        footnotes = next((e for e in self.md.registeredExtensions if isinstance(e, FootnoteExtension)), None)
        if footnotes is None:
            return
        div = next((d for d in root.iter("div") if d.get("class") == "footnote"), None)
        if div is None:
            return
        ol = div.find("ol")
        if ol is None:
            return
        order: list[str] = []
        markers: list[tuple[etree.Element, str]] = []
        # Markers in the text first, then any inside the notes themselves.
        for el in [*_walk(root, div), *_walk(div, None)]:
            target = _marker_target(el)
            if target is None:
                continue
            markers.append((el, target))
            if target not in order:
                order.append(target)
        number = {target: n for n, target in enumerate(order, 1)}
        fmt, title = footnotes.getConfig("SUPERSCRIPT_TEXT"), footnotes.getConfig("BACKLINK_TITLE")
        for sup, target in markers:
            for a in sup:
                if a.tag == "a":
                    a.text = fmt.format(number[target])
        items = list(ol)
        items.sort(key=lambda li: number.get(li.get("id", ""), len(order) + 1))
        for li in list(ol):
            ol.remove(li)
        for n, li in enumerate(items, 1):
            ol.append(li)
            for a in li.iter("a"):
                if "footnote-backref" in a.get("class", "").split():
                    a.set("title", title.format(n))


class ReadingOrderExtension(Extension):
    """Register the tree processor after the footnotes extension's own reordering."""

    def extendMarkdown(self, md) -> None:
        # 'inline' runs at 20 and 'footnote-reorder' at 19; 'footnote-duplicate' (15) must see our order.
        md.treeprocessors.register(ReadingOrderTreeprocessor(md), "studybook-note-order", 17)
