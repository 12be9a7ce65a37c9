"""The files of an edition that readers download, and how they are named.

- ``putin-korea-study-edition-<version>-offline.zip``: the offline copy, one
  top-level folder ``putin-korea-study-edition-<version>`` inside;
- ``putin-korea-study-edition-<version>.pdf``: the whole book;
- ``putin-korea-study-edition-<version>.epub``: the whole book for e-readers (studybook.epub).

Which edition, and its build date, is ``studybook.edition``'s business: the
build asks ``edition_of(config)``, ``make offline`` calls ``resolve`` with
``requested_version`` below.
"""
from __future__ import annotations

from studybook.edition import VERSION_ENV, Edition

BASENAME = "putin-korea-study-edition"


def requested_version(environ) -> str | None:
    """The edition ``make offline`` is asked for: MIKE_DOCS_VERSION, else VERSION, else None (the newest)."""
    return (environ.get(VERSION_ENV) or environ.get("VERSION") or "").strip() or None


def folder(edition: Edition) -> str:
    """The one top-level folder inside the zip."""
    return f"{BASENAME}-{edition.version}"


def zip_name(edition: Edition) -> str:
    return f"{BASENAME}-{edition.version}-offline.zip"


def pdf_name(edition: Edition) -> str:
    return f"{BASENAME}-{edition.version}.pdf"


def epub_name(edition: Edition) -> str:
    return f"{BASENAME}-{edition.version}.epub"


def human_size(n_bytes: int) -> str:
    """A file size as readers see it: '840 KB', '4.2 MB' (decimal units, like most systems)."""
    if n_bytes < 1000:
        return f"{n_bytes} bytes"
    if n_bytes < 1_000_000:
        return f"{round(n_bytes / 1000)} KB"
    return f"{n_bytes / 1_000_000:.1f} MB"
