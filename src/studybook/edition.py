"""Which edition is being built, when, and what its download files are called.

One place answers three questions for the offline zip, the PDF and the
download links on the online pages:

- the edition number: ``VERSION`` from the environment (``make publish
  VERSION=1.0``), else the newest entry of docs/changelog.md, else ``dev``;
- the build date: ``SOURCE_DATE_EPOCH`` if set (reproducible builds), else today;
- the file names: ``putin-korea-study-edition-<version>-offline.zip`` and
  ``putin-korea-study-edition-<version>.pdf``.

``newest_changelog_version`` is the only code that reads the changelog's
format; point it at a shared helper if the changelog format moves.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

BASENAME = "putin-korea-study-edition"
FALLBACK_VERSION = "dev"
# A level-2 heading that starts with a version number, e.g.
# "## 1.0 — 2026-11-29 { #v1-0 }" or "## 1.2.1 (2027-01-10)".
CHANGELOG_ENTRY = re.compile(r"^##\s+v?(?P<version>\d+(?:\.\d+)*(?:[-+][0-9A-Za-z.]+)?)\b", re.M)
# What we accept as an edition number in VERSION: it ends up in file names and URLs.
VALID_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+-]*$")


def newest_changelog_version(changelog: str) -> str | None:
    """The version of the first (newest) ``## <version> …`` entry, or None if there is none."""
    m = CHANGELOG_ENTRY.search(changelog)
    return m.group("version") if m else None


def edition_version(environ: dict[str, str] | None = None, changelog: Path | None = None) -> str:
    """``VERSION`` if set, else the newest changelog entry, else ``dev``."""
    environ = os.environ if environ is None else environ
    version = environ.get("VERSION", "").strip()
    if not version and changelog is not None and changelog.is_file():
        version = newest_changelog_version(changelog.read_text(encoding="utf-8")) or ""
    version = version or FALLBACK_VERSION
    if not VALID_VERSION.match(version):
        raise ValueError(f"VERSION={version!r} is not an edition number (use e.g. 1.0 or 1.2.1)")
    return version


def build_date(environ: dict[str, str] | None = None) -> dt.date:
    """The build date: from ``SOURCE_DATE_EPOCH`` when set, else today (UTC)."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()


def long_date(day: dt.date) -> str:
    """'29 November 2026' (the book's date style)."""
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Edition:
    version: str
    date: dt.date

    @property
    def folder(self) -> str:
        """The one top-level folder inside the zip."""
        return f"{BASENAME}-{self.version}"

    @property
    def zip_name(self) -> str:
        return f"{BASENAME}-{self.version}-offline.zip"

    @property
    def pdf_name(self) -> str:
        return f"{BASENAME}-{self.version}.pdf"


def current_edition(docs_dir: Path, environ: dict[str, str] | None = None) -> Edition:
    """The edition being built from ``docs_dir`` (which holds changelog.md)."""
    return Edition(edition_version(environ, docs_dir / "changelog.md"), build_date(environ))


def human_size(n_bytes: int) -> str:
    """A file size as readers see it: '840 KB', '4.2 MB' (decimal units, like most systems)."""
    if n_bytes < 1000:
        return f"{n_bytes} bytes"
    if n_bytes < 1_000_000:
        return f"{round(n_bytes / 1000)} KB"
    return f"{n_bytes / 1_000_000:.1f} MB"
