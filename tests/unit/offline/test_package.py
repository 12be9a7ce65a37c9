"""studybook.offline.package: the zip is one folder, reproducible, without the print view."""
import datetime as dt
import zipfile

from studybook.edition import Edition
from studybook.offline.artifacts import zip_name
from studybook.offline.package import readme_text, zip_site

EDITION = Edition("1.0", dt.date(2026, 11, 1), dt.date(2026, 11, 29))   # built on the 29th


def make_site(root):
    (root / "chapters").mkdir(parents=True)
    (root / "index.html").write_text("<h1>Home</h1>")
    (root / "chapters" / "a.html").write_text("<h1>A</h1>")
    (root / "print.html").write_text("<h1>Everything</h1>")
    return root


def test_the_zip_has_one_folder_a_readme_and_no_print_view(tmp_path):
    site = make_site(tmp_path / "site")
    path = zip_site(site, tmp_path / "dist" / zip_name(EDITION), EDITION)
    with zipfile.ZipFile(path) as zf:
        assert zf.namelist() == [
            "putin-korea-study-edition-1.0/README.txt",
            "putin-korea-study-edition-1.0/chapters/a.html",
            "putin-korea-study-edition-1.0/index.html",
        ]
        assert {i.date_time for i in zf.infolist()} == {(2026, 11, 29, 0, 0, 0)}
        assert zf.read("putin-korea-study-edition-1.0/README.txt").decode() == readme_text(EDITION)


def test_the_zip_is_reproducible(tmp_path):
    site = make_site(tmp_path / "site")
    first = zip_site(site, tmp_path / "one.zip", EDITION).read_bytes()
    assert zip_site(site, tmp_path / "two.zip", EDITION).read_bytes() == first


def test_the_readme_says_how_to_open_it():
    text = readme_text(EDITION)
    assert "open index.html" in text and "edition 1.0, built on 29 November 2026" in text
