"""Highlights and notes (assets/js/study-notes.js) as a student uses them in the real book.

Each test starts with an empty localStorage (a fresh browser context). Text is
selected the way a reader's mouse or keyboard leaves it: a DOM Range over
the paragraph's words (SELECT), or Shift+arrows from a caret.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import CHROMIUM, CHROMIUM_ARGS, REPO, Reader

pytestmark = pytest.mark.browser

CHAPTER = "chapters/introduction/"
PARA = "p-7ain"            # "Yeo gives Yeltsin a mixed record. ..."
GLOSSARY = "glossary/abm-treaty/"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

# Select characters [from, to) of a block's text, leaving out our controls and note numbers.
SELECT = """([sel, from, to]) => {
  const p = document.querySelector(sel), w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let seen = 0, started = false; const r = document.createRange();
  while (w.nextNode()) {
    const n = w.currentNode;
    if (n.parentElement.closest('.sb-nm, .sb-anchor-tools, .footnote-ref')) continue;
    const len = n.nodeValue.length;
    if (!started && from < seen + len) { r.setStart(n, from - seen); started = true; }
    if (started && to <= seen + len) { r.setEnd(n, to - seen); break; }
    seen += len;
  }
  getSelection().removeAllRanges(); getSelection().addRange(r); return r.toString(); }"""
STORED = "() => JSON.parse(localStorage.getItem('studybook-notes') || '{\"items\": []}').items"


def open_chapter(page, url):
    page.goto(url)
    expect(page.locator("article[data-sb-notes='ready']")).to_have_count(1)


def highlight(page, selector, start, end, colour):
    page.evaluate(SELECT, [selector, start, end])
    page.locator(f".sb-nb button[data-colour='{colour}']").click()


def my_notes(page, base):
    page.goto(base + "my-notes/")
    expect(page.locator(".sb-mynotes__controls")).to_be_visible()


@pytest.fixture
def student(browser):
    context = browser.new_context(service_workers="block", viewport={"width": 1280, "height": 900})
    r = Reader(context)
    yield r
    context.close()
    assert r.outside == [], f"requests left the machine: {r.outside}"


def test_highlight_note_edit_and_delete(student, book_server):
    page, base = student.page, book_server.url
    page.on("dialog", lambda d: d.accept())
    open_chapter(page, base + CHAPTER)
    highlight(page, f"#{PARA}", 0, 19, "green")
    mark = page.locator(f"#{PARA} mark.sb-hl--green")
    expect(mark).to_have_text("Yeo gives Yeltsin a")
    expect(page.locator("[data-sb-notes-live]")).to_contain_text("Highlighted in Green")
    # A note on it, from the marker in the margin.
    marker = page.locator(f"#{PARA} .sb-nm")
    expect(marker).to_have_class(re.compile(r"sb-nm--on"))
    marker.click()
    page.locator(".sb-np textarea").fill("Mixed: democracy in law, no market economy.")
    page.locator(".sb-np__save").click()
    expect(page.locator("[data-sb-notes-live]")).to_contain_text("Saved your note.")
    # It is still there after a reload; edit it, change its colour.
    open_chapter(page, base + CHAPTER)
    expect(marker).to_have_attribute("data-note", "Mixed: democracy in law, no market economy.")
    marker.click()
    page.locator(".sb-np textarea").fill("Edited note.")
    page.locator(".sb-np__colour").select_option("pink")
    page.locator(".sb-np__save").click()
    expect(page.locator(f"#{PARA} mark.sb-hl--pink")).to_have_text("Yeo gives Yeltsin a")
    stored = page.evaluate(STORED)
    assert [(a["note"], a["colour"], a["block"], a["exact"]) for a in stored] == \
        [("Edited note.", "pink", PARA, "Yeo gives Yeltsin a")]
    # A note on a whole paragraph, without selecting.
    page.locator("#p-6b59 .sb-nm").focus()
    page.keyboard.press("Enter")
    page.locator(".sb-np__add").click()
    page.locator(".sb-np textarea").fill("Whole paragraph.")
    page.locator(".sb-np__save").click()
    expect(page.locator("#p-6b59 .sb-nm")).to_have_attribute("data-note", "Whole paragraph.")
    # My notes lists both, in reading order, with a link back to the paragraph.
    my_notes(page, base)
    items = page.locator(".sb-mynotes__item")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("Pink")
    expect(items.nth(0)).to_contain_text("Yeo gives Yeltsin a")
    expect(items.nth(1)).to_contain_text("Whole paragraph.")
    expect(items.nth(0).locator("a")).to_have_attribute("href", f"{base}{CHAPTER}#{PARA}")
    # Filters: colour and search.
    page.locator("[data-sb-filter='colour']").select_option("pink")
    expect(items).to_have_count(1)
    page.locator("[data-sb-filter='colour']").select_option("")
    page.locator("[data-sb-filter='q']").fill("whole")
    expect(items).to_have_count(1)
    page.locator("[data-sb-filter='q']").fill("")
    # Delete one (confirmed), then the rest of the chapter's.
    items.nth(0).get_by_role("button", name="Delete this note").click()
    expect(items).to_have_count(1)
    page.get_by_role("button", name="Delete this page\u2019s notes").click()
    expect(page.locator(".sb-mynotes__list")).to_contain_text("You have no highlights or notes yet")
    open_chapter(page, base + CHAPTER)
    expect(page.locator("mark.sb-hl")).to_have_count(0)


def test_a_glossary_paragraph_anchors_to_its_heading(student, book_server):
    page, base = student.page, book_server.url
    open_chapter(page, base + GLOSSARY)
    para = "#what-it-is + p"
    text = page.evaluate(SELECT, [para, 0, 12])
    page.locator(".sb-nb button[data-colour='blue']").click()
    expect(page.locator(f"{para} mark.sb-hl--blue")).to_have_text(text)
    (a,) = page.evaluate(STORED)
    assert (a["path"], a["block"], a["n"]) == (GLOSSARY, "what-it-is", 1)
    open_chapter(page, base + GLOSSARY)
    expect(page.locator(f"{para} mark.sb-hl--blue")).to_have_text(text)


@pytest.fixture
def keyboard_student(browser):
    """A browser with caret browsing on, as a keyboard user turns it on (F7), so Shift+arrows select text."""
    b = browser.browser_type.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--enable-caret-browsing"],
                                    headless=True)
    context = b.new_context(service_workers="block", viewport={"width": 1280, "height": 900})
    yield Reader(context)
    b.close()


def test_the_keyboard_path(keyboard_student, book_server):
    """Shift+arrows select, Tab reaches the colour buttons, Enter highlights, the result is announced."""
    page, base = keyboard_student.page, book_server.url
    open_chapter(page, base + CHAPTER)
    # The caret at the start of the paragraph.
    page.evaluate(SELECT, [f"#{PARA}", 0, 0])
    for _ in range(9):
        page.keyboard.press("Shift+ArrowRight")
    expect(page.locator(".sb-nb")).to_be_visible()
    expect(page.locator("[data-sb-notes-live]")).to_have_text("Text selected. Press Tab to highlight it or add a note.")
    page.keyboard.press("Tab")
    expect(page.locator(".sb-nb button[data-colour='yellow']")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator(".sb-nb button[data-colour='green']")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(f"#{PARA} mark.sb-hl--green")).to_have_text("Yeo gives")
    expect(page.locator("[data-sb-notes-live]")).to_have_text("Highlighted in Green: \u201cYeo gives\u201d.")
    expect(page.locator(f"#{PARA} .sb-nm")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".sb-np textarea")).to_be_focused()
    page.keyboard.type("Typed by keyboard.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")           # Save
    expect(page.locator(f"#{PARA} .sb-nm")).to_have_attribute("data-note", "Typed by keyboard.")
    page.keyboard.press("Escape")
    expect(page.locator(".sb-np")).to_have_count(0)
    expect(page.locator(f"#{PARA} .sb-nm")).to_be_focused()


def test_export_and_import(student, book_server, tmp_path):
    page, base = student.page, book_server.url
    page.on("dialog", lambda d: d.accept())
    open_chapter(page, base + CHAPTER)
    highlight(page, f"#{PARA}", 0, 19, "yellow")
    my_notes(page, base)
    with page.expect_download() as md:
        page.get_by_role("button", name="Export as Markdown").click()
    text = Path(md.value.path()).read_text(encoding="utf-8")
    assert "## Chapter 1: Russia after 1991" in text
    assert "> \u201cYeo gives Yeltsin a\u201d" in text
    assert f"[Chapter 1: Russia after 1991 and the question of this study, Russia after 1991, edition 1.0]" \
           f"({base}1.0/{CHAPTER}#{PARA}) (Yellow)" in text
    with page.expect_download() as js:
        page.get_by_role("button", name="Export as JSON").click()
    exported = json.loads(Path(js.value.path()).read_text(encoding="utf-8"))
    (item,) = exported["first"]["items"]
    assert exported["type"] == "AnnotationCollection" and exported["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert item["target"]["selector"] == [
        {"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3986", "value": PARA},
        {"type": "TextQuoteSelector", "exact": "Yeo gives Yeltsin a", "prefix": "", "suffix": " mixed record. In politics, he w"}]
    saved = tmp_path / "notes.json"
    saved.write_text(json.dumps(exported), encoding="utf-8")
    # Delete all, import, import again: no duplicates.
    page.get_by_role("button", name="Delete all notes").click()
    expect(page.locator(".sb-mynotes__item")).to_have_count(0)
    page.locator("[data-sb-act='import']").set_input_files(str(saved))
    expect(page.locator(".sb-mynotes__message")).to_have_text("Imported 1 note; 0 already here.")
    page.locator("[data-sb-act='import']").set_input_files(str(saved))
    expect(page.locator(".sb-mynotes__message")).to_have_text("Imported 0 notes; 1 already here.")
    expect(page.locator(".sb-mynotes__item")).to_have_count(1)
    open_chapter(page, base + CHAPTER)
    expect(page.locator(f"#{PARA} mark.sb-hl--yellow")).to_have_text("Yeo gives Yeltsin a")


# Bad imports: (file text, the start of the message). Nothing may change.
BAD_IMPORTS = [
    ("{not json", "This file is not valid JSON"),
    ('{"type": "Something else"}', "This file is not a notes export"),
    ('{"type": "AnnotationCollection", "first": {"items": [{"type": "Annotation", "id": "x"}]}}',
     "Item 1 is not a note of this book"),
]


def test_a_bad_import_changes_nothing(student, book_server, tmp_path):
    page, base = student.page, book_server.url
    open_chapter(page, base + CHAPTER)
    highlight(page, f"#{PARA}", 0, 9, "blue")
    before = page.evaluate(STORED)
    my_notes(page, base)
    for n, (text, message) in enumerate(BAD_IMPORTS):
        bad = tmp_path / f"bad{n}.json"
        bad.write_text(text, encoding="utf-8")
        page.locator("[data-sb-act='import']").set_input_files(str(bad))
        expect(page.locator(".sb-mynotes__message")).to_contain_text(message)
        expect(page.locator(".sb-mynotes__message")).to_contain_text("Nothing was changed.")
        expect(page.locator("[data-sb-notes-live]")).to_have_attribute("role", "alert")
        assert page.evaluate(STORED) == before
    expect(page.locator(".sb-mynotes__item")).to_have_count(1)


def test_a_full_storage_says_so_and_loses_nothing(student, book_server):
    page, base = student.page, book_server.url
    open_chapter(page, base + CHAPTER)
    highlight(page, f"#{PARA}", 0, 9, "yellow")
    before = page.evaluate(STORED)
    page.evaluate("""() => { const set = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (k === 'studybook-notes') throw new DOMException('full', 'QuotaExceededError'); return set.call(this, k, v); }; }""")
    highlight(page, "#p-6b59", 0, 9, "pink")
    expect(page.locator("[data-sb-notes-live]")).to_contain_text("Not saved: this browser's storage for the book is full")
    expect(page.locator("#p-6b59 mark.sb-hl")).to_have_count(0)
    assert page.evaluate(STORED) == before
    expect(page.locator(f"#{PARA} mark.sb-hl--yellow")).to_have_count(1)


def test_highlights_pass_axe_in_both_schemes(student, book_server):
    page, base = student.page, book_server.url
    page.add_init_script(path=str(AXE))
    open_chapter(page, base + CHAPTER)
    for n, colour in enumerate(["yellow", "green", "blue", "pink"]):
        highlight(page, ["#p-p36y", f"#{PARA}", "#p-6b59", "#p-nw5c"][n], 0, 30, colour)
    page.locator(f"#{PARA} .sb-nm").click()
    page.locator(".sb-np textarea").fill("A note.")
    page.evaluate(SELECT, ["#p-nxqy", 0, 20])
    expect(page.locator(".sb-nb")).to_be_visible()
    run = """async (dark) => { if (dark) document.body.setAttribute('data-md-color-scheme', 'slate');
      await new Promise(r => setTimeout(r, 400));
      const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']}});
      return r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')); }"""
    for dark in (False, True):
        assert page.evaluate(run, dark) == [], f"dark={dark}"
    page.screenshot(path=str(REPO / ".cache" / "study-notes-dark.png"))
    my_notes(page, base)
    for dark in (False, True):
        assert page.evaluate(run, dark) == [], f"my notes, dark={dark}"


def test_print_leaves_highlights_out_unless_asked(student, book_server):
    page, base = student.page, book_server.url
    open_chapter(page, base + CHAPTER)
    highlight(page, f"#{PARA}", 0, 19, "yellow")
    page.emulate_media(media="print")
    background = f"() => getComputedStyle(document.querySelector('#{PARA} mark')).backgroundColor"
    assert page.evaluate(background) == "rgba(0, 0, 0, 0)"
    expect(page.locator(f"#{PARA} .sb-nm")).to_be_hidden()
    page.emulate_media(media="screen")
    my_notes(page, base)
    page.get_by_label("Show highlight colours when printing").check()
    open_chapter(page, base + CHAPTER)
    page.emulate_media(media="print")
    assert page.evaluate(background) == "rgb(255, 240, 160)"


def test_instant_navigation_shows_highlights(student, book_server):
    page, base = student.page, book_server.url
    open_chapter(page, base + CHAPTER)
    highlight(page, f"#{PARA}", 0, 19, "green")
    page.goto(base)
    page.locator(".md-tabs a", has_text="My notes").click()   # Material's instant navigation
    expect(page.locator(".sb-mynotes__item")).to_have_count(1)
    page.locator(".sb-mynotes__item a").click()
    expect(page.locator(f"#{PARA} mark.sb-hl--green")).to_have_text("Yeo gives Yeltsin a")


@pytest.mark.parametrize("width", [320, 414])
def test_on_a_phone(browser, book_server, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, service_workers="block")
    try:
        page = context.new_page()
        open_chapter(page, book_server.url + CHAPTER)
        page.locator(f"#{PARA}").scroll_into_view_if_needed()
        before = page.evaluate("() => document.documentElement.scrollWidth")   # the page's own tables aside
        page.evaluate(SELECT, [f"#{PARA}", 0, 19])
        bar = page.locator(".sb-nb")
        expect(bar).to_be_visible()
        box = bar.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
        for button in bar.locator("button").all():
            b = button.bounding_box()
            assert b["height"] >= 24 and b["width"] >= 24
        bar.locator("button[data-colour='pink']").tap()
        marker = page.locator(f"#{PARA} .sb-nm")
        marker.tap()
        expect(page.locator(".sb-np textarea")).to_be_visible()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= max(width, before)
        page.screenshot(path=str(REPO / ".cache" / f"study-notes-{width}.png"))
    finally:
        context.close()


# The re-anchoring rule, locate(text, quote): (paragraph text, exact, prefix, suffix, expected [start, end] or None).
LOCATE = [
    ("one two three", "two", "", "", [4, 7]),                     # found once
    ("a cat and a cat sat", "cat", "and a ", " sat", [12, 15]),   # the second: its prefix and suffix match
    ("line one\nline two", "one line", "", "", [5, 13]),          # a line break where the quote has a space
    ("the words were edited", "words are", "", "", None),         # changed: not found
    ("anything", "", "", "", None),                               # a whole-paragraph note has no quote
]


def test_locate_is_the_re_anchoring_rule(student, book_server):
    page = student.page
    open_chapter(page, book_server.url + CHAPTER)
    for text, exact, prefix, suffix, expected in LOCATE:
        got = page.evaluate("([t, q]) => window.studybookNotes.locate(t, q)",
                            [text, {"exact": exact, "prefix": prefix, "suffix": suffix}])
        assert got == expected, (text, exact)
