"""The glossary plugin: term links, and the wiring of the glossary machinery.

Authors write ``[text](term:slug)``; this module rewrites it to an ordinary
relative link before Markdown runs, so MkDocs' own link validation and every
later step see a normal link. A plain link to a glossary page
(``[text](../glossary/slug.md)``) counts as a term link too. A slug with no
glossary page stops the build with the page, the line and the fix.

``GlossaryPlugin`` connects the small modules, each with one job:

- ``terms``: reads the glossary pages (title, definition, abbreviations);
- ``links``: finds each rendered page's links and the section they sit in;
- ``previews``: ties term links to a tooltip with the definition;
- ``backlinks``: "Where this term/person appears" on glossary and people pages;
- ``index``: the A-Z list on glossary/index.md;
- ``abbreviations``: checks includes/abbreviations.md against the pages;
- ``keyterms``: the "Key terms" section of every chapter, from its front matter.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.toc import AnchorLink

from studybook import book
from studybook.errors import BookError, line_of, read_text
from studybook.glossary import abbreviations, backlinks, keyterms, previews
from studybook.glossary import index as glossary_index
from studybook.glossary.links import Link, LinkScannerExtension
from studybook.glossary.terms import GLOSSARY_DIR, Term, is_term_page, load_terms

# [link text](term:slug) or [link text](term:slug#anchor)
TERM_LINK = re.compile(r"\]\(term:(?P<slug>[^)#\s]*)(?P<anchor>#[^)\s]*)?\)")
# [link text](path.md) or [link text](path.md#anchor "title"): a plain relative link
PLAIN_LINK = re.compile(r"\]\((?P<path>[^)#\s:]+\.md)(?P<anchor>#[^)\s]*)?(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)


def glossary_slugs(src_uris) -> set[str]:
    """The slugs of the glossary term pages among the site's source files."""
    return {posixpath.basename(uri)[:-3] for uri in src_uris if is_term_page(uri)}


def _fenced_spans(markdown: str) -> list[tuple[int, int]]:
    return [m.span() for m in FENCE.finditer(markdown)]


def _unknown_term(page_uri: str, markdown: str, offset: int, written: str, slug: str, slugs: set[str]) -> BookError:
    known = ", ".join(sorted(s for s in slugs if s[:1] == slug[:1])) or "none"
    return BookError(
        page_uri and f"docs/{page_uri}",
        line_of(markdown, offset),
        f"unknown glossary term '{written}'",
        f"create docs/glossary/{slug}.md, or use an existing slug "
        f"(terms starting with '{slug[:1]}': {known})",
    )


def rewrite_term_links(markdown: str, page_uri: str, slugs: set[str]) -> str:
    """Turn every ``](term:slug)`` into a relative link to the glossary page.

    Raises ``BookError`` for an unknown slug. Code fences are left alone.
    """
    fences = _fenced_spans(markdown)
    page_dir = posixpath.dirname(page_uri)

    def replace(m: re.Match) -> str:
        if any(a <= m.start() < b for a, b in fences):
            return m.group(0)
        slug = m.group("slug")
        if slug not in slugs:
            raise _unknown_term(page_uri, markdown, m.start(), f"term:{slug}", slug, slugs)
        target = posixpath.relpath(f"{GLOSSARY_DIR}/{slug}.md", page_dir or ".")
        return f"]({target}{m.group('anchor') or ''})"

    return TERM_LINK.sub(replace, markdown)


def check_plain_term_links(markdown: str, page_uri: str, slugs: set[str]) -> None:
    """Fail on a plain link to a glossary page that does not exist, like a ``term:`` link.

    (MkDocs would also refuse the broken link, but without the list of slugs.)
    """
    fences = _fenced_spans(markdown)
    page_dir = posixpath.dirname(page_uri)
    for m in PLAIN_LINK.finditer(markdown):
        if any(a <= m.start() < b for a, b in fences):
            continue
        target = posixpath.normpath(posixpath.join(page_dir, m.group("path")))
        if is_term_page(target):
            slug = posixpath.basename(target)[:-3]
            if slug not in slugs:
                raise _unknown_term(page_uri, markdown, m.start(), m.group("path"), slug, slugs)


