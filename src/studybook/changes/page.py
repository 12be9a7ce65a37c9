"""The "Changes in this edition" page: a ``compare.Report`` as HTML (templates/changes.html).

Pure: ``render(report, root)`` returns the HTML and the (id, title) of each
h2 for the page's table of contents. Every item links to the unit in both
editions (``<root><edition>/<path>#<id>``); a unit without an id links to its
section.
"""
from __future__ import annotations

import html

from studybook.anchors.addresses import edition_url
from studybook.changes import diff
from studybook.changes.compare import Item, PageChanges, Report
from studybook.templating import environment

TEMPLATES = environment(__file__)
LABELS = {   # (kind, unit) -> what the reader reads
    ("added", "paragraph"): "Paragraph added", ("added", "row"): "Row added",
    ("added", "heading"): "Heading added",
    ("removed", "paragraph"): "Paragraph removed", ("removed", "row"): "Row removed",
    ("removed", "heading"): "Heading removed",
    ("moved", "paragraph"): "Paragraph moved",
    ("changed", "paragraph"): "Paragraph changed", ("changed", "row"): "Row changed",
    ("renamed", "heading"): "Heading renamed",
}
COUNTS = (("changed", "Paragraphs and rows changed"), ("added", "Added"), ("removed", "Removed"),
          ("moved", "Paragraphs moved"), ("renamed", "Headings renamed"))


def page_heading(page: PageChanges) -> str:
    if page.kind == "chapter" and page.number:
        return f"Chapter {page.number}: {page.title}"
    return page.title or page.path or "Home"


def _link(root: str, edition: str, place) -> dict:
    return {"href": edition_url(root, edition, place.path, place.anchor), "text": f"in {edition}"}


def _item(item: Item, report: Report, root: str) -> dict:
    links, body, where = [], "", ""
    if item.old is not None:
        links.append(_link(root, report.old, item.old))
    if item.new is not None:
        links.append(_link(root, report.new, item.new))
    if item.kind == "moved" and item.old and item.new and item.old.src != item.new.src:
        where = f"from {item.old.path or 'the home page'}"
    if item.kind == "removed" and item.declared:
        where = f"(declared moved to {item.declared[0]}#{item.declared[1]})"
    if item.ops:
        body = diff.diff_html(item.ops)
    elif item.kind == "removed" and item.old is not None:
        body = f"<del>{diff.HIDDEN.format('[deleted: ')}{html.escape(item.old.text)}{diff.HIDDEN.format(']')}</del>"
    elif item.kind == "added" and item.new is not None and item.unit != "heading":
        body = f"<ins>{diff.HIDDEN.format('[inserted: ')}{html.escape(item.new.text)}{diff.HIDDEN.format(']')}</ins>"
    elif item.kind == "moved" and item.new is not None:
        body = html.escape(item.new.text)       # the same words, in a new place
    elif item.unit == "heading":
        body = html.escape((item.new or item.old).text)
    return {"kind": item.kind, "label": LABELS.get((item.kind, item.unit), item.kind.capitalize()),
            "where": where, "links": links, "body": body}


def _page_note(page: PageChanges, report: Report, root: str) -> str:
    new = f'<a href="{html.escape(edition_url(root, report.new, page.path))}">in {report.new}</a>'
    old_path = page.old_path if page.old_path is not None else page.path
    old = f'<a href="{html.escape(edition_url(root, report.old, old_path))}">in {report.old}</a>'
    if page.status == "added":
        return f"A new page: {new}."
    if page.status == "removed":
        return f"This page is no longer in the book: {old}."
    notes = []
    if page.status == "moved":
        notes.append(f"The page moved from {html.escape(page.old_path or '/')} to "
                     f"{html.escape(page.path or '/')}; the old address redirects: {old} · {new}.")
    if page.old_title:
        notes.append(f"Its title was “{html.escape(page.old_title)}”.")
    return " ".join(notes)


def render(report: Report, root: str) -> tuple[str, list[tuple[str, str]]]:
    """The page's HTML below the editors' summary, and its h2s as (id, title)."""
    pages = []
    used = {"changes-in-numbers"}
    for page in report.changed_pages:
        slug = "changes-" + (page.path.strip("/").replace("/", "-") or "home")
        while slug in used:
            slug += "-x"
        used.add(slug)
        pages.append({"anchor": slug, "heading": page_heading(page),
                      "note": _page_note(page, report, root),
                      "changes": [_item(i, report, root) for i in page.items]})
    counts = [(label, report.count(kind)) for kind, label in COUNTS]
    counts.append(("Pages added", sum(1 for p in report.pages if p.status == "added")))
    counts.append(("Pages removed", sum(1 for p in report.pages if p.status == "removed")))
    out = TEMPLATES.get_template("changes.html").render(
        ids={"summary": "changes-in-numbers"}, new=report.new, old=report.old,
        old_home=edition_url(root, report.old), counts=counts, pages=pages)
    toc = [("changes-in-numbers", "In numbers")] + [(p["anchor"], p["heading"]) for p in pages]
    return out, toc
