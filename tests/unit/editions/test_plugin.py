"""studybook.editions.plugin: every build knows its edition, shows it, and an edition without an entry fails."""
import json
import re
from datetime import date
from pathlib import Path

import pytest

from studybook.edition import Edition, long_date
from studybook.editions.changelog import parse_changelog
from studybook.editions.plugin import MARKER, edition_box, render_edition_box
from studybook.errors import BookError

REPO = Path(__file__).resolve().parents[3]
ENTRY = Edition("1.1", date(2027, 3, 1), date(2027, 3, 2), "v1-1", ("Fixed a date.", "Added a map."))

CHANGELOG = """\
# Changelog { #changelog }

## 1.1 — 2027-03-01 { #v1-1 }

- Fixed a date.

## 1.0 — 2026-11-29 { #v1-0 }

- First.
"""
HOME = f"# Home\n\n## Editions {{ #download }}\n\n{MARKER}\n\nMore text.\n"
CONFIG = "plugins:\n  - studybook-edition\nmarkdown_extensions:\n  - admonition\n"


def test_the_box_names_the_edition_links_to_its_entry_and_lists_the_changes():
    box = edition_box(ENTRY, "index.md")
    assert box.splitlines() == [
        '!!! note "Edition 1.1, published on 1 March 2027"',
        "",
        "    [What changed in this edition](changelog.md#v1-1):",
        "",
        "    - Fixed a date.",
        "    - Added a map.",
    ]


@pytest.mark.parametrize("page, link", [
    # (page with the marker, link to the changelog from it)
    ("index.md", "changelog.md#v1-1"),
    ("teaching/index.md", "../changelog.md#v1-1"),
])
def test_the_box_link_is_relative_to_its_page(page, link):
    assert f"]({link})" in edition_box(ENTRY, page)


def test_the_marker_line_is_replaced_and_the_rest_kept():
    out = render_edition_box(HOME, "index.md", ENTRY)
    assert MARKER not in out
    assert out.startswith("# Home\n\n## Editions { #download }\n\n!!! note")
    assert out.endswith("    - Added a map.\n\nMore text.\n")


def test_a_home_page_without_the_marker_stops_the_build():
    with pytest.raises(BookError) as err:
        render_edition_box("# Home\n", "index.md", ENTRY)
    assert "docs/index.md:1: the home page does not show the edition" in str(err.value)
    assert MARKER in str(err.value)


def test_other_pages_need_no_marker():
    assert render_edition_box("# Other\n", "chapters/x.md", ENTRY) == "# Other\n"


def config_json(html: str) -> dict:
    return json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                html, re.S).group(1))


def test_mini_site_shows_the_newest_edition_and_has_no_version_selector(mini_site):
    built = mini_site({"index.md": HOME, "changelog.md": CHANGELOG},
                      CONFIG + "extra:\n  version:\n    provider: mike\n")
    assert built.ok, built.output
    home = built.html("index.html")
    assert "Edition 1.1, published on 1 March 2027" in home
    assert '<a href="changelog/#v1-1">What changed in this edition</a>' in home
    # Not an edition build: no selector, so no request for a versions.json that is not there.
    assert config_json(home)["version"] is None


def test_mini_site_built_by_mike_shows_that_version(mini_site, monkeypatch):
    monkeypatch.setenv("MIKE_DOCS_VERSION", "1.0")
    built = mini_site({"index.md": HOME, "changelog.md": CHANGELOG},
                      "plugins:\n  - studybook-edition\n  - mike\nmarkdown_extensions:\n  - admonition\n"
                      "extra:\n  version:\n    provider: mike\n")
    assert built.ok, built.output
    home = built.html("index.html")
    assert "Edition 1.0, published on 29 November 2026" in home
    assert config_json(home)["version"] == {"provider": "mike"}
    # mike made site_url http://127.0.0.1/1.0; the 404 page's paths need the slash back.
    assert config_json(built.html("404.html"))["base"] == "/1.0/"


def test_mini_site_built_for_a_version_without_an_entry_fails(mini_site, monkeypatch):
    monkeypatch.setenv("MIKE_DOCS_VERSION", "2.0")
    built = mini_site({"index.md": HOME, "changelog.md": CHANGELOG}, CONFIG)
    assert not built.ok
    assert "docs/changelog.md:3: no changelog entry for edition 2.0" in built.output


def test_mini_site_without_a_changelog_fails(mini_site):
    built = mini_site({"index.md": HOME, "changelog.md": None}, CONFIG)
    assert not built.ok
    assert "docs/changelog.md: the changelog is missing" in built.output


# -- The real book ------------------------------------------------------------------

@pytest.mark.slow
def test_every_page_of_the_book_names_its_edition(book):
    newest = parse_changelog((REPO / "docs" / "changelog.md").read_text(encoding="utf-8"))[0]
    pages = [p for p in book.rglob("*.html")]
    assert len(pages) > 20
    line = re.compile(rf"Edition <strong>{re.escape(newest.version)}</strong>, published\s*"
                      rf'<time datetime="{newest.date.isoformat()}">{long_date(newest.date)}</time>')
    missing = [str(p.relative_to(book)) for p in pages if not line.search(p.read_text(encoding="utf-8"))]
    assert missing == []


@pytest.mark.slow
def test_the_books_home_page_links_to_what_changed(book):
    newest = parse_changelog((REPO / "docs" / "changelog.md").read_text(encoding="utf-8"))[0]
    home = (book / "index.html").read_text(encoding="utf-8")
    box = home[home.index('id="download"'):]
    assert f'<a href="changelog/#{newest.anchor}">What changed in this edition</a>' in box
    assert f"Edition {newest.version}, published on {long_date(newest.date)}" in box
