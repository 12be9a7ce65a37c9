"""Copy links: a copied link opens the right paragraph in the right edition.

The book is deployed with mike as editions 1.0 and 2.0 (``latest``, with one
paragraph reworded), and served like GitHub Pages (see ``editions`` in
tests/conftest.py).
"""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CLIPBOARD = ["clipboard-read", "clipboard-write"]


@pytest.fixture
def context(browser):
    ctx = browser.new_context(permissions=CLIPBOARD, service_workers="block",
                              viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


SENTINEL = "(nothing copied yet)"


def clear_clipboard(page) -> None:
    """The clipboard is shared by every page of the browser: start each copy from a known value."""
    page.evaluate(f"navigator.clipboard.writeText({SENTINEL!r})")


def clipboard(page) -> str:
    """What the page copied (waits briefly: writing to the clipboard is asynchronous)."""
    for _ in range(20):
        text = page.evaluate("navigator.clipboard.readText()")
        if text != SENTINEL:
            return text
        page.wait_for_timeout(100)
    return text


def in_view(page, selector: str) -> bool:
    """The element's top is on screen and below Material's sticky header."""
    return page.evaluate("""(sel) => {
        const box = document.querySelector(sel).getBoundingClientRect();
        const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
        return box.top >= header - 1 && box.top < window.innerHeight;
    }""", selector)


def test_a_copied_link_opens_the_paragraph_in_the_edition_being_read(context, editions):
    page = context.new_page()
    chapter = f"{editions.url}1.0/{editions.chapter}"
    page.goto(chapter)
    clear_clipboard(page)
    target = f"#{editions.edited_id}"
    page.locator(target).hover()
    page.locator(f"{target} .sb-copy").click()
    pinned = f"{chapter}#{editions.edited_id}"
    expect(page.locator(".sb-panel__status")).to_contain_text("edition 1.0")
    assert clipboard(page) == pinned

    # The copied link, opened fresh: edition 1.0, the paragraph in view and highlighted.
    reader = context.new_page()
    reader.goto(pinned)
    expect(reader.locator(target)).to_have_class(re.compile(r"\bsb-arrived\b"))
    expect(reader.locator(target)).to_contain_text(editions.old_text)
    assert in_view(reader, target)
    assert "/1.0/" in reader.url


def test_the_second_option_copies_the_latest_link(context, editions):
    page = context.new_page()
    page.goto(f"{editions.url}1.0/{editions.chapter}")
    clear_clipboard(page)
    target = f"#{editions.edited_id}"
    page.locator(target).hover()
    page.locator(f"{target} .sb-copy").click()
    clear_clipboard(page)
    page.get_by_role("button", name="Copy the link to the latest edition instead").click()
    latest = f"{editions.url}latest/{editions.chapter}#{editions.edited_id}"
    expect(page.locator(".sb-panel__status")).to_contain_text("newest edition")
    assert clipboard(page) == latest

    # latest/ redirects to the newest edition, keeping the #id: same id, new words.
    reader = context.new_page()
    reader.goto(latest)
    reader.wait_for_url(re.compile(r"/2\.0/"))
    expect(reader.locator(target)).to_have_class(re.compile(r"\bsb-arrived\b"))
    expect(reader.locator(target)).to_contain_text(editions.new_text)
    assert in_view(reader, target)
    # Reading 2.0, the copy control pins 2.0.
    clear_clipboard(reader)
    reader.locator(target).hover()
    reader.locator(f"{target} .sb-copy").click()
    expect(reader.locator(".sb-panel__status")).to_contain_text("edition 2.0")
    assert clipboard(reader) == f"{editions.url}2.0/{editions.chapter}#{editions.edited_id}"


def test_keyboard_tab_to_a_control_and_press_enter(context, editions):
    page = context.new_page()
    page.goto(f"{editions.url}1.0/{editions.chapter}")
    clear_clipboard(page)
    # The paragraph before the target ends with its own control; Tab moves on to the
    # target's note marker (it opens the paragraph, docs/assets/js/study-notes.js), then ours.
    marker = page.locator(f"#{editions.edited_id} .sb-nm")
    expect(marker).to_have_count(1)                       # added once the page is idle
    page.locator("#p-vzjk .sb-copy").focus()
    page.keyboard.press("Tab")
    expect(marker).to_be_focused()
    page.keyboard.press("Tab")
    control = page.locator(f"#{editions.edited_id} .sb-copy")
    expect(control).to_be_focused()
    expect(control).to_have_accessible_name("Copy link to this paragraph")
    expect(control).to_have_css("opacity", "1")            # visible when focused
    assert control.evaluate("el => el.matches(':focus-visible')")
    assert control.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    expect(control).to_have_attribute("aria-expanded", "true")
    assert clipboard(page) == f"{editions.url}1.0/{editions.chapter}#{editions.edited_id}"
    # Tab into the panel: the link field, then the other link.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Copy the link to the latest edition instead")).to_be_focused()
    clear_clipboard(page)
    page.keyboard.press("Enter")
    assert clipboard(page) == f"{editions.url}latest/{editions.chapter}#{editions.edited_id}"
    # Escape closes the panel and gives focus back to the control.
    page.keyboard.press("Escape")
    expect(page.locator(".sb-panel")).to_be_hidden()
    expect(control).to_be_focused()


def test_headings_have_one_control_each(context, editions):
    page = context.new_page()
    page.goto(f"{editions.url}1.0/{editions.chapter}")
    clear_clipboard(page)
    expect(page.locator("h2#ivanov-in-pyongyang .sb-copy")).to_have_count(1)
    expect(page.locator("h2#ivanov-in-pyongyang .headerlink")).to_have_count(0)   # ours replaces the ¶
    expect(page.locator("h2#ivanov-in-pyongyang .sb-copy")).to_have_accessible_name("Copy link to this section")
    page.locator("h2#ivanov-in-pyongyang .sb-copy").click()
    assert clipboard(page) == f"{editions.url}1.0/{editions.chapter}#ivanov-in-pyongyang"
    # Notes, lists and admonitions have none.
    expect(page.locator(".footnote .sb-copy, .admonition .sb-copy, li .sb-copy")).to_have_count(0)


def test_where_copying_is_refused_the_link_is_shown_selected(browser, editions):
    ctx = browser.new_context(service_workers="block")
    ctx.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));")
    page = ctx.new_page()
    page.goto(f"{editions.url}1.0/{editions.chapter}")
    page.locator(f"#{editions.edited_id} .sb-copy").focus()
    page.keyboard.press("Enter")
    field = page.locator(".sb-panel__link")
    expect(field).to_be_visible()
    expect(field).to_be_focused()
    expect(page.locator(".sb-panel__status")).to_contain_text("press Ctrl+C")
    selected = field.evaluate("f => f.value.substring(f.selectionStart, f.selectionEnd)")
    assert selected == f"{editions.url}1.0/{editions.chapter}#{editions.edited_id}"
    ctx.close()


