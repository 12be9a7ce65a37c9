"""Glossary links: ``[text](term:slug)`` in any page points at docs/glossary/<slug>.md.

Authors write the short form; this plugin rewrites it to an ordinary relative
link before Markdown runs, so MkDocs' own link validation and every later
step see a normal link. A slug with no glossary page stops the build with the
page, the line and the fix.
"""
from __future__ import annotations

import posixpath
import re

from mkdocs.plugins import BasePlugin

from studybook.errors import BookError, line_of

GLOSSARY_DIR = "glossary"
# [link text](term:slug) or [link text](term:slug#anchor)
TERM_LINK = re.compile(r"\]\(term:(?P<slug>[^)#\s]*)(?P<anchor>#[^)\s]*)?\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)


def glossary_slugs(src_uris) -> set[str]:
    """The slugs of the glossary term pages among the site's source files."""
    slugs = set()
    for uri in src_uris:
        folder, name = posixpath.split(uri)
        if folder == GLOSSARY_DIR and name.endswith(".md") and name != "index.md":
            slugs.add(name[:-3])
    return slugs


def _fenced_spans(markdown: str) -> list[tuple[int, int]]:
    return [m.span() for m in FENCE.finditer(markdown)]


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
            known = ", ".join(sorted(s for s in slugs if s[:1] == slug[:1])) or "none"
            raise BookError(
                page_uri and f"docs/{page_uri}",
                line_of(markdown, m.start()),
                f"unknown glossary term 'term:{slug}'",
                f"create docs/glossary/{slug}.md, or use an existing slug "
                f"(terms starting with '{slug[:1]}': {known})",
            )
        target = posixpath.relpath(f"{GLOSSARY_DIR}/{slug}.md", page_dir or ".")
        return f"]({target}{m.group('anchor') or ''})"

    return TERM_LINK.sub(replace, markdown)


class GlossaryPlugin(BasePlugin):
    """Resolve ``term:`` links; fail the build on an undefined term."""

    def on_config(self, config):
        self.slugs: set[str] = set()   # reset on every (re)build: `mkdocs serve` keeps the object
        return config

    def on_files(self, files, config):
        self.slugs = glossary_slugs(f.src_uri for f in files)
        return files

    def on_page_markdown(self, markdown, page, config, files):
        return rewrite_term_links(markdown, page.file.src_uri, self.slugs)
