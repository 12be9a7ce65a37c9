"""The changelog, docs/changelog.md: one entry per edition, newest first.

Every edition carries this page. The build reads the entry of the edition it
makes (its number, date and "What changed" list), and ``make publish`` refuses
an edition that has no entry. The format is plain Markdown with a strict
heading, so a slip is caught before anything is published::

    ## 1.1 — 2027-03-01 { #v1-1 }

    - One line per change, in a bullet list (at least one).

    ## 1.0 — 2026-11-29 { #v1-0 }

    - ...

- The heading is ``## <major>.<minor> — <YYYY-MM-DD> { #v<major>-<minor> }``
  (an em dash between number and date; the id is the number with a hyphen).
- Entries run newest first: numbers strictly falling, dates never rising.
- Text before the first entry (the page title and an introduction) is free.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from studybook.errors import BookError

CHANGELOG = "changelog.md"   # relative to docs/
VERSION = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
HEADING = re.compile(
    r"^## (?P<version>\S+) — (?P<date>\S+) \{ #(?P<id>[^ }]+) \}[ \t]*$"
)
FENCE = re.compile(r"^(```|~~~)")


@dataclass(frozen=True)
class Entry:
    """One edition's entry in the changelog."""

    version: str                 # "1.0"
    date: date
    anchor: str                  # "v1-0": the heading id on the changelog page
    changes: tuple[str, ...]     # the bullet items, as Markdown
    line: int = field(default=0, compare=False)   # where the heading is


def version_key(version: str) -> tuple[int, int]:
    """``"1.10"`` -> ``(1, 10)``, so that 1.10 sorts after 1.9."""
    major, minor = version.split(".")
    return int(major), int(minor)


def anchor_for(version: str) -> str:
    """The heading id of a version's entry: ``"1.0"`` -> ``"v1-0"``."""
    return "v" + version.replace(".", "-")


def heading_for(version: str, when: date | str) -> str:
    """The heading line to write for a new entry (used in error messages)."""
    return f"## {version} — {when} {{ #{anchor_for(version)} }}"


def parse_changelog(text: str, path: str = f"docs/{CHANGELOG}") -> list[Entry]:
    """Every entry of the changelog, newest first. Raises ``BookError`` on a slip."""
    entries: list[Entry] = []
    current: dict | None = None
    in_fence = False

    def close():
        if current is None:
            return
        if not current["changes"]:
            raise BookError(path, current["line"],
                            f"the entry for edition {current['version']} has no bullet list",
                            "list what changed under the heading, one '- ' item per change")
        entries.append(Entry(current["version"], current["date"], current["anchor"],
                             tuple(current["changes"]), current["line"]))

    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        if line.startswith("## "):
            close()
            current = _parse_heading(line, number, path)
            if entries:
                _check_order(entries[-1], current, number, path)
        elif line.startswith("# ") and current is not None:
            _fail_h1(number, path)
        elif current is not None:
            if line.startswith("- ") or line.startswith("* "):
                current["changes"].append(line[2:].strip())
            elif line.startswith("  ") and line.strip() and current["changes"]:
                current["changes"][-1] += " " + line.strip()   # a wrapped item
    close()
    if not entries:
        title = next((n for n, line in enumerate(text.splitlines(), 1) if line.startswith("# ")), None)
        raise BookError(path, title, "the changelog has no edition entry",
                        f"add one, for example '{heading_for('1.0', date.today())}' "
                        "followed by a bullet list of what the edition contains"
                        + (", below the page title on this line" if title else ""))
    return entries


def _parse_heading(line: str, number: int, path: str) -> dict:
    m = HEADING.match(line)
    expected = "'## 1.1 — 2027-03-01 { #v1-1 }' (number, em dash, ISO date, id)"
    if not m:
        raise BookError(path, number, f"the heading {line.strip()!r} is not an edition heading",
                        f"write entry headings as {expected}")
    version, when, anchor = m["version"], m["date"], m["id"]
    if not VERSION.match(version):
        raise BookError(path, number, f"{version!r} is not an edition number",
                        "use <major>.<minor>, for example 1.0 or 2.3")
    try:
        day = date.fromisoformat(when)
        if len(when) != 10:
            raise ValueError
    except ValueError:
        raise BookError(path, number, f"{when!r} is not a date",
                        "write the publication date as YYYY-MM-DD, for example 2026-11-29") from None
    if anchor != anchor_for(version):
        raise BookError(path, number, f"the id '#{anchor}' does not match edition {version}",
                        f"use '{{ #{anchor_for(version)} }}'")
    return {"version": version, "date": day, "anchor": anchor, "changes": [], "line": number}


def _check_order(newer: Entry, older: dict, number: int, path: str) -> None:
    if version_key(older["version"]) >= version_key(newer.version):
        raise BookError(path, number,
                        f"edition {older['version']} comes after {newer.version}",
                        "keep entries newest first, each edition once")
    if older["date"] > newer.date:
        raise BookError(path, number,
                        f"edition {older['version']} is dated after the newer edition {newer.version}",
                        "check the dates: a later edition cannot be older")


def _fail_h1(number: int, path: str) -> None:
    raise BookError(path, number, "a level-1 heading after the first edition entry",
                    "keep the page title at the top; entries are level-2 headings")


def entry_for(entries: list[Entry], version: str | None, path: str = f"docs/{CHANGELOG}") -> Entry:
    """The entry for ``version``, or the newest entry when no version is given."""
    if not version:
        return entries[0]
    for entry in entries:
        if entry.version == version:
            return entry
    raise BookError(path, entries[0].line or None, f"no changelog entry for edition {version}",
                    f"add '{heading_for(version, date.today())}' with a bullet list "
                    f"of what changed above the newest entry ({entries[0].version}, on this line), "
                    "commit it, and publish again")
