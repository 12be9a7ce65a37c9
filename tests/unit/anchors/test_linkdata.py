"""studybook.anchors.linkdata: each page tells the copy-link script its edition and public path."""
import datetime as dt
import html as htmllib
import json

from studybook.anchors.linkdata import data_block, page_data
from studybook.edition import Edition

ED = Edition("1.0", dt.date(2026, 11, 29), dt.date(2026, 11, 29))


def test_page_data_for_directory_and_file_urls():
    assert page_data(ED, "https://h/b/", "chapters/x.md", "chapters/x/") == {
        "edition": "1.0", "date": "2026-11-29", "site": "https://h/b/",
        "path": "chapters/x/", "base": "../../"}
    # The offline copy uses chapters/x.html, but readers share the online path.
    offline = page_data(ED, "https://h/b/", "chapters/x.md", "chapters/x.html")
    assert (offline["path"], offline["base"]) == ("chapters/x/", "../")
    assert page_data(ED, "", "index.md", "")["base"] == "./"


def read(html: str, css_class: str = "sb-page-data") -> dict:
    """The JSON in the data-sb attribute of the element with ``css_class``."""
    element = html.split(f'<div class="{css_class}" hidden data-sb="')[1].split('"></div>')[0]
    return json.loads(htmllib.unescape(element))


def test_the_block_is_an_empty_hidden_element_with_escaped_json():
    block = data_block({"title": "\"'<b>&"})
    assert block.startswith('<div class="sb-page-data" hidden data-sb="{&quot;title&quot;')
    assert read(block) == {"title": "\"'<b>&"}


def test_every_page_carries_the_data(mini_site, monkeypatch):
    monkeypatch.setenv("MIKE_DOCS_VERSION", "2.0")
    pages = {"index.md": "# Home\n\n<!-- studybook:edition -->\n", "chapters/one.md": "# One { #one }\n"}
    result = mini_site(pages, "plugins:\n  - studybook-edition\n  - studybook-linkdata\n")
    assert result.ok, result.output
    html = result.html("chapters/one/index.html")
    data = read(html)
    assert data == {"edition": "2.0", "date": data["date"], "site": "http://127.0.0.1/",
                    "path": "chapters/one/", "base": "../../"}
