"""Check that every link to a #fragment in a built site lands on an element with that id.

The link gate (tests/test_site.py) runs linkchecker over the whole book for every page,
stylesheet, script, image and download. Its own fragment check (the AnchorCheck plugin)
treats each ``page#fragment`` as a separate address and downloads and parses the page
again for each one (linkchecker issue #781): minutes for this book, which has thousands
of note, backlink and section links. This module reads each built page once instead and
checks every ``href`` fragment against the target page's ids.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Fragments every HTML page has: "" (the top) and "top" (HTML, "scroll to the fragment").
ALWAYS_THERE = {"", "top"}


@dataclass
class PageScan:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, int]] = field(default_factory=list)   # (href, line)


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.scan.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.scan.ids.add(attrs["name"])
        if tag in {"a", "area"} and attrs.get("href") is not None:
            self.scan.links.append((attrs["href"], self.getpos()[0]))


def scan_page(page_html: str) -> PageScan:
    """The ids a page defines and the links it makes."""
    scanner = _Scanner()
    scanner.feed(page_html)
    scanner.close()
    return scanner.scan


def target_file(page: str, href: str, site_url: str | None = None) -> str | None:
    """The site-relative HTML file an in-site link points to (``page`` is site-relative too).

    A link that starts with ``site_url`` (an absolute link to the book itself, as in
    "Cite this page") counts as in-site. None for links that leave the site: another
    scheme or host, or a path above the site root.
    """
    base, here = posixpath.dirname(page), page
    if site_url and href.startswith(site_url):
        href, base, here = href[len(site_url):], "", "index.html"
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or parts.path.startswith("/"):
        return None
    if not parts.path:
        return here
    path = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    if path == ".." or path.startswith("../"):
        return None
    if parts.path.endswith("/") or path == ".":
        path = "index.html" if path == "." else path + "/index.html"
    return path


def broken_fragments(site: Path, site_url: str | None = None) -> list[str]:
    """One line per link whose #fragment the target page does not define."""
    pages = {str(p.relative_to(site)): scan_page(p.read_text(encoding="utf-8"))
             for p in sorted(site.rglob("*.html"))}
    broken = []
    for page, scan in pages.items():
        for href, line in scan.links:
            fragment = unquote(urlsplit(href).fragment)
            if "#" not in href or fragment in ALWAYS_THERE:
                continue
            target = target_file(page, href, site_url)
            if target is None or target not in pages:
                continue   # another site, or not a page: linkchecker checks it
            if fragment not in pages[target].ids:
                broken.append(f"{page}:{line}: {href} -> no id '{fragment}' in {target}")
    return broken
