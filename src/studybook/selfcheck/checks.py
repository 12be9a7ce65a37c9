"""Check a chapter's self-check questions; the first problem stops the build with the file, line and fix.

What is checked (``check``), in source order:

- the options name an ``id`` of the form ``q-...``, a ``kind`` (single, multiple,
  order) and at least one ``evidence`` id, and nothing else;
- a single-choice question has exactly one right option, a multiple-select
  question at least one, and a choice question at least two options;
- an order question has at least three numbered items, written 1, 2, 3 ... in
  the right order;
- every option has an explanation;
- every evidence id is an id written in this chapter's source (``{ #p-xxxx }``,
  ``studybook.anchors.ids``);
- no question id is used twice, in the chapter or in the book (the teacher's
  page gathers them all), nor repeats an id of the chapter.
"""
from __future__ import annotations

import re

from studybook.anchors.ids import ids_in
from studybook.errors import BookError
from studybook.selfcheck.syntax import KEYS, KINDS, Question

QUESTION_ID = re.compile(r"^q-[a-z0-9]+(-[a-z0-9]+)*$")


def check(questions: list[Question], source: str, path: str, seen: dict[str, str] | None = None) -> None:
    """Raise ``BookError`` for the first problem; ``seen`` maps question ids met so far to 'path:line'."""
    seen = {} if seen is None else seen
    page_ids = {i for _, i in ids_in(source)}
    for q in questions:
        _check_keys(q, path)
        where = f"{path}:{q.line}"
        if q.id in seen:
            raise BookError(path, q.key_lines.get("id", q.line),
                            f"the question id '{q.id}' is already used at {seen[q.id]}",
                            "give this question another id (`id: q-...`, unique in the book)")
        if q.id in page_ids:
            raise BookError(path, q.key_lines.get("id", q.line),
                            f"the question id '{q.id}' is also an id of a heading or paragraph in this chapter",
                            "give the question another id")
        seen[q.id] = where
        _check_options(q, path)
        for evidence in q.evidence:
            if evidence not in page_ids:
                raise BookError(path, q.key_lines.get("evidence", q.line),
                                f"the evidence id '{evidence}' of question '{q.id}' is not an id in this chapter",
                                "use the id of the paragraph that holds the evidence: the `{ #p-xxxx }` "
                                "line under it in this file")


def _check_keys(q: Question, path: str) -> None:
    unknown = sorted(set(q.keys) - set(KEYS))
    if unknown:
        raise BookError(path, q.key_lines.get(unknown[0], q.line),
                        f"the question has an unknown option '{unknown[0]}'",
                        "use only id, kind and evidence")
    if not q.title:
        raise BookError(path, q.line, "the question has no text",
                        "write it after a bar on the /// line: `/// question | The question?`")
    if not q.id or not QUESTION_ID.match(q.id):
        raise BookError(path, q.key_lines.get("id", q.line),
                        f"the question's id is {repr(q.id) if q.id else 'missing'}",
                        "give it an id like `id: q-credit-line`: q- and lowercase words joined by hyphens")
    if q.kind not in KINDS:
        raise BookError(path, q.key_lines.get("kind", q.line),
                        f"the question '{q.id}' has kind {repr(q.kind) if q.kind else 'missing'}",
                        "write `kind: single` (one right answer), `kind: multiple` (one or more) "
                        "or `kind: order` (put the items in order)")
    if not q.evidence or not all(q.evidence):
        raise BookError(path, q.key_lines.get("evidence", q.line),
                        f"the question '{q.id}' names no evidence",
                        "add `evidence: [p-xxxx]`: the ids of the paragraphs that hold the answer")


def _check_options(q: Question, path: str) -> None:
    if q.kind == "order":
        if q.style == "choice":
            raise BookError(path, q.options[0].line, f"the order question '{q.id}' has `- [ ]` options",
                            "write its items as a numbered list in the right order: 1., 2., 3. ...")
        if len(q.options) < 3:
            raise BookError(path, q.line, f"the order question '{q.id}' has {len(q.options)} item(s)",
                            "give it at least three numbered items")
        for n, option in enumerate(q.options, 1):
            if option.number != n:
                raise BookError(path, option.line,
                                f"item {n} of the order question '{q.id}' is numbered {option.number}",
                                "number the items 1, 2, 3 ... in the right order")
    else:
        if q.style == "numbered":
            raise BookError(path, q.options[0].line,
                            f"the {q.kind}-choice question '{q.id}' has numbered items",
                            "write its options as `- [x] right` and `- [ ] wrong`")
        if len(q.options) < 2:
            raise BookError(path, q.line, f"the question '{q.id}' has {len(q.options)} option(s)",
                            "give it at least two options")
        right = sum(o.right for o in q.options)
        if q.kind == "single" and right != 1:
            raise BookError(path, q.line,
                            f"the single-choice question '{q.id}' has {right} right answers, not exactly one",
                            "mark exactly one option `- [x]`, or make it `kind: multiple`")
        if q.kind == "multiple" and right == 0:
            raise BookError(path, q.line, f"the multiple-select question '{q.id}' has no right answer",
                            "mark at least one option `- [x]`")
    for option in q.options:
        if not option.explanation:
            raise BookError(path, option.line, f"an option of question '{q.id}' has no explanation",
                            "write, indented under the option, why it is right or what it confuses")
