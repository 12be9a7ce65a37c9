"""studybook-epub: writes ``book.epub`` into the offline build (see the package docstring)."""
from __future__ import annotations

import posixpath
from pathlib import Path

import lxml.html
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, event_priority

from studybook import book
from studybook.anchors.addresses import edition_url, page_path, public_root
from studybook.edition import edition_of
from studybook.epub import archive, check, documents, metadata, navigation
from studybook.epub.cover import cover_svg
from studybook.errors import BookError
from studybook.offline.artifacts import BASENAME
from studybook.offline.printview import HOME_TITLE, HOME_URL, PrintPage, page_anchor, print_order, rewrite_page
from studybook.templating import environment

ROOT = "EPUB"                       # the package folder inside the zip
EPUB_FILE = "book.epub"             # where the plugin writes it, in the site folder
STYLESHEET = Path(__file__).with_name("book.css")
TEMPLATES = environment(__file__)
BYLINE = "Based on the article by In-Kon Yeo"


class EpubConfig(Config):
    enabled = c.Type(bool, default=False)
    last = c.Type(list, default=["bibliography.md"])    # pages that close the book (as studybook-print)
    bibliography = c.Type(str, default="bibliography.md")
    glossary = c.Type(str, default="glossary/index.md")
    online_only = c.Type(list, default=[])              # pages replaced by a line pointing online
    authors = c.Type(list, default=[])                  # "Name: what they wrote", first author first


