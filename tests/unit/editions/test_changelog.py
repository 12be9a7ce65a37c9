"""studybook.editions.changelog: the entries are read exactly, and every slip names its line and fix."""
from datetime import date
from pathlib import Path

import pytest

from studybook.editions.changelog import Entry, entry_for, parse_changelog, version_key
from studybook.errors import BookError

REPO = Path(__file__).resolve().parents[3]

GOOD = """\
---
title: Changelog
---

# Changelog { #changelog }

An introduction, free text.

## 1.10 — 2027-09-01 { #v1-10 }

- Tenth minor edition, with a [link](chapters/index.md).
- A long item
  that wraps onto a second line.

## 1.9 — 2027-09-01 { #v1-9 }

Some words before the list are allowed.

* A star bullet.

## 1.0 — 2026-11-29 { #v1-0 }

- First.

```
## not a heading inside a code fence
```
"""


def test_entries_are_read_newest_first_with_their_changes():
    entries = parse_changelog(GOOD)
    assert [e.version for e in entries] == ["1.10", "1.9", "1.0"]
    first = entries[0]
    assert first == Entry("1.10", date(2027, 9, 1), "v1-10",
                          ("Tenth minor edition, with a [link](chapters/index.md).",
                           "A long item that wraps onto a second line."))
    assert first.line == 9
    assert entries[1].changes == ("A star bullet.",)


def test_entry_for_a_version_or_the_newest():
    entries = parse_changelog(GOOD)
    assert entry_for(entries, None).version == "1.10"
    assert entry_for(entries, "1.9").anchor == "v1-9"
    with pytest.raises(BookError) as err:
        entry_for(entries, "2.0")
    assert "no changelog entry for edition 2.0" in str(err.value)
    assert "## 2.0 — " in str(err.value) and "{ #v2-0 }" in str(err.value)


def test_version_key_orders_numerically():
    assert sorted(["1.10", "1.9", "2.0", "1.0"], key=version_key) == ["1.0", "1.9", "1.10", "2.0"]


@pytest.mark.parametrize(
    "text, line, problem, fix",
    [
        # (changelog text, line in the message, the problem, a word of the fix)
        ("# C\n\n## 1.0 - 2026-11-29 { #v1-0 }\n\n- x\n", 3, "is not an edition heading", "em dash"),
        ("# C\n\n## 1.0 — 2026-11-29\n\n- x\n", 3, "is not an edition heading", "id"),
        ("## v1.0 — 2026-11-29 { #v1-0 }\n\n- x\n", 1, "'v1.0' is not an edition number", "<major>.<minor>"),
        ("## 1.0.1 — 2026-11-29 { #v1-0-1 }\n\n- x\n", 1, "'1.0.1' is not an edition number", "<major>.<minor>"),
        ("## 1.0 — 29.11.2026 { #v1-0 }\n\n- x\n", 1, "'29.11.2026' is not a date", "YYYY-MM-DD"),
        ("## 1.0 — 2026-02-30 { #v1-0 }\n\n- x\n", 1, "'2026-02-30' is not a date", "YYYY-MM-DD"),
        ("## 1.0 — 2026-11-29 { #first }\n\n- x\n", 1, "'#first' does not match edition 1.0", "#v1-0"),
        ("## 1.0 — 2026-11-29 { #v1-0 }\n\nNo list.\n", 1, "has no bullet list", "'- '"),
        ("## 1.0 — 2026-11-29 { #v1-0 }\n\n- x\n\n## 1.1 — 2026-12-01 { #v1-1 }\n\n- y\n",
         5, "edition 1.1 comes after 1.0", "newest first"),
        ("## 1.0 — 2026-11-29 { #v1-0 }\n\n- x\n\n## 1.0 — 2026-11-29 { #v1-0 }\n\n- y\n",
         5, "edition 1.0 comes after 1.0", "each edition once"),
        ("## 1.1 — 2026-11-29 { #v1-1 }\n\n- x\n\n## 1.0 — 2026-12-01 { #v1-0 }\n\n- y\n",
         5, "dated after the newer edition 1.1", "dates"),
        ("## 1.0 — 2026-11-29 { #v1-0 }\n\n- x\n\n# Another title\n", 5, "level-1 heading", "level-2"),
    ],
)
def test_slips_name_the_line_and_the_fix(text, line, problem, fix):
    with pytest.raises(BookError) as err:
        parse_changelog(text)
    message = str(err.value)
    assert f"docs/changelog.md:{line}:" in message
    assert problem in message
    assert fix in message.split("Fix:")[1]


def test_a_changelog_without_entries_is_an_error():
    with pytest.raises(BookError) as err:
        parse_changelog("# Changelog\n\nNothing yet.\n")
    assert "has no edition entry" in str(err.value)


def test_the_books_changelog_parses_and_starts_at_1_0():
    entries = parse_changelog((REPO / "docs" / "changelog.md").read_text(encoding="utf-8"))
    assert entries[-1].version == "1.0"
    assert all(1 <= len(e.changes) <= 12 for e in entries)
