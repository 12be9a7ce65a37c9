"""studybook.anchors.addresses: the public address of a page or anchor in one edition."""
from studybook.anchors.addresses import edition_url, latest_url, page_path, site_root

# (source file, directory-URL path)
PATHS = [
    ("index.md", ""),
    ("chapters/index.md", "chapters/"),
    ("chapters/introduction.md", "chapters/introduction/"),
    ("glossary/abm-treaty.md", "glossary/abm-treaty/"),
    ("timeline.md", "timeline/"),
]


def test_page_path():
    for src, path in PATHS:
        assert page_path(src) == path, src


def test_site_root_drops_the_version_mike_appends():
    assert site_root("https://h.example/book/") == "https://h.example/book/"
    assert site_root("https://h.example/book/1.0", "1.0") == "https://h.example/book/"
    assert site_root("https://h.example/book/", "1.0") == "https://h.example/book/"
    assert site_root("https://h.example/book/11.0", "1.0") == "https://h.example/book/11.0/"
    assert site_root("", "1.0") == "" and site_root(None) == ""


def test_edition_and_latest_urls():
    root = "https://h.example/book/"
    assert edition_url(root, "1.0", "chapters/x/", "p-7kq2") == "https://h.example/book/1.0/chapters/x/#p-7kq2"
    assert latest_url(root, "chapters/x/") == "https://h.example/book/latest/chapters/x/"
