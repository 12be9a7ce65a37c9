"""Glossary previews: each term link is tied to a hidden tooltip holding the term's definition.

At build time every link to a glossary page (written ``term:slug`` or as a
plain link) gets ``class="sb-term"`` and ``aria-describedby`` naming one
``role="tooltip"`` element per term, printed once at the end of the page. So
screen readers announce the definition with the link even without
JavaScript, and the text comes from the glossary page, never typed twice.
docs/assets/js/glossary.js shows the tooltip on hover, focus and tap, and
docs/assets/css/glossary.css styles it.

Abbreviation markup inside a term link is unwrapped: the preview already
explains the term, and a second tooltip on top of it would hide it.
"""
from __future__ import annotations

import html
import posixpath
import xml.etree.ElementTree as etree

from studybook.glossary.links import Link
from studybook.glossary.terms import GLOSSARY_DIR, Term, is_term_page

CLASS = "sb-term"
TOOLTIP_CLASS = "sb-preview"


def tooltip_id(slug: str) -> str:
    return f"sb-preview-{slug}"


def _unwrap_abbr(link: etree.Element) -> None:
    for parent in link.iter():
        i = 0
        while i < len(parent):
            child = parent[i]
            if child.tag != "abbr":
                i += 1
                continue
            # An <abbr> holds only text: keep it, and its tail, where the element was.
            text = (child.text or "") + (child.tail or "")
            if i == 0:
                parent.text = (parent.text or "") + text
            else:
                parent[i - 1].tail = (parent[i - 1].tail or "") + text
            parent.remove(child)


def decorate(links: list[Link], page_uri: str, terms: dict[str, Term]) -> list[str]:
    """Mark the term links among ``links``; return the slugs used, in first-use order.

    Links on the glossary index (which prints every definition already) and a
    term page's links to itself are left plain.
    """
    if page_uri == f"{GLOSSARY_DIR}/index.md":
        return []
    used: list[str] = []
    for link in links:
        if not is_term_page(link.target) or link.target == page_uri:
            continue
        slug = posixpath.basename(link.target)[:-3]
        if slug not in terms:
            continue
        el = link.element
        el.set("class", " ".join([*(el.get("class") or "").split(), CLASS]))
        el.set("aria-describedby", tooltip_id(slug))
        _unwrap_abbr(el)
        if slug not in used:
            used.append(slug)
    return used


def tooltips_html(slugs: list[str], terms: dict[str, Term]) -> str:
    """The hidden tooltip elements for the terms a page links to."""
    if not slugs:
        return ""
    items = [
        f'<div class="{TOOLTIP_CLASS}" id="{tooltip_id(s)}" role="tooltip" hidden>'
        f'<span class="{TOOLTIP_CLASS}__title">{html.escape(terms[s].title)}</span> '
        f'<span class="{TOOLTIP_CLASS}__text">{html.escape(terms[s].definition)}</span></div>'
        for s in slugs
    ]
    return '\n<div class="sb-previews">\n' + "\n".join(items) + "\n</div>\n"
