"""studybook.edition: one model of the edition, resolved once, asked for everywhere."""
import datetime as dt

import pytest
from mkdocs.config.defaults import MkDocsConfig

from studybook.edition import Edition, build_date, edition_of, long_date, resolve
from studybook.errors import BookError

CHANGELOG = """\
# Changelog

## 1.1 — 2026-12-01 { #v1-1 }

- Second.

## 1.0 — 2026-11-29 { #v1-0 }

- First.
"""
EPOCH = {"SOURCE_DATE_EPOCH": "1800000000"}   # 15 January 2027


def test_resolve_reads_the_entry_and_the_build_date(tmp_path):
    (tmp_path / "changelog.md").write_text(CHANGELOG, encoding="utf-8")
    assert resolve(tmp_path, None, EPOCH) == Edition("1.1", dt.date(2026, 12, 1), dt.date(2027, 1, 15),
                                                     "v1-1", ("Second.",))
    older = resolve(tmp_path, "1.0", EPOCH)
    assert (older.version, older.date_text, older.built_text) == ("1.0", "29 November 2026", "15 January 2027")


@pytest.mark.parametrize("files, version, message", [
    # (changelog text or None, version asked for, what the error says)
    (None, None, "docs/changelog.md: the changelog is missing"),
    (CHANGELOG, "2.0", "docs/changelog.md:3: no changelog entry for edition 2.0"),
])
def test_resolve_stops_without_an_entry(tmp_path, files, version, message):
    if files:
        (tmp_path / "changelog.md").write_text(files, encoding="utf-8")
    with pytest.raises(BookError) as err:
        resolve(tmp_path, version, EPOCH)
    assert str(err.value).startswith(message) and "\n  Fix: " in str(err.value)


@pytest.mark.parametrize("epoch, day", [
    ("0", dt.date(1970, 1, 1)),
    (" 1800000000 ", dt.date(2027, 1, 15)),
])
def test_build_date(epoch, day):
    assert build_date({"SOURCE_DATE_EPOCH": epoch}) == day
    assert build_date({}) == dt.datetime.now(dt.UTC).date()


@pytest.mark.parametrize("epoch", ["abc", "1.5", "-", "99999999999999999999"])
def test_a_bad_epoch_names_the_variable_and_the_fix(epoch):
    with pytest.raises(BookError) as err:
        build_date({"SOURCE_DATE_EPOCH": epoch})
    assert str(err.value).startswith(f"SOURCE_DATE_EPOCH: SOURCE_DATE_EPOCH={epoch!r} is not a time stamp")
    assert "Fix: set SOURCE_DATE_EPOCH to a whole number of seconds" in str(err.value)


def test_long_date():
    assert long_date(dt.date(2027, 1, 5)) == "5 January 2027"


def _config(tmp_path, plugins):
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: T\nplugins:\n" + "".join(f"  - {p}\n" for p in plugins), encoding="utf-8")
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "changelog.md").write_text(CHANGELOG, encoding="utf-8")
    config = MkDocsConfig(config_file_path=str(path))
    config.load_file(path.open(encoding="utf-8"))
    errors, _warnings = config.validate()
    assert not errors, errors
    return config


def test_edition_of_needs_the_edition_plugin(tmp_path):
    config = _config(tmp_path, ["search"])
    with pytest.raises(BookError) as err:
        edition_of(config)
    assert str(err.value).startswith("mkdocs.yml:2: the studybook-edition plugin is not loaded")


def test_edition_of_before_the_plugin_has_run(tmp_path):
    config = _config(tmp_path, ["search", "studybook-edition"])
    with pytest.raises(BookError) as err:
        edition_of(config)
    assert str(err.value).startswith("mkdocs.yml:4: a plugin asked for the edition before")
    config["plugins"]["studybook-edition"].on_config(config)
    assert edition_of(config).version == "1.1"
