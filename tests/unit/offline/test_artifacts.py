"""studybook.offline.artifacts: which edition's files are made, when, and their names."""
import datetime as dt

import pytest

from studybook.offline.artifacts import Edition, build_date, current_edition, human_size, long_date, requested_version
from studybook.errors import BookError

CHANGELOG = """# Changelog { #changelog }

## 1.1 — 2027-01-05 { #v1-1 }

- Newer.

## 1.0 — 2026-11-29 { #v1-0 }

- First.
"""


@pytest.mark.parametrize(
    "environ, version",
    [({}, None), ({"VERSION": "1.0"}, "1.0"), ({"MIKE_DOCS_VERSION": "1.1", "VERSION": "1.0"}, "1.1"),
     ({"VERSION": " "}, None)],
)
def test_requested_version(environ, version):
    assert requested_version(environ) == version


def test_the_edition_comes_from_the_changelog(tmp_path):
    (tmp_path / "changelog.md").write_text(CHANGELOG, encoding="utf-8")
    epoch = {"SOURCE_DATE_EPOCH": "1796083200"}
    assert current_edition(tmp_path, epoch) == Edition("1.1", dt.date(2026, 12, 1))
    assert current_edition(tmp_path, {**epoch, "VERSION": "1.0"}).version == "1.0"
    with pytest.raises(BookError, match="2.0"):
        current_edition(tmp_path, {"VERSION": "2.0"})


def test_build_date():
    assert build_date({"SOURCE_DATE_EPOCH": "0"}) == dt.date(1970, 1, 1)
    assert isinstance(build_date({}), dt.date)


def test_names_and_dates():
    ed = Edition("1.0", dt.date(2026, 11, 29))
    assert ed.zip_name == "putin-korea-study-edition-1.0-offline.zip"
    assert ed.pdf_name == "putin-korea-study-edition-1.0.pdf"
    assert ed.folder == "putin-korea-study-edition-1.0"
    assert long_date(ed.date) == "29 November 2026"
    assert long_date(dt.date(2027, 1, 5)) == "5 January 2027"


@pytest.mark.parametrize(
    "n, text",
    [(512, "512 bytes"), (840_400, "840 KB"), (4_230_000, "4.2 MB"), (10_000_000, "10.0 MB")],
)
def test_human_size(n, text):
    assert human_size(n) == text
