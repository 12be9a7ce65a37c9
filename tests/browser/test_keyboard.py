"""The book with the keyboard alone: skip link, search, scheme toggle, tooltips, buttons, and
a focus indicator a reader can see on every control.

The tests find controls by role and markup, not by page, so that controls added later
(copy-link buttons, "Cite this page", the version selector of an edition) are covered as
they land. The version selector exists only in a published edition: its keyboard test is
in tests/browser/test_editions.py, which publishes two.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CHAPTER = "chapters/putin-in-seoul/"
# Pages whose controls, together, are every kind the book has: the cover, a chapter
# (notes, glossary links, figures), a glossary page (backlinks) and the bibliography.
FOCUS_PAGES = ["", CHAPTER, "glossary/abm-treaty/", "bibliography/"]
# Check at most this many controls that look alike (same element, classes and parent).
SAME_KIND = 2
MAX_TABS = 800

NO_TRANSITIONS = """
const sheet = new CSSStyleSheet();
sheet.replaceSync('*, *::before, *::after { transition: none !important; animation: none !important; '
  + 'scroll-behavior: auto !important; }');
document.adoptedStyleSheets = [sheet];
"""
# Transitions and smooth scrolling off, so that a screenshot shows where the focus
# ended up, not a frame on the way.
# The focused element: a signature of its kind, and the box around it and its labels
# (a visually hidden radio button shows its focus on the label after it), padded for outlines.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  window.__focused = el;
  const kind = e => e ? e.tagName + [...e.classList].filter(c => c !== 'focus-visible').sort()
    .map(c => '.' + c).join('') : '';
  const next = el.nextElementSibling;
  const around = [el, ...(el.labels || []), ...(el.matches('input') && next && next.matches('label') ? [next] : [])];
  const boxes = around.map(e => e.getBoundingClientRect())
    .filter(r => r.width > 0 && r.height > 0);
  const html = el.outerHTML.slice(0, 160);
  if (!boxes.length) return {kind: kind(el) + ' < ' + kind(el.parentElement), box: null, html};
  const pad = 8, vw = innerWidth, vh = innerHeight;
  const x0 = Math.max(0, Math.min(...boxes.map(b => b.left)) - pad);
  const y0 = Math.max(0, Math.min(...boxes.map(b => b.top)) - pad);
  const x1 = Math.min(vw, Math.max(...boxes.map(b => b.right)) + pad);
  const y1 = Math.min(vh, Math.max(...boxes.map(b => b.bottom)) + pad);
  return {kind: kind(el) + ' < ' + kind(el.parentElement), html,
          box: x1 > x0 && y1 > y0 ? {x: x0, y: y0, width: x1 - x0, height: y1 - y0} : null};
}"""


# Tooltips of the element that had the focus before may still be closing (the glossary
# previews wait 300 ms, in case the pointer is on its way to them): wait until every
# tooltip on screen belongs to the focused element (it names it in aria-describedby,
# or aria-controls for the note tooltips).
SETTLED = """() => { const el = document.activeElement;
  const own = ['aria-describedby', 'aria-controls'].flatMap(a => (el.getAttribute(a) || '').split(' '));
  return [...document.querySelectorAll('[role=tooltip], .md-tooltip2')]
    .filter(t => t.checkVisibility({opacityProperty: true, visibilityProperty: true}))
    .every(t => own.includes(t.id)); }"""

# Lets the page's pending short timers run (they fire in deadline order, before this one).
SETTLE_TIMERS = "() => new Promise(r => setTimeout(r, 20))"


@pytest.fixture
def keyboard_page(browser):
    context = browser.new_context(service_workers="block", viewport={"width": 1280, "height": 800})
    context.add_init_script(NO_TRANSITIONS)
    page = context.new_page()
    yield page
    context.close()


