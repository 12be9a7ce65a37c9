"""The assignment builder and the assigned-reading marks, as a teacher and a student meet them.

The book is served the way mike publishes it (the ``mike_book`` fixture):
/1.0/ (latest), /0.9/ and /versions.json, each edition with an anchor manifest.
"""
import io
import re
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHAPTER = "treaty-with-pyongyang"


def chapter_page(manifest, slug=CHAPTER):
    return next(p for p in manifest["pages"] if p["src"] == f"chapters/{slug}.md")


def paragraphs(page, section):
    return [a for a in page["anchors"] if a["kind"] == "paragraph" and a["section"] == section]


def open_builder(page, mike_book, query=""):
    page.goto(f"{mike_book.url}teaching/assignments/{query}")
    expect(page.locator("#assignment-builder")).to_have_attribute("data-ready", "true")


def choose_range(page, mike_book):
    """Chapter 5, from paragraph 2 of one section to paragraph 3 of a later one; returns (start, end)."""
    ch = chapter_page(mike_book.manifest)
    start = paragraphs(ch, "why-both-sides-wanted-it")[1]["id"]
    end = paragraphs(ch, "comparing-the-treaties")[2]["id"]
    page.get_by_label("Chapter", exact=True).select_option(CHAPTER)
    page.get_by_label("Start at", exact=True).select_option(start)
    page.get_by_label("End at", exact=True).select_option(end)
    return start, end


def test_the_link_is_pinned_to_the_edition_and_opens_at_the_start(reader, mike_book):
    page = reader.page
    open_builder(page, mike_book)
    start, end = choose_range(page, mike_book)
    link = f"{mike_book.url}chapters/{CHAPTER}/?to={end}#{start}"
    expect(page.locator("#ab-link")).to_have_text(link)
    expect(page.locator("#ab-link")).to_have_attribute("href", link)

    # A student opens it: the start paragraph is on screen and the range is marked.
    page.goto(link)
    first = page.locator(f"#{start}")
    expect(first).to_be_in_viewport()
    expect(first).to_have_class(re.compile(r"\bsb-range--first\b"))
    expect(page.locator(f"#{end}")).to_have_class(re.compile(r"\bsb-range--last\b"))
    expect(page.locator(".sb-range-note--start")).to_be_in_viewport()
    expect(page.locator(".sb-range-note--start")).to_contain_text("Assigned reading")
    # Everything between is marked; the section heading inside the range too.
    expect(page.locator("#what-the-treaty-says")).to_have_class(re.compile(r"\bsb-range\b"))
    expect(page.locator("#end-of-a-chill")).not_to_have_class(re.compile(r"\bsb-range\b"))
    assert reader.outside == []


def test_a_heading_as_the_end_marks_the_whole_section(reader, mike_book):
    page = reader.page
    ch = chapter_page(mike_book.manifest)
    last = paragraphs(ch, "what-the-treaty-says")[-1]["id"]
    page.goto(f"{mike_book.url}chapters/{CHAPTER}/?to=what-the-treaty-says#why-both-sides-wanted-it")
    expect(page.locator(f"#{last}")).to_have_class(re.compile(r"\bsb-range\b"))
    expect(page.locator("#comparing-the-treaties")).not_to_have_class(re.compile(r"\bsb-range\b"))
    page.get_by_role("button", name="Go to the end").click()
    expect(page.locator(".sb-range-note--end")).to_be_focused()


def test_unknown_ids_leave_the_page_alone(reader, mike_book):
    page = reader.page
    page.goto(f"{mike_book.url}chapters/{CHAPTER}/?to=p-nope#why-both-sides-wanted-it")
    expect(page.locator("h1")).to_be_visible()
    assert page.locator(".sb-range, .sb-range-note").count() == 0


