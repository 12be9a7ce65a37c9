"""studybook.quality.describe: a page's description is its front matter's, or its first paragraph."""
import pytest

from studybook.quality.describe import MAX_CHARS, first_paragraph, shorten


@pytest.mark.parametrize("html, text", [
    # (page content, description text)
    ("<h1>T</h1>\n<p>The first <em>one</em>.</p>\n<p>Second.</p>", "The first one."),
    # Paragraphs inside admonitions, figures and lists are not the page's opening.
    ('<div class="admonition"><p>Objectives</p></div><p>Body.</p>', "Body."),
    ("<ul><li><p>Item</p></li></ul><p>After the list.</p>", "After the list."),
    # Note markers and hidden helpers are left out; entities are decoded; space collapses.
    ('<p>Seoul<sup id="fnref:1"><a href="#fn:1">1</a></sup> and\n  Moscow &amp; Pyongyang.</p>',
     "Seoul and Moscow & Pyongyang."),
    ('<p>Term<span hidden>tooltip text</span> means X.</p>', "Term means X."),
    ("<p>Line<br>break.</p>", "Line break."),
    ("<h1>Only a title</h1>", ""),
])
def test_first_paragraph(html, text):
    assert first_paragraph(html) == text


def test_short_text_is_kept_whole():
    assert shorten("A short one.") == "A short one."


def test_long_text_ends_at_a_late_sentence_end():
    text = "A" * 100 + ". " + "B" * 100 + "."
    assert shorten(text) == "A" * 100 + "."


def test_long_sentence_is_cut_at_a_word_with_an_ellipsis():
    text = " ".join(["word"] * 60)
    out = shorten(text)
    assert len(out) <= MAX_CHARS and out.endswith("word…")


def test_mini_site_front_matter_wins_and_the_first_paragraph_fills_in(mini_site):
    site = mini_site({
        "index.md": "---\ndescription: From front matter.\n---\n\n# Home\n\nFirst paragraph.\n",
        "term.md": "# Term\n\nThe one-sentence definition.\n\nMore.\n",
    }, "plugins:\n  - studybook-describe\n")
    assert site.ok, site.output
    assert '<meta name="description" content="From front matter.">' in site.html("index.html")
    assert '<meta name="description" content="The one-sentence definition.">' in site.html("term/index.html")