def tab_to(page, selector: str, limit: int = 300):
    """Press Tab until the focused element matches ``selector``; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return page.locator(":focus")
    pytest.fail(f"Tab never reached {selector} in {limit} presses")


# -- Skip link ---------------------------------------------------------------------------

def test_the_first_tab_shows_the_skip_link_and_it_moves_into_the_content(keyboard_page, book_server):
    page = keyboard_page
    page.goto(book_server.url + CHAPTER)
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_class(re.compile(r"\bmd-skip\b"))
    expect(skip).to_be_visible()
    assert float(skip.evaluate("e => getComputedStyle(e).opacity")) == 1
    fragment = "#" + skip.get_attribute("href").split("#", 1)[1]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(fragment) + "$"))
    # The heading it points at takes the focus at once (docs/assets/js/skip.js), so a
    # screen reader announces it and the next Tab starts there, however slow the page.
    expect(page.locator(":focus")).to_have_id(fragment[1:])
    page.keyboard.press("Tab")
    landed = page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
    assert page.evaluate("() => !!document.activeElement.closest('article.md-content__inner')"), \
        f"after the skip link, Tab should land in the page's content, not on {landed}"


# -- Search ------------------------------------------------------------------------------

def test_search_works_from_the_keyboard_alone(keyboard_page, book_server):
    page = keyboard_page
    page.goto(book_server.url + CHAPTER)
    # Reachable by Tab (no shortcut needed) ...
    tab_to(page, "input[data-md-component=search-query]")
    page.keyboard.press("Tab")                      # the closed results area is not a stop
    assert not page.evaluate("() => document.activeElement.closest('.md-search')"), \
        "Tab stopped in the closed search dialog"
    # Material notices focus changes 1 ms late (a debounce); on a busy machine both key
    # presses could land before it looks, and it would see no change. A reader is slower.
    page.evaluate(SETTLE_TIMERS)
    page.keyboard.press("Shift+Tab")
    expect(page.locator("input[data-md-component=search-query]")).to_be_focused()
    page.evaluate(SETTLE_TIMERS)
    expect(page.locator("#__search")).to_be_checked()   # focus opened the search dialog
    page.keyboard.type("Kovykta")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=15_000)
    # ... the arrow keys walk the results, and Enter opens one.
    page.keyboard.press("ArrowDown")
    expect(page.locator(".md-search-result__link:focus")).to_have_count(1)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]h=kovykta", re.I), timeout=15_000)
    expect(page.locator("article mark >> visible=true").first).to_be_visible()   # terms highlighted


def test_search_opens_with_its_shortcut_and_escape_closes_it(keyboard_page, book_server):
    page = keyboard_page
    page.goto(book_server.url + CHAPTER)
    page.keyboard.press("/")
    expect(page.locator("input[data-md-component=search-query]")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("input[data-md-component=search-query]")).not_to_be_focused()


# -- The scheme toggle ------------------------------------------------------------------

def test_the_colour_scheme_toggle_works_from_the_keyboard(keyboard_page, book_server):
    """Material's toggle is a group of two radio buttons: Tab reaches it, an arrow key
    switches the scheme, as in any radio group."""
    page = keyboard_page
    page.goto(book_server.url + CHAPTER)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    tab_to(page, "input[name=__palette]")
    page.keyboard.press("ArrowDown")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.keyboard.press("ArrowUp")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")


# -- Tooltips (footnote and glossary previews) -------------------------------------------

def test_every_kind_of_tooltip_opens_on_focus_and_closes_with_escape(keyboard_page, book_server):
    """Note markers (assets/js/tooltips.js) and glossary term links described by a
    role=tooltip element (glossary previews): focus shows the text, Escape hides it,
    focus stays. (A note marker is described too while its note shows, so the term
    links are picked by their class.)"""
    page = keyboard_page
    page.goto(book_server.url + CHAPTER)
    kinds = {
        "note marker": ("a.footnote-ref", ".md-tooltip2--active"),
        "described link": ("a.sb-term[aria-describedby]", "[role=tooltip]:not([hidden])"),
    }
    for name, (trigger, shown) in kinds.items():
        assert page.locator(trigger).count(), f"the chapter has no {name} to test"
        tab_to(page, trigger, limit=MAX_TABS)
        page.evaluate("() => document.activeElement.setAttribute('data-kb-focus', '')")
        visible = page.locator(f"{shown} >> visible=true")
        expect(visible).to_have_count(1)
        page.keyboard.press("Escape")
        expect(visible).to_have_count(0)
        assert page.evaluate("() => document.activeElement.hasAttribute('data-kb-focus')"), \
            f"Escape on a {name} moved the focus"


# -- Buttons and other controls ----------------------------------------------------------

@pytest.mark.parametrize("path", FOCUS_PAGES)
def test_every_visible_button_is_reached_by_tab(keyboard_page, book_server, path):
    """Every visible button (copy links, "Cite this page", the back-to-top button...) is
    in the tab order: a reader without a mouse can reach it."""
    page = keyboard_page
    page.goto(book_server.url + path)
    page.evaluate("""() => document.querySelectorAll('button, [role=button]').forEach((b, i) =>
      !b.closest('[hidden]') && b.checkVisibility({opacityProperty: true, visibilityProperty: true})
      && b.setAttribute('data-kb', i))""")
    wanted = set(page.evaluate("() => [...document.querySelectorAll('[data-kb]')].map(b => b.dataset.kb)"))
    reached = set()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        kb = page.evaluate("() => document.activeElement.dataset.kb")
        if kb:
            reached.add(kb)
        if reached == wanted or page.evaluate("() => document.activeElement === document.body"):
            break
    missing = page.evaluate("ids => ids.map(i => document.querySelector(`[data-kb='${i}']`).outerHTML.slice(0, 120))",
                            sorted(wanted - reached))
    assert not missing, "buttons Tab never reaches:\n" + "\n".join(missing)


# -- Focus is always visible -------------------------------------------------------------

@pytest.mark.parametrize("path", FOCUS_PAGES)
def test_focus_is_always_visible(keyboard_page, book_server, path):
    """Tab through the page; each control looks different with the focus than without
    (WCAG 2.4.7). Controls of the same kind are checked twice, not a hundred times."""
    page = keyboard_page
    page.goto(book_server.url + path)
    seen: dict[str, int] = {}
    invisible = []
    first = None
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        page.wait_for_function(SETTLED, timeout=5_000)
        info = page.evaluate(FOCUSED)
        if info is None or info["html"] == first:
            break                                   # back at the start: every stop seen
        first = first or info["html"]
        seen[info["kind"]] = seen.get(info["kind"], 0) + 1
        if seen[info["kind"]] > SAME_KIND:
            continue
        if info["box"] is None:
            invisible.append(f"no visible box: {info['html']}")
            continue
        focused = page.screenshot(clip=info["box"])
        page.evaluate("() => window.__focused.blur()")
        unfocused = page.screenshot(clip=info["box"])
        page.evaluate("() => window.__focused.focus()")
        if focused == unfocused:
            invisible.append(info["html"])
    assert seen, "Tab reached nothing"
    assert not invisible, f"/{path}: focus not visible on:\n" + "\n".join(invisible)
