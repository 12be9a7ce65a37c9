"""The single-page print view of the whole book, from which the PDF is printed.

In the offline build (``STUDYBOOK_OFFLINE=true``) this plugin collects every
page's HTML and writes ``print.html`` at the root of the site: a cover, the
contents, then every page in reading order, the bibliography last.
``studybook.offline.package`` prints it to PDF with WeasyPrint (print-book.css beside
this file sets pages, running heads, page numbers and bookmarks) and leaves
it out of the zip.

What changes on the way, page by page (``rewrite_page``, a pure function):

- every id gets the page's anchor as a prefix, so that the notes of two
  chapters (``fn:1`` …) and equal section ids never collide;
- links between pages become links inside the one document (a glossary term
  in a chapter points at its glossary entry); images point from the site root;
- permalink signs and "back to text" arrows go; external links show their URL;
- the notes at the end of a page get a "Notes" heading: notes stay per chapter.

Order (``print_order``): the nav order; the glossary and people entries
(not in nav) follow their index page, in the order that page lists them;
pages named in ``last`` (the bibliography) close the book.
"""
from __future__ import annotations

import html as htmllib
import itertools
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, event_priority

from studybook import book
from studybook.edition import edition_of
from studybook.templating import environment

PRINT_PAGE = "print.html"
HOME_URL, HOME_TITLE = "index.html", "About this book"  # the website's cover page, in the PDF
STYLESHEET = Path(__file__).with_name("print-book.css")
TEMPLATES = environment(__file__)   # the cover and the contents: templates/*.html


@dataclass
class PrintPage:
    url: str            # the page's URL in the offline build: "chapters/prospects.html"
    title: str
    html: str           # the page's content (page.content)
    entry: bool = False  # a glossary or people entry: flows on, no new page
    number: int | None = None  # chapter number
    heading: str | None = None  # replaces the page's h1 text


def page_anchor(url: str) -> str:
    """'chapters/prospects.html' -> 'chapters-prospects'; 'glossary/index.html' -> 'glossary'; 'index.html' -> 'home'."""
    path = url.removesuffix(".html").removesuffix("/")
    path = path.removesuffix("/index") if path != "index" else "home"
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"


def linked_urls(html: str, page_url: str) -> list[str]:
    """The page URLs an HTML fragment links to, in order, resolved against ``page_url``."""
    out = []
    for href in re.findall(r'href="([^"#]+)', html):
        if not urlsplit(href).scheme and not href.startswith("/"):
            out.append(posixpath.normpath(posixpath.join(posixpath.dirname(page_url), href)))
    return out


def print_order(nav_pages: list[PrintPage], other_pages: list[PrintPage], last: list[str]) -> list[PrintPage]:
    """Nav order; entries not in nav after their folder's index page; ``last`` URLs at the end."""
    by_folder: dict[str, list[PrintPage]] = {}
    for page in other_pages:
        by_folder.setdefault(posixpath.dirname(page.url), []).append(page)
    ordered: list[PrintPage] = []
    for page in nav_pages:
        ordered.append(page)
        folder, name = posixpath.split(page.url)
        if name == "index.html" and folder in by_folder:
            entries = by_folder.pop(folder)
            rank = {u: i for i, u in enumerate(linked_urls(page.html, page.url))}
            entries.sort(key=lambda p: (rank.get(p.url, len(rank)), p.title.lower()))
            for entry in entries:
                entry.entry = True
            ordered += entries
    for folder in sorted(by_folder):  # pages in a folder without an index page in nav
        ordered += sorted(by_folder[folder], key=lambda p: p.title.lower())
    ordered.sort(key=lambda p: p.url in last and last.index(p.url) + 1)  # stable: the rest keep their order
    number = 0
    for page in ordered:
        if page.url.startswith(book.CHAPTERS) and not page.url.endswith("index.html") and not page.entry:
            number += 1
            page.number = number
    return ordered


