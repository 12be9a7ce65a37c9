"""The text of an edition by id: what ``texts.json`` holds (its format: ``manifest``'s docstring).

anchors.json names every anchor with a few words; texts.json keeps the whole
plain text of every heading and body paragraph of the pages whose words a
reader may quote or a teacher may assign: chapters, glossary entries, people
and the timeline. ``make publish`` compares it with the previous edition's
(``studybook.changes``), paragraph by paragraph.

Pure helpers: ``page_units(html, kind)`` reads one rendered page,
``texts(...)`` makes the document. The manifest plugin calls them.
"""
from __future__ import annotations

from studybook.anchors import scan as anchorscan

TEXTS = "texts.json"
# The pages whose text is kept: these kinds (studybook.book.page_kind), and these pages.
TEXT_KINDS = {"chapter", "glossary", "person"}
TEXT_PAGES = {"timeline.md"}


def has_text(src_uri: str, kind: str) -> bool:
    """Whether texts.json keeps the words of this page."""
    return kind in TEXT_KINDS or src_uri in TEXT_PAGES


def _rows(content: anchorscan.Node) -> list[tuple[int, str, str | None]]:
    """(line, text, section) of every body table row: the timeline's events, one a row."""
    out = []
    section = None
    for node in content.iter():
        if node.tag in anchorscan.HEADINGS and anchorscan.HEADINGS[node.tag] <= 2:
            section = node.id
        elif node.tag == "tr" and not any(a.tag == "thead" for a in node.ancestors()):
            cells = [c.text() for c in node.children
                     if isinstance(c, anchorscan.Node) and c.tag in ("td", "th")]
            if any(cells):
                out.append((node.line, " | ".join(cells), section))
    return out


def page_units(html: str, kind: str) -> list[dict]:
    """Every heading, body paragraph and table row of a rendered page, in reading order.

    A unit is ``{"kind", "id", "text"}`` plus ``level`` (headings) or
    ``section`` (the id of the h2 above; paragraphs and rows). Paragraphs and
    rows without an id (glossary, people, timeline) have ``"id": null`` and
    are matched by their words (``studybook.changes.compare``).
    """
    content = anchorscan.main_content(anchorscan.parse(html))
    found = []
    for a in anchorscan.anchors(content):
        if a.generated:
            continue
        if a.kind == "heading":
            found.append((a.line, {"kind": "heading", "id": a.id, "level": a.level, "text": a.text}))
        else:
            found.append((a.line, {"kind": "paragraph", "id": a.id, "section": a.section, "text": a.text}))
    if kind != "chapter":
        found += [(line, {"kind": "row", "id": None, "section": section, "text": text})
                  for line, text, section in _rows(content)]
    found.sort(key=lambda pair: pair[0])          # stable: a row and a paragraph never share a line
    return [unit for _, unit in found]


def page_record(entry: dict, html: str) -> dict:
    """A page of texts.json: the manifest entry's path, src, title, kind, and its units if kept."""
    record = {k: entry[k] for k in ("path", "src", "title", "kind")}
    if "number" in entry:
        record["number"] = entry["number"]
    if has_text(entry["src"], entry["kind"]):
        record["units"] = page_units(html, entry["kind"])
    return record


def linkable(record: dict) -> dict:
    """The record as texts.json publishes it: only the units with an id.

    Those are what a link can point at: every heading, and every paragraph of a
    chapter. Paragraphs and rows without an id (glossary, people, timeline) are
    most of the words but no link names them; keeping them would take the file
    past its budget (60 KB gzipped; they are about 45 KB of its 76). Whoever
    compares editions reads them from the rendered page (``page_units``).
    """
    if "units" not in record:
        return record
    return {**record, "units": [u for u in record["units"] if u.get("id")]}


def texts(edition: str, date: str, built: str, site: str, pages: list[dict]) -> dict:
    return {"edition": edition, "date": date, "built": built, "site": site, "pages": pages}
