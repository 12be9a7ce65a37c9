"""Self-check questions as a student uses them: answering, keyboard only, evidence, progress, offline, no script.

The chapter used is chapters/yeltsin-and-the-two-koreas/ (its questions are in its
source). Every check runs in Chromium at a phone width; axe runs on the answered form
in the light and the dark scheme.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import REPO, build_book

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHAPTER = "chapters/yeltsin-and-the-two-koreas/"
PHONE = {"viewport": {"width": 360, "height": 780}, "is_mobile": True, "has_touch": True}
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """() => axe.run(document.querySelector('.sb-selfcheck'),
  {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
  .then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))"""
NO_TRANSITIONS = """const s = new CSSStyleSheet(); s.replaceSync('*{transition:none!important}');
document.adoptedStyleSheets = [s];"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(service_workers="block", **PHONE)
    context.add_init_script(path=str(AXE))
    context.add_init_script(NO_TRANSITIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.errors = errors
    yield page
    context.close()


def question(page, qid):
    return page.locator(f"#{qid}")


def test_a_right_and_a_wrong_answer_get_feedback_with_explanations(phone, book_server):
    phone.goto(book_server.url + CHAPTER)
    q = question(phone, "q-why-pro-seoul")
    q.get_by_label("Russia was bound to South Korea by the Agreed Framework.").check()
    q.get_by_role("button", name="Check").click()
    feedback = q.locator(".sb-q__feedback")
    expect(feedback).to_contain_text("Not yet.")
    expect(feedback).to_contain_text("Russia was not a party to it")
    expect(feedback).to_have_attribute("aria-live", "polite")
    q.get_by_label("Moscow expected large amounts of aid and investment from the South.").check()
    q.get_by_role("button", name="Check").click()
    expect(feedback).to_contain_text("Right.")
    expect(feedback).to_contain_text("Yeo gives the reason as economic")
    expect(phone.locator(".sb-selfcheck__count")).to_contain_text("1 of 5 answered correctly")
    m = question(phone, "q-rethink-causes")
    m.get_by_label(re.compile("^Seoul stopped the credit line")).check()
    m.get_by_role("button", name="Check").click()
    expect(m.locator(".sb-q__feedback")).to_contain_text("more than one right answer")
    q.get_by_role("button", name="Show the answer").click()
    expect(q.locator("details.sb-q__answer")).to_have_attribute("open", "")
    expect(q.locator("details.sb-q__answer summary")).to_be_focused()
    assert phone.errors == []


def test_everything_works_from_the_keyboard(phone, book_server):
    phone.goto(book_server.url + CHAPTER)
    q = question(phone, "q-why-pro-seoul")
    q.locator("input").first.focus()
    phone.keyboard.press("Space")                  # the first option (the right one)
    phone.keyboard.press("Tab")                    # to Check
    expect(q.get_by_role("button", name="Check")).to_be_focused()
    phone.keyboard.press("Enter")
    expect(q.locator(".sb-q__feedback")).to_contain_text("Right.")

    order = question(phone, "q-pyongyang-phases")
    want = ["Aggravation", "Search for better ties", "Stagnation", "Readjustment"]
    for _ in range(12):                            # bubble the items into order with the move buttons
        items = order.locator(".sb-q__text").all_inner_texts()
        if items == want:
            break
        i = next(k for k, t in enumerate(items) if want.index(t) < want.index(items[k - 1]) and k > 0)
        button = order.get_by_role("button", name=f"Move up: {items[i]}")
        button.focus()
        phone.keyboard.press("Enter")
        expect(order.locator(".sb-q__moved")).to_contain_text(f"“{items[i]}” is now number {i}")
        assert phone.evaluate("document.activeElement.closest('.sb-q__item').textContent").find(items[i]) >= 0
    assert order.locator(".sb-q__text").all_inner_texts() == want
    order.get_by_role("button", name="Check").focus()
    phone.keyboard.press("Enter")
    expect(order.locator(".sb-q__feedback")).to_contain_text("Right: that is the order.")


def test_a_wrong_order_names_the_items_out_of_place(phone, book_server):
    phone.goto(book_server.url + CHAPTER)
    order = question(phone, "q-pyongyang-phases")
    order.get_by_role("button", name="Check").click()
    feedback = order.locator(".sb-q__feedback")
    expect(feedback).to_contain_text("Not yet:")
    expect(feedback).to_contain_text("items are out of place")


def test_evidence_links_open_the_paragraph(phone, book_server):
    phone.goto(book_server.url + CHAPTER)
    link = question(phone, "q-investment-share").locator("a.sb-q__evidence-link")
    expect(link).to_have_text("the paragraph beginning “The money did not come in…”")
    link.click()
    expect(phone).to_have_url(re.compile("#p-pvqh$"))
    expect(phone.locator("#p-pvqh")).to_be_in_viewport()


def test_progress_is_kept_per_chapter_and_reset_clears_it(phone, book_server):
    phone.goto(book_server.url + CHAPTER)
    q = question(phone, "q-investment-share")
    q.locator("input").first.check()
    q.get_by_role("button", name="Check").click()
    phone.reload()
    expect(phone.locator(".sb-selfcheck__count")).to_contain_text("1 of 5 answered correctly")
    expect(question(phone, "q-investment-share").locator("input").first).to_be_checked()
    stored = phone.evaluate("Object.keys(localStorage).filter(k => k.startsWith('studybook:selfcheck:'))")
    assert stored == ["studybook:selfcheck:chapters/yeltsin-and-the-two-koreas"]
    phone.goto(book_server.url + "chapters/treaty-with-pyongyang/")
    expect(phone.locator(".sb-selfcheck__count")).to_contain_text("0 of 5 answered correctly")
    phone.goto(book_server.url + CHAPTER)
    phone.get_by_role("button", name="Reset my answers").click()
    expect(phone.locator(".sb-selfcheck__count")).to_contain_text("cleared")
    expect(phone.locator(".sb-selfcheck__count")).to_contain_text("0 of 5 answered correctly")
    expect(question(phone, "q-investment-share").locator("input").first).not_to_be_checked()
    assert phone.evaluate("localStorage.getItem('studybook:selfcheck:chapters/yeltsin-and-the-two-koreas')") is None


def test_axe_passes_on_the_answered_form_in_both_schemes(phone, book_server):
    phone.goto(book_server.url + CHAPTER)
    q = question(phone, "q-why-pro-seoul")
    q.locator("input").nth(1).check()
    q.get_by_role("button", name="Check").click()
    q.get_by_role("button", name="Show the answer").click()
    question(phone, "q-investment-share").locator("input").first.check()
    question(phone, "q-investment-share").get_by_role("button", name="Check").click()
    assert phone.evaluate(RUN_AXE) == []
    phone.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    assert phone.evaluate(RUN_AXE) == []
    width = phone.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], "nothing wider than the phone"


