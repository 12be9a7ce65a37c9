"""Find the citations and notes in a page's Markdown, and rewrite them (pure text in, text out).

The syntax (pandoc's, restricted to what the book uses):

- a citation cluster ``[@key]``, ``[@key, p. 12]``, ``[@a, pp. 5–8; @b]``, with an
  optional prefix (``[see @key, p. 3]``). A key is what ``bibfiles.KEY``
  allows (``Yeo2001``, ``yeo-2001``, ``doi:10.1000/xyz``), also in pandoc's
  braces (``[@{Kim:2001}, p. 3]``);
- our own notes: ``[^label]`` in the text and a definition ``[^label]: text``,
  which may itself contain citation clusters.

Not citations (left exactly as written): anything in code (fences and inline
code), in HTML comments, after a backslash (``\\[@x]``), and link text
(``[@x](url)``, ``[see [@x]](url)``, ``[@x][ref]``).

``scan_page`` returns every cluster, note reference, note definition and
heading with its position; ``PageScan.slots()`` gives the notes of the page in
reading order (a body cluster, or our note at the place of its marker), which
is the order the engine numbers notes and decides first (full) and
subsequent (short) citations. ``rewrite_page`` turns each body cluster into a
footnote and each cluster inside our notes into an inline placeholder.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from studybook.citations.bibfiles import KEY, KEY_FIX
from studybook.errors import BookError, line_of

CITE_LABEL = "cite-"          # our footnote labels for citation notes: [^cite-1], [^cite-2] ...
FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})", re.M)
# Inline code: a run of backticks up to the same run, within one paragraph.
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
BRACKETS = re.compile(r"\[(?P<body>[^\[\]\n]*)\]")
# An "@" where a citation key could start: at the start of the bracket, or after a space or ";".
CITE_AT = re.compile(r"(?:^|[\s;])-?@\S")
CITE_ITEM = re.compile(r"^\s*(?:(?P<prefix>[^@;]*?)\s+)?@(?P<key>[^\s,;\]]+)\s*(?:,\s*(?P<locator>[^;]*?))?\s*$")
NOTE_REF = re.compile(r"\[\^(?P<label>[^\]\s]+)\](?!:)")
NOTE_DEF = re.compile(r"^(?P<indent>[ \t]*)\[\^(?P<label>[^\]\s]+)\]:", re.M)
HEADING = re.compile(r"^[ ]{0,3}(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*$", re.M)
ATTRS = re.compile(r"\{:?(?P<attrs>[^{}]*)\}\s*$")
LOOKS_LIKE_CITE = re.compile(r"\[(?:[^\[\]\n]*?[\s;])?-?@[\w{]")
PUNCTUATION = re.compile(r"[.,;:!?]+")


@dataclass(frozen=True)
class Cite:
    """One source in a cluster: ``see @key, p. 12`` is prefix "see", key, locator "p. 12"."""

    key: str
    locator: str = ""
    prefix: str = ""

    def pandoc(self) -> str:
        text = f"@{self.key}"
        if self.prefix:
            text = f"{self.prefix} {text}"
        if self.locator:
            text += f", {self.locator}"
        return text


@dataclass
class Cluster:
    """A citation cluster ``[...]``; ``note`` is the label of our note that holds it, if any."""

    start: int
    end: int
    cites: list[Cite]
    line: int
    note: str | None = None
    number: int = 0           # 1-based, in source order among the page's clusters

    def pandoc(self) -> str:
        return "[" + "; ".join(c.pandoc() for c in self.cites) + "]"


@dataclass
class NoteRef:
    label: str
    start: int
    end: int
    line: int


@dataclass
class NoteDef:
    label: str
    start: int                # the "[" of "[^label]:"
    end: int                  # the end of the definition's last line
    line: int


@dataclass
class Heading:
    level: int
    id: str | None
    title: str
    start: int


@dataclass
class Slot:
    """One note of the page, in reading order: a body cluster, or our note (with its clusters)."""

    position: int
    cluster: Cluster | None = None
    label: str | None = None
    inner: list[Cluster] = field(default_factory=list)


@dataclass
class PageScan:
    path: str                 # for messages, e.g. "docs/chapters/x.md"
    text: str
    clusters: list[Cluster]
    refs: list[NoteRef]
    defs: list[NoteDef]
    headings: list[Heading]
    line_offset: int = 0

    def slots(self) -> list[Slot]:
        """The page's notes in reading order."""
        out = [Slot(c.start, cluster=c) for c in self.clusters if c.note is None]
        first_ref: dict[str, int] = {}
        for r in self.refs:
            first_ref.setdefault(r.label, r.start)
        for label, pos in first_ref.items():
            out.append(Slot(pos, label=label, inner=[c for c in self.clusters if c.note == label]))
        return sorted(out, key=lambda s: s.position)

    def place_of(self, cluster: Cluster) -> int:
        """Where a cluster counts in reading order: its own place, or its note's marker."""
        if cluster.note is None:
            return cluster.start
        return min(r.start for r in self.refs if r.label == cluster.note)

    def section_at(self, position: int) -> Heading | None:
        """The nearest heading with an id above ``position``."""
        found = None
        for h in self.headings:
            if h.start > position:
                break
            if h.id:
                found = h
        return found


