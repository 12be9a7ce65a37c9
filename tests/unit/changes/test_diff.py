"""studybook.changes.diff: when two paragraphs are the same, and their word-level difference."""
import pytest

from studybook.changes.diff import counts, diff_html, same, word_diff

# (old, new, same?): whitespace and quote shapes do not count; words do.
SAME = [
    ("Putin’s visit", "Putin's visit", True),
    ("“Hong Kong, China”", '"Hong Kong, China"', True),
    ("two  words\n here", "two words here", True),
    ("a\u00a0b", "a b", True),
    ("Putin visited", "Putin went", False),
    ("in 1999.", "in 1999", False),
]


@pytest.mark.parametrize("old, new, expected", SAME)
def test_same(old, new, expected):
    assert same(old, new) is expected


def test_word_diff_marks_deleted_and_inserted_words():
    ops = word_diff("The delegation did not meet Kim.", "The delegation never met Kim.")
    assert ops == [("=", "The delegation"), ("-", "did not meet"), ("+", "never met"), ("=", "Kim.")]
    assert counts(ops) == (3, 2)


def test_word_diff_shows_new_quotes_and_ignores_their_change():
    assert word_diff("Putin's plan", "Putin’s new plan") == [("=", "Putin’s"), ("+", "new"), ("=", "plan")]


def test_diff_html_is_not_colour_alone_and_is_escaped():
    out = diff_html([("=", "a <b>"), ("-", "old"), ("+", "new")])
    assert out.startswith("a &lt;b&gt; <del>")
    assert '<span class="sb-visually-hidden">[deleted: </span>old' in out
    assert '<ins><span class="sb-visually-hidden">[inserted: </span>new' in out
