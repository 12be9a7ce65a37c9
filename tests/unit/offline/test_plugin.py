"""studybook.offline.plugin: what the offline build drops, and the guard against outside assets."""
import subprocess
import sys

import pytest

from studybook.offline.plugin import (
    SHIM_LICENSE_URI,
    SHIM_URI,
    is_outside,
    offline_features,
    outside_loads,
    outside_loads_in_css,
    outside_loads_in_html,
)

from conftest import REPO, mkdocs_env


def test_instant_navigation_is_dropped_and_everything_else_kept():
    online = ["navigation.instant", "navigation.instant.progress", "navigation.instant.prefetch",
              "navigation.tabs", "content.footnote.tooltips", "navigation.instantly-not-a-feature"]
    assert offline_features(online) == ["navigation.tabs", "content.footnote.tooltips",
                                        "navigation.instantly-not-a-feature"]


@pytest.mark.parametrize(
    "url, outside",
    [("https://unpkg.com/x", True), ("http://a.b/c.css", True), ("//cdn.example/x.js", True),
     ("assets/x.js", False), ("../x.css", False), ("data:image/svg+xml,abc", False), ("#id", False)],
)
def test_is_outside(url, outside):
    assert is_outside(url) is outside


@pytest.mark.parametrize(
    "html, found",
    [
        # (HTML, what it would load from outside)
        ('<script src="https://unpkg.com/iframe-worker/shim"></script>', ["<script> https://unpkg.com/iframe-worker/shim"]),
        ('<link rel="stylesheet" href="https://fonts.googleapis.com/css">', ["<link> https://fonts.googleapis.com/css"]),
        ('<link rel="preconnect" href="https://fonts.gstatic.com">', ["<link> https://fonts.gstatic.com"]),
        ('<img srcset="a.png 1x, https://x.org/b.png 2x">', ["<img> https://x.org/b.png"]),
        ('<div style="background: url(https://x.org/bg.png)"></div>', ["<div> https://x.org/bg.png"]),
        ("<style>@import 'https://x.org/a.css';</style>", ["<style> https://x.org/a.css"]),
        ('<svg><image href="https://x.org/i.png"/></svg>', ["<image> https://x.org/i.png"]),
        # Links the reader may click, canonical links and local files load nothing by themselves.
        ('<a href="https://creativecommons.org/licenses/by/4.0/">CC BY</a>', []),
        ('<link rel="canonical" href="https://example.org/book/">', []),
        ('<script src="assets/vendor/iframe-worker/shim.js"></script><img src="../a.svg">', []),
    ],
)
def test_outside_loads_in_html(html, found):
    assert outside_loads_in_html(html) == found


def test_outside_loads_in_css():
    css = "a{background:url('https://x.org/a.png')} b{background:url(data:image/png;base64,AA)} @import \"x.css\";"
    assert outside_loads_in_css(css) == ["url() https://x.org/a.png"]


def test_outside_loads_scans_a_site_folder(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<script src="//cdn.x/y.js"></script>')
    (tmp_path / "ok.html").write_text('<a href="https://x.org">x</a>')
    (tmp_path / "s.css").write_text("p{background:url(https://x.org/p.png)}")
    (tmp_path / "bundle.js").write_text('fetch("https://api.github.com")')  # scripts are the browser test's job
    assert outside_loads(tmp_path) == {
        "a/index.html": ["<script> //cdn.x/y.js"],
        "s.css": ["url() https://x.org/p.png"],
    }


OFFLINE_CONFIG = """\
site_name: Mini
site_url: http://127.0.0.1/
strict: true
theme:
  name: material
  font: false
  features: [navigation.instant, navigation.instant.progress, navigation.tabs, content.footnote.tooltips]
extra:
  version:
    provider: mike
markdown_extensions: [footnotes]
plugins:
  - search
  - offline
  - studybook-offline:
      enabled: true
"""


def build_offline_mini_site(tmp_path, with_npm_shim=True):
    """A one-page book built the way `make offline` builds the real one."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nText.[^1]\n\n[^1]: A note.\n")
    (tmp_path / "mkdocs.yml").write_text(OFFLINE_CONFIG)
    node_modules = REPO / "node_modules" if with_npm_shim else tmp_path / "no-node-modules"
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"], cwd=tmp_path,
                          env=mkdocs_env(STUDYBOOK_NODE_MODULES=str(node_modules)), capture_output=True, text=True)


def test_a_mini_offline_build_vendors_the_shim_and_drops_instant_navigation(tmp_path):
    result = build_offline_mini_site(tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert f'<script src="{SHIM_URI}">' in html
    assert "unpkg" not in html
    assert "navigation.instant" not in html and "navigation.tabs" in html
    assert '"version": null' in html
    assert (tmp_path / "site" / SHIM_URI).read_text().startswith('"use strict"')
    assert "MIT" in (tmp_path / "site" / SHIM_LICENSE_URI).read_text()
    assert (tmp_path / "site" / "search" / "search_index.js").is_file()


def test_the_offline_build_stops_without_the_npm_shim(tmp_path):
    result = build_offline_mini_site(tmp_path, with_npm_shim=False)
    assert result.returncode != 0
    assert "iframe-worker shim (offline search from file://) is missing" in result.stderr
    assert "npm ci" in result.stderr
