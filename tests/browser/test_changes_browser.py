"""Issue 19, parts 3 and 4, in the browser, on the real book published three times (``three``).

1.0 is the book as it is; 1.1 rewords p-yhys, adds p-zz01 and swaps two paragraphs of
chapter 5; 1.2 (latest) moves p-8jqi to chapter 6 (declared) and moves the essay prompts
page (tests/browser/three_editions.py). Part 3: a page of 1.0 says in its outdated notice
how many of its paragraphs changed, moved or went in 1.2, and links to the differences;
offline, or when a file cannot be read, the notice stays as it is. Part 4: the teacher's
link checker (teaching/check-links/) on a pasted syllabus, by keyboard, with axe in both
schemes. Screenshots go to test-results/.
"""
from __future__ import annotations

import json
import random
import re

import pytest
from playwright.sync_api import expect
from three_editions import EDITED, QUOTES_ONLY, TO_CH6

from conftest import REPO, git

CH5 = "chapters/treaty-with-pyongyang/"
CH6 = "chapters/summit-and-pyongyang-visit/"
CHECKER = "teaching/check-links/"
SHOTS = REPO / "test-results"
BANNER = "[data-md-component=outdated]"
STORED = "() => Object.keys(localStorage).sort()"
NOTICE_TEXT = BANNER + " .md-banner__inner"
SLOT = "[data-sb-outdated-changes]"
# The notice as overrides/main.html writes it, before any script adds to it.
NOTICE = ("You are reading an earlier edition of this book. It stays as it was, so that links in "
          "syllabi keep working. Read this page in the latest edition.")


def words(text: str) -> str:
    return " ".join(text.split())


def paragraphs(repo, version: str, path: str) -> int:
    doc = json.loads(git(repo, "show", f"gh-pages:{version}/texts.json"))
    [page] = [p for p in doc["pages"] if p["path"] == path]
    return sum(1 for u in page["units"] if u["kind"] == "paragraph" and u.get("id"))


def syllabus(site: str) -> str:
    return (f"Week 1. Read {site}1.0/{CH5}#{QUOTES_ONLY} first, and the chapter {site}1.0/chapters/introduction/.\n"
            f"Week 2. The delegation: {site}1.0/{CH5}#{EDITED}; the two sets of interests "
            f"({site}1.0/{CH5}#{TO_CH6}).\n"
            f"Week 3. A range: {site}1.0/{CH5}?to=p-yw9x#ivanov-in-pyongyang, and a lost one: {site}1.0/{CH5}#p-yw9x.\n"
            f"Essays: [prompts]({site}1.0/teaching/essay-prompts/)\n"
            f"Typos and strays: http:/127.0.0.1/1.0/{CH5} {site}0.7/{CH5} https://example.org/syllabus/\n")


def drop_paragraph(dropped: list, pid="p-yw9x"):
    """A route handler: 1.2's texts.json without one paragraph of chapter 5 (gone from the latest edition)."""
    def handle(route):
        doc = json.loads(route.fetch().text())
        for page in doc["pages"]:
            if page["path"] == CH5:
                before = len(page["units"])
                page["units"] = [u for u in page["units"] if u.get("id") != pid]
                dropped.append(before - len(page["units"]))
        route.fulfill(status=200, body=json.dumps(doc), content_type="application/json")
    return handle


