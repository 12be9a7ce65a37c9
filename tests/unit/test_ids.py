"""studybook.ids: paragraphs get stable ids stored in the source."""
from studybook.ids import assign_ids, find_paragraphs, main, problems

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
    assert after == ["p-new1"] + before


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
