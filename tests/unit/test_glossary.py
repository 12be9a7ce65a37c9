"""studybook.glossary: term links resolve, and an unknown term stops the build."""
import pytest

from studybook.errors import BookError
from studybook.glossary import glossary_slugs, rewrite_term_links

SLUGS = {"abm-treaty", "trans-korean-railway"}


@pytest.mark.parametrize(
    "page, source, expected",
    [
        # (page path, Markdown in, Markdown out): the link is made relative to the page.
        ("chapters/a.md", "the [ABM Treaty](term:abm-treaty).", "the [ABM Treaty](../glossary/abm-treaty.md)."),
        ("index.md", "[TKR](term:trans-korean-railway)", "[TKR](glossary/trans-korean-railway.md)"),
        ("glossary/x.md", "[ABM](term:abm-treaty#sources)", "[ABM](abm-treaty.md#sources)"),
        # Ordinary links are untouched.
        ("chapters/a.md", "[home](../index.md)", "[home](../index.md)"),
    ],
)
def test_term_links_become_relative_links(page, source, expected):
    assert rewrite_term_links(source, page, SLUGS) == expected


def test_unknown_term_names_page_line_and_fix():
    source = "First line.\nSee [NMD](term:nmd-system).\n"
    with pytest.raises(BookError) as err:
        rewrite_term_links(source, "chapters/putin-in-seoul.md", SLUGS)
    message = str(err.value)
    assert "docs/chapters/putin-in-seoul.md:2" in message
    assert "term:nmd-system" in message
    assert "create docs/glossary/nmd-system.md" in message


def test_code_fences_are_left_alone():
    source = "```\n[x](term:nothing)\n```\n"
    assert rewrite_term_links(source, "a.md", SLUGS) == source


def test_glossary_slugs_ignores_the_index_and_other_folders():
    uris = ["glossary/index.md", "glossary/abm-treaty.md", "chapters/abm.md", "glossary/img/x.svg"]
    assert glossary_slugs(uris) == {"abm-treaty"}


def test_mini_site_fails_on_unknown_term_and_builds_known_one(mini_site):
    ok = mini_site({"index.md": "# Home\n\n[ABM](term:abm-treaty)\n",
                    "glossary/abm-treaty.md": "# ABM Treaty\n"})
    assert ok.ok, ok.output
    assert 'href="glossary/abm-treaty/"' in ok.html("index.html")


def test_mini_site_unknown_term_message(tmp_path):
    from conftest import build_mini_site
    bad = build_mini_site(tmp_path, {"index.md": "# Home\n\n[ABM](term:abm)\n"})
    assert not bad.ok
    assert "docs/index.md:3: unknown glossary term 'term:abm'" in bad.output
