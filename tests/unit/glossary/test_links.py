"""studybook.glossary.links: each link to a page, with the section (nearest heading id) it sits in."""
import markdown
import pytest

from studybook.glossary.links import LinkScannerExtension, resolve

EXTENSIONS = ["attr_list", "footnotes", "toc", "abbr", "smarty"]


def scan(source: str, page: str = "chapters/ch.md"):
    """Render ``source`` as MkDocs would and return [(target, anchor, section id, section title)]."""
    found = []
    ext = LinkScannerExtension(lambda: page, found.extend)
    md = markdown.Markdown(extensions=[*EXTENSIONS, ext], extension_configs={"toc": {"permalink": True}})
    md.convert(source)
    return [(k.target, k.anchor, k.section and k.section.id, k.section and k.section.title) for k in found]


@pytest.mark.parametrize(
    "href, page, expected",
    [
        # (href as written, page it is on, (target src_uri, fragment) or None)
        ("../glossary/abm-treaty.md", "chapters/ch.md", ("glossary/abm-treaty.md", "")),
        ("../people/igor-ivanov.md#roles", "chapters/ch.md", ("people/igor-ivanov.md", "roles")),
        ("abm-treaty.md", "glossary/index.md", ("glossary/abm-treaty.md", "")),
        ("glossary/abm-treaty.md", "index.md", ("glossary/abm-treaty.md", "")),
        ("#same-page", "chapters/ch.md", None),                 # not another page
        ("https://example.org/a.md", "chapters/ch.md", None),   # not ours
        ("/glossary/abm-treaty.md", "chapters/ch.md", None),    # absolute: MkDocs refuses it anyway
        ("../../outside.md", "chapters/ch.md", None),           # outside docs/
        ("../assets/figure.svg", "chapters/ch.md", None),       # not a page
    ],
)
def test_resolve(href, page, expected):
    assert resolve(href, page) == expected


def test_links_take_the_nearest_heading_above_them():
    source = (
        "# Chapter { #chapter }\n\n"
        "Before any section: [ABM](../glossary/abm-treaty.md).\n\n"
        "## The credit line { #credit-line }\n\n"
        "Text with [Ivanov](../people/igor-ivanov.md) and [TKR](../glossary/trans-korean-railway.md#sources).\n\n"
        "### A sub-section\n\n"
        "- a list item with [ABM](../glossary/abm-treaty.md)\n\n"
        "## Putin's \"pragmatic\" turn { #pragmatism }\n\n"
        "> quoted [x](../glossary/x.md)\n"
    )
    assert scan(source) == [
        ("glossary/abm-treaty.md", "", "chapter", "Chapter"),
        ("people/igor-ivanov.md", "", "credit-line", "The credit line"),
        ("glossary/trans-korean-railway.md", "sources", "credit-line", "The credit line"),
        # A heading without an explicit id still has toc's id.
        ("glossary/abm-treaty.md", "", "a-sub-section", "A sub-section"),
        # Titles come without the permalink sign, with typographic quotes escaped as HTML.
        ("glossary/x.md", "", "pragmatism", "Putin&rsquo;s &ldquo;pragmatic&rdquo; turn"),
    ]


def test_a_link_in_a_note_belongs_to_the_section_of_the_note_marker():
    source = (
        "## First { #first }\n\n"
        "A claim.[^n]\n\n"
        "[^n]: A note on [ABM](../glossary/abm-treaty.md).\n\n"
        "## Last { #last }\n\n"
        "Nothing here.\n"
    )
    assert scan(source) == [("glossary/abm-treaty.md", "", "first", "First")]


def test_links_before_any_heading_have_no_section():
    assert scan("[ABM](../glossary/abm-treaty.md)\n") == [("glossary/abm-treaty.md", "", None, None)]


def test_links_inside_headings_are_not_mentions():
    assert scan("## About the [ABM Treaty](../glossary/abm-treaty.md) { #abm }\n") == []


def test_nothing_is_reported_when_no_page_is_being_rendered():
    assert scan("[ABM](../glossary/abm-treaty.md)\n", page=None) == []
