"""Glossary terms read from their pages: slug, title, one-sentence definition, abbreviations.

A glossary page (docs/glossary/<slug>.md) is the single source for everything
the build says about its term elsewhere: the hover preview in the chapters,
the line in the A-Z index and the abbreviation tooltips. This module reads the
pages once, before any page is rendered, so that every later step sees the
same data whatever order MkDocs renders pages in.

The definition is the first paragraph after the H1. It must be plain (no
links, citations, notes or HTML) and at most ``MAX_DEFINITION_WORDS`` words,
because it is shown on its own, out of context.
"""
from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field

import markdown
import yaml

from studybook.errors import BookError, yaml_error

GLOSSARY_DIR = "glossary"
MAX_DEFINITION_WORDS = 35
H1 = re.compile(r"^#\s+(?P<title>.+?)\s*$")
ATTR_LIST = re.compile(r"\s*\{[^}]*\}\s*$")
# What a plain definition must not contain, with the reason shown to the writer.
NOT_PLAIN = [
    (re.compile(r"\[@"), "a citation"),
    (re.compile(r"\[\^"), "a note"),
    (re.compile(r"\]\("), "a link"),
    (re.compile(r"<[A-Za-z/]"), "HTML"),
]
# A block that cannot be the definition paragraph.
NOT_PARAGRAPH = re.compile(r"^(#|!!!|\?\?\?|///|[-*+]\s|\d+[.)]\s|>|\||```|~~~|<)")


@dataclass
class Term:
    """One glossary page, as the rest of the build needs it."""

    slug: str
    path: str                      # "docs/glossary/<slug>.md", for messages
    title: str                     # front matter title, else the H1 text
    definition_md: str             # the definition's Markdown source, on one line
    definition: str                # the same as plain text (curly quotes, no markup)
    definition_line: int
    abbreviations: dict[str, str] = field(default_factory=dict)
    abbreviation_lines: dict[str, int] = field(default_factory=dict)


def is_term_page(src_uri: str) -> bool:
    """True for docs/glossary/<slug>.md (the index is not a term)."""
    folder, name = posixpath.split(src_uri)
    return folder == GLOSSARY_DIR and name.endswith(".md") and name != "index.md"


def split_front_matter(text: str, path: str) -> tuple[dict, int]:
    """The YAML front matter as a dict, and the 0-based line where the body starts.

    Raises ``BookError`` (``path`` and line) if the YAML is malformed or is not
    a mapping of names to values: MkDocs would otherwise drop it silently and
    show the YAML as text.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return _front_matter_data("\n".join(lines[1:i]), path), i + 1
    return {}, 0


def _front_matter_data(source: str, path: str) -> dict:
    """The front matter's YAML (file lines 2 on) as a dict; empty front matter is ``{}``."""
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, path, first_line=2) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise BookError(path, 2, f"front matter is {kind}, not settings written as 'name: value'",
                        "write each setting as 'name: value' on its own line between the two --- lines, "
                        "e.g. title: \"ABM Treaty\"")
    return data


def plain_text(markdown_text: str) -> str:
    """Inline Markdown as plain text: emphasis dropped, quotes and dashes made typographic."""
    rendered = markdown.markdown(markdown_text, extensions=["smarty"])
    text = re.sub(r"<[^>]+>", "", rendered)
    return " ".join(html.unescape(text).split())


def _definition(lines: list[str], start: int, path: str) -> tuple[str, int, str]:
    """Find the H1 at or after ``start``; return (definition source, its 1-based line, H1 title)."""
    i = start
    while i < len(lines) and not H1.match(lines[i]):
        i += 1
    if i == len(lines):
        first = next((n for n in range(start, len(lines)) if lines[n].strip()), start)
        raise BookError(path, min(first, max(len(lines) - 1, 0)) + 1, "glossary page has no H1 title",
                        "start the page (here, after any front matter) with '# Term name { #slug }'")
    title = ATTR_LIST.sub("", H1.match(lines[i]).group("title"))
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j == len(lines) or NOT_PARAGRAPH.match(lines[j]):
        raise BookError(path, i + 1, "glossary page has no one-sentence definition after its H1",
                        "write the definition as the first paragraph after the H1 "
                        "(docs/glossary pattern in CONTRIBUTING.md)")
    k = j
    body = []
    while k < len(lines) and lines[k].strip():
        if not ATTR_LIST.fullmatch(" " + lines[k].strip()):   # skip a paragraph-id line
            body.append(lines[k].strip())
        k += 1
    return " ".join(body), j + 1, title


def _abbreviations(meta: dict, text: str, path: str) -> tuple[dict[str, str], dict[str, int]]:
    raw = meta.get("abbreviations")
    if raw is None:
        return {}, {}
    line = _line_of_key(text, "abbreviations") or 1
    if not isinstance(raw, dict):
        raise BookError(path, line, "front matter 'abbreviations' must map each abbreviation to its expansion",
                        "write it as\n    abbreviations:\n      TKR: \"Trans-Korean Railway\"")
    out, lines = {}, {}
    for key, value in raw.items():
        key_line = _line_of_key(text, str(key)) or line
        if not isinstance(key, str) or not re.fullmatch(r"[A-Za-z0-9][\w.&/-]*", key):
            raise BookError(path, key_line, f"'{key}' is not an abbreviation",
                            "use the abbreviation as written in the text, e.g. ABM, G-8")
        if not isinstance(value, str) or not value.strip():
            raise BookError(path, key_line, f"abbreviation '{key}' has no expansion",
                            f"write it as   {key}: \"Its full name\"")
        out[key] = " ".join(value.split())
        lines[key] = key_line
    return out, lines


def _line_of_key(text: str, key: str) -> int | None:
    m = re.search(rf"^\s*['\"]?{re.escape(key)}['\"]?\s*:", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None


def parse_term(text: str, slug: str, path: str | None = None) -> Term:
    """Read one glossary page's source. Raises ``BookError`` on a missing or unplain definition."""
    path = path or f"docs/{GLOSSARY_DIR}/{slug}.md"
    meta, body_start = split_front_matter(text, path)
    lines = text.split("\n")
    source, line, h1_title = _definition(lines, body_start, path)
    for pattern, what in NOT_PLAIN:
        if pattern.search(source):
            raise BookError(path, line, f"the definition contains {what}",
                            "keep the first paragraph plain: it is also the hover preview and the "
                            "index line; move links and citations to 'What it is'")
    definition = plain_text(source)
    words = len(definition.split())
    if words > MAX_DEFINITION_WORDS:
        raise BookError(path, line, f"the definition has {words} words (at most {MAX_DEFINITION_WORDS})",
                        "shorten the one-sentence definition; put detail in 'What it is'")
    abbreviations, abbreviation_lines = _abbreviations(meta, text, path)
    title = str(meta.get("title") or h1_title).strip()
    return Term(slug, path, title, source, definition, line, abbreviations, abbreviation_lines)


def load_terms(pages: dict[str, str]) -> dict[str, Term]:
    """Parse every glossary page: ``{src_uri: text}`` in, ``{slug: Term}`` out."""
    terms = {}
    for uri, text in sorted(pages.items()):
        if is_term_page(uri):
            slug = posixpath.basename(uri)[:-3]
            terms[slug] = parse_term(text, slug, f"docs/{uri}")
    return terms
