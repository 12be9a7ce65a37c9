"""studybook.glossary.terms: a glossary page's title, definition and abbreviations, and its errors."""
import pytest

from studybook.errors import BookError
from studybook.glossary.terms import is_term_page, load_terms, parse_term, plain_text, split_front_matter

PAGE = """---
title: "Trans-Korean Railway (TKR)"
description: "Meta."
abbreviations:
  TKR: "Trans-Korean Railway"
---

# Trans-Korean Railway (TKR) { #trans-korean-railway }

The railway line that ran the length of the Korean Peninsula,
cut at the border since the *Korean War*.

## What it is { #what-it-is }

Text [@key].
"""


def test_a_full_page():
    term = parse_term(PAGE, "trans-korean-railway")
    assert term.title == "Trans-Korean Railway (TKR)"
    assert term.definition_md == ("The railway line that ran the length of the Korean Peninsula, "
                                  "cut at the border since the *Korean War*.")
    assert term.definition == ("The railway line that ran the length of the Korean Peninsula, "
                               "cut at the border since the Korean War.")
    assert term.definition_line == 10
    assert term.abbreviations == {"TKR": "Trans-Korean Railway"}
    assert term.abbreviation_lines == {"TKR": 5}
    assert term.path == "docs/glossary/trans-korean-railway.md"


@pytest.mark.parametrize(
    "source, title, definition",
    [
        # No front matter: the title is the H1 without its id.
        ("# ABM Treaty { #abm-treaty }\n\nA treaty.\n", "ABM Treaty", "A treaty."),
        # A stub's italic line is still its definition, as plain text.
        ("---\ntitle: \"ABM Treaty\"\n---\n\n# ABM Treaty\n\n*Entry in preparation.*\n",
         "ABM Treaty", "Entry in preparation."),
        # Quotes and dashes become typographic, as on the page (smarty).
        ("# X\n\nThe \"new\" line -- a policy's name.\n", "X", "The \u201cnew\u201d line \u2013 a policy\u2019s name."),
        # A paragraph-id line after the definition is not part of it.
        ("# X\n\nA term.\n{ #p-abcd }\n", "X", "A term."),
    ],
)
def test_titles_and_definitions(source, title, definition):
    term = parse_term(source, "x")
    assert (term.title, term.definition) == (title, definition)


@pytest.mark.parametrize(
    "source, line, problem",
    [
        # (page source, line named in the error, words in the problem)
        ("No heading here.\n", 1, "no H1 title"),
        ("# X\n\n## What it is\n", 1, "no one-sentence definition"),
        ("# X\n", 1, "no one-sentence definition"),
        ("# X\n\n- a list is not a definition\n", 1, "no one-sentence definition"),
        ("# X\n\nA treaty [@key].\n", 3, "contains a citation"),
        ("# X\n\nSee [ABM](term:abm-treaty).\n", 3, "contains a link"),
        ("# X\n\nA treaty.[^note]\n", 3, "contains a note"),
        ("# X\n\nA <b>treaty</b>.\n", 3, "contains HTML"),
        ("# X\n\n" + "word " * 36 + "\n", 3, "has 36 words (at most 35)"),
        ("---\nabbreviations: [ABM]\n---\n# X\n\nA.\n", 2, "must map each abbreviation"),
        ("---\nabbreviations:\n  ABM:\n---\n# X\n\nA.\n", 3, "'ABM' has no expansion"),
        ("---\nabbreviations:\n  'two words': x\n---\n# X\n\nA.\n", 3, "is not an abbreviation"),
    ],
)
def test_bad_pages_name_the_line_and_the_problem(source, line, problem):
    with pytest.raises(BookError) as err:
        parse_term(source, "x")
    assert err.value.path == "docs/glossary/x.md"
    assert err.value.line == line
    assert problem in err.value.problem
    assert err.value.fix


def test_thirty_five_words_are_allowed():
    assert len(parse_term("# X\n\n" + "word " * 35 + "\n", "x").definition.split()) == 35


@pytest.mark.parametrize(
    "uri, expected",
    [
        ("glossary/abm-treaty.md", True),
        ("glossary/index.md", False),       # the A-Z index is not a term
        ("chapters/abm-treaty.md", False),
        ("glossary/sub/x.md", False),
        ("glossary/figure.svg", False),
    ],
)
def test_is_term_page(uri, expected):
    assert is_term_page(uri) is expected


def test_load_terms_reads_only_term_pages():
    terms = load_terms({"glossary/index.md": "# Glossary\n", "glossary/a.md": "# A\n\nAn a.\n",
                        "people/b.md": "# B\n"})
    assert list(terms) == ["a"]


def test_plain_text_drops_markup():
    assert plain_text("A *very* **plain** `text`") == "A very plain text"


@pytest.mark.parametrize(
    "front_matter, line, problem",
    [
        # (the lines between the two ---, the file line named, words in the problem)
        # Malformed YAML names the file line the parser points at (front matter starts on line 2).
        ('title: "ABM Treaty\n', 2, "not valid YAML"),                   # a quote never closed
        ("title: ABM\n  description: x\n", 3, "not valid YAML"),          # bad indentation
        ("title: ABM: a treaty\n", 2, "not valid YAML"),                  # ': ' in an unquoted value
        ("abbreviations:\n  ABM: x\n ABM2: y\n", 4, "not valid YAML"),
        # Valid YAML that is not a mapping of settings.
        ("- title\n- ABM Treaty\n", 2, "front matter is a list"),
        ("ABM Treaty\n", 2, "front matter is a single value"),
    ],
)
def test_bad_front_matter_names_the_file_and_line(front_matter, line, problem):
    source = f"---\n{front_matter}---\n\n# X\n\nA treaty.\n"
    with pytest.raises(BookError) as err:
        load_terms({"glossary/x.md": source})
    assert (err.value.path, err.value.line) == ("docs/glossary/x.md", line)
    assert problem in err.value.problem
    assert err.value.fix
    assert str(err.value).startswith(f"docs/glossary/x.md:{line}: ")


@pytest.mark.parametrize(
    "source, meta, body_start",
    [
        # (page source, front matter read, 0-based line where the body starts)
        ("# X\n", {}, 0),                                  # no front matter
        ("---\n---\n# X\n", {}, 2),                        # empty front matter
        ("---\n# only a comment\n---\n# X\n", {}, 3),
        ("---\ntitle: X\n...\n# X\n", {"title": "X"}, 3),  # YAML's own end marker
        ("---\ntitle: X\n# X\n", {}, 0),                   # never closed: not front matter (as MkDocs reads it)
    ],
)
def test_split_front_matter(source, meta, body_start):
    assert split_front_matter(source, "docs/glossary/x.md") == (meta, body_start)
