"""studybook.offline.downloads: which files each page offers, and what the template reads."""
import datetime as dt

from studybook.edition import Edition
from studybook.offline.artifacts import epub_name, pdf_name, zip_name
from studybook.offline.downloads import download_links, downloads_context

EDITION = Edition("1.0", dt.date(2026, 11, 1), dt.date(2026, 11, 29))   # built on the 29th


def test_only_files_that_exist_are_offered_with_their_sizes(tmp_path):
    assert download_links(EDITION, tmp_path) == []
    (tmp_path / pdf_name(EDITION)).write_bytes(b"x" * 1_234_567)
    (tmp_path / "putin-korea-study-edition-0.9.pdf").write_bytes(b"old")  # another edition: never offered
    links = download_links(EDITION, tmp_path)
    assert [(d["href"], d["kind"], d["size"], d["type"]) for d in links] == [
        ("downloads/putin-korea-study-edition-1.0.pdf", "PDF", "1.2 MB", "application/pdf")]
    (tmp_path / zip_name(EDITION)).write_bytes(b"z" * 800_000)
    assert [d["label"] for d in download_links(EDITION, tmp_path)] == ["Offline copy", "Whole book as PDF"]
    (tmp_path / epub_name(EDITION)).write_bytes(b"e" * 400_000)
    assert [(d["label"], d["kind"], d["size"], d["type"]) for d in download_links(EDITION, tmp_path)][-1] == (
        "E-book", "EPUB", "400 KB", "application/epub+zip")


def test_downloads_context():
    assert downloads_context(EDITION, True, []) == {
        "version": "1.0", "built": "29 November 2026", "built_iso": "2026-11-29", "offline": True, "links": []}
