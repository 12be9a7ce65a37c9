"""What a reader sees of the notes: numbers 1..n in reading order, and the note on hover or keyboard focus.

The chapters are written in parallel, so these tests build their own small
site (the book's footnotes and note tooltips, the citation plugin and a
fixture .bib file) instead of depending on chapter content.
"""
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import build_mini_site, serve

pytestmark = pytest.mark.browser

REPO = Path(__file__).parents[2]
BIB = (REPO / "tests" / "fixtures" / "sources.bib").read_text()
TOOLTIPS_JS = (REPO / "docs" / "assets" / "js" / "tooltips.js").read_text()
CHAPTER = """# A chapter { #a-chapter }

Russia and North Korea signed a new treaty in February 2000 [@treaty-2000, art. 2].
Joo reads the summit differently [@joo-2001, p. 110].
The article names the wrong chamber[^chamber].

[^chamber]: The upper house is the Federation Council [@constitution-rf-1993, art. 95].

## Later { #later }

- A point in a list [@fbis-sov-2000-0209-arrival, p. 1].

!!! note "In a box"
    Joo again [@joo-2001, p. 112].

The treaty once more [@treaty-2000, art. 3].
"""
CONFIG = """  - admonition
  - smarty
plugins:
  - studybook-citations:
      listed: [yeo-2001, perry-report-1999, fixture-online]
extra_javascript:
  - assets/js/tooltips.js
"""


@pytest.fixture(scope="module")
def notes_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("notes-site")
    result = build_mini_site(tmp, {"index.md": "# Home\n", "chapter.md": CHAPTER,
                                   "bibliography.md": "# Bibliography\n\n<!-- bibliography -->\n",
                                   "assets/js/tooltips.js": TOOLTIPS_JS},
                             CONFIG, files={"bibliography/sources.bib": BIB})
    assert result.ok, result.output
    server = serve(result.site)
    yield server
    server.stop()


def marker(page, number):
    return page.locator("article a.footnote-ref", has_text=re.compile(f"^{number}$"))


def shown_note(page, link):
    """The tooltip open for a note marker (assets/js/tooltips.js): the marker names it in
    aria-controls and aria-describedby."""
    expect(link).to_have_attribute("aria-controls", re.compile(r"^sb-tip-"))
    expect(link).to_have_attribute("aria-describedby", link.get_attribute("aria-controls"))
    tip = page.locator("#" + link.get_attribute("aria-controls"))
    expect(tip).to_be_visible()
    expect(tip).to_have_class(re.compile("md-tooltip2--active"))
    return tip


def test_notes_run_one_to_n_in_reading_order(reader, notes_site):
    page = reader.page
    page.goto(notes_site.url + "chapter/")
    numbers = page.locator("article a.footnote-ref").all_inner_texts()
    assert numbers == ["1", "2", "3", "4", "5", "6"]
    listed = page.locator(".footnote ol > li").evaluate_all("items => items.map(li => li.id)")
    targets = page.locator("article a.footnote-ref").evaluate_all(
        "links => links.map(a => a.getAttribute('href').slice(1))")
    assert listed == targets
    assert reader.outside == []


def test_hovering_a_marker_shows_the_full_note_with_its_locator(reader, notes_site):
    page = reader.page
    page.goto(notes_site.url + "chapter/")
    marker(page, 2).hover()
    expect(shown_note(page, marker(page, 2))).to_contain_text(
        "Seung-Ho Joo, “Russia and Korea: The Summit and After,” The Korean Journal of Defense Analysis 13, "
        "no. 1 (2001): 110")


def test_a_repeated_source_shows_the_short_form(reader, notes_site):
    page = reader.page
    page.goto(notes_site.url + "chapter/")
    marker(page, 5).hover()
    tip = shown_note(page, marker(page, 5))
    expect(tip).to_contain_text("Joo, “Russia and Korea,” 112.")
    expect(tip).not_to_contain_text("Korean Journal of Defense Analysis")
    marker(page, 6).hover()
    expect(shown_note(page, marker(page, 6))).to_contain_text("Treaty of Friendship, art. 3.")


def test_focusing_a_marker_with_the_keyboard_shows_the_note(reader, notes_site):
    page = reader.page
    page.goto(notes_site.url + "chapter/")
    # Tab through the page until the first note marker has the focus.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('footnote-ref')"):
            break
    else:
        pytest.fail("Tab never reached a note marker")
    assert page.evaluate("document.activeElement.textContent") == "1"
    tip = shown_note(page, marker(page, 1))
    expect(tip).to_contain_text("Treaty of Friendship, Good-Neighbourliness and Cooperation")
    expect(tip).to_contain_text("art. 2")
    # The next Tab moves to note 2 and shows its note.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "2"
    expect(shown_note(page, marker(page, 2))).to_contain_text("Joo")


def test_escape_closes_the_note_and_the_next_marker_opens_its_own(reader, notes_site):
    page = reader.page
    page.goto(notes_site.url + "chapter/")
    marker(page, 1).focus()
    tip = shown_note(page, marker(page, 1))
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    assert page.evaluate("document.activeElement.textContent") == "1"   # the focus stays put
    page.keyboard.press("Tab")
    expect(shown_note(page, marker(page, 2))).to_contain_text("Joo")


def test_our_note_shows_its_inline_citation(reader, notes_site):
    page = reader.page
    page.goto(notes_site.url + "chapter/")
    marker(page, 3).hover()
    expect(shown_note(page, marker(page, 3))).to_contain_text(
        "The upper house is the Federation Council (Constitution of the Russian Federation (1993), art. 95).")


def test_bibliography_entry_is_an_anchor_with_cited_in_links(reader, notes_site):
    page = reader.page
    page.goto(notes_site.url + "bibliography/#joo-2001")
    entry = page.locator("#joo-2001")
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text("Joo, Seung-Ho. “Russia and Korea: The Summit and After.”")
    page.locator("#joo-2001 + .bib-cited-in a", has_text="A chapter — Later").click()
    expect(page).to_have_url(notes_site.url + "chapter/#later")
