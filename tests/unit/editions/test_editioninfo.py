"""studybook.editions.plugin: the edition number and date of a build."""
import datetime as dt

from studybook.editions.editioninfo import changelog_date, current_edition

CHANGELOG = """# Changelog { #changelog }

## Edition 1.1 (2027-03-02) { #v1-1 }

## Edition 1.0 — 2026-11-29 { #v1-0 }
"""


def test_changelog_date_finds_the_heading_of_that_edition():
    assert changelog_date(CHANGELOG, "1.0") == dt.date(2026, 11, 29)
    assert changelog_date(CHANGELOG, "1.1") == dt.date(2027, 3, 2)
    assert changelog_date(CHANGELOG, "1") is None          # "1" is not "1.0" or "1.1"
    assert changelog_date(CHANGELOG, "2.0") is None


def test_number_from_mike_then_version_file_then_dev(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "changelog.md").write_text(CHANGELOG)
    epoch = {"SOURCE_DATE_EPOCH": "1800000000"}        # 2027-01-15
    assert current_edition(tmp_path, epoch).number == "dev"
    assert current_edition(tmp_path, epoch).date == dt.date(2027, 1, 15)
    (tmp_path / "VERSION").write_text("1.0\n")
    e = current_edition(tmp_path, epoch)
    assert (e.number, e.date, e.built, e.published) == ("1.0", dt.date(2026, 11, 29), dt.date(2027, 1, 15), True)
    e = current_edition(tmp_path, dict(epoch, MIKE_DOCS_VERSION="1.1"))
    assert (e.number, e.date) == ("1.1", dt.date(2027, 3, 2))
    # An edition without a changelog entry is dated by its build.
    assert current_edition(tmp_path, dict(epoch, MIKE_DOCS_VERSION="3.0")).date == dt.date(2027, 1, 15)


def test_the_edition_plugin_of_the_versions_tooling_wins(tmp_path):
    from studybook.editions.editioninfo import edition_for

    class Config(dict):
        config_file_path = str(tmp_path / "mkdocs.yml")

    (tmp_path / "VERSION").write_text("9.9\n")
    plain = Config(extra={})
    assert edition_for(plain, {}).number == "9.9"
    told = Config(extra={"edition": {"version": "1.0", "date": "2026-11-29"}})
    e = edition_for(told, {"SOURCE_DATE_EPOCH": "1800000000"})
    assert (e.number, e.date, e.built) == ("1.0", dt.date(2026, 11, 29), dt.date(2027, 1, 15))
