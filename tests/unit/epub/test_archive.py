"""studybook.epub.archive: the reproducible container."""
import datetime as dt
import zipfile

from studybook.epub.archive import container_xml, write_epub


def test_same_input_same_bytes_mimetype_first_and_stored(tmp_path):
    entries = {"EPUB/b.xhtml": b"b", "META-INF/container.xml": container_xml("EPUB/package.opf"), "EPUB/a.css": b"a"}
    one = write_epub(tmp_path / "one.epub", entries, dt.date(2026, 12, 7)).read_bytes()
    two = write_epub(tmp_path / "two.epub", dict(reversed(entries.items())), dt.date(2026, 12, 7)).read_bytes()
    assert one == two
    assert one[30:38] == b"mimetype" and one[38:58] == b"application/epub+zip"   # OCF: first, stored, no extra field
    with zipfile.ZipFile(tmp_path / "one.epub") as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == ["mimetype", "EPUB/a.css", "EPUB/b.xhtml", "META-INF/container.xml"]
    assert infos[0].compress_type == zipfile.ZIP_STORED
    assert {i.date_time for i in infos} == {(2026, 12, 7, 0, 0, 0)}