class Tab:
    """A tab that records script errors and console errors."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(service_workers="block", **options)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))

    def close(self):
        self.context.close()


@pytest.fixture
def tab(browser):
    t = Tab(browser, viewport={"width": 1280, "height": 900})
    yield t
    t.close()


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"changes-browser-{name}.png"))


def check(page, text):
    page.fill("#cl-input", text)
    page.click("button:has-text('Check the links')")
    expect(page.locator("#cl-result")).to_be_visible()
    expect(page.locator("#cl-status")).to_contain_text("Checked")


def item(page, url):
    """The result for one pasted link."""
    return page.locator("#cl-list > li").filter(has=page.locator(".sb-checker__link", has_text=re.compile(
        re.escape(url) + r"$")))


# -- Part 3: the outdated notice -------------------------------------------------------

@pytest.mark.slow
@pytest.mark.browser
def test_the_outdated_notice_counts_the_changed_paragraphs_and_links_to_them(three, tab):
    repo, _, site = three[0], three[1], three[2]
    page = tab.page
    page.goto(f"{site}1.0/{CH5}")
    total = paragraphs(repo, "1.0", CH5)
    # p-yhys reworded, p-8jqi moved to chapter 6; the swapped pair and the quotes-only
    # paragraph are still on the page with the same words.
    expect(page.locator(SLOT)).to_have_text(
        f"In edition 1.2, 2 of its {total} paragraphs have changed, moved or gone. Compare them.")
    expect(page.locator(BANNER)).to_be_visible()
    assert words(page.locator(BANNER).inner_text()).startswith(NOTICE)
    assert page.locator(SLOT).get_attribute("role") == "status"
    assert page.evaluate("document.activeElement === document.body")         # no focus taken
    link = page.locator(f"{SLOT} a")
    assert link.get_attribute("href") == f"{site}1.2/{CHECKER}?from=1.0&page=chapters%2Ftreaty-with-pyongyang%2F"
    shot(page, "notice")

    # Instant navigation: the next chapter gets its own count.
    page.click(".md-footer__link--next")
    expect(page).to_have_url(f"{site}1.0/{CH6}")
    # p-8jqi arrives in chapter 6 in 1.2, but none of 1.0's own paragraphs there changed.
    expect(page.locator(SLOT)).to_have_text(
        f"All {paragraphs(repo, '1.0', CH6)} of its paragraphs are unchanged in edition 1.2.")
    page.go_back()
    expect(page.locator(SLOT)).to_contain_text("2 of its")

    # The differences view, in the latest edition.
    page.locator(f"{SLOT} a").click()
    expect(page).to_have_url(re.compile(re.escape(f"{site}1.2/{CHECKER}?from=1.0")))
    expect(page.locator("#cl-status")).to_contain_text(
        f"The paragraphs of Chapter 5, \u201cA new treaty with Pyongyang, 2000\u201d in edition 1.0, compared with "
        f"edition 1.2. Checked {total} links against edition 1.2: {total - 2} unchanged, 1 changed and 1 moved.")
    edited = item(page, f"{site}1.0/{CH5}#{EDITED}")
    expect(edited.locator(".sb-checker__state")).to_have_text("Changed")
    assert "did not meet" in edited.locator("del").first.inner_text()
    assert "never met" in edited.locator("ins").first.inner_text()
    text = words(edited.inner_text())
    assert "[deleted: did not meet" in text and "[inserted: never met" in text
    moved = item(page, f"{site}1.0/{CH5}#{TO_CH6}")
    expect(moved.locator(".sb-checker__state")).to_have_text("Moved")
    expect(moved.locator(".sb-checker__new a")).to_have_attribute("href", f"{site}1.2/{CH6}#{TO_CH6}")
    assert page.locator("#cl-list > li").count() == total
    edited.scroll_into_view_if_needed()
    shot(page, "differences-view")
    assert tab.errors == []


@pytest.mark.slow
@pytest.mark.browser
def test_the_notice_stays_as_it_is_when_a_file_cannot_be_read(three, browser):
    site = three[2]
    for blocked in ("**/versions.json", "**/1.2/texts.json", "**/1.0/texts.json"):
        t = Tab(browser, viewport={"width": 1280, "height": 900})
        t.context.route(blocked, lambda route: route.abort())
        t.page.goto(f"{site}1.0/{CH5}")
        t.page.wait_for_load_state("networkidle")
        t.page.wait_for_timeout(300)
        assert t.page.locator(SLOT).inner_html() == "", blocked
        assert words(t.page.locator(NOTICE_TEXT).text_content()) == NOTICE, blocked
        assert not [e for e in t.errors if e.startswith("pageerror")], (blocked, t.errors)
        t.close()


@pytest.mark.slow
@pytest.mark.browser
def test_the_notice_and_the_checker_from_file(three, tab):
    root = three[1].root / "1.0"
    tab.page.goto((root / "chapters" / "treaty-with-pyongyang" / "index.html").as_uri())
    tab.page.wait_for_timeout(500)
    assert tab.page.locator(SLOT).inner_html() == ""
    assert words(tab.page.locator(NOTICE_TEXT).text_content()) == NOTICE
    tab.page.goto((root / "teaching" / "check-links" / "index.html").as_uri())
    expect(tab.page.locator("#cl-status")).to_contain_text("it needs their list (versions.json)")
    expect(tab.page.locator("#cl-form")).to_be_hidden()
    assert not [e for e in tab.errors if e.startswith("pageerror")], tab.errors


@pytest.mark.slow
@pytest.mark.browser
def test_the_checker_without_versions_json_says_what_it_needs(book_server, tab):
    tab.page.goto(f"{book_server.url}{CHECKER}")
    expect(tab.page.locator("#cl-status")).to_contain_text("which only the book's website has")
    expect(tab.page.locator("#cl-form")).to_be_hidden()
    # Without JavaScript, the page says what it would do.
    assert "The checker needs JavaScript" in (book_server.root / CHECKER / "index.html").read_text(encoding="utf-8")
    assert tab.errors == []


# -- Part 4: the link checker ------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.browser
def test_the_checker_on_a_pasted_syllabus(three, tab):
    site = three[2]
    page = tab.page
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    dropped = []
    tab.context.route("**/1.2/texts.json", drop_paragraph(dropped))
    page.goto(f"{site}1.2/{CHECKER}")
    expect(page.locator("#cl-form")).to_be_visible()
    stored = page.evaluate(STORED)
    check(page, syllabus(site))
    assert dropped == [1]
    expect(page.locator("#cl-status")).to_have_text(
        "Checked 10 links against edition 1.2: 2 unchanged, 1 changed, 2 moved, 2 gone, 1 malformed, "
        "1 to another site and 1 to an unknown edition. The results are below.")

    def state(url, label):
        li = item(page, url)
        expect(li).to_have_count(1)
        expect(li.locator(".sb-checker__state")).to_have_text(label)
        return li

    li = state(f"{site}1.0/{CH5}#{QUOTES_ONLY}", "Unchanged")
    expect(li.locator(".sb-checker__new a")).to_have_attribute("href", f"{site}1.2/{CH5}#{QUOTES_ONLY}")
    li = state(f"{site}1.0/chapters/introduction/", "Unchanged")
    expect(li).to_contain_text("The page is still at this address in edition 1.2.")
    li = state(f"{site}1.0/{CH5}#{EDITED}", "Changed")
    assert "[deleted: did not meet" in words(li.inner_text()) and "[inserted: never met" in words(li.inner_text())
    li = state(f"{site}1.0/{CH5}#{TO_CH6}", "Moved")
    expect(li).to_contain_text("It is now in Chapter 6")
    expect(li.locator(".sb-checker__new a")).to_have_attribute("href", f"{site}1.2/{CH6}#{TO_CH6}")
    li = state(f"{site}1.0/{CH5}#p-yw9x", "Gone")
    expect(li.locator(".sb-checker__new")).to_have_count(0)
    # The range runs from a heading to p-yw9x, which is gone in this (routed) 1.2.
    state(f"{site}1.0/{CH5}?to=p-yw9x#ivanov-in-pyongyang", "Gone")
    li = state(f"{site}1.0/teaching/essay-prompts/", "Moved")
    expect(li.locator(".sb-checker__new a")).to_have_attribute("href", f"{site}1.2/teaching/essays/")
    expect(state(f"http:/127.0.0.1/1.0/{CH5}", "Malformed")).to_contain_text("incomplete or misspelled")
    expect(state(f"{site}0.7/{CH5}", "Unknown edition")).to_contain_text(
        "There is no edition 0.7 of this book. The published editions are 1.0, 1.1 and 1.2.")
    expect(state("https://example.org/syllabus/", "Another site")).to_contain_text("(example.org)")

    out = page.locator("#cl-output").input_value()
    assert out == (syllabus(site)
                   .replace(f"{site}1.0/{CH5}#{TO_CH6}", f"{site}1.2/{CH6}#{TO_CH6}")
                   .replace(f"{site}1.0/teaching/essay-prompts/", f"{site}1.2/teaching/essays/")
                   .replace(f"{site}1.0/{CH5}#{QUOTES_ONLY}", f"{site}1.2/{CH5}#{QUOTES_ONLY}")
                   .replace(f"{site}1.0/{CH5}#{EDITED}", f"{site}1.2/{CH5}#{EDITED}")
                   .replace(f"{site}1.0/chapters/introduction/", f"{site}1.2/chapters/introduction/"))
    assert page.locator("#cl-output").get_attribute("readonly") is not None
    page.click("#cl-copy")
    expect(page.locator("#cl-copied")).to_have_text("Copied the updated text.")
    assert page.evaluate("navigator.clipboard.readText()") == out
    shot(page, "checker-results")
    page.locator("#cl-updated-title").scroll_into_view_if_needed()
    shot(page, "checker-updated")
    # Only the site itself was asked: versions.json, texts.json, pages; never latest/ or example.org.
    assert all(u.startswith(site) for u in tab.requests), [u for u in tab.requests if not u.startswith(site)]
    assert not [u for u in tab.requests if "/latest/" in u]
    assert page.evaluate(STORED) == stored                  # checking stored nothing
    assert tab.errors == []


@pytest.mark.slow
@pytest.mark.browser
def test_a_range_with_a_changed_and_a_moved_paragraph(three, tab):
    site = three[2]
    page = tab.page
    page.goto(f"{site}1.2/{CHECKER}")
    url = f"{site}1.0/{CH5}?to=p-yw9x#ivanov-in-pyongyang"
    check(page, url)
    li = item(page, url)
    expect(li.locator(".sb-checker__state")).to_have_text("Changed")
    # p-yhys reworded; p-8jqi moved to chapter 6; p-zz01 added in 1.1.
    expect(li).to_contain_text("in edition 1.2, 1 changed, 1 moved out of it and 1 added.")
    expect(li.locator(".sb-checker__new a")).to_have_attribute("href", f"{site}1.2/{CH5}?to=p-yw9x#ivanov-in-pyongyang")
    assert "This sentence is new in edition 1.1" in li.locator("ins").last.inner_text()
    # latest/ is resolved from versions.json; the updated link names the edition.
    check(page, f"{site}latest/{CH5}#{EDITED}")
    li = item(page, f"{site}latest/{CH5}#{EDITED}")
    expect(li.locator(".sb-checker__state")).to_have_text("Unchanged")
    expect(li.locator(".sb-checker__new a")).to_have_attribute("href", f"{site}1.2/{CH5}#{EDITED}")
    assert tab.errors == []


@pytest.mark.slow
@pytest.mark.browser
def test_the_checker_by_keyboard_alone(three, tab):
    site = three[2]
    page = tab.page
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{site}1.2/{CHECKER}")
    expect(page.locator("#cl-form")).to_be_visible()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "cl-input":
            break
    assert page.evaluate("document.activeElement.id") == "cl-input"
    page.keyboard.type(f"{site}1.0/{CH5}#{TO_CH6}\n{site}1.0/{CH5}#{EDITED}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check the links"
    page.keyboard.press("Enter")
    expect(page.locator("#cl-status")).to_contain_text("Checked 2 links")
    assert page.evaluate("document.activeElement.textContent") == "Check the links"     # focus stays
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.href") == f"{site}1.2/{CH6}#{TO_CH6}"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.href") == f"{site}1.2/{CH5}#{EDITED}"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "cl-output"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "cl-copy"
    page.keyboard.press("Space")
    expect(page.locator("#cl-copied")).to_have_text("Copied the updated text.")
    # Ctrl+Enter in the box checks again.
    page.focus("#cl-input")
    page.keyboard.press("End")
    page.keyboard.type(" https://example.org/")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#cl-status")).to_contain_text("Checked 3 links")
    # Every control has a label, and is at least 24 by 24 px.
    for sel in ("#cl-input", "#cl-output"):
        assert page.locator(f"label[for='{sel[1:]}']").count() == 1
    for box in page.locator("#link-checker button, #link-checker a").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect()).map(r => [r.width, r.height])"):
        assert box[0] >= 24 and box[1] >= 24, box
    assert tab.errors == []


@pytest.mark.slow
@pytest.mark.browser
def test_the_checker_and_the_notice_pass_axe_in_both_schemes(three, browser):
    from test_every_page import AXE, AXE_RESULT, NO_TRANSITIONS, WCAG_TAGS

    # As in test_changes.py: axe on our own parts (the page's content, the notice), not on
    # Material's version selector.
    start_axe = """([tags, where]) => { window.__axe = axe.run({include: where},
      {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}).then(result =>
      result.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))); }"""
    site = three[2]
    for scheme in ("light", "dark"):
        for width, mobile in ((360, True), (1280, False)):
            t = Tab(browser, viewport={"width": width, "height": 800}, is_mobile=mobile, has_touch=mobile,
                    color_scheme=scheme)
            t.context.add_init_script(path=str(AXE))
            t.context.add_init_script(NO_TRANSITIONS)
            page = t.page
            page.goto(f"{site}1.0/{CH5}")
            expect(page.locator(f"{SLOT} a")).to_be_visible()
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == \
                ("slate" if scheme == "dark" else "default")
            page.evaluate(start_axe, [WCAG_TAGS, [[BANNER]]])
            assert page.evaluate(AXE_RESULT) == [], (scheme, width, "notice")
            shot(page, f"notice-{scheme}-{width}")
            page.goto(f"{site}1.2/{CHECKER}?from=1.0&page={CH5}")
            expect(page.locator("#cl-result")).to_be_visible()
            check(page, syllabus(site))
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.locator("#cl-result-title").scroll_into_view_if_needed()
            shot(page, f"checker-{scheme}-{width}")
            page.evaluate(start_axe, [WCAG_TAGS, [[".md-content"]]])
            assert page.evaluate(AXE_RESULT) == [], (scheme, width, "checker")
            assert t.errors == [], t.errors
            t.close()


@pytest.mark.slow
@pytest.mark.browser
def test_no_horizontal_scroll_at_320_px(three, browser):
    site = three[2]
    t = Tab(browser, viewport={"width": 320, "height": 700}, is_mobile=True, has_touch=True)
    t.page.goto(f"{site}1.0/{CH5}")
    expect(t.page.locator(f"{SLOT} a")).to_be_visible()
    assert t.page.evaluate("document.documentElement.scrollWidth") <= 320
    t.page.goto(f"{site}1.2/{CHECKER}")
    check(t.page, syllabus(site))
    assert t.page.evaluate("document.documentElement.scrollWidth") <= 320
    t.page.locator(".sb-checker__item--changed").first.scroll_into_view_if_needed()
    shot(t.page, "checker-320")
    assert t.errors == []
    t.close()


@pytest.mark.slow
@pytest.mark.browser
def test_the_script_reads_text_as_the_changes_page_does(three, tab):
    """normalize and the word difference match studybook.changes.diff on awkward texts."""
    from studybook.changes import diff

    tab.page.goto(f"{three[2]}1.2/{CHECKER}")
    pieces = ["the", "The", "treaty", "Kim’s", "Kim's", "“new”", '"new"', "«old»", "a\u00a0b", "x\u2009y",
              "`tick'", "\u2032", "-", "2000.", "\u3000", "\x1c", "\x85", "\ufeff", "\t", "\n", "  "]
    rng = random.Random(19)
    pairs = [("did not meet Kim Jong Il himself.", "never met Kim Jong Il in person."),
             ("It’s “new”.", "It's \"new\"."), ("", "added words"), ("gone words", "")]
    for _ in range(60):
        a = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        b = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        pairs.append((a, b))
    got = tab.page.evaluate("""pairs => pairs.map(([a, b]) => [window.studybookEditions.normalize(a),
        window.studybookEditions.same(a, b), window.studybookEditions.wordDiff(a, b),
        window.studybookEditions.diffHtml(window.studybookEditions.wordDiff(a, b))])""", pairs)
    want = [[diff.normalize(a), diff.same(a, b), [list(op) for op in diff.word_diff(a, b)],
             diff.diff_html(diff.word_diff(a, b))] for a, b in pairs]
    for pair, g, w in zip(pairs, got, want):
        assert g == w, pair
    assert tab.errors == []
