"""Reading on a phone: every page fits, every control can be tapped, previews work by touch.

One sweep opens every page of the built book at 320, 360, 390 and 414 px (a phone:
``is_mobile``, ``has_touch``) and at 768 px (a tablet held upright), and runs the checks
of tests/browser/phone_checks.js in one ``page.evaluate``, in the light scheme and then
in the dark one (what Material's palette toggle does: ``data-md-color-scheme="slate"``).
The checks:
- the document is never wider than the viewport (the element that sticks out is named);
- body text keeps a gutter of at least 12 px on both sides;
- tables and code scroll inside their own box, and that box fits;
- admonitions, figures, "Cite this page", the assignment builder's form and handout, the
  bibliography's entries and the glossary's A-Z index fit;
- every control is at least 24 x 24 CSS px or spaced as WCAG 2.2 SC 2.5.8 allows.
There is one browser context per width, and the search index is not fetched in the
sweep (search is tried on its own below), so that the ~1000 checks take about a minute.

The other tests tap: glossary previews and notes at 320 px, copying a paragraph link,
the header and search; and open a chapter at hostile or malformed addresses. Screenshots
of a chapter, a glossary page and the builder at 360 px are saved in
test-results/phone/ (gitignored), for a person to look at.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHECKS = (Path(__file__).with_name("phone_checks.js")).read_text(encoding="utf-8")
SHOTS = REPO / "test-results" / "phone"
PHONES = [320, 360, 390, 414]
TABLET = 768
GUTTER = 12          # px of free space beside body text
TARGET = 24          # px, WCAG 2.2 SC 2.5.8
CHAPTER = "chapters/introduction/"
GLOSSARY_PAGE = "glossary/global-control-system/"
BUILDER = "teaching/assignments/"

# Both schemes in one evaluate: light first, then dark; the scheme is put back after.
BOTH_SCHEMES = """(args) => {
  const run = (CHECKS);
  const body = document.body;
  const before = body.getAttribute('data-md-color-scheme');
  const out = {};
  for (const scheme of ['default', 'slate']) {
    body.setAttribute('data-md-color-scheme', scheme);
    void body.offsetWidth;
    out[scheme === 'default' ? 'light' : 'dark'] = run(args);
  }
  body.setAttribute('data-md-color-scheme', before);
  return out;
}""".replace("CHECKS", CHECKS.strip())


def book_pages(site: Path) -> list[str]:
    return [str(p.relative_to(site)).removesuffix("index.html") for p in sorted(site.rglob("*.html"))]


def phone_context(browser, width: int, **extra):
    mobile = width < TABLET
    return browser.new_context(viewport={"width": width, "height": 740 if mobile else 1024},
                               is_mobile=mobile, has_touch=mobile, device_scale_factor=1,
                               service_workers="block", **extra)


@pytest.fixture(scope="module")
def sweep(browser, book_server):
    """{width: [problem, ...]} over every page, each problem naming page, width, scheme, element."""
    pages = book_pages(book_server.root)
    assert len(pages) > 50, f"only {len(pages)} pages found in {book_server.root}"
    found: dict[int, list[str]] = {}
    for width in [*PHONES, TABLET]:
        context = phone_context(browser, width)
        # Loading the search index on every page costs a second of script; search has its own test.
        context.route(re.compile(r".*/search/search_index\.json$"), lambda route: route.abort())
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        problems = found.setdefault(width, [])
        for path in pages:
            errors.clear()
            page.goto(book_server.url + path, wait_until="load")
            result = page.evaluate(BOTH_SCHEMES, {"gutter": GUTTER, "target": TARGET})
            for scheme, items in result.items():
                problems += [f"/{path} at {width}px ({scheme}): {p}" for p in items]
            problems += [f"/{path} at {width}px: script error: {e}" for e in errors]
        context.close()
    return found


@pytest.mark.parametrize("width", [*PHONES, TABLET])
def test_every_page_fits_and_every_control_can_be_tapped(sweep, width):
    problems = sweep[width]
    assert not problems, f"{len(problems)} problem(s) at {width}px:\n" + "\n".join(problems[:40])


# -- Touch ------------------------------------------------------------------------

@pytest.fixture
def phone(browser):
    context = phone_context(browser, 320, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    yield page
    context.close()
    assert not errors, f"script errors: {errors}"


FITS = """sel => { const el = [...document.querySelectorAll(sel)].find(e => e.getClientRects().length);
  if (!el) return false;
  const box = el.getBoundingClientRect();
  return box.left >= 0 && box.right <= document.documentElement.clientWidth; }"""
WHERE = """sel => [...document.querySelectorAll(sel)].map(e => { const b = e.getBoundingClientRect();
  return `${Math.round(b.left)}..${Math.round(b.right)}px`; })"""


def inside_screen(page, selector: str) -> None:
    """The first visible ``selector`` is (or, once an opening transition ends, comes to be) on screen."""
    try:
        page.wait_for_function(FITS, arg=selector, timeout=3000)
    except Exception:
        width = page.viewport_size["width"]
        raise AssertionError(f"{selector} spans {page.evaluate(WHERE, selector)} of a {width}px screen") from None


def tap_empty_text(page) -> None:
    """Tap the page title: text, not a link, so a tap there is a tap 'elsewhere'."""
    page.locator("article h1").first.tap(position={"x": 5, "y": 5})


def test_a_glossary_preview_opens_on_tap_fits_and_closes(phone, book_server):
    phone.goto(book_server.url + CHAPTER)
    term = phone.locator("article a.sb-term[aria-describedby]").first
    term.scroll_into_view_if_needed()
    tip = phone.locator("#" + term.get_attribute("aria-describedby"))
    url = phone.url
    term.tap()
    assert tip.is_visible(), "a first tap on a term shows its preview"
    assert phone.url == url, "a first tap does not follow the link"
    inside_screen(phone, "#" + term.get_attribute("aria-describedby"))
    tap_empty_text(phone)
    assert tip.is_hidden(), "a tap elsewhere closes the preview"
    term.tap()
    assert tip.is_visible()
    phone.keyboard.press("Escape")
    assert tip.is_hidden(), "Escape closes the preview"


def test_a_note_opens_on_tap_fits_and_closes(phone, book_server):
    phone.goto(book_server.url + CHAPTER)
    marker = phone.locator("article sup[id^='fnref'] a.footnote-ref").first
    marker.scroll_into_view_if_needed()
    url = phone.url
    marker.tap()
    tip = phone.locator(".md-tooltip2--active")
    tip.wait_for(state="visible", timeout=3000)
    assert phone.url == url, "a first tap shows the note where the reader is"
    inside_screen(phone, ".md-tooltip2--active .md-tooltip2__inner")
    phone.keyboard.press("Escape")
    assert phone.locator(".md-tooltip2--active:visible").count() == 0, "Escape closes the note"
    marker.tap()
    tip.wait_for(state="visible", timeout=3000)
    tap_empty_text(phone)
    phone.wait_for_function("() => !document.querySelector('.md-tooltip2--active')"
                            " || getComputedStyle(document.querySelector('.md-tooltip2--active')).display === 'none'",
                            timeout=3000)
    marker.tap()
    tip.wait_for(state="visible", timeout=3000)
    marker.tap()
    phone.wait_for_url(re.compile(r"#fn:"), timeout=3000)   # a second tap goes to the note


def test_a_paragraph_link_is_copied_without_hover(phone, book_server):
    phone.goto(book_server.url + CHAPTER)
    paragraph = phone.locator("article > p[id]").nth(1)
    pid = paragraph.get_attribute("id")
    button = paragraph.locator(".sb-copy")
    button.scroll_into_view_if_needed()
    assert button.evaluate("b => getComputedStyle(b).opacity") == "1", "the copy button shows without hover"
    phone.evaluate("navigator.clipboard.writeText('')")
    button.tap()
    phone.wait_for_function("() => navigator.clipboard.readText().then(t => t.length > 0)", timeout=3000)
    copied = phone.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"#{pid}"), copied
    inside_screen(phone, ".sb-panel")


def test_the_header_and_search_work_on_a_phone(phone, book_server):
    phone.goto(book_server.url + CHAPTER)
    inside_screen(phone, ".md-header")
    title = phone.locator(".md-header__title").bounding_box()
    assert title["width"] > 40, "the header title has room"
    phone.locator("label.md-header__button[for='__search']").tap()
    field = phone.locator("input.md-search__input")
    field.wait_for(state="visible")
    inside_screen(phone, "input.md-search__input")
    # Type key by key, as a reader does. Material reads the query on keyup (and once when
    # its index is ready); fill() sends no keyup, so if the index became ready first, the
    # query was never read and no result came (a CI failure under load).
    field.press_sequentially("Kim Dae-jung", delay=20)
    result = phone.locator(".md-search-result__item").first
    result.wait_for(state="visible", timeout=30_000)   # the search index loads in a worker
    inside_screen(phone, ".md-search-result__item")


# -- Hostile and malformed addresses ---------------------------------------------------

HOSTILE = [
    "#%E0%A4%A",                                   # a malformed percent escape
    "#%",                                          # a lone percent sign
    "?to=%E0%A4%A#%E0%A4%A",                       # malformed in the query and the hash
    "?to=<img src=x onerror=window.__pwned=1>#intro",
    "#<img src=x onerror=window.__pwned=1>",
    "#\"><svg onload=window.__pwned=1>",
    "?q=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E&to=x%27%22",
    "?to=__proto__#constructor",
    "#javascript:window.__pwned=1",
    "?" + "a" * 4000 + "#" + "b" * 4000,            # very long
    "?to=%00#%00",                                 # NUL
    "?to=" + "%F0%9F%98%80" + "#%F0%9F%98%80",     # an emoji, well formed
]


def test_hostile_or_malformed_addresses_raise_no_error_and_inject_nothing(browser, book_server):
    context = phone_context(browser, 360)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    chapter = book_server.url + CHAPTER
    page.goto(chapter)
    first_id = page.locator("article > p[id]").first.get_attribute("id")
    clean = page.evaluate("document.querySelectorAll('img, svg, script, iframe').length")
    # A real range too, with a malformed end: the range is ignored, nothing breaks.
    addresses = [*HOSTILE, f"?to=%E0%A4%A#{first_id}", f"?to={first_id}#%E0%A4%A"]
    for tail in addresses:
        errors.clear()
        page.goto("about:blank")
        page.goto(chapter + tail, wait_until="load")
        page.wait_for_timeout(100)
        state = page.evaluate("""() => ({pwned: window.__pwned || 0,
            tags: document.querySelectorAll('img, svg, script, iframe').length,
            onerror: document.querySelectorAll('[onerror], [onload]').length})""")
        assert not errors, f"{CHAPTER}{tail[:80]}: script error {errors}"
        assert state["pwned"] == 0, f"{CHAPTER}{tail[:80]}: injected script ran"
        assert state["onerror"] == 0, f"{CHAPTER}{tail[:80]}: an element with an event attribute appeared"
        assert state["tags"] <= clean, f"{CHAPTER}{tail[:80]}: {state['tags'] - clean} element(s) appeared"
    context.close()


# -- Screenshots for a person ----------------------------------------------------------

@pytest.mark.parametrize(("name", "path"), [("chapter", CHAPTER), ("glossary-page", GLOSSARY_PAGE),
                                            ("builder", BUILDER)])
def test_screenshots_at_360px(browser, book_server, name, path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = phone_context(browser, 360)
    page = context.new_page()
    page.goto(book_server.url + path)
    for scheme in ("light", "dark"):
        if scheme == "dark":
            page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        shot = SHOTS / f"{name}-360-{scheme}.png"
        page.screenshot(path=str(shot), full_page=False)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight / 3)")
        page.wait_for_timeout(500)    # the header's title changes with a transition on scroll
        page.screenshot(path=str(SHOTS / f"{name}-360-{scheme}-further.png"))
        page.evaluate("window.scrollTo(0, 0)")
        assert shot.stat().st_size > 5000, f"{shot} is nearly empty"
    context.close()
