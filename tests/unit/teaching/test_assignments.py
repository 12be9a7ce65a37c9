"""studybook.teaching.assignments: anchors.json.js, the manifest as a script the builder can load from file://."""
import json

import pytest

from studybook.teaching.assignments import data_script, write_data_script
from studybook.errors import BookError

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


HOOK = '''
import json, pathlib
def on_post_build(config):
    pathlib.Path(config.site_dir, "anchors.json").write_text(json.dumps(%r))
''' % (MANIFEST,)


def test_mini_site_writes_anchors_js_after_the_plugin_that_writes_the_manifest(mini_site):
    # The hook stands in for the anchors plugin: it writes anchors.json in
    # on_post_build, at the default priority; our plugin must run after it.
    build = mini_site({"index.md": "# Home { #home }\n"},
                      "plugins:\n  - studybook-assignments\nhooks:\n  - hooks/anchors.py\n",
                      files={"hooks/anchors.py": HOOK})
    assert build.ok, build.output
    data = script_data(build.html("anchors.json.js"))
    assert data["manifest"] == MANIFEST and data["siteUrl"] == "http://127.0.0.1/" and data["siteName"] == "Mini"


def test_mini_site_without_a_manifest_fails_unless_told_otherwise(mini_site, tmp_path):
    build = mini_site({"index.md": "# Home { #home }\n"}, "plugins:\n  - studybook-assignments\n")
    assert not build.ok and "anchor manifest is missing" in build.output
