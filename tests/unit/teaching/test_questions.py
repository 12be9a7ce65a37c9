"""studybook.teaching.questions: every chapter's discussion questions gathered onto one teaching page."""
import re

import pytest

from studybook.errors import BookError
from studybook.teaching.questions import MARKER, chapter_title, discussion_section, gather, rewrite_links

CHAPTER = """---
title: "A chapter"
---

# A new treaty with Pyongyang, 2000 { #treaty-with-pyongyang }

Body text.
{ #p-abcd }

## Key takeaways { #key-takeaways }

- A point.

## Discussion questions { #discussion-questions }

1. Compare Article 2 with [the old treaty](#comparing-the-treaties). Use [chapter 6](summit.md#the-joint-declaration).
2. What does [the ABM Treaty](term:abm-treaty) have to do with it [@treaty-2000, art. 2]?
"""


def test_the_title_is_the_h1_without_its_id():
    assert chapter_title(CHAPTER, "chapters/x.md") == "A new treaty with Pyongyang, 2000"


def test_the_section_is_the_list_under_the_heading():
    body, line = discussion_section(CHAPTER, "chapters/x.md")
    assert body.startswith("1. Compare Article 2")
    assert body.rstrip().endswith("[@treaty-2000, art. 2]?")
    assert CHAPTER.splitlines()[line - 1].startswith("1. Compare")   # `line` is where it starts


def test_the_section_stops_at_the_next_h2_and_drops_paragraph_ids():
    text = CHAPTER.replace("## Key takeaways", "## Discussion questions { #discussion-questions }\n\n"
                           "Talk in pairs.\n{ #p-wxyz }\n\n1. Why?\n\n## Key takeaways", 1)
    text = text.replace("## Discussion questions { #discussion-questions }\n\n1. Compare", "## Other { #other }\n\n1. Compare")
    body, _ = discussion_section(text, "chapters/x.md")
    assert body == "Talk in pairs.\n\n1. Why?"


# (where the link is written, the target, the target seen from teaching/discussion-questions.md)
LINKS = [
    ("chapters/treaty.md", "summit.md#the-joint-declaration", "../chapters/summit.md#the-joint-declaration"),
    ("chapters/treaty.md", "#comparing-the-treaties", "../chapters/treaty.md#comparing-the-treaties"),
    ("chapters/treaty.md", "../timeline.md", "../timeline.md"),
    ("chapters/treaty.md", "term:abm-treaty", "term:abm-treaty"),          # the glossary plugin's job
    ("chapters/treaty.md", "https://example.org/x", "https://example.org/x"),
]


@pytest.mark.parametrize("source, target, moved", LINKS)
def test_links_are_re_pointed_from_the_chapter_to_the_teaching_page(source, target, moved):
    text = f'See [this]({target}) and ![a figure](../assets/figures/x.svg).'
    out = rewrite_links(text, source, "teaching/discussion-questions.md")
    assert f"[this]({moved})" in out
    assert "![a figure](../assets/figures/x.svg)" in out      # images move too


def test_a_link_title_survives():
    out = rewrite_links('[x](summit.md "Chapter 6")', "chapters/a.md", "teaching/q.md")
    assert out == '[x](../chapters/summit.md "Chapter 6")'


def test_gather_gives_each_chapter_a_numbered_heading_links_and_its_questions():
    out = gather([("chapters/treaty.md", CHAPTER), ("chapters/other.md", CHAPTER.replace("#treaty-with", "#other"))],
                 "teaching/discussion-questions.md")
    assert out.count("## Chapter ") == 2
    assert "## Chapter 1. A new treaty with Pyongyang, 2000 { #treaty }" in out
    assert "## Chapter 2. A new treaty with Pyongyang, 2000 { #other }" in out
    assert "[Read chapter 1](../chapters/treaty.md)" in out
    assert "(../chapters/treaty.md#discussion-questions)" in out
    assert "[chapter 6](../chapters/summit.md#the-joint-declaration)" in out
    assert "(term:abm-treaty)" in out and "[@treaty-2000, art. 2]" in out