def mask(text: str) -> str:
    """``text`` with code, HTML comments and escaped brackets blanked out (same length, same lines)."""
    chars = list(text)

    def blank(a: int, b: int) -> None:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "

    # Fenced code: from an opening fence line to the closing fence (or the end).
    pos = 0
    while True:
        m = FENCE_OPEN.search(text, pos)
        if not m:
            break
        fence = m.group(1)
        close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M)
        line_end = text.find("\n", m.end())
        c = close.search(text, line_end + 1) if line_end != -1 else None
        end = c.end() if c else len(text)
        blank(m.start(), end)
        pos = end
    masked = "".join(chars)
    for rx in (COMMENT, CODE_SPAN):
        for m in rx.finditer(masked):
            blank(*m.span())
        masked = "".join(chars)
    for m in re.finditer(r"\\[\[\]]", masked):
        blank(*m.span())
    return "".join(chars)


def _link_text_spans(masked: str) -> list[tuple[int, int]]:
    """Spans of bracketed text that is a link's or image's text: ``[...](`` or ``[...][``."""
    spans, stack = [], []
    for i, ch in enumerate(masked):
        if ch == "[":
            stack.append(i)
        elif ch == "]" and stack:
            start = stack.pop()
            after = masked[i + 1:i + 3]
            if after[:1] == "(" or (after[:1] == "[" and after != "[^"):
                spans.append((start, i + 1))
    return spans


def _def_spans(masked: str) -> list[tuple[str, int, int]]:
    """(label, start, end) of every note definition, read the way Python-Markdown reads them.

    A definition runs from its marker over the lines that follow it directly
    (lazy continuation) and, after a blank line, over lines indented four
    spaces more than the marker. The next definition ends it.
    """
    lines = masked.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    out = []
    starts = list(NOTE_DEF.finditer(masked))
    for n, m in enumerate(starts):
        indent = len(m.group("indent").expandtabs(4))
        limit = starts[n + 1].start() if n + 1 < len(starts) else len(masked)
        first = masked.count("\n", 0, m.start())
        last, blank_seen = first, False
        for k in range(first + 1, len(lines)):
            if offsets[k] >= limit:
                break
            line = lines[k]
            if not line.strip():
                blank_seen = True
                continue
            if blank_seen and len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip()) < indent + 4:
                break
            last, blank_seen = k, False
        end = offsets[last] + len(lines[last])
        out.append((m.group("label"), m.start() + len(m.group("indent")), min(end, limit)))
    return out


def parse_cluster(body: str) -> list[Cite] | None:
    """The cites of a cluster's text (without brackets), or None if it is not well formed."""
    cites = []
    for part in body.split(";"):
        m = CITE_ITEM.match(part)
        key = _unbraced(m.group("key")) if m else ""
        if not KEY.match(key):
            return None
        cites.append(Cite(key, (m.group("locator") or "").strip(), (m.group("prefix") or "").strip()))
    return cites


def _unbraced(key: str) -> str:
    """A key without pandoc's optional braces: ``{Kim:2001}`` is ``Kim:2001``."""
    return key[1:-1] if len(key) > 2 and key[0] == "{" and key[-1] == "}" else key


def _heading_title(text: str) -> tuple[str, str | None]:
    """A heading's text as plain words, and its ``{ #id }`` if it has one."""
    m = ATTRS.search(text)
    hid = None
    if m:
        ids = re.findall(r"#([\w-]+)", m.group("attrs"))
        hid = ids[0] if ids else None
        text = text[:m.start()]
    text = text.rstrip().rstrip("#").rstrip()
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)      # links keep their text
    text = re.sub(r"(\*{1,3}|_{1,3}|`)(.+?)\1", r"\2", text)     # emphasis and code
    return text.strip(), hid


# -- The steps of scan_page ----------------------------------------------------------