def test_instant_navigation_gets_controls_and_the_right_path(context, editions):
    page = context.new_page()
    page.goto(f"{editions.url}1.0/chapters/")
    clear_clipboard(page)
    page.evaluate("window.sbMarker = 1")                      # survives only instant navigation
    page.locator("article a[href$='treaty-with-pyongyang/']").first.click()
    expect(page.locator("h1")).to_have_text(re.compile("A new treaty with Pyongyang"))
    assert page.evaluate("window.sbMarker") == 1, "expected instant navigation, got a page load"
    expect(page.locator(f"#{editions.edited_id} .sb-copy")).to_have_count(1)
    clear_clipboard(page)
    page.locator(f"#{editions.edited_id} .sb-copy").click()
    assert clipboard(page) == f"{editions.url}1.0/{editions.chapter}#{editions.edited_id}"
    # An instant-navigation link to a paragraph highlights it.
    page.evaluate("""() => { const a = document.createElement('a');
        a.href = '../putin-in-seoul/#the-abm-dispute'; a.textContent = 'go'; a.id = 'sb-test-link';
        document.querySelector('article').prepend(a); }""")
    page.locator("#sb-test-link").click()
    expect(page.locator("#the-abm-dispute")).to_have_class(re.compile(r"\bsb-arrived\b"))
    assert page.evaluate("window.sbMarker") == 1


def test_without_material_scripts_the_controls_still_work(browser, editions):
    """document$ never exists: the script must start on DOMContentLoaded alone."""
    ctx = browser.new_context(permissions=CLIPBOARD, service_workers="block")
    ctx.route(re.compile(r".*/bundle\.[0-9a-f]+\.min\.js$"), lambda route: route.abort())
    page = ctx.new_page()
    page.goto(f"{editions.url}1.0/{editions.chapter}#{editions.edited_id}")
    clear_clipboard(page)
    assert page.evaluate("typeof window.document$") == "undefined"
    expect(page.locator(f"#{editions.edited_id}")).to_have_class(re.compile(r"\bsb-arrived\b"))
    page.locator(f"#{editions.edited_id} .sb-copy").click()
    assert clipboard(page) == f"{editions.url}1.0/{editions.chapter}#{editions.edited_id}"
    ctx.close()


