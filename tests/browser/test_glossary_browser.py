"""Glossary previews and backlinks, as a reader meets them in Chromium.

The previews must meet WCAG 2.2 SC 1.4.13 (content on hover or focus):
dismissible with Esc without moving focus or pointer, hoverable, persistent;
they must reach screen readers, work by keyboard and touch, meet contrast in
both schemes, and work with and without Material's instant navigation (the
offline copy is opened from file://).
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import REPO, build_mini_site

pytestmark = pytest.mark.browser

CHAPTER = "chapters/treaty-with-pyongyang/"
OPEN = ".sb-preview:not([hidden])"
GRACE = 300          # ms, HIDE_DELAY in docs/assets/js/glossary.js
SCREENSHOTS = REPO / ".cache" / "screenshots"

CONTRAST = """(tip) => {
  const rgb = (s) => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const s = getComputedStyle(tip);
  const title = getComputedStyle(tip.querySelector('.sb-preview__title'));
  const page = getComputedStyle(document.body).backgroundColor;
  return {
    scheme: document.body.getAttribute('data-md-color-scheme'),
    text: ratio(s.color, s.backgroundColor),
    title: ratio(title.color, s.backgroundColor),
    border: ratio(s.borderTopColor, page),
  };
}"""


def first_term_link(page):
    link = page.locator("article a.sb-term").first
    link.scroll_into_view_if_needed()
    return link


def definition_on_term_page(page, href: str) -> str:
    """The first paragraph after the H1 of the glossary page, as the reader sees it."""
    page.goto(href)
    return page.locator("article h1 + p").inner_text().strip()


def open_preview(page):
    return page.locator(OPEN)


# -- The real book ----------------------------------------------------------------

def test_hovering_a_term_link_shows_its_definition(reader, book_server):
    page = reader.page
    page.goto(book_server.url + CHAPTER)
    link = first_term_link(page)
    href = link.evaluate("a => a.href")
    expect(open_preview(page)).to_have_count(0)
    link.hover()
    tip = open_preview(page)
    expect(tip).to_have_count(1)
    expect(tip).to_have_attribute("role", "tooltip")
    shown = tip.locator(".sb-preview__text").inner_text()
    # The text comes from the glossary page itself.
    assert shown == definition_on_term_page(page, href)
    assert reader.outside == [] and reader.console_errors == []


def test_screen_readers_get_the_definition_as_the_link_description(reader, book_server):
    page = reader.page
    page.goto(book_server.url + CHAPTER)
    link = first_term_link(page)
    tip_id = link.get_attribute("aria-describedby")
    text = page.locator(f"#{tip_id}").text_content()
    expect(link).to_have_accessible_description(re.compile(re.escape(text.split(" ", 1)[1].strip()[:40])))


def test_keyboard_focus_shows_it_and_esc_dismisses_it_without_moving_focus(reader, book_server):
    page = reader.page
    page.goto(book_server.url + CHAPTER)
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('a.sb-term')"):
            break
    else:
        pytest.fail("Tab never reached a glossary link")
    focused = page.evaluate("() => document.activeElement.getAttribute('aria-describedby')")
    tip = open_preview(page)
    expect(tip).to_have_count(1)
    assert tip.get_attribute("id") == focused
    page.wait_for_timeout(1500)                     # persistent: no time-out while focused
    expect(tip).to_have_count(1)
    page.keyboard.press("Escape")
    expect(open_preview(page)).to_have_count(0)
    assert page.evaluate("() => document.activeElement.getAttribute('aria-describedby')") == focused
    page.wait_for_timeout(GRACE * 2)                # and it stays dismissed
    expect(open_preview(page)).to_have_count(0)
    page.keyboard.press("Tab")                      # the next term (or anything) works again
    page.keyboard.press("Shift+Tab")
    expect(open_preview(page)).to_have_count(1)


def test_the_pointer_can_move_onto_the_preview_and_esc_dismisses_a_hovered_one(reader, book_server):
    page = reader.page
    page.goto(book_server.url + CHAPTER)
    link = first_term_link(page)
    link.hover()
    tip = open_preview(page)
    expect(tip).to_have_count(1)
    box = tip.bounding_box()
    # Hoverable: travel from the link onto the preview; it stays while the pointer is on it.
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=8)
    page.wait_for_timeout(GRACE * 3)
    expect(tip).to_have_count(1)
    # Leaving both link and preview closes it.
    page.mouse.move(2, page.viewport_size["height"] - 2, steps=4)
    expect(open_preview(page)).to_have_count(0)
    # Dismissible: Esc closes a hovered preview; the pointer has not moved.
    link.hover()
    expect(open_preview(page)).to_have_count(1)
    page.keyboard.press("Escape")
    expect(open_preview(page)).to_have_count(0)
    box = link.bounding_box()
    page.mouse.move(box["x"] + 3, box["y"] + box["height"] / 2)   # still on the link
    page.wait_for_timeout(GRACE * 2)
    expect(open_preview(page)).to_have_count(0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_preview_contrast_in_both_schemes(browser, book_server, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1100, "height": 720},
                                  service_workers="block")
    page = context.new_page()
    page.goto(book_server.url + CHAPTER)
    link = first_term_link(page)
    link.hover()
    tip = page.locator(OPEN)
    expect(tip).to_have_count(1)
    measured = tip.evaluate(CONTRAST)
    assert measured["scheme"] == {"light": "default", "dark": "slate"}[scheme]
    assert measured["text"] >= 4.5, measured
    assert measured["title"] >= 4.5, measured
    assert measured["border"] >= 3, measured     # SC 1.4.11: the preview's edge is visible
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"glossary-preview-{scheme}.png"))
    context.close()


def test_previews_work_after_instant_navigation(reader, book_server):
    page = reader.page
    page.goto(book_server.url + "chapters/putins-principles/")
    first_term_link(page).hover()
    expect(open_preview(page)).to_have_count(1)
    # Follow the footer's "next" link: instant navigation swaps the content in place.
    page.evaluate("() => window.__sameDocument = true")
    page.locator("a.md-footer__link--next").click()
    expect(page).to_have_url(re.compile(r"/chapters/treaty-with-pyongyang/$"))
    expect(page.locator("article h1")).to_have_text(re.compile("treaty with Pyongyang"))  # content swapped
    assert page.evaluate("() => window.__sameDocument === true"), "instant navigation was not used"
    expect(open_preview(page)).to_have_count(0)          # nothing left over from the last page
    link = first_term_link(page)
    link.hover()
    tip = open_preview(page)
    expect(tip).to_have_count(1)
    assert tip.get_attribute("id") == link.get_attribute("aria-describedby")


def test_touch_first_tap_previews_second_tap_follows(browser, book_server):
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 800},
                                  service_workers="block")
    page = context.new_page()
    page.goto(book_server.url + CHAPTER)
    link = first_term_link(page)
    href = link.evaluate("a => a.href")
    link.tap()
    tip = page.locator(OPEN)
    expect(tip).to_have_count(1)
    assert page.url == book_server.url + CHAPTER
    box, width = tip.bounding_box(), page.viewport_size["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width      # fits a phone screen
    link.tap()
    expect(page).to_have_url(href)
    context.close()


def test_following_a_backlink_from_the_abm_treaty_page_reaches_the_exact_section(reader, book_server):
    page = reader.page
    page.goto(book_server.url + "glossary/abm-treaty/")
    heading = page.locator("h2#where-it-appears")
    expect(heading).to_have_text(re.compile("Where this term appears"))
    backlink = page.locator("ul.sb-backlinks a").first
    expect(backlink).to_be_visible()
    term_title = page.locator("article h1").inner_text()
    backlink.click()
    expect(page).to_have_url(re.compile(r"/chapters/[a-z0-9-]+/#[a-z0-9-]+$"))
    # Instant navigation changes the URL first, then swaps the content: wait for it.
    expect(page.locator("article h1")).not_to_have_text(term_title)
    section_id = page.url.rsplit("#", 1)[1]
    expect(page.locator(f"article [id='{section_id}']")).to_be_attached()
    # The section that the link lands on mentions the ABM Treaty before the next heading.
    mentions = page.evaluate(
        """(id) => {
          const start = document.getElementById(id);
          const level = Number(start.tagName[1]);
          const links = [];
          for (let el = start.nextElementSibling; el; el = el.nextElementSibling) {
            if (/^H[1-6]$/.test(el.tagName) && Number(el.tagName[1]) <= level) break;
            el.querySelectorAll('a[href]').forEach((a) => links.push(a.href));
            el.querySelectorAll('sup a.footnote-ref').forEach((r) => {
              const note = document.getElementById(decodeURIComponent(r.hash.slice(1)));
              if (note) note.querySelectorAll('a[href]').forEach((a) => links.push(a.href));
            });
          }
          return links;
        }""",
        section_id,
    )
    assert any(h.endswith("/glossary/abm-treaty/") for h in mentions), mentions


def test_glossary_index_lists_terms_under_letter_headings(reader, book_server):
    page = reader.page
    page.goto(book_server.url + "glossary/")
    letters = page.locator("nav.sb-az a")
    assert letters.count() >= 10
    letters.filter(has_text=re.compile("^T$")).click()
    expect(page).to_have_url(re.compile(r"/glossary/#t$"))
    expect(page.locator("h2#t + ul a").first).to_have_attribute("href", re.compile(r"/glossary/[a-z0-9-]+/$"))


# -- The offline copy: file://, no instant navigation ---------------------------------

def test_previews_work_from_file_urls_without_instant_navigation(reader, tmp_path):
    assets = {
        f"docs/assets/{kind}/glossary.{kind}": (REPO / "docs" / "assets" / kind / f"glossary.{kind}").read_text()
        for kind in ("js", "css")
    }
    pages = {
        "index.md": "# Home\n\nSee the [ABM Treaty](term:abm-treaty).\n\nMore text.\n",
        "glossary/abm-treaty.md": "# ABM Treaty { #abm-treaty }\n\nA 1972 treaty limiting missile defences.\n",
    }
    config = ("use_directory_urls: false\n"
              "extra_javascript: [assets/js/glossary.js]\nextra_css: [assets/css/glossary.css]\n")
    site = build_mini_site(tmp_path, pages, config, files=assets)
    assert site.ok, site.output
    page = reader.page
    page.goto((site.site / "index.html").as_uri())
    assert page.url.startswith("file://")
    link = page.locator("a.sb-term")
    link.hover()
    tip = page.locator(OPEN)
    expect(tip).to_have_text(re.compile("A 1972 treaty limiting missile defences."))
    page.keyboard.press("Escape")
    expect(page.locator(OPEN)).to_have_count(0)
    page.mouse.move(1, 1)                    # leave the link: the dismissal is over
    link.focus()
    expect(page.locator(OPEN)).to_have_count(1)
    assert reader.outside == [] and reader.console_errors == []
