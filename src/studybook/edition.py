"""The edition a build makes: one model, resolved once, asked for everywhere.

An edition is a numbered, dated release of the book (``1.0``, 29 November
2026), with its "What changed" list, as its entry in ``docs/changelog.md``
says (``studybook.editions.changelog`` reads that file). A build also has a
build date: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today
in UTC.

- During a MkDocs build the edition plugin (``studybook-edition``,
  ``studybook.editions.plugin``) resolves it once, in ``on_config``. Every
  other plugin asks for it with ``edition_of(config)`` in ``on_files`` or
  later; the function raises a ``BookError`` if the edition plugin is not in
  ``mkdocs.yml`` or has not run yet.
- A command outside MkDocs (``make offline``) calls ``resolve`` itself, once.

Which entry: the version mike is building (``MIKE_DOCS_VERSION``, which
mike and ``make publish`` set), else the newest entry. A version without an
entry stops the build.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from studybook.editions.changelog import CHANGELOG, Entry, entry_for, parse_changelog
from studybook.errors import BookError, config_error

VERSION_ENV = "MIKE_DOCS_VERSION"    # set by mike (and make publish) for an edition build
EPOCH_ENV = "SOURCE_DATE_EPOCH"
PLUGIN = "studybook-edition"
MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")


@dataclass(frozen=True)
class Edition:
    """One edition of the book, as this build makes it."""

    version: str                     # "1.0"
    date: dt.date                    # the edition's date, from its changelog entry
    built: dt.date                   # the day of this build
    anchor: str = ""                 # the entry's heading id on the changelog page ("v1-0")
    changes: tuple[str, ...] = ()    # the entry's "What changed" items, as Markdown

    @property
    def date_text(self) -> str:
        """The edition's date as readers see it: "29 November 2026"."""
        return long_date(self.date)

    @property
    def built_text(self) -> str:
        return long_date(self.built)


def long_date(day: dt.date) -> str:
    """'29 November 2026': the book's date style."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def build_date(environ=None) -> dt.date:
    """The day of this build: ``SOURCE_DATE_EPOCH`` (seconds since 1970) when set, else today (UTC)."""
    environ = os.environ if environ is None else environ
    epoch = (environ.get(EPOCH_ENV) or "").strip()
    if not epoch:
        return dt.datetime.now(dt.UTC).date()
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise BookError(EPOCH_ENV, None, f"{EPOCH_ENV}={epoch!r} is not a time stamp",
                        f"set {EPOCH_ENV} to a whole number of seconds since 1970 "
                        "(for example `git log -1 --format=%ct`), or unset it") from None


def read_entry(docs_dir: str | Path, version: str | None) -> Entry:
    """The changelog entry of ``version`` (the newest when None)."""
    shown = f"docs/{CHANGELOG}"
    try:
        text = (Path(docs_dir) / CHANGELOG).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BookError(shown, None, "the changelog is missing",
                        "every edition carries docs/changelog.md; create it with an entry "
                        "for this edition (see src/studybook/editions/changelog.py)") from None
    return entry_for(parse_changelog(text, shown), version, shown)


def resolve(docs_dir: str | Path, version: str | None, environ=None) -> Edition:
    """The edition ``version`` (the newest when None), built today or on ``SOURCE_DATE_EPOCH``'s day."""
    entry = read_entry(docs_dir, version)
    return Edition(entry.version, entry.date, build_date(environ), entry.anchor, entry.changes)


def edition_of(config) -> Edition:
    """The edition this build makes, as the edition plugin resolved it."""
    plugin = config["plugins"].get(PLUGIN)
    if plugin is None:
        raise config_error(config, "plugins", f"the {PLUGIN} plugin is not loaded, and this build needs its edition",
                           f"add '- {PLUGIN}' to the plugins of mkdocs.yml, right after '- search'")
    edition = getattr(plugin, "edition", None)
    if edition is None:
        raise config_error(config, PLUGIN, "a plugin asked for the edition before studybook-edition resolved it",
                           "ask for it with edition_of(config) in on_files or a later event, not in on_config")
    return edition
