"""studybook.teaching.cartridge: the reading list as an IMS Common Cartridge 1.1."""
import json
import zipfile

import pytest

from studybook.errors import BookError
from studybook.teaching import cartridge

from cc_spec import check_cartridge


def chapter(n, slug, title):
    return {"path": f"chapters/{slug}/", "src": f"chapters/{slug}.md", "title": title, "kind": "chapter",
            "number": n, "anchors": [{"id": slug, "kind": "heading", "level": 1, "text": title}]}


MANIFEST = {"edition": "1.0", "built": "2026-11-29", "pages": [
    chapter(2, "second", "Yeltsin's three lines & more"),
    chapter(1, "first", "Russia after 1991"),
    {"path": "", "src": "index.md", "title": "Home", "kind": "page", "anchors": []},
]}


@pytest.fixture
def site(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "anchors.json").write_text(json.dumps(MANIFEST), encoding="utf-8")
    return tmp_path / "site"


def test_one_pinned_link_per_chapter_in_reading_order(site, tmp_path):
    out = cartridge.write_cartridge(site, tmp_path / "list.imscc", site_url="https://ex.org/book/",
                                    book_title="The Book")
    assert check_cartridge(out) == [
        ("Chapter 1. Russia after 1991", "https://ex.org/book/1.0/chapters/first/"),
        ("Chapter 2. Yeltsin's three lines & more", "https://ex.org/book/1.0/chapters/second/"),
    ]


def test_the_module_is_named_after_the_book_and_edition(site, tmp_path):
    out = cartridge.write_cartridge(site, tmp_path / "list.imscc", site_url="https://ex.org/", book_title="The Book")
    with zipfile.ZipFile(out) as zf:
        text = zf.read("imsmanifest.xml").decode()
    assert "<title>The Book, edition 1.0</title>" in text
    assert "The Book (edition 1.0): reading list" in text


def test_the_same_edition_gives_the_same_bytes(site, tmp_path):
    a = cartridge.write_cartridge(site, tmp_path / "a.imscc", site_url="https://ex.org/", book_title="B")
    b = cartridge.write_cartridge(site, tmp_path / "b.imscc", site_url="https://ex.org/", book_title="B")
    assert a.read_bytes() == b.read_bytes()


def test_a_manifest_without_chapters_is_refused(tmp_path):
    (tmp_path / "anchors.json").write_text(json.dumps({**MANIFEST, "pages": MANIFEST["pages"][2:]}))
    with pytest.raises(BookError, match="lists no chapters"):
        cartridge.write_cartridge(tmp_path, tmp_path / "x.imscc", site_url="https://ex.org/", book_title="B")


def test_the_command_names_its_output_after_the_edition(site, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cartridge.main([str(site), "--site-url", "https://ex.org/", "--title", "B"]) == 0
    assert (tmp_path / "dist" / "reading-list-1.0.imscc").is_file()
    assert "wrote dist/reading-list-1.0.imscc" in capsys.readouterr().out


def test_the_command_reports_a_missing_manifest(tmp_path, capsys):
    assert cartridge.main([str(tmp_path), "--site-url", "https://ex.org/", "--title", "B"]) == 1
    assert "anchor manifest is missing" in capsys.readouterr().err


def test_the_command_takes_title_and_address_from_mkdocs_yml(site, tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: From Config\nsite_url: https://config.example/\n")
    monkeypatch.chdir(tmp_path)
    assert cartridge.main([str(site), "-o", "out.imscc"]) == 0
    links = check_cartridge(tmp_path / "out.imscc")
    assert links[0][1] == "https://config.example/1.0/chapters/first/"


def test_the_command_prefers_the_site_the_manifest_names(site, tmp_path, monkeypatch):
    data = json.loads((site / "anchors.json").read_text())
    (site / "anchors.json").write_text(json.dumps({**data, "site": "https://pub.example/book/"}))
    assert cartridge.main([str(site), "-o", str(tmp_path / "x.imscc"), "--title", "B"]) == 0
    assert check_cartridge(tmp_path / "x.imscc")[0][1] == "https://pub.example/book/1.0/chapters/first/"