def _resolve(href: str, page_url: str, anchors: dict[str, str]) -> str | None:
    """Where a link in the print view points: '#anchor--id', a site-root path, or None (drop the link)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return href
    prefix = anchors[page_url]
    if not parts.path:
        return f"#{prefix}--{parts.fragment}" if parts.fragment else f"#{prefix}"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), parts.path))
    if not posixpath.splitext(target)[1]:  # a directory URL: "../glossary/abm-treaty/"
        target = next((t for t in (f"{target}.html", f"{target}/index.html") if t in anchors), target)
    if target in anchors:
        return f"#{anchors[target]}--{parts.fragment}" if parts.fragment else f"#{anchors[target]}"
    if target.endswith(".html"):
        return None  # a page the print view does not contain
    return target  # an asset (figure, download): from the site root


def rewrite_page(html: str, page_url: str, anchors: dict[str, str], heading: str | None = None) -> str:
    """One page's content, made fit for the single print document (see the module docstring).

    ``heading`` replaces the text of the page's h1 (the cover page of the website
    becomes "About this book" in the PDF, which has a cover of its own).
    """
    prefix = anchors[page_url]
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    if heading:
        for h1 in root.xpath(".//h1")[:1]:
            for child in list(h1):
                child.drop_tree()
            h1.text = heading
    for el in root.xpath('.//a[contains(concat(" ", @class, " "), " headerlink ")]'
                         '|.//a[contains(concat(" ", @class, " "), " footnote-backref ")]'
                         "|.//script"):
        el.drop_tree()
    for el in root.xpath(".//*[@aria-describedby]"):
        del el.attrib["aria-describedby"]
    for el in root.xpath(".//*[@id]"):
        el.set("id", f"{prefix}--{el.get('id')}")
    for el in root.xpath(".//*[@src]"):
        target = _resolve(el.get("src"), page_url, anchors)
        if target is not None:
            el.set("src", target)
    for a in root.xpath(".//a[@href]"):
        href = a.get("href")
        target = _resolve(href, page_url, anchors)
        if target is None or not (target.startswith("#") or urlsplit(target).scheme):
            a.drop_tag()  # a page or file outside the print view (a download): no link on paper
            continue
        a.set("href", target)
        if target == href and urlsplit(href).scheme in {"http", "https"}:
            text = a.text_content().strip()
            if text.rstrip("/") != href.rstrip("/") and href not in text:
                url = lxml.html.fragment_fromstring(f'<span class="print-url"> &lt;{htmllib.escape(href)}&gt;</span>')
                a.addnext(url)
                url.tail, a.tail = a.tail, None
    for notes in root.xpath('.//div[contains(concat(" ", @class, " "), " footnote ")]'):
        for hr in notes.xpath("./hr"):
            hr.drop_tree()
        notes_title = lxml.html.fragment_fromstring('<h2 class="print-notes-title">Notes</h2>')
        notes_title.set("id", f"{prefix}--notes")
        notes.insert(0, notes_title)
    inner = (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    return inner


def _toc(pages: list[PrintPage], anchors: dict[str, str]) -> str:
    """The contents (templates/contents.html): every part, not the glossary and people entries."""
    parts = [{"anchor": anchors[p.url], "number": p.number, "title": p.title} for p in pages if not p.entry]
    return TEMPLATES.get_template("contents.html").render(pages=parts)


def assemble(pages: list[PrintPage], *, title: str, subtitle: str, author: str, description: str,
             language: str, version: str, date_text: str, date_iso: str, notice: str, css: str,
             byline: str = "Based on the article by In-Kon Yeo") -> str:
    """The whole print document as one HTML string."""
    anchors = {p.url: page_anchor(p.url) for p in pages}
    body = []
    has_entries = {p.url for p, nxt in itertools.pairwise(pages) if nxt.entry and not p.entry}
    for page in pages:
        kind = "print-entry" if page.entry else "print-part"
        if page.url in has_entries:
            kind += " print-part--index"  # an A-Z list: its entries, not its letters, are bookmarked
        running = htmllib.escape(f"Chapter {page.number}. {page.title}" if page.number else page.title, quote=True)
        label = f'<p class="print-chapter-label">Chapter {page.number}</p>' if page.number else ""
        body.append(f'<article class="{kind}" id="{anchors[page.url]}" data-running="{running}">'
                    f"{label}{rewrite_page(page.html, page.url, anchors, page.heading)}</article>")
    esc = htmllib.escape
    cover_title = title.replace("'", "\u2019")  # Putin’s, with a typographic apostrophe
    cover = TEMPLATES.get_template("cover.html").render(
        title=cover_title, subtitle=subtitle, byline=byline, version=version,
        date_iso=date_iso, date_text=date_text, notice=notice)
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(language)}"><head><meta charset="utf-8">'
        f"<title>{esc(title)}: {esc(subtitle)}</title>"
        f'<meta name="author" content="{esc(author, quote=True)}">'
        f'<meta name="description" content="{esc(description, quote=True)}">'
        f'<meta name="keywords" content="Russia, North Korea, South Korea, Putin, foreign policy, study edition">'
        f'<meta name="dcterms.created" content="{esc(date_iso)}">'
        f'<meta name="generator" content="studybook {esc(version)} (MkDocs, WeasyPrint)">'
        f"<style>{css}</style></head><body>"
        f"{cover}{_toc(pages, anchors)}{''.join(body)}</body></html>\n"
    )


# -- The plugin -------------------------------------------------------------------


class PrintConfig(Config):
    enabled = c.Type(bool, default=False)
    last = c.Type(list, default=["bibliography.md"])  # source files that close the book


class PrintPlugin(BasePlugin[PrintConfig]):
    """studybook-print: see the module docstring."""

    def on_config(self, config):
        self.contents: dict[str, tuple[str, str, str]] = {}  # src_uri -> (url, title, html)
        self.nav_order: list[str] = []
        return config

    def on_nav(self, nav, *, config, files):
        self.nav_order = book.reading_order(nav)
        return nav

    # Last of the on_page_content handlers, wherever this plugin is listed: the
    # print view needs each page's finished content (notes formatted by
    # studybook-citations, "Cite this page" appended by studybook-cite).
    @event_priority(-100)
    def on_page_content(self, html, *, page, config, files):
        if self.config.enabled:
            self.contents[page.file.src_uri] = (page.url or "index.html", page.title or "", html)
        return html

    def on_post_build(self, *, config):
        if not self.config.enabled:
            return
        def make(uri):
            url, title, html = self.contents[uri]
            if url == HOME_URL:
                return PrintPage(url, HOME_TITLE, html, heading=HOME_TITLE)
            return PrintPage(url, title, html)
        nav = [make(u) for u in self.nav_order if u in self.contents]
        others = [make(u) for u in self.contents if u not in self.nav_order]
        last = [self.contents[u][0] for u in self.config.last if u in self.contents]
        edition = edition_of(config)
        title, _, subtitle = config.site_name.partition(": ")
        document = assemble(
            print_order(nav, others, last),
            title=title, subtitle=subtitle or "A Study Edition", author=config.site_author or "",
            description=" ".join((config.site_description or "").split()),
            language=config.theme["language"] or "en", version=edition.version,
            date_text=edition.built_text, date_iso=edition.built.isoformat(),
            notice=config.copyright or "", css=STYLESHEET.read_text(encoding="utf-8"),
        )
        Path(config.site_dir, PRINT_PAGE).write_text(document, encoding="utf-8")
