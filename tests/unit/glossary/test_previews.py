"""studybook.glossary.previews: term links point at a hidden tooltip with the definition."""
import markdown
import pytest

from studybook.glossary.links import LinkScannerExtension
from studybook.glossary.previews import decorate, tooltip_id, tooltips_html
from studybook.glossary.terms import parse_term

TERMS = {
    "abm-treaty": parse_term('---\ntitle: "ABM Treaty"\n---\n# ABM Treaty\n\nThe 1972 "treaty" on limits.\n', "abm-treaty"),
    "kedo": parse_term("# KEDO & co\n\nA consortium.\n", "kedo"),
}


def render(source: str, page: str = "chapters/ch.md"):
    """Convert ``source`` with the link scanner; decorate; return (html, slugs used)."""
    used = []
    ext = LinkScannerExtension(lambda: page, lambda links: used.extend(decorate(links, page, TERMS)))
    html = markdown.markdown(source + "\n\n*[ABM]: Anti-Ballistic Missile\n",
                             extensions=["abbr", "attr_list", ext])
    return html, used


@pytest.mark.parametrize(
    "source, page, expected_html, expected_used",
    [
        # (Markdown, page, a fragment of the HTML, the slugs that need a tooltip)
        ("[the treaty](../glossary/abm-treaty.md)", "chapters/ch.md",
         '<a aria-describedby="sb-preview-abm-treaty" class="sb-term" href="../glossary/abm-treaty.md">the treaty</a>',
         ["abm-treaty"]),
        # Abbreviation markup inside a term link is unwrapped: the preview explains it.
        ("[ABM Treaty](../glossary/abm-treaty.md)", "chapters/ch.md", ">ABM Treaty</a>", ["abm-treaty"]),
        # ...but stays outside term links.
        ("The ABM rule.", "chapters/ch.md", '<abbr title="Anti-Ballistic Missile">ABM</abbr>', []),
        # An existing class is kept.
        ("[x](../glossary/kedo.md){ .big }", "chapters/ch.md", 'class="big sb-term"', ["kedo"]),
        # One tooltip per term, however many links.
        ("[a](../glossary/kedo.md) [b](../glossary/kedo.md) [c](../glossary/abm-treaty.md)", "chapters/ch.md",
         'aria-describedby="sb-preview-kedo"', ["kedo", "abm-treaty"]),
        # People, other pages and unknown glossary pages are left alone.
        ("[Ivanov](../people/igor-ivanov.md) [x](../glossary/nothing.md)", "chapters/ch.md",
         '<a href="../people/igor-ivanov.md">Ivanov</a>', []),
        # The A-Z index prints every definition already; a term page does not preview itself.
        ("[ABM](abm-treaty.md)", "glossary/index.md", '<a href="abm-treaty.md">', []),
        ("[ABM](abm-treaty.md) [KEDO](kedo.md)", "glossary/abm-treaty.md",
         '<a href="abm-treaty.md">', ["kedo"]),
    ],
)
def test_term_links_are_decorated(source, page, expected_html, expected_used):
    html, used = render(source, page)
    assert expected_html in html
    assert used == expected_used


def test_tooltips_hold_title_and_definition_escaped():
    html = tooltips_html(["kedo", "abm-treaty"], TERMS)
    assert f'id="{tooltip_id("kedo")}" role="tooltip" hidden>' in html
    assert '<span class="sb-preview__title">KEDO &amp; co</span>' in html
    assert '<span class="sb-preview__text">The 1972 \u201ctreaty\u201d on limits.</span>' in html
    assert html.index("sb-preview-kedo") < html.index("sb-preview-abm-treaty")


def test_no_links_no_tooltips():
    assert tooltips_html([], TERMS) == ""
