"""studybook.quality.fragments: every #fragment link must land on an id of its target page."""
import pytest

from studybook.quality.fragments import broken_fragments, scan_page, target_file


@pytest.mark.parametrize("page, href, target", [
    # (page, link, the site-relative file it points to; None = outside the site)
    ("chapters/a/index.html", "#p-1", "chapters/a/index.html"),
    ("chapters/a/index.html", "../b/#x", "chapters/b/index.html"),
    ("chapters/a/index.html", "../../#x", "index.html"),
    ("chapters/a/index.html", "../../glossary/kedo/#sources", "glossary/kedo/index.html"),
    ("index.html", "bibliography/index.html#k", "bibliography/index.html"),
    ("index.html", "https://example.org/#x", None),
    ("index.html", "../latest/#x", None),                  # above the site (another edition)
    ("index.html", "/1.0/#x", None),                       # host-absolute: not ours to resolve
    ("chapters/a/index.html", "http://127.0.0.1:8000/chapters/b/#x", "chapters/b/index.html"),
    ("chapters/a/index.html", "http://127.0.0.1:8000/#x", "index.html"),
])
def test_target_file(page, href, target):
    assert target_file(page, href, site_url="http://127.0.0.1:8000/") == target


def test_scan_collects_ids_names_and_links_with_lines():
    scan = scan_page('<h2 id="a">A</h2>\n<a name="old"></a>\n<p><a href="#a">x</a></p>')
    assert scan.ids == {"a", "old"}
    assert scan.links == [("#a", 3)]


def test_broken_fragments_names_page_line_link_and_target(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "index.html").write_text(
        '<p id="top-para"><a href="#top-para">ok</a>\n<a href="b/#there">ok</a>\n'
        '<a href="b/#gone">bad</a> <a href="#">top</a> <a href="#top">top</a>\n'
        '<a href="b/">no fragment</a> <a href="https://x.org/#y">external</a></p>')
    (tmp_path / "b" / "index.html").write_text('<h1 id="there">B</h1><a href="../#nope">bad</a>')
    assert broken_fragments(tmp_path) == [
        "b/index.html:1: ../#nope -> no id 'nope' in index.html",
        "index.html:3: b/#gone -> no id 'gone' in b/index.html",
    ]


def test_percent_encoded_fragments_are_decoded(tmp_path):
    (tmp_path / "index.html").write_text('<h2 id="ü">x</h2><a href="#%C3%BC">x</a>')
    assert broken_fragments(tmp_path) == []
