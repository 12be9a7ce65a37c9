"""The plugin in a mini site: forms in the chapter, answers on the teaching page, errors that stop the build."""
from __future__ import annotations

# Appended to the mini site's mkdocs.yml, right after its markdown_extensions list
# (attr_list, footnotes): the first line adds md_in_html to that list.
CONFIG = """  - md_in_html
plugins:
  - studybook-glossary
  - studybook-idcheck
  - studybook-selfcheck:
      answers_page: teaching/answers.md
nav:
  - index.md
  - chapters/one.md
  - teaching/answers.md
"""
CHAPTER = """# One { #one }

Russia had failed to repay the credits.
{ #p-aaaa }

## Check your understanding { #check-your-understanding }

/// question | Why did Seoul stop the credit line?
    id: q-credit
    kind: single
    evidence: [p-aaaa]

- [x] Russia had not repaid.
    That is the reason the chapter gives.
- [ ] Moscow refused it.
    Seoul stopped it.
///
"""
PAGES = {"index.md": "# Home\n", "chapters/one.md": CHAPTER,
         "teaching/answers.md": "# Answers\n\n<!-- studybook:selfcheck-answers -->\n"}


def test_the_chapter_gets_a_form_and_the_teacher_the_answers(mini_site):
    build = mini_site(PAGES, CONFIG)
    assert build.ok, build.output
    chapter = build.html("chapters/one/index.html")
    assert '<fieldset class="sb-q__fieldset">' in chapter and "///" not in chapter
    assert '<label for="q-credit-1">Russia had not repaid.</label>' in chapter
    answers = build.html("teaching/answers/index.html")
    assert "Why did Seoul stop the credit line?" in answers
    assert 'href="../../chapters/one/#p-aaaa"' in answers


def test_a_bad_question_stops_the_build_with_file_line_and_fix(mini_site):
    build = mini_site({**PAGES, "chapters/one.md": CHAPTER.replace("- [ ] Moscow", "- [x] Moscow")}, CONFIG)
    assert not build.ok
    assert "docs/chapters/one.md:8: the single-choice question 'q-credit' has 2 right answers" in build.output
    assert "Fix: mark exactly one option" in build.output


def test_a_chapter_without_questions_stops_the_build(mini_site):
    build = mini_site({**PAGES, "chapters/one.md": CHAPTER.split("## Check")[0]}, CONFIG)
    assert not build.ok
    assert "docs/chapters/one.md: the chapter has no self-check questions" in build.output


def test_md_in_html_is_needed(mini_site):
    build = mini_site(PAGES, CONFIG.replace("  - md_in_html\n", "  - tables\n", 1))
    assert not build.ok and "needs the md_in_html extension" in build.output


def test_the_answers_page_must_exist(mini_site):
    build = mini_site({**PAGES, "teaching/answers.md": None}, CONFIG.replace("  - teaching/answers.md\n", ""))
    assert not build.ok and "docs/teaching/answers.md: the page for the self-check answers is missing" in build.output