def test_the_qr_code_decodes_to_the_link(reader, mike_book):
    page = reader.page
    open_builder(page, mike_book)
    choose_range(page, mike_book)
    link = page.locator("#ab-link").inner_text()
    png = page.locator("#ab-qr").screenshot()
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))
    assert [(b.format, b.text) for b in found] == [(zxingcpp.BarcodeFormat.QRCode, link)]


def test_the_text_names_chapter_sections_paragraphs_due_date_and_note(reader, mike_book):
    page = reader.page
    open_builder(page, mike_book)
    start, end = choose_range(page, mike_book)
    page.get_by_label("Due date", exact=True).fill("2026-03-06")
    page.get_by_label("Note to students", exact=True).fill("Bring two questions.")
    page.get_by_role("button", name="Show the assignment").click()
    expect(page.locator("#ab-result-title")).to_be_focused()
    text = page.locator("#ab-text").input_value()
    assert text.splitlines() == [
        "Reading assignment",
        f"{mike_book.site_name}, edition 1.0",
        "",
        "Chapter 5: A new treaty with Pyongyang, 2000",
        "From: the section \u201cWhy both sides wanted a treaty\u201d, paragraph 2",
        "To: the section \u201cComparing the treaties\u201d, paragraph 3",
        "Sections: Why both sides wanted a treaty; What the treaty says; Comparing the treaties",
        "Due: Friday 6 March 2026",
        "Note: Bring two questions.",
        "",
        f"Link: {mike_book.url}chapters/{CHAPTER}/?to={end}#{start}",
    ]


def test_a_whole_chapter_gets_a_plain_link(reader, mike_book):
    page = reader.page
    open_builder(page, mike_book, "?chapter=prospects")
    expect(page.locator("#ab-link")).to_have_text(f"{mike_book.url}chapters/prospects/")
    expect(page.locator("#ab-text")).to_have_value(re.compile("Read: the whole chapter"))


def test_the_schedule_prefills_the_builder(reader, mike_book):
    page = reader.page
    open_builder(page, mike_book, "?chapter=putin-in-seoul&start=the-visit&end=korean-aims")
    expect(page.get_by_label("Chapter", exact=True)).to_have_value("putin-in-seoul")
    expect(page.locator("#ab-link")).to_have_text(
        f"{mike_book.url}chapters/putin-in-seoul/?to=korean-aims#the-visit")


