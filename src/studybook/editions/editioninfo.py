"""Which edition is being built, and its date, for the classroom-link plugins.

Copy-link controls, "Cite this page" and the anchor manifest all name the
edition a reader has in front of them. ``edition_for(config)`` answers:

- from ``config.extra.edition`` (``version``, ``date``) when the edition
  plugin of the versions tooling has set it (it reads the changelog);
- otherwise from ``current_edition`` below.

Call it while pages are built (``on_files`` or later), not in ``on_config``:
the edition plugin fills ``config.extra.edition`` in its own, late ``on_config``.

``current_edition`` takes the number, in this order, from:

1. ``MIKE_DOCS_VERSION``: mike sets it while it builds a version to deploy;
2. a ``VERSION`` file at the repository root (one line, e.g. ``1.0``);
3. otherwise ``dev``: an unpublished build.

The date is that edition's entry in ``docs/changelog.md`` (a heading that
names the number and an ISO date, e.g. ``## Edition 1.0 (2026-11-29)``), else
``SOURCE_DATE_EPOCH`` (reproducible builds), else today.

It is deliberately small: the changelog logic belongs to the versions tooling.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

MIKE_VAR = "MIKE_DOCS_VERSION"
UNPUBLISHED = "dev"
ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


@dataclass(frozen=True)
class Edition:
    number: str          # "1.0", or "dev" for an unpublished build
    date: dt.date        # the edition's date (build date when unknown)
    built: dt.date       # the day of this build

    @property
    def published(self) -> bool:
        return self.number != UNPUBLISHED


def build_date(environ=os.environ) -> dt.date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` when it is set."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def changelog_date(changelog: str, number: str) -> dt.date | None:
    """The ISO date on the changelog heading that names edition ``number``."""
    for line in changelog.splitlines():
        if not line.startswith("#"):
            continue
        words = re.sub(r"\{[^}]*\}", "", line)
        if re.search(rf"(?<![\w.]){re.escape(number)}(?![\w.])", words):
            m = ISO_DATE.search(words)
            if m:
                return dt.date.fromisoformat(m.group(1))
    return None


def current_edition(root: str | Path, environ=os.environ) -> Edition:
    """The edition being built from the repository at ``root``."""
    root = Path(root)
    number = environ.get(MIKE_VAR, "").strip()
    if not number and (root / "VERSION").is_file():
        number = (root / "VERSION").read_text(encoding="utf-8").strip()
    number = number or UNPUBLISHED
    built = build_date(environ)
    changelog = root / "docs" / "changelog.md"
    date = None
    if number != UNPUBLISHED and changelog.is_file():
        date = changelog_date(changelog.read_text(encoding="utf-8"), number)
    return Edition(number, date or built, built)


def edition_for(config, environ=os.environ) -> Edition:
    """The edition of this build: the edition plugin's answer if there is one, else ours."""
    extra = (config.get("extra") or {}).get("edition")
    if isinstance(extra, dict) and extra.get("version") and extra.get("date"):
        return Edition(str(extra["version"]), dt.date.fromisoformat(str(extra["date"])),
                       build_date(environ))
    return current_edition(Path(config.config_file_path).parent, environ)
