"""The files of an edition that readers download: which edition, built when, named how.

- the edition number: ``MIKE_DOCS_VERSION`` (set by ``make publish`` and mike),
  else ``VERSION`` (``make offline VERSION=1.0``), else the newest changelog
  entry. It must have an entry in docs/changelog.md: the changelog is read by
  ``studybook.editions.plugin.read_entry``, the one reader of its format;
- the build date: ``SOURCE_DATE_EPOCH`` if set (reproducible builds), else today;
- the file names: ``putin-korea-study-edition-<version>-offline.zip`` and
  ``putin-korea-study-edition-<version>.pdf``.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from studybook.editions.plugin import VERSION_ENV, read_entry

BASENAME = "putin-korea-study-edition"
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]


def requested_version(environ: dict[str, str]) -> str | None:
    """The edition asked for: MIKE_DOCS_VERSION, else VERSION, else None (the newest)."""
    return (environ.get(VERSION_ENV) or environ.get("VERSION") or "").strip() or None


def build_date(environ: dict[str, str] | None = None) -> dt.date:
    """The build date: from ``SOURCE_DATE_EPOCH`` when set, else today (UTC)."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()


def long_date(day: dt.date) -> str:
    """'29 November 2026' (the book's date style)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Edition:
    version: str
    date: dt.date  # the build date

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
    """The edition being built from ``docs_dir``; raises BookError if the changelog has no entry for it."""
    environ = os.environ if environ is None else environ
    entry = read_entry(str(docs_dir), requested_version(environ))
    return Edition(entry.version, build_date(environ))


def human_size(n_bytes: int) -> str:
    """A file size as readers see it: '840 KB', '4.2 MB' (decimal units, like most systems)."""
    if n_bytes < 1000:
        return f"{n_bytes} bytes"
    if n_bytes < 1_000_000:
        return f"{round(n_bytes / 1000)} KB"
    return f"{n_bytes / 1_000_000:.1f} MB"