@dataclass(frozen=True)
class _Page:
    """The page being scanned: its text, the masked text and how to point at a place in it."""

    text: str
    masked: str
    path: str
    line_offset: int

    def line(self, pos: int) -> int:
        """The file line of a position (front matter lines included)."""
        return line_of(self.text, pos) + self.line_offset

    def error(self, pos: int, problem: str, fix: str) -> BookError:
        """A ``BookError`` at the line of ``pos``."""
        return BookError(self.path, self.line(pos), problem, fix)


def _note_defs(page: _Page) -> list[NoteDef]:
    """Every note definition ``[^label]: ...``, with its extent and line."""
    return [NoteDef(label, a, b, page.line(a)) for label, a, b in _def_spans(page.masked)]


def _def_at(defs: list[NoteDef], pos: int) -> NoteDef | None:
    """The note definition that holds ``pos``, if any."""
    return next((d for d in defs if d.start <= pos < d.end), None)


def _is_link_part(masked: str, links: list[tuple[int, int]], start: int, end: int) -> bool:
    """True if the brackets at ``start:end`` belong to a link, not a citation."""
    after = masked[end:end + 2]
    if after[:1] == "(" or (after[:1] == "[" and after != "[^"):
        return True                                    # [@x](url) or [@x][ref]
    if after[:1] == ":" and not masked[masked.rfind("\n", 0, start) + 1:start].strip():
        return True                                    # [@x]: url -- a link definition
    return any(a < start and end <= b for a, b in links)   # inside a link's text


