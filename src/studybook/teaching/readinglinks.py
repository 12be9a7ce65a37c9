"""Links to readings, made from the anchor manifest ``anchors.json``: read it, check it, link into it.

The anchors plugin (``studybook.anchors.manifest``) writes ``anchors.json`` at the root
of every build (the edition root): every page with its headings and, for
chapters, its paragraphs and their stable ids. The format is set out once, in
``studybook.anchors.manifest``'s docstring.

A reader's URL is ``<site><edition>/<path>#<id>``, where ``<site>`` is the
address above the edition folders. The teaching tools (``studybook.teaching.assignments``,
``studybook.teaching.cartridge``) read the manifest only through this module, so a change
to the contract is met here.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from studybook.anchors.addresses import edition_url, site_root
from studybook.anchors.manifest import MANIFEST
from studybook.errors import BookError

MANIFEST_NAME = MANIFEST
PAGE_KINDS = {"chapter", "glossary", "person", "page"}
ANCHOR_KINDS = {"heading", "paragraph"}


def load(site_dir: str | Path) -> dict:
    """Read and check ``<site_dir>/anchors.json``; raise ``BookError`` if it is missing or broken."""
    path = Path(site_dir) / MANIFEST_NAME
    if not path.is_file():
        raise BookError(str(path), None, "the anchor manifest is missing",
                        "build the site with the anchors plugin enabled (it writes anchors.json)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise BookError(str(path), err.lineno, f"anchors.json is not valid JSON: {err.msg}",
                        "rebuild the site; never edit anchors.json by hand") from None
    return check(data, str(path))


def _need(cond: bool, where: str, problem: str) -> None:
    if not cond:
        raise BookError(where, None, f"anchors.json does not follow the contract: {problem}",
                        "rebuild the site; if it persists, fix the plugin that writes anchors.json")


def check(data: object, where: str = MANIFEST_NAME) -> dict:
    """Check ``data`` against the manifest contract and return it unchanged."""
    _need(isinstance(data, dict), where, "the top level is not an object")
    _need(isinstance(data.get("edition"), str) and data["edition"] != "", where, "no 'edition'")
    _need(isinstance(data.get("pages"), list), where, "no 'pages' list")
    for i, page in enumerate(data["pages"]):
        at = f"pages[{i}]"
        _need(isinstance(page, dict), where, f"{at} is not an object")
        for key in ("path", "src", "title"):
            _need(isinstance(page.get(key), str), where, f"{at} has no string '{key}'")
        _need(page.get("kind") in PAGE_KINDS, where, f"{at} has kind {page.get('kind')!r}")
        if page["kind"] == "chapter":
            _need(isinstance(page.get("number"), int), where, f"{at} is a chapter without a 'number'")
        _need(isinstance(page.get("anchors"), list), where, f"{at} has no 'anchors' list")
        for j, anchor in enumerate(page["anchors"]):
            here = f"{at}.anchors[{j}]"
            _need(isinstance(anchor, dict) and isinstance(anchor.get("id"), str) and anchor["id"],
                  where, f"{here} has no 'id'")
            _need(anchor.get("kind") in ANCHOR_KINDS, where, f"{here} has kind {anchor.get('kind')!r}")
            if anchor["kind"] == "heading":
                _need(isinstance(anchor.get("level"), int), where, f"{here} is a heading without 'level'")
            else:
                _need(isinstance(anchor.get("n"), int), where, f"{here} is a paragraph without 'n'")
                _need(isinstance(anchor.get("section"), str), where, f"{here} has no 'section'")
    return data


def site_of(manifest: dict, site_url: str | None = None) -> str:
    """The site root a manifest names (``"site"``), else ``site_url`` less the edition folder mike adds."""
    site = manifest.get("site")
    return site if isinstance(site, str) and site else site_root(site_url, manifest["edition"])


def chapters(manifest: dict) -> list[dict]:
    """The chapter pages, in reading order."""
    return sorted((p for p in manifest["pages"] if p["kind"] == "chapter"), key=lambda p: p["number"])


def online_path(path: str) -> str:
    """The page's path on the published (directory-URL) site.

    An offline build may list pages as ``chapters/x.html``; links for students
    always point at the online edition, where that page is ``chapters/x/``.
    """
    if path.endswith("index.html"):
        return path[: -len("index.html")]
    if path.endswith(".html"):
        return path[: -len(".html")] + "/"
    return path


def edition_root(site_url: str, edition: str) -> str:
    """The root of an edition: ``<site_url><edition>/``."""
    if not site_url:
        raise BookError("mkdocs.yml", None, "site_url is not set, so no absolute link can be made",
                        "set site_url (or the SITE_URL environment variable) to the book's public address")
    return edition_url(site_url if site_url.endswith("/") else site_url + "/", quote(edition))


def reading_url(site_url: str, edition: str, path: str, start: str | None = None,
                end: str | None = None) -> str:
    """A link to a page of an edition, optionally to a reading range.

    ``start`` is the id the browser scrolls to (``#start``); ``end`` is the id
    where the reading stops, passed as ``?to=end``. A heading id as ``end``
    means "to the end of that section". The page script
    ``assets/js/reading-range.js`` highlights the range.
    """
    url = edition_root(site_url, edition) + online_path(path)
    if end:
        url += "?to=" + quote(end)
    if start:
        url += "#" + quote(start)
    return url