def test_without_javascript_the_questions_read_as_a_list_with_answers_folded(browser, book_server):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(book_server.url + CHAPTER)
    q = question(page, "q-why-pro-seoul")
    expect(q.locator("legend")).to_contain_text("Question 1 of 5.")
    expect(q.get_by_role("button", name="Check")).to_have_count(0)
    details = q.locator("details.sb-q__answer")
    expect(details).to_be_visible()
    expect(details).not_to_have_attribute("open", "")
    details.locator("summary").click()
    expect(details).to_contain_text("Right: Moscow expected large amounts of aid")
    expect(page.locator(".sb-selfcheck__progress")).to_be_hidden()
    context.close()


def test_the_teachers_page_gathers_the_answers(phone, book_server):
    phone.goto(book_server.url + "teaching/self-check-answers/")
    section = phone.locator("#yeltsin-and-the-two-koreas")
    expect(section).to_contain_text("Chapter 3.")
    expect(phone.locator("article")).to_contain_text("Right: Moscow expected large amounts of aid")
    link = phone.locator("article a[href$='#p-pvqh']").first
    link.click()
    expect(phone).to_have_url(re.compile(r"chapters/yeltsin-and-the-two-koreas/#p-pvqh$"))


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("selfcheck-offline")
    build_book(root, env={"STUDYBOOK_OFFLINE": "true"})   # what `make offline` zips, without the PDF
    return root


def test_it_works_from_file_in_the_offline_copy(browser, offline_site):
    context = browser.new_context(service_workers="block", **PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    url = (offline_site / "chapters" / "yeltsin-and-the-two-koreas.html").as_uri()   # no directory URLs offline
    page.goto(url)
    q = question(page, "q-why-pro-seoul")
    q.locator("input").first.check()
    q.get_by_role("button", name="Check").click()
    expect(q.locator(".sb-q__feedback")).to_contain_text("Right.")
    page.reload()
    expect(page.locator(".sb-selfcheck__count")).to_contain_text("1 of 5 answered correctly")
    assert errors == []
    context.close()