class EpubPlugin(BasePlugin[EpubConfig]):
    """studybook-epub: see the package docstring."""

    def on_config(self, config):   # a fresh collection for every build (mkdocs serve rebuilds)
        self.contents: dict[str, tuple[str, str, str]] = {}   # src_uri -> (url, title, html)
        self.nav_order: list[str] = []
        return config

    def on_nav(self, nav, *, config, files):   # the reading order exists from here on
        self.nav_order = book.reading_order(nav)
        if self.config.enabled:
            pages = [f.src_uri for f in files.documentation_pages()]
            for uri in check.missing_chapters(pages, self.nav_order):
                raise BookError(f"docs/{uri}", None,
                                "this chapter is not in the reading order (nav in mkdocs.yml), "
                                "so the EPUB has no place for it",
                                f"add '{uri}' to nav in mkdocs.yml where it belongs, "
                                "or move the file out of docs/chapters/")
        return nav

    # After the glossary plugin's on_page_context (-50): the entries' "Where
    # this term appears" sections are only in page.content from then on.
    @event_priority(-100)
    def on_page_context(self, context, *, page, config, nav):
        if self.config.enabled:
            self.contents[page.file.src_uri] = (page.url or "index.html", page.title or "", page.content or "")
        return context

    def on_post_build(self, *, config):   # every page and figure is in the site by now
        if not self.config.enabled:
            return
        path = Path(config.site_dir) / EPUB_FILE
        archive.write_epub(path, self.entries(config), edition_of(config).built)

    # -- Making the package ------------------------------------------------------

    def entries(self, config) -> dict[str, bytes]:
        """Every file of the package, by its name in the zip (``mimetype`` apart)."""
        edition = edition_of(config)
        docs_dir, site_dir = Path(config.docs_dir), Path(config.site_dir)
        language = config.theme["language"] or "en"
        title, _, subtitle = config.site_name.partition(": ")
        title = title.replace("'", "\u2019")   # Putin’s, with a typographic apostrophe
        subtitle = subtitle or "A Study Edition"
        root = public_root(config)
        online = edition_url(root, edition.version) if root else ""

        def make(uri):
            url, page_title, html = self.contents[uri]
            if uri in self.config.online_only:
                html = documents.online_only(html, page_title, edition_url(root, edition.version, page_path(uri)))
            if url == HOME_URL:
                return PrintPage(url, HOME_TITLE, html, heading=HOME_TITLE)
            return PrintPage(url, page_title, html)

        src_of = {self.contents[u][0]: u for u in self.contents}
        nav = [make(u) for u in self.nav_order if u in self.contents]
        others = [make(u) for u in self.contents if u not in self.nav_order]
        last = [self.contents[u][0] for u in self.config.last if u in self.contents]
        pages = print_order(nav, others, last)
        anchors = {p.url: page_anchor(p.url) for p in pages}
        known = set(anchors.values())
        elsewhere = {anchors[self.contents[u][0]]: edition_url(root, edition.version, page_path(u))
                     for u in self.config.online_only if u in self.contents}

        docs: list[tuple[PrintPage, str, documents.Document]] = []
        ids_by_page: dict[str, list[str]] = {}
        for page in pages:
            uri = src_of[page.url]
            html = rewrite_page(page.html, page.url, anchors, page.heading)
            for src in check.images_without_alt(html):
                raise BookError(f"docs/{uri}", _line(docs_dir / uri, posixpath.basename(src)),
                                f"the image {posixpath.basename(src)} has no text alternative",
                                "write what the image shows between the brackets: ![A map of ...](...), "
                                "or give the <img> an alt attribute")
            kind = self.kind(uri)
            doc = documents.to_document(html, anchors[page.url], known, page.title,
                                        entry_kind="glossary" if kind == "glossary" else None,
                                        online=elsewhere)
            docs.append((page, uri, doc))
            ids_by_page[uri] = doc.ids
        for pid, first, second in check.duplicate_paragraph_ids(ids_by_page):
            raise BookError(f"docs/{second}", _line(docs_dir / second, f"#{pid}"),
                            f"the paragraph id {pid} is also used in docs/{first}, so a link to #{pid} "
                            "would name two places in the EPUB",
                            f"delete the {{: #{pid} }} line here (if the paragraph was copied) and run `make ids`")

        css = f"style/{STYLESHEET.name}"
        files: dict[str, bytes] = {}
        items: list[metadata.Item] = []
        def add(name: str, data: str | bytes, properties: str = "", linear: bool | None = None):
            files[f"{ROOT}/{name}"] = data.encode("utf-8") if isinstance(data, str) else data
            items.append(metadata.Item(name, properties, linear))

        cover_alt = f"Cover: {title}, {subtitle}. Edition {edition.version}, {edition.date_text}."
        add("cover.xhtml", TEMPLATES.get_template("cover.xhtml").render(
            language=language, title=title, stylesheet=css, image="images/cover.svg", alt=cover_alt), linear=True)
        add("title.xhtml", TEMPLATES.get_template("title.xhtml").render(
            language=language, title=title, subtitle=subtitle, byline=BYLINE, version=edition.version, stylesheet=css,
            date_text=edition.date_text, built_text=edition.built_text, online=online,
            rights=_text(config.copyright or "")), linear=True)
        parts = [navigation.Part(doc.name, page.title, self.nav_kind(uri), page.number, page.entry, doc.sections)
                 for page, uri, doc in docs]
        add("nav.xhtml", navigation.nav_document(parts, title=title, language=language, stylesheet=css,
                                                 cover="cover.xhtml"), properties="nav", linear=True)
        for page, uri, doc in docs:
            add(doc.name, documents.xhtml_page(doc, language=language, kind=self.kind(uri),
                                               number=page.number, stylesheet=f"../{css}"),
                properties="svg" if doc.svg else "", linear=True)
        add("images/cover.svg", cover_svg(title=title, subtitle=subtitle, byline=BYLINE,
                                          version=edition.version, date_text=edition.date_text),
            properties="cover-image")
        add(css, STYLESHEET.read_bytes())
        for image in sorted({i for _, _, d in docs for i in d.images}):
            source = site_dir / image
            if not source.is_file():
                raise BookError(f"docs/{image}", None, "a page shows this image, but the build has no such file",
                                "check the image's path in the page that shows it")
            add(image, source.read_bytes())

        authors = [tuple(a.split(": ", 1)) if ": " in a else (a, "") for a in self.config.authors]
        meta = metadata.Metadata(
            book=BASENAME, title=title, subtitle=subtitle, authors=authors,
            language=language, version=edition.version, date=edition.date, built=edition.built,
            description=" ".join((config.site_description or "").split()),
            rights=_text(config.copyright or ""), source=online)
        files[f"{ROOT}/package.opf"] = metadata.package_document(meta, items).encode("utf-8")
        files[archive.CONTAINER] = archive.container_xml(f"{ROOT}/package.opf")
        problems = check.package_problems(files)
        if problems:
            raise BookError(EPUB_FILE, None,
                            "the EPUB's links or notes do not resolve:\n    " + "\n    ".join(problems[:20]),
                            "fix the link in the page named (a print-view link that studybook.epub.documents "
                            "does not map is a bug there)")
        return files

    def kind(self, uri: str) -> str:
        """The page's kind for its XHTML section: chapter, glossary (entries and A-Z), bibliography, or page."""
        if uri == self.config.bibliography:
            return "bibliography"
        if uri == self.config.glossary:
            return "glossary"
        return book.page_kind(uri)

    def nav_kind(self, uri: str) -> str:
        """As ``kind``, but the glossary's A-Z page is "glossary-index" (the glossary landmark)."""
        return "glossary-index" if uri == self.config.glossary else self.kind(uri)


def _text(html: str) -> str:
    """The text of an HTML snippet (the copyright line), in one line."""
    return " ".join(lxml.html.fragment_fromstring(html, create_parent="div").text_content().split()) if html else ""


def _line(path: Path, needle: str) -> int | None:
    try:
        return check.source_line(path.read_text(encoding="utf-8"), needle)
    except OSError:
        return None
