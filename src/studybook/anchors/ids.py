"""Stable ids for the chapters' headings and paragraphs, stored in the Markdown source.

Teachers link to paragraphs ("read from #p-7kq2 to #p-m3d8"), so each body
paragraph of a chapter carries an id written into the source as an attr_list
line at the end of the paragraph::

    Russia signed the new treaty on 9 February 2000.
    It has twelve articles.
    { #p-7kq2 }

and each heading carries a readable slug: ``## The credit line { #credit-line }``.

An id is assigned once, by this tool, and never recomputed: editing the text
before or inside a paragraph or heading does not change it. Paragraph ids are
short and random-looking, heading ids are slugs of the heading's words at the
time it got its id; both are unique within their page.

The build runs the same checks (``problems``) through the ``studybook-idcheck``
plugin, so a page with a missing or repeated id never reaches readers.

Usage::

    python -m studybook.anchors.ids docs/chapters          # add ids where missing
    python -m studybook.anchors.ids --check docs/chapters  # fail if any is missing or repeated
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ID_LINE = re.compile(r"^\{:?\s*#(?P<id>[A-Za-z][\w-]*)[^}]*\}\s*$")
HEADING_ID = re.compile(r"\{[^}]*#(?P<id>[A-Za-z][\w-]*)[^}]*\}\s*$")
ANY_ID = re.compile(r"#(?P<id>[A-Za-z][\w-]*)")
# First lines of blocks that are not body paragraphs.
NOT_PARAGRAPH = re.compile(
    r"""^(
        \#{1,6}\s            # heading
      | [-*+]\s | \d+[.)]\s  # list item
      | >                    # block quote
      | \|                   # table row
      | <                    # raw HTML
      | !!!|\?\?\?|///       # admonition, details, caption block
      | \[\^[^\]]+\]:        # footnote definition
      | \[[^\]]+\]:\s        # link reference definition
      | \*\[                 # abbreviation definition
      | :                    # definition-list body
      | \{                   # a lone attribute list
      | !\[[^\]]*\]\([^)]*\)\s*(\{[^}]*\})?\s*$   # an image on its own (a figure)
      | -{3,}\s*$ | \*{3,}\s*$ | _{3,}\s*$         # thematic break
      | (```|~~~)            # code fence
    )""",
    re.X,
)
ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no l, o, 0, 1: easy to read aloud
HEADING = re.compile(r"^(?P<hashes>\#{1,6})\s+(?P<text>.*?)\s*$")
SLUG_WORDS = 6          # a heading slug keeps at most this many words


@dataclass
class Paragraph:
    """A body paragraph: its first and last line (0-based) and its id, if any."""

    start: int
    end: int
    id: str | None


def _front_matter_end(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                return i + 1
    return 0


def find_paragraphs(text: str) -> list[Paragraph]:
    """The top-level body paragraphs of a Markdown page, in order.

    A paragraph is a run of non-blank, unindented lines that does not start
    like a heading, list, quote, table, HTML, admonition, footnote, figure or
    code fence. Front matter and code fences are skipped.
    """
    lines = text.split("\n")
    i = _front_matter_end(lines)
    out: list[Paragraph] = []
    fence: str | None = None
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = None
            i += 1
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            i += 1
            continue
        if not stripped or line[:1] in (" ", "\t"):
            i += 1
            continue
        # A block starts here: it runs to the next blank line.
        j = i
        while j + 1 < len(lines) and lines[j + 1].strip():
            j += 1
        if NOT_PARAGRAPH.match(line):
            if line.startswith("#"):   # a heading is one line; what follows is a new block
                j = i
            i = j + 1
            continue
        m = ID_LINE.match(lines[j].strip())
        out.append(Paragraph(i, j, m.group("id") if m else None))
        i = j + 1
    return out


@dataclass
class Heading:
    """An ATX heading at the top level: its line (0-based), level, text and id, if any."""

    line: int
    level: int
    text: str
    id: str | None


def find_headings(text: str) -> list[Heading]:
    """The top-level ATX headings of a page (not in front matter, code or indented blocks)."""
    lines = text.split("\n")
    out: list[Heading] = []
    fence: str | None = None
    for n in range(_front_matter_end(lines), len(lines)):
        line = lines[n]
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            continue
        m = HEADING.match(line)
        if not m:
            continue
        words = m.group("text")
        attrs = HEADING_ID.search(words)
        if attrs:
            words = words[:attrs.start()].rstrip()
        out.append(Heading(n, len(m.group("hashes")), words.rstrip("# ").strip(),
                           attrs.group("id") if attrs else None))
    return out


def slugify(text: str, taken: set[str] = frozenset()) -> str:
    """A readable, ASCII, kebab-case id for a heading, not in ``taken``.

    ``"Putin's visit to Seoul, 2001"`` becomes ``putins-visit-to-seoul-2001``.
    """
    text = re.sub(r"\{[^}]*\}|['’]", "", text)          # attribute lists, apostrophes
    plain = "".join(c if unicodedata.category(c)[0] in "LN" else " "
                    for c in unicodedata.normalize("NFKD", text)
                    if not unicodedata.combining(c))
    plain = plain.encode("ascii", "ignore").decode()       # letters outside ASCII drop out
    words = re.findall(r"[a-z0-9]+", plain.lower())[:SLUG_WORDS] or ["section"]
    base = "-".join(words)
    if not base[0].isalpha():
        base = "s-" + base
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def ids_in(text: str) -> list[tuple[int, str]]:
    """Every explicit id in the page (headings and paragraphs), with its 1-based line."""
    found = []
    fence = None
    for n, line in enumerate(text.split("\n"), 1):
        s = line.strip()
        if s.startswith(("```", "~~~")):
            fence = None if fence else s[:3]
            continue
        if fence:
            continue
        m = ID_LINE.match(s) or (s.startswith("#") and HEADING_ID.search(s))
        if m:
            found.append((n, m.group("id")))
    return found


def new_id(seed: str, taken: set[str]) -> str:
    """A short id derived from ``seed`` that is not in ``taken``."""
    for salt in range(1000):
        digest = hashlib.sha256(f"{salt}:{seed}".encode()).digest()
        candidate = "p-" + "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:4])
        if candidate not in taken:
            return candidate
    raise RuntimeError("could not find a free id")  # pragma: no cover


def assign_ids(text: str, page: str = "") -> tuple[str, int]:
    """Give every heading and paragraph that lacks an id one. Returns (text, count added).

    A heading gets a slug of its words, written into the heading line; a
    paragraph gets a short id on a line of its own after its last line.
    """
    lines = text.split("\n")
    taken = {i for _, i in ids_in(text)}
    added = 0
    for head in find_headings(text):   # same line count: edit in place
        if head.id:
            continue
        slug = slugify(head.text, taken)
        taken.add(slug)
        lines[head.line] = f"{lines[head.line].rstrip()} {{ #{slug} }}"
        added += 1
    for para in reversed(find_paragraphs(text)):   # bottom-up keeps line numbers valid
        if para.id:
            continue
        body = "\n".join(lines[para.start:para.end + 1])
        pid = new_id(f"{page}\n{body}", taken)
        taken.add(pid)
        lines.insert(para.end + 1, f"{{ #{pid} }}")
        added += 1
    return "\n".join(lines), added


@dataclass
class Problem:
    """One thing wrong with a page's ids: its 1-based line, what is wrong, how to fix it."""

    line: int
    problem: str
    fix: str

    def format(self, path: str) -> str:
        return f"{path}:{self.line}: {self.problem}; {self.fix}"


def find_problems(text: str) -> list[Problem]:
    """Headings and paragraphs without an id, and ids used twice, in line order."""
    out = [Problem(h.line + 1, f"heading '{h.text}' has no id", "run `make ids`")
           for h in find_headings(text) if not h.id]
    out += [Problem(p.start + 1, "paragraph has no id", "run `make ids`")
            for p in find_paragraphs(text) if not p.id]
    seen: dict[str, int] = {}
    for line, pid in ids_in(text):
        if pid in seen:
            out.append(Problem(line, f"id '#{pid}' is already used on line {seen[pid]}",
                               "give one of them a new id (delete it and run `make ids`)"))
        else:
            seen[pid] = line
    return sorted(out, key=lambda p: p.line)


def problems(text: str, path: str) -> list[str]:
    """Every id problem of a page as a 'path:line: message; fix' string."""
    return [p.format(path) for p in find_problems(text)]


def _pages(targets: list[str]) -> list[Path]:
    pages: list[Path] = []
    for t in targets:
        p = Path(t)
        pages.extend(sorted(p.rglob("*.md")) if p.is_dir() else [p])
    return [p for p in pages if p.name != "index.md"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("targets", nargs="+", help="chapter files or folders")
    ap.add_argument("--check", action="store_true", help="report, do not write")
    args = ap.parse_args(argv)
    status = 0
    for page in _pages(args.targets):
        text = page.read_text(encoding="utf-8")
        if args.check:
            for message in problems(text, str(page)):
                print(message, file=sys.stderr)
                status = 1
            continue
        new, added = assign_ids(text, page.stem)
        if added:
            page.write_text(new, encoding="utf-8")
            print(f"{page}: {added} new id(s)")
    return status


if __name__ == "__main__":
    sys.exit(main())
