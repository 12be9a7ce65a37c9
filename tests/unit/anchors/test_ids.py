"""studybook.anchors.ids: paragraphs get stable ids stored in the source."""
from studybook.anchors.ids import assign_ids, find_paragraphs, main, problems

PAGE = """---
title: T
---

# Title { #title }

!!! abstract "Objectives"

    - one

First paragraph,
second line.

- a list item
- another

## Section { #section }

Second paragraph.
{ #p-keep }

![A figure](fig.svg)

> a quotation

| a | b |
|---|---|

[^n]: A note.
"""


def test_only_body_paragraphs_are_found():
    paras = find_paragraphs(PAGE)
    texts = [PAGE.split("\n")[p.start] for p in paras]
    assert texts == ["First paragraph,", "Second paragraph."]
    assert [p.id for p in paras] == [None, "p-keep"]


def test_assign_adds_an_id_line_after_the_paragraph_and_keeps_existing_ones():
    new, added = assign_ids(PAGE, "t")
    assert added == 1
    lines = new.split("\n")
    i = lines.index("second line.")
    assert lines[i + 1].startswith("{ #p-") and lines[i + 1].endswith(" }")
    assert "{ #p-keep }" in new
    # Running again changes nothing: ids are assigned once.
    assert assign_ids(new, "t") == (new, 0)


def test_editing_text_keeps_the_id():
    new, _ = assign_ids(PAGE, "t")
    edited = new.replace("First paragraph,", "A rewritten first paragraph,").replace(
        "# Title { #title }", "# Title { #title }\n\nA new paragraph before it.\n{ #p-new1 }")
    before = [p.id for p in find_paragraphs(new)]
    after = [p.id for p in find_paragraphs(edited)]
    assert after == ["p-new1", *before]


def test_problems_report_missing_and_duplicate_ids():
    assert problems(PAGE, "c.md") == ["c.md:11: paragraph has no id; run `make ids`"]
    dup = "One.\n{ #p-a }\n\nTwo.\n{ #p-a }\n"
    assert problems(dup, "c.md") == [
        "c.md:5: id '#p-a' is already used on line 2; give one of them a new id (delete it and run `make ids`)"
    ]


def test_command_line_check_and_write(tmp_path, capsys):
    page = tmp_path / "c.md"
    page.write_text("Text.\n")
    assert main(["--check", str(tmp_path)]) == 1
    assert main([str(tmp_path)]) == 0
    assert main(["--check", str(tmp_path)]) == 0
    assert page.read_text().startswith("Text.\n{ #p-")


# -- Headings --------------------------------------------------------------------

from studybook.anchors.ids import find_headings, find_problems, slugify  # noqa: E402


def test_headings_are_found_with_their_ids_outside_fences():
    text = "---\ntitle: T\n---\n\n# Title { #title }\n\n```\n# not a heading\n```\n\n## Plain\n\n    ## indented\n"
    heads = find_headings(text)
    assert [(h.line, h.level, h.text, h.id) for h in heads] == [
        (4, 1, "Title", "title"),
        (10, 2, "Plain", None),
    ]


# (heading text, ids already taken, expected slug)
SLUGS = [
    ("Putin's visit to Seoul, 2001", set(), "putins-visit-to-seoul-2001"),
    ("The TSR–TKR *railway* link", set(), "the-tsr-tkr-railway-link"),
    ("Key takeaways", {"key-takeaways"}, "key-takeaways-2"),
    ("1992: a new treaty", set(), "s-1992-a-new-treaty"),
    ("One two three four five six seven eight", set(), "one-two-three-four-five-six"),
    ("Прогноз", set(), "section"),
]


def test_slugify():
    for text, taken, expected in SLUGS:
        assert slugify(text, taken) == expected, text


def test_assign_gives_a_heading_without_id_a_slug_and_keeps_it_after_edits():
    text = "# Title { #title }\n\n## The credit line\n\nText.\n{ #p-aaaa }\n"
    new, added = assign_ids(text, "c")
    assert added == 1
    assert "## The credit line { #credit-line }" not in new  # slugs keep every word...
    assert "## The credit line { #the-credit-line }" in new
    # ...and are then fixed: rewording the heading keeps its id.
    edited = new.replace("The credit line", "The Soviet credit line")
    assert assign_ids(edited, "c") == (edited, 0)
    assert [h.id for h in find_headings(edited)] == ["title", "the-credit-line"]


def test_a_heading_without_id_is_a_problem():
    found = find_problems("# Title { #title }\n\n## Loose heading\n")
    assert [(p.line, p.problem, p.fix) for p in found] == [
        (3, "heading 'Loose heading' has no id", "run `make ids`")]
