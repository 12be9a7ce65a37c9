"""studybook.offline.artifacts: which edition make offline is asked for, and the files' names."""
import datetime as dt

import pytest

from studybook.edition import Edition
from studybook.offline.artifacts import epub_name, folder, human_size, pdf_name, requested_version, zip_name


@pytest.mark.parametrize("environ, version", [
    # (environment, the edition asked for)
    ({}, None),                                          # the newest changelog entry
    ({"VERSION": "1.0"}, "1.0"),                         # make offline VERSION=1.0
    ({"MIKE_DOCS_VERSION": "1.1", "VERSION": "1.0"}, "1.1"),   # mike's wins
    ({"VERSION": "  "}, None),
])
def test_requested_version(environ, version):
    assert requested_version(environ) == version


def test_names():
    ed = Edition("1.0", dt.date(2026, 11, 29), dt.date(2026, 12, 1))
    assert zip_name(ed) == "putin-korea-study-edition-1.0-offline.zip"
    assert pdf_name(ed) == "putin-korea-study-edition-1.0.pdf"
    assert epub_name(ed) == "putin-korea-study-edition-1.0.epub"
    assert folder(ed) == "putin-korea-study-edition-1.0"


@pytest.mark.parametrize("n, text", [(999, "999 bytes"), (840_000, "840 KB"), (4_200_000, "4.2 MB")])
def test_human_size(n, text):
    assert human_size(n) == text
