"""studybook.linkdata: each page tells the copy-link script its edition and public path."""
import datetime as dt
import json

from studybook.edition import Edition
from studybook.linkdata import data_block, page_data

ED = Edition("1.0", dt.date(2026, 11, 29), dt.date(2026, 11, 29))


def test_page_data_for_directory_and_file_urls():
    assert page_data(ED, "https://h/b/", "chapters/x.md", "chapters/x/") == {
        "edition": "1.0", "date": "2026-11-29", "site": "https://h/b/",
        "path": "chapters/x/", "base": "../../"}
    # The offline copy uses chapters/x.html, but readers share the online path.
    offline = page_data(ED, "https://h/b/", "chapters/x.md", "chapters/x.html")
    assert (offline["path"], offline["base"]) == ("chapters/x/", "../")
    assert page_data(ED, "", "index.md", "")["base"] == "./"


def test_the_block_is_json_that_cannot_close_its_script():
    block = data_block({"title": "</script><b>"})
    assert block.startswith('<script type="application/json" class="sb-page-data">')
    body = block.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert "</script>" not in body and json.loads(body) == {"title": "</script><b>"}


def test_every_page_carries_the_data(mini_site, monkeypatch):
    monkeypatch.setenv("MIKE_DOCS_VERSION", "2.0")
    pages = {"index.md": "# Home\n", "chapters/one.md": "# One { #one }\n"}
    result = mini_site(pages, "plugins:\n  - studybook-linkdata\n")
    assert result.ok, result.output
    html = result.html("chapters/one/index.html")
    data = json.loads(html.split('class="sb-page-data">')[1].split("</script>")[0])
    assert data == {"edition": "2.0", "date": data["date"], "site": "http://127.0.0.1/",
                    "path": "chapters/one/", "base": "../../"}
