"""studybook.edition: the edition number, the build date and the download names."""
import datetime as dt

import pytest

from studybook.edition import (
    Edition,
    build_date,
    current_edition,
    edition_version,
    human_size,
    long_date,
    newest_changelog_version,
)


@pytest.mark.parametrize(
    "changelog, expected",
    [
        # The format the versions helper defines: newest first, "## <version> — <date> { #id }".
        ("# Changelog\n\n## 1.1 — 2027-01-05 { #v1-1 }\n\n- x\n\n## 1.0 — 2026-11-29 { #v1-0 }\n", "1.1"),
        ("## 1.0 — 2026-11-29 { #v1-0 }\n", "1.0"),
        ("## 2.0.1 (2027-03-01)\n", "2.0.1"),
        ("## v1.2\n", "1.2"),
        ("## 1.0-rc1 — draft\n", "1.0-rc1"),
        # Not entries: a level-3 heading, a heading that starts with a word, no entry at all.
        ("### 1.0\n## Unreleased\n", None),
        ("# Changelog\n\n*No edition has been published yet.*\n", None),
    ],
)
def test_newest_changelog_version(changelog, expected):
    assert newest_changelog_version(changelog) == expected


def test_version_prefers_the_environment_then_the_changelog_then_dev(tmp_path):
    log = tmp_path / "changelog.md"
    log.write_text("## 1.0 — 2026-11-29 { #v1-0 }\n", encoding="utf-8")
    assert edition_version({"VERSION": "1.3"}, log) == "1.3"
    assert edition_version({}, log) == "1.0"
    assert edition_version({"VERSION": " "}, log) == "1.0"
    assert edition_version({}, tmp_path / "missing.md") == "dev"


@pytest.mark.parametrize("bad", ["1.0/../x", "1 0", "-1", "ä"])
def test_a_version_that_cannot_be_a_file_name_is_refused(bad):
    with pytest.raises(ValueError, match="not an edition number"):
        edition_version({"VERSION": bad})


def test_build_date_honours_source_date_epoch():
    assert build_date({"SOURCE_DATE_EPOCH": "1796083200"}) == dt.date(2026, 12, 1)
    assert isinstance(build_date({}), dt.date)


def test_names_and_dates():
    ed = Edition("1.0", dt.date(2026, 11, 29))
    assert ed.zip_name == "putin-korea-study-edition-1.0-offline.zip"
    assert ed.pdf_name == "putin-korea-study-edition-1.0.pdf"
    assert ed.folder == "putin-korea-study-edition-1.0"
    assert long_date(ed.date) == "29 November 2026"
    assert long_date(dt.date(2027, 1, 5)) == "5 January 2027"


def test_current_edition_reads_the_docs_changelog(tmp_path):
    (tmp_path / "changelog.md").write_text("## 0.9 — 2026-10-01\n", encoding="utf-8")
    ed = current_edition(tmp_path, {"SOURCE_DATE_EPOCH": "0"})
    assert ed == Edition("0.9", dt.date(1970, 1, 1))


@pytest.mark.parametrize(
    "n, text",
    [(512, "512 bytes"), (840_400, "840 KB"), (4_230_000, "4.2 MB"), (10_000_000, "10.0 MB")],
)
def test_human_size(n, text):
    assert human_size(n) == text
