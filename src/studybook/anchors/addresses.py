"""The public address of a page or an anchor: ``<site>/<edition>/<path>#<id>``.

The book is published with mike, one folder per edition (``/1.0/``, ``/1.1/``)
and ``latest`` as a redirect to the newest. A classroom link names an edition,
so it opens the same words in five years; "Cite this page", the copy-link
controls and the anchor manifest all build their links here.

Paths are the online site's directory URLs (``chapters/introduction/``), also
in a build that uses other URLs (the offline copy), because those are the
addresses readers share.
"""
from __future__ import annotations

import posixpath

LATEST = "latest"


def page_path(src_uri: str) -> str:
    """The directory-URL path of a page: ``chapters/x.md`` -> ``chapters/x/``, ``index.md`` -> ``""``."""
    stem, _ = posixpath.splitext(src_uri)
    if posixpath.basename(stem) in ("index", "README"):
        folder = posixpath.dirname(stem)
        return f"{folder}/" if folder else ""
    return f"{stem}/"


def site_root(site_url: str | None, version: str | None = None) -> str:
    """The address above the edition folders, ending in ``/`` ("" when unknown).

    While mike builds a version it appends the version to ``site_url``
    (``https://host/book/1.0``); that suffix is taken off again here.
    """
    url = (site_url or "").rstrip("/")
    if not url:
        return ""
    if version and url.endswith("/" + version):
        url = url[: -len(version) - 1]
    return url + "/"


def public_root(config) -> str:
    """The site root of this build's published editions (``site_url`` less mike's version folder)."""
    from studybook.edition import edition_of  # here: addresses stays importable without MkDocs' config
    return site_root(config.site_url, edition_of(config).version)


def edition_url(root: str, edition: str, path: str = "", anchor: str | None = None) -> str:
    """``<root><edition>/<path>#<anchor>``: the address pinned to one edition."""
    return f"{root}{edition}/{path}" + (f"#{anchor}" if anchor else "")


def latest_url(root: str, path: str = "", anchor: str | None = None) -> str:
    """The same address under ``latest``: whatever edition is newest."""
    return edition_url(root, LATEST, path, anchor)
