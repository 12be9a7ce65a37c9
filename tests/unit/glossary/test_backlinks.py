"""studybook.glossary.backlinks: mentions collected per target, then rendered as "Where this ... appears"."""
import xml.etree.ElementTree as etree

import pytest

from studybook.glossary.backlinks import Backlinks, Mention, SourcePage, insert, is_source, render, target_kind
from studybook.glossary.links import Link, Section

S1 = Section("credit-line", "The credit line", 2)
S2 = Section("railway", "The railway &ldquo;link&rdquo;", 2)
H1 = Section("chapter", "Chapter", 1)
PAGES = {
    "chapters/a.md": SourcePage("Chapter A", "chapters/a/"),
    "chapters/b.md": SourcePage("Chapter B & more", "chapters/b/"),
}


def link(target, section):
    return Link(target, "", section, etree.Element("a"))


@pytest.mark.parametrize(
    "uri, expected",
    [
        ("glossary/abm-treaty.md", "glossary"),
        ("people/igor-ivanov.md", "people"),
        ("glossary/index.md", None),
        ("people/index.md", None),
        ("chapters/a.md", None),
    ],
)
def test_target_kind(uri, expected):
    assert target_kind(uri) == expected


@pytest.mark.parametrize(
    "uri, sources, expected",
    [
        ("chapters/a.md", ["chapters"], True),
        ("chapters/a.md", ["chapters/"], True),
        ("chaptersx/a.md", ["chapters"], False),
        ("glossary/a.md", ["chapters"], False),
        ("teaching/a.md", ["chapters", "teaching"], True),
    ],
)
def test_is_source(uri, sources, expected):
    assert is_source(uri, sources) is expected


def test_record_keeps_one_mention_per_section_and_ignores_other_pages():
    b = Backlinks(["chapters"])
    b.record("chapters/b.md", [link("glossary/abm.md", S1), link("glossary/abm.md", S1),
                               link("glossary/abm.md", S2), link("chapters/a.md", S1),
                               link("people/ivanov.md", None), link("glossary/abm.md", H1)])
    b.record("glossary/other.md", [link("glossary/abm.md", S1)])   # not a source
    b.record("chapters/a.md", [link("glossary/abm.md", S2)])
    # Nav order puts chapter A first; mentions keep document order within a page.
    assert b.for_target("glossary/abm.md", ["chapters/a.md", "chapters/b.md"]) == [
        Mention("chapters/a.md", "railway", "The railway &ldquo;link&rdquo;"),
        Mention("chapters/b.md", "credit-line", "The credit line"),
        Mention("chapters/b.md", "railway", "The railway &ldquo;link&rdquo;"),
        Mention("chapters/b.md", "chapter", ""),       # the H1: the start of the chapter
    ]
    assert b.for_target("people/ivanov.md", []) == [Mention("chapters/b.md", "", "")]
    assert b.for_target("glossary/nothing.md", []) == []


def test_pages_outside_nav_come_after_in_alphabetical_order():
    b = Backlinks(["chapters"])
    for page in ["chapters/z.md", "chapters/y.md", "chapters/a.md"]:
        b.record(page, [link("glossary/abm.md", S1)])
    assert [m.source for m in b.for_target("glossary/abm.md", ["chapters/z.md"])] == [
        "chapters/z.md", "chapters/a.md", "chapters/y.md"]


def test_render_links_each_section_from_the_target_page():
    mentions = [Mention("chapters/a.md", "railway", "The railway &ldquo;link&rdquo;"),
                Mention("chapters/b.md", "credit-line", "The credit line"),
                Mention("chapters/b.md", "chapter", "")]
    html = render("glossary", mentions, PAGES, "glossary/abm/", ("&para;", "Link to this section"))
    assert html.startswith('<h2 id="where-it-appears">Where this term appears'
                           '<a class="headerlink" href="#where-it-appears" title="Link to this section">&para;</a></h2>')
    assert ('<li>Chapter A: <a href="../../chapters/a/#railway">The railway &ldquo;link&rdquo;</a></li>') in html
    assert ('<li>Chapter B &amp; more: <a href="../../chapters/b/#credit-line">The credit line</a>; '
            '<a href="../../chapters/b/#chapter">Start of the chapter</a></li>') in html


@pytest.mark.parametrize(
    "kind, heading, empty",
    [
        ("glossary", "Where this term appears", "No chapter links to this term yet."),
        ("people", "Where this person appears", "No chapter links to this person yet."),
    ],
)
def test_render_without_mentions_says_so(kind, heading, empty):
    html = render(kind, [], PAGES, "x/", None)
    assert html == f'<h2 id="where-it-appears">{heading}</h2>\n<p>{empty}</p>\n'


def test_render_with_plain_urls():
    html = render("people", [Mention("chapters/a.md", "", "")],
                  {"chapters/a.md": SourcePage("A", "chapters/a.html")}, "people/x.html")
    assert '<a href="../chapters/a.html">Start of the chapter</a>' in html


@pytest.mark.parametrize(
    "content, expected",
    [
        ("<p>Text</p>", "<p>Text</p>[B]"),
        ('<p>Text</p><div class="footnote"><ol></ol></div>', '<p>Text</p>[B]<div class="footnote"><ol></ol></div>'),
    ],
)
def test_insert_goes_before_the_notes(content, expected):
    assert insert(content, "[B]") == expected
