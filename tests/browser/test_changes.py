"""Changes in this edition, on the real book published three times with `make publish` (mike).

1.0 is the book as it is; 1.1 rewords a paragraph, adds one, moves one within
its chapter, renames a heading and changes only the quotes of another; 1.2
moves a paragraph to the next chapter (declared in redirects.yml) and moves a
page (with its redirect). Each edition's changes page must say what changed,
the first that there is nothing to compare, and publishing must leave the
earlier editions byte-identical.
"""
import pytest
from playwright.sync_api import expect
from three_editions import EDITED, QUOTES_ONLY, SWAPPED, TO_CH6, page, text_of, tree

from conftest import git


@pytest.mark.slow
def test_earlier_editions_stay_byte_identical(three):
    repo, _, _, first, second = three
    assert tree(repo, "1.0") == first and tree(repo, "1.1") == second
    assert git(repo, "cat-file", "-e", "gh-pages:1.2/texts.json") == ""


@pytest.mark.slow
def test_the_first_edition_has_nothing_to_compare(three):
    assert "This is the first edition: there is no earlier edition to compare it with." in \
        text_of(page(three[0], "1.0"))


@pytest.mark.slow
def test_edition_11_lists_its_changes(three):
    repo, _, site_url = three[:3]
    html = page(repo, "1.1")
    text = text_of(html)
    assert "Chapter 5 edited." in text                                    # the editors' summary first
    assert text.index("Chapter 5 edited.") < text.index("In numbers")
    assert "[deleted: did not meet ]" in text.replace("did not meet Kim", "did not meet ") or \
        "[deleted: did not meet" in text
    assert "[inserted: never met" in text and "[inserted: in person" in text
    assert f'href="{site_url}1.0/chapters/treaty-with-pyongyang/#{EDITED}"' in html
    assert f'href="{site_url}1.1/chapters/treaty-with-pyongyang/#{EDITED}"' in html
    assert "Heading renamed" in text and "Igor Ivanov" in text
    assert "Paragraph added" in text and "This sentence is new in edition 1.1" in text
    # Two paragraphs swapped: one of them is reported moved (the other keeps its place).
    assert any(f"1.1/chapters/treaty-with-pyongyang/#{pid}" in html for pid in SWAPPED)
    assert "Paragraph moved" in text
    assert f"#{QUOTES_ONLY}" not in html                                 # quotes only: not listed
    assert "Paragraphs moved: 1" in text and "Headings renamed: 1" in text


@pytest.mark.slow
def test_edition_12_lists_the_declared_move_and_the_moved_page(three):
    repo, _, site_url = three[:3]
    html = page(repo, "1.2")
    text = text_of(html)
    assert "Chapter 6:" in text and "Paragraph moved from chapters/treaty-with-pyongyang/" in text
    assert f'href="{site_url}1.1/chapters/treaty-with-pyongyang/#{TO_CH6}"' in html
    assert f'href="{site_url}1.2/chapters/summit-and-pyongyang-visit/#{TO_CH6}"' in html
    assert "The page moved from teaching/essay-prompts/ to teaching/essays/" in text


@pytest.mark.slow
@pytest.mark.browser
def test_the_changes_page_reads_well_and_passes_axe(three, browser):
    from test_every_page import AXE, AXE_RESULT, NO_TRANSITIONS, WCAG_TAGS

    # axe on the page's own content: Material's version selector, shown only on published
    # editions, has a finding of its own (label-content-name-mismatch), not this page's.
    start_axe = """tags => { window.__axe = axe.run({include: [['.md-content']]},
      {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}).then(result =>
      result.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))); }"""

    site_url = three[2]
    for scheme in ("light", "dark"):
        for width, mobile in ((375, True), (1280, False)):
            context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=mobile,
                                          has_touch=mobile, color_scheme=scheme)
            context.add_init_script(path=str(AXE))
            context.add_init_script(NO_TRANSITIONS)
            tab = context.new_page()
            tab.goto(f"{site_url}1.1/changes/")
            expect(tab.locator("ins").first).to_be_visible()
            assert tab.evaluate("document.documentElement.scrollWidth") <= width
            tab.screenshot(path=f"/tmp/changes-{scheme}-{width}.png", full_page=False)
            tab.evaluate(start_axe, WCAG_TAGS)
            assert tab.evaluate(AXE_RESULT) == [], (scheme, width)
            context.close()