class GlossaryConfig(base.Config):
    # The abbreviations file, relative to mkdocs.yml, that must match the
    # glossary front matter (``make abbreviations`` writes it). Off when "".
    abbreviations_file = c.Type(str, default="")
    # Folders whose links count as mentions for "Where this term/person appears".
    backlink_sources = c.ListOfItems(c.Type(str), default=["chapters"])
    # Every chapter must list its key terms (front matter `key_terms`); when
    # false, only the chapters that list them get the section.
    key_terms = c.Type(bool, default=False)


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    """Term links, previews, backlinks, the A-Z index and the abbreviations check."""

    def on_config(self, config):
        # Reset on every (re)build: `mkdocs serve` may keep this object.
        self.terms: dict[str, Term] = {}
        self.slugs: set[str] = set()
        self.backlinks = backlinks.Backlinks(self.config.backlink_sources)
        self.previews: dict[str, list[str]] = {}     # page src_uri -> term slugs it links to
        self.rendering: str | None = None            # src_uri of the page being rendered
        self.files = None
        config.markdown_extensions = [
            e for e in config.markdown_extensions if not isinstance(e, LinkScannerExtension)
        ] + [LinkScannerExtension(lambda: self.rendering, self._on_links)]
        return config

    def on_files(self, files, config):
        self.files = files
        pages = {f.src_uri: f.content_string for f in files if is_term_page(f.src_uri)}
        self.terms = load_terms(pages)
        self.slugs = set(self.terms)
        if self.config.abbreviations_file:
            path = Path(config.config_file_path).parent / self.config.abbreviations_file
            text = read_text(path, self.config.abbreviations_file) if path.exists() else None
            abbreviations.check(text, self.terms, self.config.abbreviations_file, config=config)
        else:
            abbreviations.collect(self.terms)     # an abbreviation owned twice is an error anyway
        return files

    def on_page_markdown(self, markdown, page, config, files):
        uri = page.file.src_uri
        if book.is_chapter(uri) and (self.config.key_terms or keyterms.KEY in page.meta):
            markdown = keyterms.render_key_terms(markdown, page.meta, self.terms, uri, page.file.content_string)
        markdown = rewrite_term_links(markdown, uri, self.slugs)
        check_plain_term_links(markdown, uri, self.slugs)
        if uri == glossary_index.INDEX_URI:
            markdown = glossary_index.insert_index(markdown, self.terms)
        self.rendering = uri      # the link scanner runs inside page.render(), next
        return markdown

    def _on_links(self, links: list[Link]) -> None:
        uri = self.rendering
        # The key-terms list is not a use of the term: no preview, no backlink.
        links = [k for k in links if not (k.section and k.section.id == keyterms.HEADING_ID)]
        used = self.previews.setdefault(uri, [])
        used += [s for s in previews.decorate(links, uri, self.terms) if s not in used]
        self.backlinks.record(uri, links)

    def on_page_content(self, html, page, config, files):
        self.rendering = None
        return html

    # After every page is rendered, and after the search plugin has indexed the
    # page (priority 0), so backlinks and tooltips stay out of search results.
    @event_priority(-50)
    def on_page_context(self, context, page, config, nav):
        uri = page.file.src_uri
        kind = backlinks.target_kind(uri)
        if kind:
            order = book.reading_order(nav)
            pages = {
                f.src_uri: backlinks.SourcePage(f.page.title or f.src_uri, f.page.url)
                for f in self.files.documentation_pages() if f.page is not None
            }
            mentions = self.backlinks.for_target(uri, order)
            section = backlinks.render(kind, mentions, pages, page.url, _permalink(config))
            page.content = backlinks.insert(page.content, section)
            _add_to_toc(page, backlinks.TARGETS[kind][0])
        page.content += previews.tooltips_html(self.previews.get(uri, []), self.terms)
        return context


def _permalink(config) -> tuple[str, str] | None:
    """The permalink symbol and title the toc extension is configured with, if any."""
    toc = config.mdx_configs.get("toc", {})
    symbol = toc.get("permalink")
    if not symbol:
        return None
    return ("&para;" if symbol is True else str(symbol)), toc.get("permalink_title", "Permanent link")


def _add_to_toc(page, title: str) -> None:
    """List the added section in the page's table of contents (under the H1, as Material shows it)."""
    link = AnchorLink(title, backlinks.HEADING_ID, 2)
    items = page.toc.items
    if items and items[0].level == 1:
        items[0].children.append(link)
    else:
        items.append(link)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.add(backlinks.HEADING_ID)
