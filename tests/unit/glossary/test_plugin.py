"""studybook.glossary.plugin: term links resolve, and an unknown term stops the build."""
import pytest

from studybook.errors import BookError
from studybook.glossary.plugin import check_plain_term_links, glossary_slugs, rewrite_term_links

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
                    "glossary/abm-treaty.md": "# ABM Treaty\n\nA treaty.\n"})
    assert ok.ok, ok.output
    assert 'href="glossary/abm-treaty/"' in ok.html("index.html")


def test_mini_site_unknown_term_message(tmp_path):
    from conftest import build_mini_site
    bad = build_mini_site(tmp_path, {"index.md": "# Home\n\n[ABM](term:abm)\n"})
    assert not bad.ok
    assert "docs/index.md:3: unknown glossary term 'term:abm'" in bad.output


# -- Plain links to glossary pages count as term links ---------------------------

@pytest.mark.parametrize(
    "page, source",
    [
        # (page, Markdown with a plain link to a glossary page that exists): no error.
        ("chapters/a.md", "[ABM](../glossary/abm-treaty.md)"),
        ("chapters/a.md", '[ABM](../glossary/abm-treaty.md#sources "title")'),
        ("glossary/x.md", "[TKR](trans-korean-railway.md)"),
        ("chapters/a.md", "[home](../index.md) [glossary](../glossary/index.md)"),
        ("chapters/a.md", "```\n[x](../glossary/nothing.md)\n```\n"),   # code is not a link
    ],
)
def test_plain_links_to_known_terms_pass(page, source):
    check_plain_term_links(source, page, SLUGS)


def test_plain_link_to_an_unknown_term_names_page_line_and_term():
    with pytest.raises(BookError) as err:
        check_plain_term_links("Intro.\n\nSee [NMD](../glossary/nmd.md#what-it-is).\n", "chapters/b.md", SLUGS)
    message = str(err.value)
    assert message.startswith("docs/chapters/b.md:3: unknown glossary term '../glossary/nmd.md'")
    assert "create docs/glossary/nmd.md" in message


# -- Mini sites: the whole plugin ------------------------------------------------

def glossary_page(slug, title, definition, extra=""):
    return (f'---\ntitle: "{title}"\n{extra}---\n\n# {title} {{ #{slug} }}\n\n{definition}\n\n'
            '## What it is { #what-it-is }\n\nMore.\n')


MINI = {
    "index.md": "# Home\n",
    "chapters/one.md": (
        "# One { #one }\n\n"
        "Opening with the [ABM Treaty](term:abm-treaty).\n\n"
        "## The credit line { #credit-line }\n\n"
        "Text on [railways](../glossary/trans-korean-railway.md) and [Ivanov](../people/igor-ivanov.md).\n"
    ),
    "chapters/two.md": (
        "# Two { #two }\n\n"
        "## The ABM dispute { #the-abm-dispute }\n\n"
        "A claim.[^n]\n\n"
        "[^n]: A note on the [treaty](term:abm-treaty).\n\n"
        "## Last { #last }\n\nEnd.\n"
    ),
    "glossary/index.md": "# Glossary { #glossary }\n\n<!-- glossary-index -->\n",
    "glossary/abm-treaty.md": glossary_page("abm-treaty", "ABM Treaty", "A 1972 treaty limiting missile defences."),
    "glossary/trans-korean-railway.md": glossary_page(
        "trans-korean-railway", "Trans-Korean Railway (TKR)", "The railway along the *peninsula*.",
        'abbreviations:\n  TKR: "Trans-Korean Railway"\n'),
    "people/igor-ivanov.md": "# Igor Ivanov { #igor-ivanov }\n\nForeign minister.\n",
    "people/nobody.md": "# Nobody { #nobody }\n\nNot mentioned.\n",
}
# nav lists chapter two first: backlinks follow the reading order, not the alphabet.
NAV = ("nav:\n  - index.md\n  - chapters/two.md\n  - chapters/one.md\n  - glossary/index.md\n"
       "not_in_nav: |\n  /glossary/*.md\n  /people/*.md\n")


def test_mini_site_backlinks_link_each_section_in_reading_order(mini_site):
    site = mini_site(MINI, NAV)
    assert site.ok, site.output
    html = site.html("glossary/abm-treaty/index.html")
    # Chapter two's mention is in a note: it counts for the section of the note marker.
    assert ('<li>Two: <a href="../../chapters/two/#the-abm-dispute">The ABM dispute</a></li>\n'
            '<li>One: <a href="../../chapters/one/#one">Start of the chapter</a></li>') in html
    assert 'href="#where-it-appears"' in html.split('class="md-nav md-nav--secondary"')[1]  # in the toc
    people = site.html("people/igor-ivanov/index.html")
    assert "Where this person appears" in people
    assert '<a href="../../chapters/one/#credit-line">The credit line</a>' in people
    assert "No chapter links to this person yet." in site.html("people/nobody/index.html")