def _cluster_spans(masked: str, links: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The (start, end) of every bracket that is meant as a citation cluster."""
    spans = []
    for m in BRACKETS.finditer(masked):
        body = m.group("body")
        if body.startswith("^") or not CITE_AT.search(body):
            continue                                   # a note marker, or no "@key" in it
        if not _is_link_part(masked, links, *m.span()):
            spans.append(m.span())
    return spans


def _clusters(page: _Page, links: list[tuple[int, int]], defs: list[NoteDef]) -> list[Cluster]:
    """Every citation cluster, numbered in source order; raises on a malformed one."""
    clusters = []
    for start, end in _cluster_spans(page.masked, links):
        cites = parse_cluster(page.text[start + 1:end - 1])
        if cites is None:
            raise page.error(start, f"malformed citation '{page.text[start:end]}'",
                             f"write [@key], [@key, p. 12] or [@a, p. 1; @b]; {KEY_FIX}")
        d = _def_at(defs, start)
        clusters.append(Cluster(start, end, cites, page.line(start), d.label if d else None))
    for n, c in enumerate(clusters, 1):
        c.number = n
    return clusters


def _note_refs(page: _Page, defs: list[NoteDef]) -> list[NoteRef]:
    """Every note marker ``[^label]`` in the text; raises on a ``cite-`` label or a note in a note."""
    refs = []
    for m in NOTE_REF.finditer(page.masked):
        if any(d.start == m.start() for d in defs):
            continue                                   # the "[^label]" of a definition
        label = m.group("label")
        if label.startswith(CITE_LABEL):
            raise page.error(m.start(), f"note label '[^{label}]' starts with '{CITE_LABEL}', which the citation "
                             "engine uses for its own notes",
                             f"rename it, e.g. '[^{label[len(CITE_LABEL):] or 'x'}-note]'")
        d = _def_at(defs, m.start())
        if d:
            raise page.error(m.start(), f"note '[^{label}]' is used inside the note '[^{d.label}]'",
                             "notes cannot hold notes; put the text in the note itself (citations there are fine)")
        refs.append(NoteRef(label, m.start(), m.end(), page.line(m.start())))
    return refs


def _check_refs_defined(page: _Page, refs: list[NoteRef], defs: list[NoteDef]) -> None:
    """Every note marker has a definition."""
    defined = {d.label for d in defs}
    for r in refs:
        if r.label not in defined:
            raise page.error(r.start, f"note '[^{r.label}]' has no definition",
                             f"add a line '[^{r.label}]: Our note text.' after the paragraph")


def _check_defs(page: _Page, refs: list[NoteRef], defs: list[NoteDef]) -> None:
    """Every definition is given once, has a label of ours, and is used in the text."""
    used = {r.label for r in refs}
    first: dict[str, NoteDef] = {}
    for d in defs:
        if d.label in first:
            raise page.error(d.start, f"note '[^{d.label}]' is defined twice (first on line {first[d.label].line})",
                             "give each note its own label")
        first[d.label] = d
        if d.label.startswith(CITE_LABEL):
            raise page.error(d.start, f"note label '[^{d.label}]' starts with '{CITE_LABEL}', which the citation "
                             "engine uses for its own notes", "rename the note and its marker")
        if d.label not in used:
            raise page.error(d.start, f"note '[^{d.label}]' is defined but never used",
                             f"put [^{d.label}] in the text where the note belongs, or delete the definition")


def _check_not_side_by_side(page: _Page, clusters: list[Cluster]) -> None:
    """No two body clusters stand next to each other (they would make two note numbers in one place)."""
    body = [c for c in clusters if c.note is None]
    for a, b in itertools.pairwise(body):
        if not page.masked[a.end:b.start].strip():
            raise page.error(b.start, "two citations side by side would make two note numbers in one place",
                             "combine them into one cluster: [@a, p. 1; @b, p. 2]")


def _headings(page: _Page, clusters: list[Cluster]) -> list[Heading]:
    """Every ATX heading with its level, id and title; raises on a citation in a heading."""
    headings = []
    for m in HEADING.finditer(page.masked):
        title, hid = _heading_title(page.text[m.start("text"):m.end("text")])
        headings.append(Heading(len(m.group("hashes")), hid, title, m.start()))
        inside = [c for c in clusters if m.start() <= c.start < m.end()]
        if inside:
            raise page.error(inside[0].start, "a citation in a heading would put a note number in the table "
                             "of contents", "move the citation into the text below the heading")
    return headings


def _check_no_stray_citations(page: _Page, clusters: list[Cluster], links: list[tuple[int, int]]) -> None:
    """Anything else that starts like a citation is a mistake (e.g. a cluster split over two lines)."""
    masked = page.masked
    for m in LOOKS_LIKE_CITE.finditer(masked):
        pos = m.start()
        if any(c.start == pos for c in clusters) or any(a <= pos < b for a, b in links):
            continue
        close = masked.find("]", pos)
        if close != -1 and masked[close + 1:close + 2] in ("(", "[", ":"):
            continue                                   # a link, or a link definition
        raise page.error(pos, f"malformed citation '{page.text[pos:masked.find(chr(10), pos)].strip()}'",
                         "write the whole cluster on one line: [@key], [@key, p. 12] or [@a, p. 1; @b]")


def scan_page(text: str, path: str, line_offset: int = 0) -> PageScan:
    """Find every citation cluster, note reference, note definition and heading.

    Raises ``BookError`` (page, line, fix) for a malformed cluster (also one
    split over two lines), a note with no definition, a definition no text
    uses or that is given twice, a note used inside a note, a label that
    clashes with the engine's ``cite-`` labels, two citation clusters side by
    side, and a citation in a heading.
    """
    page = _Page(text, mask(text), path, line_offset)
    links = _link_text_spans(page.masked)
    defs = _note_defs(page)
    clusters = _clusters(page, links, defs)
    refs = _note_refs(page, defs)
    _check_refs_defined(page, refs, defs)
    _check_defs(page, refs, defs)
    _check_not_side_by_side(page, clusters)
    headings = _headings(page, clusters)
    _check_no_stray_citations(page, clusters, links)
    return PageScan(path, text, clusters, refs, defs, headings, line_offset)


def placeholder(number: int) -> str:
    """The text that stands for cluster ``number``'s formatted citation until the HTML is made."""
    return f"\u27e6cite:{number}\u27e7"


def rewrite_page(scan: PageScan) -> str:
    """The page's Markdown with citations turned into notes and placeholders.

    A body cluster becomes a footnote ``[^cite-N]``: the space before it goes,
    and the marker moves after punctuation that follows (Chicago puts note
    numbers after commas and full stops). Its definition, appended at the
    end, is ``placeholder(N)``. A cluster inside one of our notes becomes
    ``placeholder(N)`` in place.
    """
    text = scan.text
    out, pos = [], 0
    definitions = []
    for c in scan.clusters:
        if c.note is not None:
            out.append(text[pos:c.start])
            out.append(placeholder(c.number))
            pos = c.end
            continue
        out.append(text[pos:c.start].rstrip(" \t"))
        punct = PUNCTUATION.match(text, c.end)
        marker = f"[^{CITE_LABEL}{c.number}]"
        out.append((punct.group() if punct else "") + marker)
        pos = punct.end() if punct else c.end
        definitions.append(f"[^{CITE_LABEL}{c.number}]: {placeholder(c.number)}")
    out.append(text[pos:])
    result = "".join(out)
    if definitions:
        result = result.rstrip("\n") + "\n\n" + "\n".join(definitions) + "\n"
    return result
