"""Declared moves in a small book: an old page address and an old #id both land on the new place."""
import re

import pytest
from playwright.sync_api import expect

from conftest import REPO, serve

pytestmark = pytest.mark.browser

ASSETS = {f"docs/assets/{kind}/anchors.{kind}": (REPO / "docs" / "assets" / kind / f"anchors.{kind}").read_text()
          for kind in ("js", "css")}
CONFIG = """plugins:
  - studybook-edition
  - studybook-linkdata
  - studybook-redirects
  - redirects
extra_javascript: [assets/js/anchors.js]
extra_css: [assets/css/anchors.css]
"""
PAGES = {
    "index.md": "# Home { #home }\n\n<!-- studybook:edition -->\n",
    "chapters/new.md": "# New { #new }\n\n" + "".join(f"Paragraph {n}.\n{{ #p-n{n} }}\n\n" for n in range(1, 40)),
    "chapters/a.md": "# A { #a }\n\nStill here.\n{ #p-here }\n",
}
MOVES = """pages:
  chapters/old.md: chapters/new.md
anchors:
  chapters/old.md#p-old: chapters/new.md#p-n30
  chapters/a.md#p-gone: chapters/new.md#p-n20
"""


@pytest.fixture
def site(mini_site):
    result = mini_site(PAGES, CONFIG, files={**ASSETS, "redirects.yml": MOVES})
    assert result.ok, result.output
    server = serve(result.site)
    yield server
    server.stop()


def test_a_moved_page_keeps_the_id_of_the_link(reader, site):
    page = reader.page
    page.goto(f"{site.url}chapters/old/#p-n25")
    page.wait_for_url(f"{site.url}chapters/new/#p-n25")
    expect(page.locator("#p-n25")).to_have_class(re.compile(r"\bsb-arrived\b"))


def test_an_anchor_of_a_moved_page_follows_both_moves(reader, site):
    page = reader.page
    page.goto(f"{site.url}chapters/old/#p-old")
    page.wait_for_url(f"{site.url}chapters/new/#p-n30")
    expect(page.locator("#p-n30")).to_have_class(re.compile(r"\bsb-arrived\b"))


def test_an_anchor_moved_to_another_page(reader, site):
    page = reader.page
    page.goto(f"{site.url}chapters/a/#p-gone")
    page.wait_for_url(f"{site.url}chapters/new/#p-n20")
    expect(page.locator("#p-n20")).to_have_class(re.compile(r"\bsb-arrived\b"))
