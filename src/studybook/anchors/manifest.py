"""Write ``anchors.json``: every page of the edition and every anchor a link can name.

The manifest is a contract (see README, "Classroom links"): the assignment
builder reads it to offer "Chapter 5, section 3, paragraphs 4-7", and
``make publish`` compares it with the manifests of the editions already
published, so that no link a teacher has sent stops working.

Format::

    {"edition": "1.0", "built": "2026-11-29", "site": "https://.../",
     "pages": [{"path": "chapters/introduction/", "src": "chapters/introduction.md",
                "title": "...", "kind": "chapter", "number": 1,
                "anchors": [{"id": "introduction", "kind": "heading", "level": 1, "text": "..."},
                            {"id": "p-7kq2", "kind": "paragraph", "section": "russia-after-1991",
                             "n": 1, "text": "The first eight words ..."}]}]}

Chapters list headings and body paragraphs (``n`` counts from 1 within the
section, an h2; ``subsection`` names an h3 or lower when there is one); other
pages list their headings. ``path`` is the online directory URL even in a
build with other URLs, so ``<site><edition>/<path>#<id>`` is always a reader's
address. Headings inside an ``sb-unanchored`` block (the changes page's, which
differ from one edition to the next) are not listed.

``texts.json``, beside it, keeps the words (``studybook.anchors.texts``): every
page as in anchors.json (``path``, ``src``, ``title``, ``kind``, ``number``),
and for chapters, glossary entries, people and the timeline the full plain
text of every heading and paragraph that has an id, in reading order::

    {"edition": "1.1", "date": "2026-12-01", "built": "2026-12-01", "site": "https://.../",
     "pages": [{"path": "chapters/introduction/", "src": "chapters/introduction.md",
                "title": "...", "kind": "chapter", "number": 1,
                "units": [{"kind": "heading", "id": "introduction", "level": 1, "text": "..."},
                          {"kind": "paragraph", "id": "p-7kq2", "section": "russia-after-1991",
                           "text": "The whole paragraph, as plain text."}]},
               {"path": "timeline/", ..., "units": [{"kind": "heading", "id": "before-1991", ...}]},
               {"path": "bibliography/", "src": "bibliography.md", "title": "...", "kind": "page"}]}

``text`` is what a reader sees, whitespace collapsed, without permalinks and
note markers. The file keeps only the units with an id, the ones a link can
name (``texts.linkable``): every heading, and every paragraph of a chapter.
Paragraphs of glossary and people pages, and table rows, have no id; the build
keeps them in memory (``"id": null``, ``section`` the id of the h2 above), and
``make publish`` reads the previous edition's from its rendered pages on
gh-pages (``studybook.changes.inputs``), with its texts.json, to write
"Changes in this edition" (``studybook.changes``). In the browser, an older
edition's pages and the teachers' link checker read texts.json.
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority

from studybook import book
from studybook.anchors import scan as anchorscan
from studybook.anchors import texts as textsmod
from studybook.anchors.addresses import page_path, public_root
from studybook.edition import edition_of

MANIFEST = "anchors.json"
def anchor_entries(html: str, kind: str) -> list[dict]:
    """The manifest's anchor list for one rendered page."""
    out = []
    for a in anchorscan.anchors(anchorscan.main_content(anchorscan.parse(html))):
        if not a.id:
            continue
        if a.kind == "heading" and not a.unanchored:
            out.append({"id": a.id, "kind": "heading", "level": a.level, "text": a.text})
        elif kind == "chapter":
            entry = {"id": a.id, "kind": "paragraph", "section": a.section, "n": a.n,
                     "text": anchorscan.excerpt(a.text)}
            if a.subsection:
                entry["subsection"] = a.subsection
            out.append(entry)
    return out


def page_entry(src_uri: str, title: str, html: str, kind: str, number: int | None) -> dict:
    entry = {"path": page_path(src_uri), "src": src_uri, "title": title, "kind": kind}
    if number is not None:
        entry["number"] = number
    entry["anchors"] = anchor_entries(html, kind)
    return entry


def manifest(edition: str, built: str, site: str, pages: list[dict]) -> dict:
    return {"edition": edition, "built": built, "site": site, "pages": pages}


class ManifestPlugin(BasePlugin):
    """Collect every page's anchors and write anchors.json at the edition root."""

    def on_config(self, config):
        self.pages: dict[str, dict] = {}        # reset on every (re)build
        self.texts: dict[str, dict] = {}        # src -> its texts.json record
        self.order: list[str] = []
        self.numbers: dict[str, int] = {}
        return config

    def on_nav(self, nav, config, files):
        self.order = book.reading_order(nav)
        self.numbers = book.chapter_numbers(self.order)
        return nav

    @event_priority(-100)   # after every plugin that adds to the page
    def on_post_page(self, output, page, config):
        uri = page.file.src_uri
        kind = book.page_kind(uri)
        self.pages[uri] = page_entry(uri, page.title or "", output, kind, self.numbers.get(uri))
        self.texts[uri] = textsmod.page_record(self.pages[uri], output)
        return output

    def sorted_srcs(self) -> list[str]:
        """The pages seen so far, in reading order (pages not in nav after, by path)."""
        rank = {uri: i for i, uri in enumerate(self.order)}
        return sorted(self.pages, key=lambda src: (rank.get(src, len(rank)), self.pages[src]["path"]))

    def texts_document(self, config) -> dict:
        """texts.json for the pages rendered so far (the changes page asks before the build ends)."""
        edition = edition_of(config)
        return textsmod.texts(edition.version, edition.date.isoformat(), edition.built.isoformat(),
                              public_root(config), [self.texts[src] for src in self.sorted_srcs()])

    @event_priority(50)     # before the readers of anchors.json (assignments, cartridge: -100)
    def on_post_build(self, config):
        pages = [self.pages[src] for src in self.sorted_srcs()]
        edition = edition_of(config)
        data = manifest(edition.version, edition.built.isoformat(), public_root(config), pages)
        out = Path(config.site_dir) / MANIFEST
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        # Compact: the words are most of its size (budget: 60 KB gzipped, `make bench`).
        document = self.texts_document(config)
        document["pages"] = [textsmod.linkable(p) for p in document["pages"]]
        (Path(config.site_dir) / textsmod.TEXTS).write_text(
            json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
