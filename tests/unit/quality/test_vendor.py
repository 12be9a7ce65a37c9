"""studybook.quality.vendor: pinned npm files are published with the book, never fetched from a CDN."""
import json
from pathlib import Path

import pytest

from studybook.errors import BookError
from studybook.quality.vendor import NODE_MODULES_ENV, node_modules_dir, package_version, vendored_files

REPO = Path(__file__).resolve().parents[3]


def fake_node_modules(root: Path) -> Path:
    lib = root / "node_modules" / "qrcode-generator"
    (lib / "dist").mkdir(parents=True)
    (lib / "dist" / "qrcode.js").write_text("var qrcode = 1;\n", encoding="utf-8")
    (lib / "package.json").write_text('{"name": "qrcode-generator", "version": "9.9.9"}', encoding="utf-8")
    return root / "node_modules"


def test_the_installed_file_and_its_site_path_are_paired(tmp_path):
    nm = fake_node_modules(tmp_path)
    pairs = vendored_files(nm, {"qrcode-generator/dist/qrcode.js": "assets/vendor/qr/qrcode.js"})
    assert pairs == [(nm / "qrcode-generator/dist/qrcode.js", "assets/vendor/qr/qrcode.js")]
    assert package_version(nm, "qrcode-generator/dist/qrcode.js") == "9.9.9"


# (what is wrong, files option, words the error must contain)
BAD = [
    ("not installed", {"qrcode-generator/dist/missing.js": "assets/x.js"}, "is not installed"),
    ("outside the site", {"qrcode-generator/dist/qrcode.js": "../x.js"}, "is not a path inside the site"),
    ("absolute", {"qrcode-generator/dist/qrcode.js": "/x.js"}, "is not a path inside the site"),
]


@pytest.mark.parametrize("what, files, words", BAD, ids=[b[0] for b in BAD])
def test_a_bad_entry_stops_the_build(tmp_path, what, files, words):
    with pytest.raises(BookError) as err:
        vendored_files(fake_node_modules(tmp_path), files)
    assert words in str(err.value) and "Fix:" in str(err.value)


# The tests' builds get STUDYBOOK_NODE_MODULES (conftest.mkdocs_env); naming the
# folder in the config makes these mini sites use their own.
CONFIG = """plugins:
  - studybook-vendor:
      node_modules: node_modules
      files:
        qrcode-generator/dist/qrcode.js: assets/vendor/qrcode-generator/qrcode.js
"""


def test_the_option_wins_then_the_environment_then_the_default(tmp_path, monkeypatch):
    monkeypatch.setenv(NODE_MODULES_ENV, "/elsewhere/node_modules")
    assert node_modules_dir(tmp_path, "vendor/npm") == tmp_path / "vendor" / "npm"
    assert node_modules_dir(tmp_path, None) == Path("/elsewhere/node_modules")
    monkeypatch.delenv(NODE_MODULES_ENV)
    assert node_modules_dir(tmp_path, None) == tmp_path / "node_modules"


def test_mini_site_publishes_the_file(mini_site, tmp_path):
    fake_node_modules(tmp_path)
    build = mini_site({"index.md": "# Home { #home }\n"}, CONFIG)
    assert build.ok, build.output
    assert build.html("assets/vendor/qrcode-generator/qrcode.js") == "var qrcode = 1;\n"


def test_mini_site_without_npm_ci_fails_with_the_fix(mini_site):
    build = mini_site({"index.md": "# Home { #home }\n"}, CONFIG)
    assert not build.ok
    assert "is not installed" in build.output and "npm ci" in build.output


def test_the_book_vendors_the_version_package_json_pins():
    pinned = json.loads((REPO / "package.json").read_text())["dependencies"]["qrcode-generator"]
    assert package_version(REPO / "node_modules", "qrcode-generator/dist/qrcode.js") == pinned
    lock = json.loads((REPO / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/qrcode-generator"]["version"] == pinned
