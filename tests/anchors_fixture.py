"""A stand-in anchor manifest for tests, made from a built site's HTML.

The anchors plugin writes the real ``anchors.json`` (contract: studybook.teaching.readinglinks).
Until a build has one, the tests of the assignment builder and the cartridge
need one to load, so this module makes it the way the contract describes:
every page, its headings, and for chapters each paragraph with a ``p-`` id,
its section and its number within the section. It is used only in tests.
"""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIP = {"404.html"}
SKIP_DIRS = {"assets", "search"}


class _Anchors(HTMLParser):
    """Collect (kind, id, level, text) for headings and id'd paragraphs inside <article>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth_article = 0
        self.current = None          # [kind, id, level, text parts]
        self.skip_depth = 0          # inside a.headerlink or sup (note markers)
        self.found = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.depth_article += 1
        if not self.depth_article:
            return
        if self.current is not None and (tag == "sup" or (tag == "a" and "headerlink" in (a.get("class") or ""))):
            self.skip_depth += 1
            return
        if self.skip_depth:
            if tag in ("a", "sup"):
                self.skip_depth += 1
            return
        if tag in HEADINGS and a.get("id"):
            self.current = ["heading", a["id"], int(tag[1]), [], tag]
        elif tag == "p" and (a.get("id") or "").startswith("p-"):
            self.current = ["paragraph", a["id"], 0, [], tag]

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth_article -= 1
        if self.skip_depth and tag in ("a", "sup"):
            self.skip_depth -= 1
            return
        if self.current is not None and tag == self.current[4]:
            kind, ident, level, parts, _ = self.current
            self.found.append((kind, ident, level, " ".join("".join(parts).split())))
            self.current = None

    def handle_data(self, data):
        if self.current is not None and not self.skip_depth:
            self.current[3].append(data)


def _src_for(docs: Path, path: str) -> str:
    stem = path.rstrip("/")
    if not stem:
        return "index.md"
    if (docs / f"{stem}.md").is_file():
        return f"{stem}.md"
    return f"{stem}/index.md"


def _kind(src: str) -> str:
    folder, _, name = src.rpartition("/")
    if name == "index.md":
        return "page"
    return {"chapters": "chapter", "glossary": "glossary", "people": "person"}.get(folder, "page")


def make_manifest(site: Path, docs: Path, chapter_order: list[str], edition: str = "1.0",
                  built: str = "2026-01-01") -> dict:
    """A manifest for the site built in ``site`` from ``docs``; chapters numbered by ``chapter_order``."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        rel = html.relative_to(site)
        if rel.parts[0] in SKIP_DIRS or rel.name in SKIP:
            continue
        path = "" if rel.parent == Path(".") else rel.parent.as_posix() + "/"
        parser = _Anchors()
        parser.feed(html.read_text(encoding="utf-8"))
        src = _src_for(docs, path)
        kind = _kind(src)
        anchors, section, counts = [], None, {}
        title = next((t for k, _, lvl, t in parser.found if k == "heading" and lvl == 1), path)
        for k, ident, level, text in parser.found:
            if k == "heading":
                anchors.append({"id": ident, "kind": "heading", "level": level, "text": text})
                section = ident
            elif kind == "chapter":
                counts[section] = counts.get(section, 0) + 1
                words = text.split()
                anchors.append({"id": ident, "kind": "paragraph", "section": section, "n": counts[section],
                                "text": " ".join(words[:8]) + ("\u2026" if len(words) > 8 else "")})
        page = {"path": path, "src": src, "title": title, "kind": kind, "anchors": anchors}
        if kind == "chapter":
            page["number"] = chapter_order.index(src) + 1
        pages.append(page)
    return {"edition": edition, "built": built, "pages": pages}


def write_manifest(site: Path, manifest: dict) -> Path:
    out = site / "anchors.json"
    out.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return out
