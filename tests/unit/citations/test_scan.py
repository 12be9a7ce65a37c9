"""studybook.citations.scan: which brackets are citations, in what order notes come, and how the page is rewritten."""
import pytest

from studybook.citations.scan import Cite, mask, parse_cluster, placeholder, rewrite_page, scan_page
from studybook.errors import BookError


@pytest.mark.parametrize(
    "body, cites",
    [
        # (text inside the brackets, the cites it holds; None = not well formed)
        ("@treaty-2000", [Cite("treaty-2000")]),
        ("@yeo-2001, p. 12", [Cite("yeo-2001", "p. 12")]),
        ("@kunadze-1999, pp. 5–8", [Cite("kunadze-1999", "pp. 5–8")]),
        ("@treaty-2000, art. 2", [Cite("treaty-2000", "art. 2")]),
        ("@a, p. 1; @b", [Cite("a", "p. 1"), Cite("b")]),
        ("@a, p. 1;@b, p. 2", [Cite("a", "p. 1"), Cite("b", "p. 2")]),
        ("see @a, p. 3", [Cite("a", "p. 3", "see")]),
        # Keys as reference managers write them: capitals, "_", ":", "/" and ".".
        ("@Yeo2001", [Cite("Yeo2001")]),
        ("@Kim:2001; @yeo_2001, p. 4", [Cite("Kim:2001"), Cite("yeo_2001", "p. 4")]),
        ("@doi:10.1000/xyz, p. 3", [Cite("doi:10.1000/xyz", "p. 3")]),
        ("see @{Kim:2001}, p. 3", [Cite("Kim:2001", "p. 3", "see")]),   # pandoc's braces
        ("@yeo--2001", None),             # two marks in a row
        ("@yeo!2001", None),              # a character no key may hold
        ("@{yeo-2001.}", None),           # braces do not make any key allowed
        ("@a p. 3", None),                # missing comma
        ("@a; b", None),                  # second item without @
        ("-@a", None),                    # suppress-author is not used in notes
    ],
)
def test_parse_cluster(body, cites):
    assert parse_cluster(body) == cites


def keys(text):
    return [[c.key for c in cl.cites] for cl in scan_page(text, "docs/p.md").clusters]


@pytest.mark.parametrize(
    "text, found",
    [
        # (Markdown, the clusters found, as key lists)
        ("Text [@a].", [["a"]]),
        ("Text [@a, p. 1; @b].", [["a", "b"]]),
        # Not citations: code, comments, escapes, links and link text, e-mail addresses.
        ("Code `[@a]` here.", []),
        ("``x `[@a]` y``", []),
        ("```\n[@a]\n```\n", []),
        ("    ~~~~\n    [@a]\n    ~~~~\n", []),
        ("<!-- [@a] -->", []),
        ("\\[@a] escaped", []),
        ("A link [@a](https://example.org).", []),
        ("A link [see [@a]](https://example.org).", []),
        ("A reference link [@a][ref].", []),
        ("![alt [@a]](x.png)", []),
        ("Mail [me@example.org].", []),
        # Citations in lists, admonitions and tables are citations.
        ("- item [@a]\n", [["a"]]),
        ("!!! note\n    In a box [@a].\n", [["a"]]),
        ("| x |\n| - |\n| cell [@a] |\n", [["a"]]),
    ],
)
def test_what_counts_as_a_citation(text, found):
    assert keys(text) == found


