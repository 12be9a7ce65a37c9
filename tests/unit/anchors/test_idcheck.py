"""studybook.anchors.idcheck: a missing or repeated id stops the build with file, line and fix."""
import subprocess
import sys

import pytest

from studybook.anchors.idcheck import html_problem, is_chapter, line_of_text, source_problem

SOURCE = """---
title: One
---

# One { #one }

## A section { #a-section }

The [first](#one) paragraph.
{ #p-aaaa }

The second paragraph.
{ #p-bbbb }
"""

HTML = """<article class="md-content__inner md-typeset">
<h1 id="one">One</h1><h2 id="a-section">A section</h2>
<p id="p-aaaa">The first paragraph.</p><p id="p-bbbb">The second paragraph.</p>
</article>"""


def test_chapters_are_the_pages_under_chapters_except_the_index():
    assert is_chapter("chapters/one.md") and not is_chapter("chapters/index.md")
    assert not is_chapter("glossary/abm-treaty.md")


def test_a_clean_page_has_no_problem():
    assert source_problem(SOURCE, "docs/chapters/one.md") is None
    assert html_problem(HTML, SOURCE, "docs/chapters/one.md", chapter=True) is None


def test_source_problems_name_the_line_and_count_the_rest():
    bad = SOURCE.replace("{ #p-aaaa }\n", "").replace("{ #p-bbbb }", "{ #a-section }")
    error = source_problem(bad, "docs/chapters/one.md")
    assert str(error) == (
        "docs/chapters/one.md:9: paragraph has no id (1 more on this page; `make check-ids` lists them)\n"
        "  Fix: run `make ids`")


def test_line_of_text_finds_rendered_words_in_the_source():
    assert line_of_text(SOURCE, "The first paragraph.") == 9
    assert line_of_text(SOURCE, "Nowhere to be found") is None


# (what the rendered page does wrong, expected start of the message)
HTML_CASES = [
    (HTML.replace(' id="p-bbbb"', ""),
     "docs/chapters/one.md:12: paragraph 'The second paragraph.' has no id in the built page"),
    (HTML.replace('id="a-section"', 'id="a-section-1"'),
     "docs/chapters/one.md:7: heading 'A section' has the id '#a-section-1', which is not written in the source"),
    (HTML.replace("</article>", '<div class="footnote"><li id="p-aaaa">note</li></div></article>'),
     "docs/chapters/one.md:10: id '#p-aaaa' appears 2 times in the built page (<p>, <li>)"),
]


def test_html_problems():
    for html, message in HTML_CASES:
        error = html_problem(html, SOURCE, "docs/chapters/one.md", chapter=True)
        assert error is not None and str(error).startswith(message), (message, str(error))
        assert "Fix: " in str(error)


def test_outside_chapters_only_repeated_ids_count():
    no_ids = "<article class='md-content__inner'><h2>Free</h2><p>text</p></article>"
    assert html_problem(no_ids, "", "docs/glossary/x.md", chapter=False) is None
    doubled = "<p id='x'>a</p><p id='x'>b</p>"
    assert "appears 2 times" in str(html_problem(doubled, "", "docs/glossary/x.md", chapter=False))


# -- The real build stops -------------------------------------------------------------

PLUGINS = "plugins:\n  - studybook-glossary\n  - studybook-idcheck\n"


def test_build_fails_on_a_paragraph_without_id(mini_site):
    result = mini_site({"chapters/one.md": SOURCE.replace("{ #p-bbbb }\n", "")}, PLUGINS)
    assert not result.ok
    assert "docs/chapters/one.md:12: paragraph has no id" in result.output
    assert "Fix: run `make ids`" in result.output


def test_build_fails_on_a_duplicate_id(mini_site):
    result = mini_site({"chapters/one.md": SOURCE.replace("{ #p-bbbb }", "{ #p-aaaa }")}, PLUGINS)
    assert not result.ok
    assert "docs/chapters/one.md:13: id '#p-aaaa' is already used on line 10" in result.output
    assert "Fix: give one of them a new id" in result.output


def test_build_fails_when_a_source_id_collides_with_a_footnote_id(mini_site):
    text = SOURCE.replace("The second paragraph.", "The second paragraph.[^n]").replace(
        "{ #p-bbbb }", "{ #fn:n }") + "\n[^n]: A note.\n"
    result = mini_site({"chapters/one.md": text}, PLUGINS)
    assert not result.ok
    assert "id '#fn:n' appears 2 times in the built page" in result.output


def test_build_passes_and_keeps_the_ids(mini_site):
    result = mini_site({"chapters/one.md": SOURCE, "index.md": "# Home\n\nNo ids needed.\n"}, PLUGINS)
    assert result.ok, result.output
    html = result.html("chapters/one/index.html")
    assert '<p id="p-aaaa">' in html and '<h2 id="a-section">' in html


# -- The real book stops too --------------------------------------------------------

@pytest.mark.slow
def test_the_real_book_names_the_chapter_line_and_fix(tmp_path):
    from conftest import copy_repo, mkdocs_env

    repo = copy_repo(tmp_path / "repo")
    chapter = repo / "docs" / "chapters" / "treaty-with-pyongyang.md"
    lines = chapter.read_text(encoding="utf-8").split("\n")
    n = lines.index("{ #p-yhys }")
    del lines[n]                                           # the paragraph loses its id line
    lines[lines.index("{ #p-kq3h }")] = "{ #p-2nsr }"      # and an earlier id is used twice
    chapter.write_text("\n".join(lines), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=repo, env=mkdocs_env(), capture_output=True, text=True)
    assert result.returncode != 0
    first = lines.index("{ #p-2nsr }") + 1
    assert f"docs/chapters/treaty-with-pyongyang.md:{lines.index('{ #p-2nsr }', first) + 1}: " \
           f"id '#p-2nsr' is already used on line {first} (1 more on this page" in result.stderr
    assert "Fix: give one of them a new id (delete it and run `make ids`)" in result.stderr
