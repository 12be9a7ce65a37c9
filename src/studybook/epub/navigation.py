"""The navigation document (nav.xhtml): the contents and the landmarks.

- **Contents** (``epub:type="toc"``): every page in reading order; each
  chapter with its sections (its h2 headings); the glossary and people
  entries under their A-Z pages.
- **Landmarks**: the cover, the contents, the start of the text (the first
  chapter), the glossary and the bibliography.

Pure: ``nav_items`` and ``landmarks`` take the documents and return plain
data that templates/nav.xhtml renders.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from studybook.templating import environment

TEMPLATES = environment(__file__)


@dataclass
class NavItem:
    href: str
    title: str
    children: list[NavItem] = field(default_factory=list)


@dataclass
class Part:
    """What the navigation needs to know about one document."""

    href: str                      # from nav.xhtml: "text/chapters-prospects.xhtml"
    title: str
    kind: str                      # studybook.book.page_kind, or "bibliography", "glossary-index"
    number: int | None = None      # chapter number
    entry: bool = False            # a glossary or people entry (nested under its A-Z page)
    sections: list[tuple[str, str]] = field(default_factory=list)


def nav_items(parts: list[Part]) -> list[NavItem]:
    """The contents tree: pages in order, chapters with their sections, entries under their index."""
    items: list[NavItem] = []
    for part in parts:
        if part.entry and items:
            items[-1].children.append(NavItem(part.href, part.title))
            continue
        title = f"Chapter {part.number}. {part.title}" if part.number else part.title
        children = [NavItem(f"{part.href}#{sid}", text) for sid, text in part.sections] if part.number else []
        items.append(NavItem(part.href, title, children))
    return items


def landmarks(parts: list[Part], *, cover: str, toc: str) -> list[tuple[str, str, str]]:
    """(epub:type, href, label) of each landmark that the book has."""
    marks = [("cover", cover, "Cover"), ("toc", toc, "Contents")]
    first = next((p for p in parts if p.number), None)
    if first:
        marks.append(("bodymatter", first.href, "Start of the text"))
    for kind, epub_type, label in (("glossary-index", "glossary", "Glossary"),
                                   ("bibliography", "bibliography", "Bibliography")):
        part = next((p for p in parts if p.kind == kind), None)
        if part:
            marks.append((epub_type, part.href, label))
    return marks


def nav_document(parts: list[Part], *, title: str, language: str, stylesheet: str,
                 cover: str, toc_id: str = "toc") -> str:
    return TEMPLATES.get_template("nav.xhtml").render(
        items=nav_items(parts), landmarks=landmarks(parts, cover=cover, toc=f"nav.xhtml#{toc_id}"),
        title=title, language=language, stylesheet=stylesheet, toc_id=toc_id)