def test_mask_keeps_length_and_lines():
    text = "a `[@x]`\n```\n[@y]\n```\n<!--\n[@z] -->\n"
    masked = mask(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    assert "@" not in masked


PAGE = """# Chapter { #chapter }

Opening [@a, p. 1].
A claim of ours[^ours] follows.

[^ours]: Our note cites [@b, art. 2] and
lazily [@a].

## Section { #section }

- In a list [@c; @a, p. 4].
"""


def test_slots_are_in_reading_order_with_our_note_at_its_marker():
    scan = scan_page(PAGE, "docs/p.md")
    # Clusters are numbered in source order: the note's two clusters come after the marker's place.
    assert [(c.number, c.note) for c in scan.clusters] == [(1, None), (2, "ours"), (3, "ours"), (4, None)]
    slots = scan.slots()
    assert [(s.cluster.number if s.cluster else s.label) for s in slots] == [1, "ours", 4]
    assert [c.number for c in slots[1].inner] == [2, 3]


def test_section_of_a_citation_is_the_nearest_heading_with_an_id():
    scan = scan_page(PAGE, "docs/p.md")
    sections = [scan.section_at(scan.place_of(c)).id for c in scan.clusters]
    assert sections == ["chapter", "chapter", "chapter", "section"]
    assert [h.title for h in scan.headings] == ["Chapter", "Section"]


def test_line_numbers_count_the_front_matter():
    scan = scan_page(PAGE, "docs/p.md", line_offset=4)
    assert [c.line for c in scan.clusters] == [7, 10, 11, 15]


@pytest.mark.parametrize(
    "text, expected",
    [
        # (Markdown in, Markdown out): the space before a citation goes, the marker follows punctuation.
        ("In 2000 [@a, p. 1].", "In 2000.[^cite-1]\n\n[^cite-1]: ⟦cite:1⟧\n"),
        ("First [@a], then", "First,[^cite-1] then\n\n[^cite-1]: ⟦cite:1⟧\n"),
        ("the \"Federal Council\" [@a]\n", "the \"Federal Council\"[^cite-1]\n\n[^cite-1]: ⟦cite:1⟧\n"),
        ("(as Yeo says [@a])", "(as Yeo says[^cite-1])\n\n[^cite-1]: ⟦cite:1⟧\n"),
        # Our notes keep their marker; their citations become inline placeholders.
        ("Text[^n].\n\n[^n]: See [@a, p. 2].\n", "Text[^n].\n\n[^n]: See ⟦cite:1⟧.\n"),
        # Untouched: code and links.
        ("`[@a]` and [@a](u)", "`[@a]` and [@a](u)"),
    ],
)
def test_rewrite(text, expected):
    assert rewrite_page(scan_page(text, "docs/p.md")) == expected


def test_placeholder_is_plain_text_markdown_leaves_alone():
    assert placeholder(12) == "⟦cite:12⟧"


@pytest.mark.parametrize(
    "text, line, problem",
    [
        # (Markdown, line of the error, what the message says)
        ("Fine.\nBad [@Yeo!2001].", 2, "malformed citation '[@Yeo!2001]'"),
        ("Bad [@Yeo--2001].", 1, "keys may hold letters of either case"),
        ("Split [@_a, p. 1;\n@b].", 1, "malformed citation '[@_a, p. 1;'"),
        ("Split [@{Kim:2001}, p. 1;\n@b].", 1, "malformed citation '[@{Kim:2001}, p. 1;'"),
        ("Bad [@a p. 3].", 1, "malformed citation '[@a p. 3]'"),
        ("Split [@a, p. 1;\n@b].", 1, "malformed citation '[@a, p. 1;'"),
        ("Text[^gone].", 1, "note '[^gone]' has no definition"),
        ("Text.\n\n[^idle]: Never used.\n", 3, "note '[^idle]' is defined but never used"),
        ("Text[^a].\n\n[^a]: Holds[^b].\n\n[^b]: Inner.\n", 3, "note '[^b]' is used inside the note '[^a]'"),
        ("Text[^cite-1].\n\n[^cite-1]: Mine.\n", 1, "note label '[^cite-1]' starts with 'cite-'"),
        ("One [@a] [@b].", 1, "two citations side by side"),
        ("A[^n] b.\n\n[^n]: One.\n\n[^n]: Two.\n", 5, "note '[^n]' is defined twice (first on line 3)"),
        ("## Heading [@a] { #h }\n", 1, "a citation in a heading"),
    ],
)
def test_bad_markup_names_page_line_and_fix(text, line, problem):
    with pytest.raises(BookError) as err:
        scan_page(text, "docs/chapters/x.md")
    message = str(err.value)
    assert message.startswith(f"docs/chapters/x.md:{line}: "), message
    assert problem in message
    assert "Fix:" in message