# (what is wrong, the chapter text, words the error must contain)
BAD = [
    ("no section", CHAPTER.replace("{ #discussion-questions }", "{ #questions }"), "has no discussion questions"),
    ("empty section", CHAPTER.split("1. Compare")[0], "section is empty"),
    ("a note", CHAPTER.replace("with it", "with it[^why]"), "uses the note [^why]"),
    ("no title", re.sub(r"^# .*$", "", CHAPTER, flags=re.M), "has no level-1 heading"),
]


@pytest.mark.parametrize("what, text, words", BAD, ids=[b[0] for b in BAD])
def test_bad_chapters_stop_the_build_with_file_and_fix(what, text, words):
    with pytest.raises(BookError) as err:
        gather([("chapters/treaty.md", text)], "teaching/q.md")
    assert words in str(err.value)
    assert "docs/chapters/treaty.md" in str(err.value) and "Fix:" in str(err.value)


def test_the_error_for_a_note_names_its_line():
    text = CHAPTER.replace("with it", "with it[^why]")
    with pytest.raises(BookError) as err:
        gather([("chapters/treaty.md", text)], "teaching/q.md")
    assert err.value.line == text.splitlines().index(
        next(line for line in text.splitlines() if "[^why]" in line)) + 1


# -- Mini site -----------------------------------------------------------------

PAGE = f"# All questions {{ #all }}\n\nIntro.\n\n{MARKER}\n"


def mini_pages(**override):
    pages = {
        "index.md": "# Home { #home }\n",
        "chapters/first.md": CHAPTER.replace("summit.md", "second.md").replace(" [@treaty-2000, art. 2]", ""),
        "chapters/second.md": CHAPTER.replace("# A new treaty with Pyongyang, 2000 { #treaty-with-pyongyang }",
                                              "# Second chapter { #second }\n\n## The joint declaration "
                                              "{ #the-joint-declaration }\n\nText.")
                                     .replace("summit.md", "first.md").replace(" [@treaty-2000, art. 2]", ""),
        "glossary/abm-treaty.md": "# ABM Treaty { #abm-treaty }\n\nA treaty of 1972 that limited missile defences.\n",
        "teaching/discussion-questions.md": PAGE,
    }
    pages.update(override)
    return pages


NAV = """plugins:
  - studybook-glossary
  - studybook-questions
nav:
  - index.md
  - chapters/second.md
  - chapters/first.md
  - teaching/discussion-questions.md
not_in_nav: |
  /glossary/*.md
"""


def test_mini_site_gathers_the_chapters_in_nav_order_with_working_links(mini_site):
    build = mini_site(mini_pages(), NAV)
    assert build.ok, build.output
    html = build.html("teaching/discussion-questions/index.html")
    second, first = html.index("Chapter 1. Second chapter"), html.index("Chapter 2. A new treaty")
    assert second < first
    assert 'href="../../chapters/first/#comparing-the-treaties"' in html
    assert 'href="../../chapters/second/#the-joint-declaration"' in html
    assert 'href="../../glossary/abm-treaty/"' in html         # the glossary plugin saw the copied link


def test_mini_site_without_the_marker_fails(mini_site):
    build = mini_site(mini_pages(**{"teaching/discussion-questions.md": "# All { #all }\n"}), NAV)
    assert not build.ok
    assert "marker for the gathered questions is missing" in build.output


def test_mini_site_with_a_chapter_without_questions_fails(mini_site):
    broken = CHAPTER.replace("{ #discussion-questions }", "{ #questions }").replace(" [@treaty-2000, art. 2]", "")
    build = mini_site(mini_pages(**{"chapters/first.md": broken}), NAV)
    assert not build.ok
    assert "docs/chapters/first.md: the chapter has no discussion questions" in build.output
