"""The bibliography page: every source once, grouped, with "cited in" links back to the text.

The page's source holds a marker line (``MARKER``); at build time it becomes
one section per group (``bibfiles.GROUPS``, from each entry's ``keywords``),
each listing its entries in the CSL style's order. Every entry is a paragraph
whose id is made from its key (``bibfiles.anchor_id``: ``treaty-2000`` stays
``bibliography/#treaty-2000``, ``Kim:2001`` becomes ``#kim-2001``), followed by
links to the sections that cite it: "Chapter title — Section title". The
entry text itself is a placeholder (``entry_placeholder``) that the plugin
swaps for pandoc's HTML once Markdown has run.
"""
from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

from studybook.citations.bibfiles import GROUPS, Bibliography
from studybook.errors import BookError

MARKER = "<!-- bibliography -->"
# The key travels in hexadecimal: a key may hold "_" or "&", which Markdown
# would read as emphasis or an entity.
PLACEHOLDER = re.compile("\u27e6bib:([0-9a-f]+)\u27e7")


@dataclass(frozen=True)
class Place:
    """Where a source is cited: a page and the nearest heading with an id above the citation."""

    page: str                  # src_uri, e.g. "chapters/putin-in-seoul.md"
    page_title: str
    section_id: str | None     # None: the page itself
    section_title: str | None

    def label(self) -> str:
        if self.section_title and self.section_title != self.page_title:
            return f"{self.page_title} \u2014 {self.section_title}"
        return self.page_title


def entry_placeholder(key: str) -> str:
    """The text that stands for ``key``'s entry until the HTML is made."""
    return f"\u27e6bib:{key.encode().hex()}\u27e7"


def placeholder_key(match: re.Match) -> str:
    """The key of a ``PLACEHOLDER`` match."""
    return bytes.fromhex(match.group(1)).decode()


def _escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


def group_id(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def check_ids(bib: Bibliography, taken: set[str]) -> None:
    """No entry's id is a group heading's id or one of ``taken`` (the page's own ids)."""
    reserved = {group_id(title): f"the heading '{title}'" for title in GROUPS.values()}
    reserved.update({i: f"a heading of the page ({{ #{i} }})" for i in taken})
    for entry in bib.entries.values():
        if entry.anchor in reserved:
            raise BookError(entry.file, entry.line, f"entry '{entry.key}' would have the id '{entry.anchor}' on "
                            f"the bibliography page, which {reserved[entry.anchor]} has",
                            "rename the key, and the citations that use it")


def render(bib: Bibliography, order: list[str], cited_in: dict[str, list[Place]], page_uri: str,
           taken: Iterable[str] = ()) -> str:
    """The Markdown that replaces ``MARKER``.

    ``order`` is every key in the style's sort order; ``cited_in`` maps a key
    to the places that cite it, in reading order of the book; ``taken`` are
    the ids the page itself already has.
    """
    check_ids(bib, set(taken))
    here = posixpath.dirname(page_uri)
    blocks = []
    for group, title in GROUPS.items():
        keys = [k for k in order if bib.entries[k].group == group]
        if not keys:
            continue
        blocks.append(f"## {title} {{ #{group_id(title)} }}")
        for key in keys:
            blocks.append(f"{entry_placeholder(key)}\n{{ #{bib.entries[key].anchor} .bib-entry }}")
            places = list(dict.fromkeys(cited_in.get(key, [])))
            if places:
                links = []
                for p in places:
                    target = posixpath.relpath(p.page, here or ".")
                    if p.section_id:
                        target += f"#{p.section_id}"
                    links.append(f"[{_escape(p.label())}]({target})")
                blocks.append("Cited in: " + "; ".join(links) + ".\n{ .bib-cited-in }")
    return "\n\n".join(blocks)
