"""studybook.citations.noteorder: notes are numbered in the order a reader meets them, also in lists, boxes and tables."""
import re

import markdown
import pytest

from studybook.citations.noteorder import ReadingOrderExtension

PAGE = """Para one[^a].

- item[^b]

| Column |
| ------ |
| cell[^c] |

Para two[^d].

!!! note
    In a box[^e] and again[^a].

Last[^f].

[^f]: F.
[^e]: E.
[^d]: D.
[^c]: C.
[^b]: B.
[^a]: A.
"""


def render(text, ours=True):
    extensions = ["footnotes", "admonition", "tables"] + ([ReadingOrderExtension()] if ours else [])
    return markdown.markdown(text, extensions=extensions,
                             extension_configs={"footnotes": {"USE_DEFINITION_ORDER": False}})


def markers(html):
    return re.findall(r'<a class="footnote-ref" href="#fn:(\w+)">(\d+)</a>', html)


def test_python_markdown_alone_does_not_number_in_reading_order():
    """Why the extension exists: USE_DEFINITION_ORDER: false numbers breadth-first."""
    numbers = [n for _, n in markers(render(PAGE, ours=False))]
    assert numbers != sorted(numbers)


def test_markers_run_one_to_n_in_reading_order():
    html = render(PAGE)
    assert markers(html) == [("a", "1"), ("b", "2"), ("c", "3"), ("d", "4"), ("e", "5"), ("a", "1"), ("f", "6")]


def test_note_list_follows_the_same_order_with_matching_back_links():
    html = render(PAGE)
    notes = html[html.index('<div class="footnote">'):]
    assert re.findall(r'<li id="fn:(\w+)">', notes) == ["a", "b", "c", "d", "e", "f"]
    titles = re.findall(r'href="#fnref:(\w+)" title="Jump back to footnote (\d+) in the text"', notes)
    assert titles == [("a", "1"), ("b", "2"), ("c", "3"), ("d", "4"), ("e", "5"), ("f", "6")]
    # The second marker of note a still gets its own back link.
    assert 'href="#fnref2:a"' in notes


@pytest.mark.parametrize("text", ["No notes here.", "Text[^x].\n\n[^x]: X.\n"])
def test_pages_with_few_or_no_notes_are_fine(text):
    assert "footnote-ref" in render(text) or "footnote" not in render(text)