def test_from_a_file_url_the_link_points_to_the_published_edition(browser, editions):
    """Opened from disk (file:// is a secure context), the copied link is the web address."""
    ctx = browser.new_context(permissions=CLIPBOARD)
    page = ctx.new_page()
    index = editions.server.root / "1.0" / editions.chapter / "index.html"
    page.goto(index.as_uri() + f"#{editions.edited_id}")
    clear_clipboard(page)
    expect(page.locator(f"#{editions.edited_id}")).to_have_class(re.compile(r"\bsb-arrived\b"))
    page.locator(f"#{editions.edited_id} .sb-copy").click()
    assert clipboard(page) == f"{editions.url}1.0/{editions.chapter}#{editions.edited_id}"
    ctx.close()


def test_reduced_motion_highlights_without_animation(browser, editions):
    ctx = browser.new_context(reduced_motion="reduce")
    page = ctx.new_page()
    page.goto(f"{editions.url}1.0/{editions.chapter}#{editions.edited_id}")
    target = page.locator(f"#{editions.edited_id}")
    expect(target).to_have_class(re.compile(r"\bsb-arrived\b"))
    assert target.evaluate("el => getComputedStyle(el).animationName") == "none"
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(255, 241, 184)"
    # Brief: the highlight goes away by itself.
    expect(target).not_to_have_class(re.compile(r"\bsb-arrived\b"), timeout=6000)
    ctx.close()


def test_cite_this_page_copies_the_pinned_citation(context, editions):
    page = context.new_page()
    page.goto(f"{editions.url}1.0/{editions.chapter}#cite-this-page")
    clear_clipboard(page)
    cite = page.locator(".sb-cite")
    expect(cite).to_contain_text("This is edition 1.0 of the study edition")
    link = f"{editions.url}1.0/{editions.chapter}"
    expect(cite.locator("a.sb-cite__text")).to_have_attribute("href", link)
    page.get_by_role("button", name="Copy the Chicago citation").click()
    copied = clipboard(page)
    assert copied.startswith("The study-edition team. “A New Treaty with Pyongyang, 2000.”")
    assert "edition 1.0" in copied and "Analysis by In-Kon Yeo" in copied and copied.endswith(link + ".")
    # The last thing in the table of contents.
    expect(page.locator(".md-sidebar--secondary .md-nav__link").last).to_have_text("Cite this page")


def test_printing_drops_the_controls_and_the_bibtex(context, editions):
    page = context.new_page()
    page.goto(f"{editions.url}1.0/{editions.chapter}")
    page.emulate_media(media="print")
    expect(page.locator(f"#{editions.edited_id} .sb-anchor-tools")).to_be_hidden()
    expect(page.locator(".sb-cite dd.sb-cite__bibtex")).to_be_hidden()
    expect(page.locator(".sb-cite")).to_contain_text("Chicago")


def luminance(rgb: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+", rgb)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted([luminance(a), luminance(b)], reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_contrast_of_the_control_focus_ring_and_highlight(browser, editions, scheme):
    ctx = browser.new_context(color_scheme=scheme, reduced_motion="reduce")
    page = ctx.new_page()
    page.goto(f"{editions.url}1.0/{editions.chapter}#{editions.edited_id}")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
    control = page.locator("#p-vzjk .sb-copy")
    control.focus()
    colors = page.evaluate("""() => {
        const bg = getComputedStyle(document.body).backgroundColor;
        const c = getComputedStyle(document.querySelector('#p-vzjk .sb-copy'));
        const arrived = document.querySelector('.sb-arrived');
        return {bg, icon: c.color, ring: c.outlineColor,
                marked: getComputedStyle(arrived).backgroundColor, text: getComputedStyle(arrived).color};
    }""")
    assert "rgba(0, 0, 0, 0)" not in colors.values(), colors
    assert contrast(colors["icon"], colors["bg"]) >= 4.5, colors        # the icon, like text
    assert contrast(colors["ring"], colors["bg"]) >= 3, colors          # WCAG 2.4.13 / 1.4.11
    # Body text is semi-transparent in Material; blend it over the highlight first.
    assert contrast(blend(colors["text"], colors["marked"]), colors["marked"]) >= 4.5, colors
    ctx.close()


def blend(rgba: str, under: str) -> str:
    parts = [float(v) for v in re.findall(r"[\d.]+", rgba)]
    alpha = parts[3] if len(parts) > 3 else 1.0
    base = [float(v) for v in re.findall(r"[\d.]+", under)[:3]]
    mixed = [round(f * alpha + b * (1 - alpha)) for f, b in zip(parts[:3], base)]
    return f"rgb({mixed[0]}, {mixed[1]}, {mixed[2]})"
