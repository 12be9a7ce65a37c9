"""One page of the print view -> the body of its own XHTML document in the EPUB.

Input is a page as ``studybook.offline.printview.rewrite_page`` leaves it:
every id is ``<page anchor>--<id>``, every link between pages is
``#<page anchor>--<id>`` or ``#<page anchor>``, images point from the site
root. ``to_document`` (pure, text in and out) turns that into:

- ids without the page prefix (each page is its own document, so the ids a
  page has online are unique in it, and ``#p-xxxx`` survives);
- links to ``<page anchor>.xhtml#id`` in the same folder (``#id`` inside the page);
- notes as EPUB 3 footnotes: each reference an ``a`` with ``epub:type="noteref"``
  (``role="doc-noteref"``), each note an ``aside`` with ``epub:type="footnote"``
  (``role="doc-footnote"``) that starts with its number, linked back to the
  text; numbered per page, as online;
- glossary term links marked ``epub:type="glossref"`` (``role="doc-glossref"``);
- images from the package (``../assets/figures/x.svg``);
- nothing a reading system cannot use: hidden elements (page data, tooltips),
  scripts, styles, ``noscript``, the print view's printed URLs.

XML cannot carry ``epub:type`` on lxml's HTML elements, so the tree uses
``data-epub-type`` and the serializer renames it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape as html_escape

import lxml.etree
import lxml.html

from studybook.templating import environment

TEXT_DIR = "text"             # the documents' folder inside the package
SEPARATOR = "--"               # printview: "<page anchor>--<id>"
EPUB_TYPE = "data-epub-type"   # renamed to epub:type when serialized
DROPPED = ("//*[@hidden]|//script|//style|//noscript|//link"
           '|//*[contains(concat(" ", @class, " "), " print-url ")]'
           '|//*[contains(concat(" ", @class, " "), " sb-previews ")]')
TEMPLATES = environment(__file__)


def has_class(name: str) -> str:
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


def file_name(anchor: str) -> str:
    """The document of page ``anchor``, relative to the other documents: ``chapters-prospects.xhtml``."""
    return f"{anchor}.xhtml"


@dataclass
class Document:
    anchor: str                    # the page anchor: "chapters-prospects"
    title: str
    body: str                      # XHTML, without <body>
    ids: list[str] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)  # (id, text) of each h2
    images: list[str] = field(default_factory=list)  # site-root paths of the images it shows
    svg: bool = False              # has inline SVG (the manifest says so)
    h1_id: str | None = None

    @property
    def name(self) -> str:
        return f"{TEXT_DIR}/{file_name(self.anchor)}"


def unprefix(value: str, anchor: str) -> str:
    """'chapters-prospects--p-bj54' -> 'p-bj54' (values of other pages are left alone)."""
    head, sep, tail = value.partition(SEPARATOR)
    return tail if sep and head == anchor else value


def link_target(href: str, anchor: str, anchors: set[str], online: dict[str, str] | None = None) -> str:
    """Where a print-view link points in the EPUB (see the module docstring); others unchanged.

    ``online`` maps the anchors of pages the EPUB only points to (the
    assignment builder) to their online address: a link to a place inside
    such a page goes there.
    """
    if not href.startswith("#"):
        return href
    head, sep, tail = href[1:].partition(SEPARATOR)
    if head not in anchors:
        return href
    if sep and online and head in online and head != anchor:
        return f"{online[head]}#{tail}"
    if not sep:
        return file_name(head)
    return f"#{tail}" if head == anchor else f"{file_name(head)}#{tail}"


def _notes(root, anchor: str) -> None:
    """Python-Markdown's notes (div.footnote > ol > li) -> EPUB footnotes (asides), numbered as online."""
    for refs in root.xpath(f".//a[{has_class('footnote-ref')}]"):
        refs.set(EPUB_TYPE, "noteref")
        refs.set("role", "doc-noteref")
    for block in root.xpath(f".//div[{has_class('footnote')}]"):
        section = lxml.html.Element("section")
        section.set("class", "notes")
        section.set(EPUB_TYPE, "footnotes")
        heading = block.find("h2")
        if heading is not None:
            section.append(heading)
            section.set("aria-labelledby", heading.get("id"))
        for number, item in enumerate(block.xpath("./ol/li"), 1):
            note_id = item.get("id")
            aside = lxml.html.Element("aside")
            aside.set("id", note_id)
            aside.set("class", "note")
            aside.set(EPUB_TYPE, "footnote")
            aside.set("role", "doc-footnote")
            back = lxml.html.Element("a")
            back.set("href", "#" + note_id.replace("fn:", "fnref:", 1))
            back.set("role", "doc-backlink")
            back.set("class", "note-number")
            back.text = f"{number}."
            back.tail = " "
            aside.text = item.text
            for child in list(item):
                aside.append(child)
            first = aside.find("p")
            if first is not None:
                back.tail = " " + (first.text or "")
                first.text = None
                first.insert(0, back)
            else:
                aside.insert(0, back)
            section.append(aside)
        block.addprevious(section)
        block.drop_tree()


