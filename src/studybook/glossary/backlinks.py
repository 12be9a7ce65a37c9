"""Backlinks: each glossary and people page ends with the chapter sections that link to it.

While MkDocs renders the pages, ``Backlinks.record`` keeps every link from a
source page (the chapters) to a target page (a glossary term or a person),
with the section the link sits in (studybook.glossary.links). Only when every page has
been rendered does the plugin add "Where this term appears" or "Where this
person appears" to the targets, so the result does not depend on the order
in which MkDocs renders pages (glossary and people pages are not in nav).

Each entry names the source page and links to the exact section: the id of
the nearest heading above the mention, as published.
"""
from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass

from mkdocs.utils import get_relative_url

from studybook.glossary.links import Link

HEADING_ID = "where-it-appears"
# Target folder -> (section heading, what to say when nothing links there yet).
TARGETS = {
    "glossary": ("Where this term appears", "No chapter links to this term yet."),
    "people": ("Where this person appears", "No chapter links to this person yet."),
}
START_OF_PAGE = "Start of the chapter"


@dataclass(frozen=True)
class Mention:
    source: str          # the source page's src_uri
    section_id: str      # "" when the link comes before any heading
    section_title: str   # HTML-escaped text; "" for the page's H1 or no heading


@dataclass
class SourcePage:
    """What the backlinks need to know about a page that links to a target."""

    title: str
    url: str             # site-relative URL, as MkDocs' ``page.url``


def target_kind(src_uri: str) -> str | None:
    """The TARGETS key for a target page (never an index page), else None."""
    folder, name = posixpath.split(src_uri)
    return folder if folder in TARGETS and name.endswith(".md") and name != "index.md" else None


def is_source(src_uri: str, sources: list[str]) -> bool:
    """True if ``src_uri`` lies in one of the source folders (e.g. "chapters")."""
    return any(src_uri.startswith(folder.strip("/") + "/") for folder in sources)


class Backlinks:
    """The mentions collected during one build."""

    def __init__(self, sources: list[str]):
        self.sources = sources
        self.mentions: dict[str, list[Mention]] = {}

    def record(self, page_uri: str, links: list[Link]) -> None:
        if not is_source(page_uri, self.sources):
            return
        for link in links:
            if not target_kind(link.target):
                continue
            s = link.section
            top = s is None or s.level == 1
            mention = Mention(page_uri, s.id if s else "", "" if top else s.title)
            found = self.mentions.setdefault(link.target, [])
            if mention not in found:
                found.append(mention)

    def for_target(self, target: str, order: list[str]) -> list[Mention]:
        """The mentions of ``target``, pages in ``order`` (nav order; others after, A-Z)."""
        rank = {uri: i for i, uri in enumerate(order)}
        found = self.mentions.get(target, [])
        pages = sorted({m.source for m in found}, key=lambda u: (rank.get(u, len(rank)), u))
        return [m for p in pages for m in found if m.source == p]


def render(kind: str, mentions: list[Mention], pages: dict[str, SourcePage], target_url: str,
           permalink: tuple[str, str] | None = None) -> str:
    """The "Where this ... appears" section as HTML, with URLs relative to the target page.

    ``permalink`` is (symbol, title) for the heading's permalink, as the toc
    extension is configured; None for no permalink.
    """
    heading, empty = TARGETS[kind]
    anchor = ""
    if permalink:
        symbol, title = permalink
        anchor = (f'<a class="headerlink" href="#{HEADING_ID}" title="{html.escape(title)}">'
                  f"{symbol}</a>")
    out = [f'<h2 id="{HEADING_ID}">{heading}{anchor}</h2>']
    if not mentions:
        out.append(f"<p>{empty}</p>")
        return "\n".join(out) + "\n"
    out.append('<ul class="sb-backlinks">')
    by_page: dict[str, list[Mention]] = {}
    for m in mentions:
        by_page.setdefault(m.source, []).append(m)
    for source, items in by_page.items():
        page = pages[source]
        base = get_relative_url(page.url, target_url)
        links = []
        for m in items:
            label = m.section_title or START_OF_PAGE
            href = base + (f"#{m.section_id}" if m.section_id else "")
            links.append(f'<a href="{html.escape(href)}">{label}</a>')
        out.append(f"<li>{html.escape(page.title)}: {'; '.join(links)}</li>")
    out.append("</ul>")
    return "\n".join(out) + "\n"


def insert(content: str, section_html: str) -> str:
    """Put the section at the end of the page's text, before its notes if it has any."""
    notes = content.rfind('<div class="footnote">')
    if notes == -1:
        return content + section_html
    return content[:notes] + section_html + content[notes:]
