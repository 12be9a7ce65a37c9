"""studybook.teaching.assignments: anchors.json.js, the manifest as a script the builder can load from file://."""
import json

import pytest

from studybook.errors import BookError
from studybook.teaching.assignments import data_script, write_data_script

MANIFEST = {"edition": "1.0", "built": "2026-11-29", "pages": [
    {"path": "chapters/a/", "src": "chapters/a.md", "title": "Ch\u00e4pter \u2028 A", "kind": "chapter",
     "number": 1, "anchors": [{"id": "a", "kind": "heading", "level": 1, "text": "</script> A"}]}]}


def script_data(text: str) -> dict:
    prefix = "window.studybookAnchors = "
    line = next(line for line in text.splitlines() if line.startswith(prefix))
    return json.loads(line[len(prefix):].rstrip(";"))


def test_the_script_carries_the_site_url_name_and_manifest_in_ascii():
    text = data_script("https://ex.org/book/", "The Book", MANIFEST)
    assert text.isascii()
    assert script_data(text) == {"siteUrl": "https://ex.org/book/", "siteName": "The Book", "manifest": MANIFEST}


def test_the_site_is_the_root_above_the_edition_folders(monkeypatch):
    # mike appends the version to site_url while it builds; the manifest's own
    # "site", when it has one, is the address links are made from.
    monkeypatch.setenv("MIKE_DOCS_VERSION", "1.0")
    assert script_data(data_script("https://ex.org/book/1.0/", "B", MANIFEST))["siteUrl"] == "https://ex.org/book/"
    with_site = {**MANIFEST, "site": "https://pub.example/book/"}
    assert script_data(data_script("https://ex.org/book/1.0/", "B", with_site))["siteUrl"] == "https://pub.example/book/"


def test_a_required_manifest_that_is_missing_stops_the_build(tmp_path):
    with pytest.raises(BookError, match="anchor manifest is missing"):
        write_data_script(tmp_path, "https://ex.org/", "B")


def test_mini_site_writes_anchors_js_from_the_manifest(mini_site):
    pages = {"index.md": "# Home { #home }\n\n<!-- studybook:edition -->\n"}
    build = mini_site(pages, "plugins:\n  - studybook-edition\n  - studybook-assignments\n  - studybook-manifest\n")
    assert build.ok, build.output
    data = script_data(build.html("anchors.json.js"))
    assert data["manifest"]["edition"] == "2.1" and data["siteUrl"] == "http://127.0.0.1/" and data["siteName"] == "Mini"
    assert sorted(p["src"] for p in data["manifest"]["pages"]) == ["changelog.md", "index.md"]
