"""The glossary's A-Z index, generated from the term pages at build time.

docs/glossary/index.md holds a marker line where the list belongs::

    <!-- glossary-index -->

The build replaces it with a row of letter links, then one section per
letter (``## A { #a }``) listing each term with its one-sentence definition,
taken from the term's page. A term added, renamed or redefined shows up here
on the next build; nothing is typed twice.
"""
from __future__ import annotations

import html
import re
import unicodedata

from studybook.errors import BookError
from studybook.glossary.terms import Term

MARKER = "<!-- glossary-index -->"
INDEX_URI = "glossary/index.md"


def sort_key(title: str) -> tuple[str, str]:
    """Alphabetical, ignoring case, accents and leading punctuation."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"^[^a-z0-9]+", "", plain), title


def letter(title: str) -> str:
    """The index letter a title files under: A-Z, or '#' for anything else."""
    first = sort_key(title)[0][:1].upper()
    return first if "A" <= first <= "Z" else "#"


def letter_id(letter_: str) -> str:
    return letter_.lower() if letter_ != "#" else "other"


def render_index(terms: dict[str, Term]) -> str:
    """The index as Markdown: letter links, then a section per letter."""
    groups: dict[str, list[Term]] = {}
    for term in sorted(terms.values(), key=lambda t: sort_key(t.title)):
        groups.setdefault(letter(term.title), []).append(term)
    jump = " ".join(f'<a href="#{letter_id(k)}">{html.escape(k)}</a>' for k in groups)
    out = [f'<nav class="sb-az" aria-label="Glossary letters">{jump}</nav>', ""]
    for key, items in groups.items():
        out += [f"## {key} {{ #{letter_id(key)} }}", ""]
        out += [f"- [{_escape_link_text(t.title)}]({t.slug}.md): {t.definition_md}" for t in items]
        out.append("")
    return "\n".join(out)


def insert_index(markdown: str, terms: dict[str, Term], path: str = f"docs/{INDEX_URI}") -> str:
    """Replace the marker line with the index; a page without the marker stops the build."""
    if MARKER not in markdown:
        raise BookError(path, None, f"the glossary index has no '{MARKER}' marker",
                        f"put the line {MARKER} where the A-Z list belongs; the build writes the list")
    return markdown.replace(MARKER, render_index(terms), 1)


def _escape_link_text(text: str) -> str:
    return text.replace("[", r"\[").replace("]", r"\]")
