"""What the book is made of: the kinds of page, their reading order, the chapter numbers.

One definition each, asked for everywhere:

- a **chapter** is a page under ``docs/chapters/`` other than its ``index.md``;
- a **glossary** entry is ``docs/glossary/<slug>.md``, a **person** is
  ``docs/people/<slug>.md`` (their ``index.md`` pages are A-Z lists, plain pages);
- every other page is a plain **page**;
- the **reading order** is the order of ``nav`` in ``mkdocs.yml`` (file names
  carry no numbers), and chapters are numbered 1, 2, ... in that order.

Pure functions of a page's ``src_uri`` (``chapters/introduction.md``) or of the
nav, with no state: call them from any event once nav exists (``on_nav``).
"""
from __future__ import annotations

CHAPTERS = "chapters/"
# Folder -> kind, for the entry pages that are not chapters.
ENTRY_KINDS = {"glossary/": "glossary", "people/": "person"}
KINDS = ("chapter", "glossary", "person", "page")


def is_index(src_uri: str) -> bool:
    return src_uri == "index.md" or src_uri.endswith("/index.md")


def is_chapter(src_uri: str) -> bool:
    """True for ``chapters/<slug>.md`` (not the chapter list, ``chapters/index.md``)."""
    return src_uri.startswith(CHAPTERS) and not is_index(src_uri)


def page_kind(src_uri: str) -> str:
    """``chapter``, ``glossary``, ``person`` or ``page``."""
    if is_chapter(src_uri):
        return "chapter"
    for folder, kind in ENTRY_KINDS.items():
        if src_uri.startswith(folder) and not is_index(src_uri):
            return kind
    return "page"


def reading_order(nav) -> list[str]:
    """The ``src_uri`` of every page in nav, in reading order."""
    return [page.file.src_uri for page in nav.pages]


def chapter_numbers(order: list[str]) -> dict[str, int]:
    """Each chapter's number, counted from 1 in reading order."""
    chapters = [uri for uri in order if is_chapter(uri)]
    return {uri: n for n, uri in enumerate(chapters, 1)}
