"""studybook.glossary.index: the A-Z list generated from the term pages."""
import pytest

from studybook.errors import BookError
from studybook.glossary.index import MARKER, insert_index, letter, render_index, sort_key
from studybook.glossary.terms import parse_term


def term(slug, title, definition="A term."):
    return parse_term(f'---\ntitle: "{title}"\n---\n# {title}\n\n{definition}\n', slug)


TERMS = {t.slug: t for t in [
    term("trans-korean-railway", "Trans-Korean Railway (TKR)", "The *railway* line."),
    term("abm-treaty", "Anti-Ballistic Missile Treaty (ABM Treaty)"),
    term("agreed-framework", "Agreed Framework (1994)"),
    term("g8", "G-8"),
    term("eurasianism", "\u00c9urasianism"),
    term("numbers", "1998 moratorium"),
]}


@pytest.mark.parametrize(
    "title, expected",
    [
        ("ABM Treaty", "A"),
        ("agreed framework", "A"),
        ("\u00c9urasianism", "E"),        # accents are ignored
        ("\u201cPragmatism\u201d", "P"),  # so is leading punctuation
        ("1998 moratorium", "#"),
    ],
)
def test_letter(title, expected):
    assert letter(title) == expected


def test_sort_ignores_case():
    titles = ["agreed Framework", "Anti-Ballistic", "ABM"]
    assert sorted(titles, key=sort_key) == ["ABM", "agreed Framework", "Anti-Ballistic"]


def test_render_index():
    md = render_index(TERMS)
    assert md.splitlines()[0] == (
        '<nav class="sb-az" aria-label="Glossary letters"><a href="#other">#</a> <a href="#a">A</a> '
        '<a href="#e">E</a> <a href="#g">G</a> <a href="#t">T</a></nav>')
    assert "## A { #a }\n\n- [Agreed Framework (1994)](agreed-framework.md): A term.\n" \
           "- [Anti-Ballistic Missile Treaty (ABM Treaty)](abm-treaty.md): A term.\n" in md
    # The definition keeps its Markdown, so it reads as on the term page.
    assert "- [Trans-Korean Railway (TKR)](trans-korean-railway.md): The *railway* line.\n" in md
    assert "## # { #other }" in md


def test_insert_replaces_the_marker_only():
    page = f"# Glossary {{ #glossary }}\n\n{MARKER}\n\nAfter.\n"
    out = insert_index(page, TERMS)
    assert out.startswith("# Glossary { #glossary }\n\n<nav")
    assert out.endswith("\n\nAfter.\n") and MARKER not in out


def test_an_index_without_marker_stops_the_build():
    with pytest.raises(BookError) as err:
        insert_index("# Glossary\n\n- [ABM](abm-treaty.md)\n", TERMS)
    assert "docs/glossary/index.md" in str(err.value)
    assert MARKER in str(err.value)
