"""The edition line and the downloads at the foot of every page.

Online, every page names its edition and links to that edition's offline zip
and PDF, with their sizes; the files are copied into the site under
``downloads/``, so an edition published with mike carries its own downloads.
Offline (``STUDYBOOK_OFFLINE=true``), every page says which edition it is and
when the copy was built.

The files come from ``dist/`` (``make offline`` puts them there). A plain
``make build`` without them just shows no download links; ``make publish``
sets ``STUDYBOOK_REQUIRE_DOWNLOADS=true`` so that an edition is never
published without its downloads.

The template side is the ``footer`` block in overrides/main.html, which
reads ``config.extra.downloads``.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin

from studybook.edition import Edition, edition_of
from studybook.errors import BookError
from studybook.offline.artifacts import epub_name, human_size, pdf_name, zip_name

DOWNLOADS_DIR = "downloads"


def download_links(edition: Edition, dist: Path) -> list[dict]:
    """The edition's files found in ``dist``, as the template shows them (missing ones left out)."""
    wanted = [
        (zip_name(edition), "Offline copy", "ZIP", "application/zip",
         "the whole book as a website to read from disk: unzip it and open index.html"),
        (pdf_name(edition), "Whole book as PDF", "PDF", "application/pdf",
         "the whole book in one file, to print or read on any device"),
        (epub_name(edition), "E-book", "EPUB", "application/epub+zip",
         "the whole book for e-readers and book apps (Apple Books, Kobo, Thorium, Calibre)"),
    ]
    links = []
    for name, label, kind, mime, what in wanted:
        path = dist / name
        if path.is_file():
            size = path.stat().st_size
            links.append({"name": name, "href": f"{DOWNLOADS_DIR}/{name}", "label": label,
                          "kind": kind, "type": mime, "what": what, "bytes": size,
                          "size": human_size(size)})
    return links


def downloads_context(edition: Edition, offline: bool, links: list[dict]) -> dict:
    """What overrides/main.html reads as ``config.extra.downloads``."""
    return {"version": edition.version, "built": edition.built_text,
            "built_iso": edition.built.isoformat(), "offline": offline, "links": links}


class DownloadsConfig(Config):
    offline = c.Type(bool, default=False)   # the offline build: edition and date, no links
    dist_dir = c.Type(str, default="dist")   # where `make offline` leaves the files
    require = c.Type(bool, default=False)    # fail if a file is missing (make publish)


class DownloadsPlugin(BasePlugin[DownloadsConfig]):
    """studybook-downloads: see the module docstring."""

    def on_files(self, files, config):   # the edition is resolved by now (studybook.edition)
        root = Path(config.config_file_path or ".").resolve().parent
        edition = edition_of(config)
        self.links: list[dict] = []
        self.dist = root / self.config.dist_dir
        if not self.config.offline:
            self.links = download_links(edition, self.dist)
            missing = {zip_name(edition), pdf_name(edition), epub_name(edition)} - {d["name"] for d in self.links}
            if self.config.require and missing:
                raise BookError(
                    str(self.dist), None,
                    f"edition {edition.version} has no {' and no '.join(sorted(missing))}",
                    f"run `make offline VERSION={edition.version}` before publishing this edition",
                )
        config.extra["downloads"] = downloads_context(edition, self.config.offline, self.links)
        return files

    def on_post_build(self, *, config):
        if not self.links:
            return
        target = Path(config.site_dir) / DOWNLOADS_DIR
        target.mkdir(parents=True, exist_ok=True)
        for link in self.links:
            shutil.copy2(self.dist / link["name"], target / link["name"])
