"""The chapter form and the teacher's answers, from parsed questions (studybook.selfcheck.render)."""
from __future__ import annotations

import pytest

from studybook.selfcheck import render, syntax

SOURCE = """# C { #c }

## The credit line { #credit-line }

Credit was a *second* [problem](term:soviet-credit-line).
It had paid out US$1.47 billion.
{ #p-aaaa }

/// question | Why did Seoul stop the credit?
    id: q-credit
    kind: single
    evidence: [p-aaaa, credit-line]

- [x] Russia did not repay.
    The principal and the interest were unpaid.
- [ ] Russia refused it.
    Seoul stopped it, not Moscow.
///

/// question | Order these.
    id: q-order
    kind: order
    evidence: [p-aaaa]

1. One
    First.
2. Two
    Second.
3. Three
    Third.
///
"""


@pytest.fixture
def questions():
    return syntax.parse(SOURCE, "docs/chapters/c.md")


# (markdown, plain words): links keep their text; notes, citations, attributes and emphasis go
PLAIN = [
    ("Credit was a *second* [problem](term:x).", "Credit was a second problem."),
    ("A note.[^n] A cite [@key, p. 3]. { #p-aaaa }", "A note. A cite ."),
]


@pytest.mark.parametrize("markdown, words", PLAIN)
def test_plain(markdown, words):
    assert render.plain(markdown) == words


def test_evidence_labels_quote_the_paragraph_or_name_the_section():
    labels = render.anchor_texts(SOURCE)
    assert labels["p-aaaa"] == "the paragraph beginning “Credit was a second problem. It…”"
    assert labels["credit-line"] == "the section “The credit line”"


def test_order_items_are_shown_shuffled_never_in_order(questions):
    shown = [o.number for o in render.shown_order(questions[1])]
    assert sorted(shown) == [1, 2, 3] and shown != [1, 2, 3]
    assert shown == [o.number for o in render.shown_order(questions[1])]   # the same every build


def test_the_form_has_real_controls_and_no_blank_lines(questions):
    html = render.chapter_block(questions, SOURCE, "chapters/c")
    assert "\n\n" not in html                                  # one HTML block for md_in_html
    assert 'class="sb-selfcheck sb-generated" data-sb-selfcheck="chapters/c"' in html
    assert '<input type="radio" name="q-credit" id="q-credit-1" value="1"> <label for="q-credit-1">' in html
    assert 'data-option="1" data-right' in html and 'data-option="2" markdown' in html
    assert '<legend markdown="span"><span class="sb-q__number">Question 1 of 2.</span>' in html
    assert 'href="#p-aaaa"' in html and 'href="#credit-line"' in html
    assert '<details class="sb-q__answer"' in html and "The principal and the interest were unpaid." in html
    assert 'data-position="' in html and "The right order:" in html


def test_the_teachers_answers_link_to_the_chapter(questions):
    md = render.answers_markdown(questions, SOURCE, "chapters/c.md", "teaching/answers.md")
    assert "1. **Why did Seoul stop the credit?** (single choice)" in md
    assert "[the section “The credit line”](../chapters/c.md#credit-line)" in md
    assert "    - **Right:** Russia did not repay.\n\n        The principal and the interest were unpaid." in md
    assert "    - Wrong: Russia refused it." in md
    assert "    1. One\n\n        First." in md
