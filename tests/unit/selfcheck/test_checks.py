"""Bad input for every self-check rule stops with the file, the line and the fix (studybook.selfcheck)."""
from __future__ import annotations

import pytest

from studybook.errors import BookError
from studybook.selfcheck import checks, syntax

PATH = "docs/chapters/c.md"
CHAPTER = "# C { #c }\n\nText.\n{ #p-aaaa }\n\nMore.\n{ #p-bbbb }\n\n"   # 8 lines: questions start on line 9


def block(title="Why?", keys="id: q-one\nkind: single\nevidence: [p-aaaa]",
          body="- [x] Right.\n    Because.\n- [ ] Wrong.\n    Confuses."):
    indented = "\n".join("    " + k for k in keys.split("\n")) if keys else ""
    return f"/// question | {title}\n{indented}\n\n{body}\n///\n".replace("\n\n\n", "\n\n")


def run(*blocks, seen=None):
    source = CHAPTER + "\n".join(blocks)
    checks.check(syntax.parse(source, PATH), source, PATH, seen)


def test_a_good_question_passes():
    run(block(), block(keys="id: q-two\nkind: order\nevidence: [p-aaaa, p-bbbb]",
                       body="1. First\n    Why first.\n2. Second\n    Why.\n3. Third\n    Why."))


# (what the writer wrote, the line the error names, words of the message, words of the fix)
BAD = [
    (block(body="- [x] A.\n    a\n- [x] B.\n    b"), 9, "2 right answers, not exactly one", "exactly one"),
    (block(body="- [ ] A.\n    a\n- [ ] B.\n    b"), 9, "0 right answers", "kind: multiple"),
    (block(body="- [x] A.\n    a\n- [ ] B."), 16, "has no explanation", "indented under the option"),
    (block(keys="id: q-one\nkind: single\nevidence: [p-zzzz]"), 12, "'p-zzzz'", "{ #p-xxxx }"),
    (block(keys="id: q-one\nkind: single"), 9, "names no evidence", "evidence: [p-xxxx]"),
    (block(keys="id: one\nkind: single\nevidence: [p-aaaa]"), 10, "id is 'one'", "q-"),
    (block(keys="id: q-one\nkind: pick\nevidence: [p-aaaa]"), 11, "kind 'pick'", "kind: single"),
    (block(keys="id: q-one\nkind: single\nevidence: [p-aaaa]\nhint: x"), 13, "unknown option 'hint'", "id, kind"),
    (block(title=""), 9, "no text", "/// question | The question?"),
    (block(keys="id: q-one\nkind: multiple\nevidence: [p-aaaa]", body="- [ ] A.\n    a\n- [ ] B.\n    b"),
     9, "no right answer", "at least one"),
    (block(keys="id: q-one\nkind: order\nevidence: [p-aaaa]", body="1. A\n    a\n3. B\n    b\n2. C\n    c"),
     16, "numbered 3", "1, 2, 3"),
    (block(keys="id: q-one\nkind: order\nevidence: [p-aaaa]", body="1. A\n    a\n2. B\n    b"), 9,
     "2 item(s)", "at least three"),
    (block(keys="id: q-one\nkind: order\nevidence: [p-aaaa]"), 14, "has `- [ ]` options", "numbered list"),
    (block(body="Some words.\n- [x] A.\n    a"), 14, "not an option", "/// question | The question?"),
    ("/// question | Why?\n    id: q-one\n\n- [x] A.\n    a\n", 9, "not closed", "///"),
    (block(keys="id: p-aaaa\nkind: single\nevidence: [p-aaaa]"), 10, "id is 'p-aaaa'", "q-"),
]


@pytest.mark.parametrize("text, line, problem, fix", BAD)
def test_bad_questions_stop_with_line_and_fix(text, line, problem, fix):
    with pytest.raises(BookError) as caught:
        run(text)
    e = caught.value
    assert (e.path, e.line) == (PATH, line), str(e)
    assert problem in e.problem and fix in e.fix, str(e)


def test_a_repeated_id_names_both_places():
    with pytest.raises(BookError) as caught:
        run(block(), block())
    assert "'q-one' is already used at docs/chapters/c.md:9" in caught.value.problem
    assert caught.value.line == 21   # the second block's id line


def test_an_id_used_in_another_chapter_is_refused():
    with pytest.raises(BookError) as caught:
        run(block(), seen={"q-one": "docs/chapters/other.md:40"})
    assert "docs/chapters/other.md:40" in caught.value.problem