def test_an_end_before_the_start_is_refused_and_announced(reader, mike_book):
    page = reader.page
    open_builder(page, mike_book)
    page.get_by_label("Chapter", exact=True).select_option(CHAPTER)
    page.get_by_label("Start at", exact=True).select_option("comparing-the-treaties")
    page.get_by_label("End at", exact=True).select_option("end-of-a-chill")
    expect(page.get_by_label("End at", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("status")).to_contain_text("ends before it starts")
    expect(page.locator("#ab-result")).to_be_hidden()
    # Moving the start after the end moves the end with it.
    page.get_by_label("End at", exact=True).select_option("end-of-a-chill")
    page.get_by_label("Start at", exact=True).select_option("ivanov-in-pyongyang")
    expect(page.get_by_label("End at", exact=True)).to_have_value("ivanov-in-pyongyang")
    expect(page.locator("#ab-result")).to_be_visible()


def test_a_published_edition_can_be_chosen(reader, mike_book):
    page = reader.page
    open_builder(page, mike_book)
    edition = page.get_by_label("Edition", exact=True)
    expect(edition.locator("option")).to_have_count(2)
    expect(edition.locator("option").first).to_have_text(re.compile(r"Edition 1\.0 \(latest\)"))
    page.get_by_label("Chapter", exact=True).select_option(CHAPTER)
    edition.select_option("0.9")
    expect(page.get_by_label("Chapter", exact=True).locator("option:checked")).to_have_text("5. Old title of chapter five")
    expect(page.locator("#ab-link")).to_have_text(f"{mike_book.site_url}0.9/chapters/{CHAPTER}/")


def test_without_versions_json_only_this_edition_is_offered(reader, mike_book):
    page = reader.page
    page.route("**/versions.json", lambda route: route.fulfill(status=404, body="not found"))
    open_builder(page, mike_book)
    expect(page.get_by_label("Edition", exact=True).locator("option")).to_have_count(1)
    expect(page.get_by_label("Edition", exact=True)).to_be_disabled()
    expect(page.locator("#ab-edition-help")).to_contain_text("could not be read")
    expect(page.locator("#ab-link")).to_contain_text(f"{mike_book.url}chapters/")


def test_a_build_without_a_manifest_says_why(reader, mike_book):
    page = reader.page
    page.route("**/anchors.json.js", lambda route: route.fulfill(
        content_type="text/javascript",
        body='window.studybookAnchors = {"siteUrl": "x", "manifest": null, "problem": "No manifest here."};'))
    page.goto(f"{mike_book.url}teaching/assignments/")
    expect(page.get_by_role("status")).to_have_text("The assignment builder cannot start: No manifest here.")
    expect(page.locator("#ab-form")).to_be_hidden()


def test_the_offline_copy_works_from_disk(reader, mike_book):
    """file://: no fetch of JSON, so the manifest comes from anchors.json.js; links still point online."""
    page = reader.page
    page.goto(Path(mike_book.site, "teaching", "assignments", "index.html").as_uri())
    expect(page.locator("#assignment-builder")).to_have_attribute("data-ready", "true")
    expect(page.get_by_label("Edition", exact=True).locator("option")).to_have_count(1)
    start, end = choose_range(page, mike_book)
    expect(page.locator("#ab-link")).to_have_text(f"{mike_book.url}chapters/{CHAPTER}/?to={end}#{start}")
    assert page.locator("#ab-qr svg").count() == 1
    assert reader.console_errors == []


def test_the_handout_prints_alone(reader, mike_book, tmp_path):
    page = reader.page
    open_builder(page, mike_book)
    choose_range(page, mike_book)
    page.get_by_label("Due date", exact=True).fill("2026-03-06")
    page.emulate_media(media="print")
    handout = page.locator("#ab-handout")
    expect(handout).to_be_visible()
    expect(handout).to_contain_text("A new treaty with Pyongyang, 2000")
    expect(handout).to_contain_text("Friday 6 March 2026")
    expect(page.locator("#ab-qr svg")).to_be_visible()
    for chrome in [".md-header", ".md-sidebar--primary", ".md-footer", "#ab-form", "#ab-text",
                   "#assignment-builder-page", "#how-the-link-works", "#ab-print"]:
        expect(page.locator(chrome).first).to_be_hidden()
    assert handout.evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1, "the handout fits on one page"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_form_is_labelled_keyboard_usable_and_readable(browser, mike_book, scheme):
    context = browser.new_context(color_scheme=scheme, service_workers="block")
    page = context.new_page()
    try:
        open_builder(page, mike_book)
        for label in ["Edition", "Chapter", "Start at", "End at", "Due date", "Note to students"]:
            expect(page.get_by_label(label, exact=True)).to_be_visible()
        expect(page.get_by_role("status")).to_have_attribute("aria-live", "polite")
        # Tab from the edition select to the chapter select: focus is visible.
        page.get_by_label("Edition", exact=True).focus()
        page.keyboard.press("Tab")
        focused = page.get_by_label("Chapter", exact=True)
        expect(focused).to_be_focused()
        outline = focused.evaluate("e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]")
        assert outline[0] != "none" and float(outline[1].rstrip("px")) >= 2
        # Choosing with the keyboard updates the result.
        page.keyboard.press("ArrowDown")
        expect(page.get_by_role("status")).to_contain_text("Assignment ready: chapter 2")
        # Field text and background differ in both schemes.
        colors = focused.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
        assert colors[0] != colors[1]
    finally:
        context.close()