def test_mini_site_backlinks_do_not_depend_on_render_order(mini_site):
    """Pages in 'zz/' are rendered after glossary/: the glossary page still lists them."""
    pages = {k: v for k, v in MINI.items() if not k.startswith("chapters/")}
    pages["zz/late.md"] = "# Late { #late }\n\n## Section { #section }\n\n[ABM](../glossary/abm-treaty.md)\n"
    site = mini_site(pages, "plugins:\n  - studybook-glossary:\n      backlink_sources: [zz]\n")
    assert site.ok, site.output
    assert '<li>Late: <a href="../../zz/late/#section">Section</a></li>' in site.html("glossary/abm-treaty/index.html")


def test_mini_site_term_links_carry_the_definition_as_description(mini_site):
    site = mini_site(MINI, NAV)
    assert site.ok, site.output
    html = site.html("chapters/one/index.html")
    assert 'aria-describedby="sb-preview-abm-treaty"' in html
    assert 'aria-describedby="sb-preview-trans-korean-railway"' in html   # a plain link counts too
    assert ('<div class="sb-preview" id="sb-preview-trans-korean-railway" role="tooltip" hidden>'
            '<span class="sb-preview__title">Trans-Korean Railway (TKR)</span> '
            '<span class="sb-preview__text">The railway along the peninsula.</span></div>') in html
    assert 'href="../../people/igor-ivanov/">Ivanov</a>' in html             # people get no preview


def test_mini_site_keeps_backlinks_and_previews_out_of_search(mini_site):
    # Listed before search on purpose: the plugin's page_context runs after search's anyway.
    site = mini_site(MINI, "plugins:\n  - studybook-glossary\n  - search\n" + NAV)
    assert site.ok, site.output
    index = site.html("search/search_index.json")
    assert "Where this term appears" not in index
    assert "A 1972 treaty limiting missile defences." in index          # the term page itself
    assert index.count("A 1972 treaty limiting missile defences.") == 2  # page + its index line


def test_mini_site_glossary_index_lists_every_term_a_to_z(mini_site):
    site = mini_site(MINI, NAV)
    assert site.ok, site.output
    html = site.html("glossary/index.html")
    assert '<nav class="sb-az" aria-label="Glossary letters"><a href="#a">A</a> <a href="#t">T</a></nav>' in html
    assert '<h2 id="a">A' in html and '<h2 id="t">T' in html
    assert ('<li><a href="trans-korean-railway/">Trans-Korean Railway (TKR)</a>: '
            'The railway along the <em>peninsula</em>.</li>') in html
    assert "sb-preview" not in html          # the index prints the definitions itself


def test_mini_site_index_without_marker_fails(mini_site):
    site = mini_site(dict(MINI, **{"glossary/index.md": "# Glossary\n\n- [ABM](abm-treaty.md)\n"}), NAV)
    assert not site.ok
    assert "docs/glossary/index.md: the glossary index has no '<!-- glossary-index -->' marker" in site.output


ABBR = (
    "  - abbr\n  - pymdownx.snippets:\n      auto_append: [includes/abbreviations.md]\n      check_paths: true\n"
    "plugins:\n  - studybook-glossary:\n      abbreviations_file: includes/abbreviations.md\n"
)


def test_mini_site_abbreviations_come_from_the_glossary(mini_site, tmp_path):
    from studybook.glossary.abbreviations import main
    (tmp_path / "includes").mkdir()
    for rel, text in MINI.items():
        (tmp_path / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / rel).write_text(text)
    assert main([str(tmp_path / "docs"), str(tmp_path / "includes" / "abbreviations.md")]) == 0
    site = mini_site({"chapters/three.md": "# Three\n\nThe TKR line.\n"}, ABBR + NAV)
    assert site.ok, site.output
    assert '<abbr title="Trans-Korean Railway">TKR</abbr>' in site.html("chapters/three/index.html")


def test_mini_site_fails_when_abbreviations_file_disagrees(mini_site):
    stale = "*[TKR]: Trans Korean Railroad\n*[ABM]: Anti-Ballistic Missile\n"
    site = mini_site(MINI, ABBR + NAV, files={"includes/abbreviations.md": stale})
    assert not site.ok
    assert ("includes/abbreviations.md:1: the abbreviations file disagrees with the glossary pages: "
            "'ABM' is here but no glossary page declares it; 'TKR' is 'Trans Korean Railroad' here "
            "but 'Trans-Korean Railway' in docs/glossary/trans-korean-railway.md") in site.output
    assert "Fix: run `make abbreviations`" in site.output


def test_mini_site_fails_when_two_pages_own_an_abbreviation(mini_site):
    pages = dict(MINI, **{"glossary/tkr-2.md": glossary_page(
        "tkr-2", "Another railway", "A second railway.", 'abbreviations:\n  TKR: "Trans-Korean Railway"\n')})
    site = mini_site(pages, NAV)
    assert not site.ok
    assert ("docs/glossary/trans-korean-railway.md:4: abbreviation 'TKR' is already owned by "
            "docs/glossary/tkr-2.md:4") in site.output


def test_mini_site_plain_link_to_missing_term_fails(mini_site):
    site = mini_site({"index.md": "# Home\n\nSee [x](glossary/missing.md).\n",
                      "glossary/abm-treaty.md": "# ABM\n\nA treaty.\n"})
    assert not site.ok
    assert "docs/index.md:3: unknown glossary term 'glossary/missing.md'" in site.output