def to_document(html: str, anchor: str, anchors: set[str], title: str, *, entry_kind: str | None = None,
                online: dict[str, str] | None = None) -> Document:
    """The XHTML body of page ``anchor`` (see the module docstring).

    ``entry_kind`` is "glossary" for a glossary entry: its h1 becomes the
    defined term (``dfn``, ``epub:type="glossterm"``).
    """
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for el in root.xpath(DROPPED.replace("//", ".//")):
        el.drop_tree()
    for el in root.xpath(".//*[@id]"):
        el.set("id", unprefix(el.get("id"), anchor))
    for el in root.xpath(".//*[@aria-labelledby]|.//*[@aria-controls]|.//label[@for]"):
        for attr in ("aria-labelledby", "aria-controls", "for"):
            if el.get(attr):
                el.set(attr, " ".join(unprefix(v, anchor) for v in el.get(attr).split()))
    for a in root.xpath(".//a[@href]"):
        a.set("href", link_target(a.get("href"), anchor, anchors, online))
        if "sb-term" in (a.get("class") or "").split() and a.get("href").startswith("glossary-"):
            a.set(EPUB_TYPE, "glossref")   # a term in the text, linked to its glossary entry
            a.set("role", "doc-glossref")
    images = []
    for el in root.xpath(".//img[@src]"):
        src = el.get("src")
        if not re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I) and not src.startswith("../"):
            images.append(src)
            el.set("src", f"../{src}")
    _notes(root, anchor)
    h1 = root.find(".//h1")
    if entry_kind == "glossary" and h1 is not None:
        dfn = lxml.html.Element("dfn")
        dfn.set(EPUB_TYPE, "glossterm")
        dfn.text, h1.text = h1.text, None
        for child in list(h1):
            dfn.append(child)
        h1.append(dfn)
    sections = [(h.get("id"), " ".join(h.text_content().split())) for h in root.xpath(".//h2[@id]")
                if "print-notes-title" not in (h.get("class") or "")]
    body = serialize(root)
    return Document(anchor=anchor, title=title, body=body, ids=[el.get("id") for el in root.xpath(".//*[@id]")],
                    sections=sections, images=images, svg=bool(root.xpath(".//svg")),
                    h1_id=h1.get("id") if h1 is not None else None)


def serialize(root) -> str:
    """The children of ``root`` as XHTML (well-formed XML; ``data-epub-type`` -> ``epub:type``)."""
    text = html_escape(root.text or "", quote=False)
    out = text + "".join(lxml.etree.tostring(child, method="xml", encoding="unicode") for child in root)
    return re.sub(rf"\s{EPUB_TYPE}=", " epub:type=", out)


def online_only(html: str, heading: str, url: str) -> str:
    """A page that only works in a browser (the assignment builder): its h1 and one line pointing online."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    h1 = root.find(".//h1")
    h1_id = f' id="{h1.get("id")}"' if h1 is not None and h1.get("id") else ""
    return TEMPLATES.get_template("online-only.html").render(h1_id=h1_id, heading=heading, url=url)


def xhtml_page(doc: Document, *, language: str, kind: str, number: int | None, stylesheet: str) -> str:
    """The whole XHTML document of one page (templates/page.xhtml)."""
    return TEMPLATES.get_template("page.xhtml").render(doc=doc, language=language, kind=kind, number=number,
                                                       stylesheet=stylesheet)
