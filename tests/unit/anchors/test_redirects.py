"""studybook.anchors.redirects: moves declared in redirects.yml become working redirects, or fail the build."""
import pytest

from studybook.anchors.redirects import moves_for_page, parse
from studybook.errors import BookError

from .test_linkdata import read

GOOD = """# comment
pages:
  chapters/old.md: chapters/new.md
anchors:
  chapters/new.md#p-old1: chapters/new.md#p-new1
  chapters/a.md#p-gone: chapters/new.md#p-new1
"""


def test_parse_reads_both_sections_with_lines():
    r = parse(GOOD)
    assert r.pages == {"chapters/old.md": "chapters/new.md"}
    assert r.anchors == {("chapters/new.md", "p-old1"): ("chapters/new.md", "p-new1"),
                         ("chapters/a.md", "p-gone"): ("chapters/new.md", "p-new1")}
    assert r.lines["chapters/a.md#p-gone"] == 6
    assert parse("").pages == {}


# (file text, expected start of the error)
BAD = [
    ("pages: [\n", "redirects.yml:2: not valid YAML"),
    ("moved: {}\n", "redirects.yml:1: expected two sections"),
    ("pages:\n  - chapters/a.md\n", "redirects.yml:1: expected two sections"),
    ("pages:\n  chapters/old: chapters/new.md\n", "redirects.yml:2: page move 'chapters/old: chapters/new.md'"),
    ("anchors:\n  chapters/a.md#p-1: p-2\n", "redirects.yml:2: anchor move 'chapters/a.md#p-1: p-2'"),
]


def test_bad_files_name_the_line():
    for text, message in BAD:
        with pytest.raises(BookError) as info:
            parse(text)
        assert str(info.value).startswith(message), str(info.value)


def test_page_moves_are_followed_and_anchor_moves_go_to_the_page_that_serves_them():
    r = parse(GOOD + "  chapters/old.md#p-x: chapters/new.md#p-new1\n")
    assert r.resolve_page("chapters/old.md") == "chapters/new.md"
    assert r.resolve_page("chapters/a.md") == "chapters/a.md"
    assert set(moves_for_page(r, "chapters/new.md")) == {("chapters/new.md", "p-old1"), ("chapters/old.md", "p-x")}
    assert set(moves_for_page(r, "chapters/a.md")) == {("chapters/a.md", "p-gone")}


# -- In a build --------------------------------------------------------------------

PLUGINS = "plugins:\n  - studybook-redirects\n  - redirects\n"
PAGES = {
    "index.md": "# Home { #home }\n",
    "chapters/new.md": "# New { #new }\n\nMoved text.\n{ #p-new1 }\n",
    "chapters/a.md": "# A { #a }\n\nStill here.\n{ #p-here }\n",
}


def test_the_build_writes_the_redirects(mini_site):
    result = mini_site(PAGES, PLUGINS, files={"redirects.yml": GOOD})
    assert result.ok, result.output
    # The old page is a redirect page that keeps the #id.
    old = result.html("chapters/old/index.html")
    assert 'location.href="../new/"+(anchor?"#"+anchor:"")' in old
    # The pages that serve old anchors carry their moves.
    def moves(html):
        return read(html, "sb-anchor-moves")
    assert moves(result.html("chapters/new/index.html")) == {"p-old1": "#p-new1"}
    assert moves(result.html("chapters/a/index.html")) == {"p-gone": "../new/#p-new1"}
    assert "sb-anchor-moves" not in result.html("index.html")


# (redirects.yml, expected message)
BAD_BUILDS = [
    ("pages:\n  chapters/a.md: chapters/new.md\n",
     "redirects.yml:2: 'chapters/a.md' is declared moved to 'chapters/new.md' but still exists"),
    ("pages:\n  chapters/old.md: chapters/none.md\n",
     "redirects.yml:2: page move 'chapters/old.md': the new page 'chapters/none.md' does not exist"),
    ("anchors:\n  chapters/a.md#p-x: chapters/new.md#p-none\n",
     "redirects.yml:2: anchor move 'chapters/a.md#p-x': 'chapters/new.md' has no id '#p-none'"),
    ("anchors:\n  chapters/a.md#p-here: chapters/new.md#p-new1\n",
     "redirects.yml:2: anchor move 'chapters/a.md#p-here': 'chapters/a.md' still has '#p-here'"),
    ("anchors:\n  chapters/gone.md#p-x: chapters/new.md#p-new1\n",
     "redirects.yml:2: anchor move 'chapters/gone.md#p-x': no page serves 'chapters/gone.md' any more"),
]


@pytest.mark.parametrize("text, message", BAD_BUILDS)
def test_bad_moves_fail_the_build(mini_site, text, message):
    result = mini_site(PAGES, PLUGINS, files={"redirects.yml": text})
    assert not result.ok and message in result.output, result.output


def test_page_moves_without_mkdocs_redirects_fail(mini_site):
    result = mini_site(PAGES, "plugins:\n  - studybook-redirects\n", files={"redirects.yml": GOOD})
    assert not result.ok
    assert "mkdocs.yml:12: studybook-redirects needs the redirects plugin" in result.output
    assert "Fix: add '- redirects'" in result.output
