"""Read the self-check questions written in a chapter's Markdown source (text in, questions out).

A question is a block in the style of pymdown-extensions' blocks, readable as
plain text (CONTRIBUTING.md, "Self-check questions")::

    /// question | Why, in Yeo's account, did Yeltsin first favour South Korea?
        id: q-pro-seoul
        kind: single
        evidence: [p-h68k]

    - [x] Moscow expected aid and investment from the South.
        Right: Yeo gives an economic reason.
    - [ ] Kim Il Sung's death had freed Moscow's hands.
        That death ended the pro-Seoul phase; it did not start it.
    ///

- the title line holds the question;
- the indented options (YAML) give its ``id`` (``q-...``), its ``kind``
  (``single``, ``multiple`` or ``order``) and its ``evidence``: the ids of the
  chapter's paragraphs (or headings) that hold the answer;
- the body is a list: ``- [x]`` a right option, ``- [ ]`` a wrong one; for
  ``order``, a numbered list in the right order (``1.``, ``2.``, ...). Each
  item's indented lines are its explanation.

``parse`` only reads; ``studybook.selfcheck.checks`` says what is wrong.
Malformed syntax (an unclosed block, a line that is not an option) is an error
here, with the line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from studybook.errors import BookError, yaml_error

OPEN = re.compile(r"^///[ \t]+question[ \t]*(?:\|[ \t]*(?P<title>.*?))?[ \t]*$")
CLOSE = re.compile(r"^///[ \t]*$")
CHOICE = re.compile(r"^[-*+][ \t]+\[(?P<mark>[ xX])\][ \t]+(?P<text>\S.*?)[ \t]*$")
NUMBERED = re.compile(r"^(?P<number>\d+)[.)][ \t]+(?P<text>\S.*?)[ \t]*$")
KINDS = ("single", "multiple", "order")
KEYS = ("id", "kind", "evidence")


@dataclass
class Option:
    text: str               # Markdown, one line
    explanation: str        # Markdown, may be empty (checks.py refuses that)
    line: int               # 1-based line of the item in the source
    right: bool = False     # choice questions: marked [x]
    number: int | None = None   # order questions: the position the writer gave it


@dataclass
class Question:
    title: str              # the question, Markdown
    line: int               # the /// line, 1-based
    id: str | None = None
    kind: str | None = None
    evidence: list[str] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    style: str = ""         # "choice" or "numbered": how the options were written
    source: str = ""        # the block's exact text, from /// to ///
    keys: dict = field(default_factory=dict)   # the options as written (checks unknown keys)
    key_lines: dict = field(default_factory=dict)


def _fences(lines: list[str]):
    """Yield (index, inside a code fence) for each line."""
    fence = None
    for i, line in enumerate(lines):
        s = line.strip()
        if fence:
            yield i, True
            if s.startswith(fence):
                fence = None
            continue
        if s.startswith(("```", "~~~")):
            fence = s[:3]
            yield i, True
            continue
        yield i, False


def parse(text: str, path: str, first_line: int = 1) -> list[Question]:
    """Every question block in ``text`` (a page's Markdown); ``first_line`` is the file line of its first line."""
    lines = text.split("\n")
    out: list[Question] = []
    plain = [i for i, in_code in _fences(lines) if not in_code]
    k = 0
    while k < len(plain):
        i = plain[k]
        m = OPEN.match(lines[i])
        if not m:
            k += 1
            continue
        end = next((j for j in plain[k + 1:] if CLOSE.match(lines[j]) or OPEN.match(lines[j])), None)
        if end is None or OPEN.match(lines[end]):
            raise BookError(path, first_line + i, "a question block is not closed",
                            "end the question with a line of three slashes: ///")
        out.append(_question(lines, i, end, m.group("title") or "", path, first_line))
        k = plain.index(end) + 1
    return out


def _question(lines: list[str], start: int, end: int, title: str, path: str, first_line: int) -> Question:
    q = Question(title=title.strip(), line=first_line + start,
                 source="\n".join(lines[start:end + 1]))
    i = start + 1
    yaml_lines = []
    while i < end and lines[i][:1] in (" ", "\t") and lines[i].strip():
        yaml_lines.append(lines[i])
        i += 1
    if yaml_lines:
        try:
            keys = yaml.safe_load(_dedent(yaml_lines))
        except yaml.YAMLError as exc:
            raise yaml_error(exc, path, first_line + start + 1) from None
        if not isinstance(keys, dict):
            raise BookError(path, first_line + start + 1, "the question's options are not `key: value` lines",
                            "write them indented under the /// line: id, kind and evidence")
        q.keys = keys
        for n, line in enumerate(yaml_lines):
            name = line.strip().split(":", 1)[0]
            q.key_lines.setdefault(name, first_line + start + 1 + n)
        q.id = keys.get("id") if isinstance(keys.get("id"), str) else None
        q.kind = keys.get("kind") if isinstance(keys.get("kind"), str) else None
        evidence = keys.get("evidence")
        if isinstance(evidence, str):
            evidence = [e.strip() for e in evidence.split(",")]
        q.evidence = [str(e).lstrip("#") for e in evidence or []] if isinstance(evidence, (list, str)) else []
    current: Option | None = None
    for j in range(i, end):
        line = lines[j]
        if not line.strip():
            continue
        if line[:1] in (" ", "\t"):
            if current is None:
                raise BookError(path, first_line + j, "an indented line comes before the first option",
                                "put the question's id, kind and evidence right under the /// line, "
                                "with no blank line, and the explanations under their options")
            current.explanation = (current.explanation + "\n" + line.strip()).strip()
            continue
        choice, numbered = CHOICE.match(line), NUMBERED.match(line)
        if choice:
            current = Option(choice.group("text"), "", first_line + j, right=choice.group("mark") != " ")
            style = "choice"
        elif numbered:
            current = Option(numbered.group("text"), "", first_line + j, number=int(numbered.group("number")))
            style = "numbered"
        else:
            raise BookError(path, first_line + j, "a line in the question block is not an option",
                            "write the question on the /// line (`/// question | The question?`) and "
                            "only options below it: `- [x] right`, `- [ ] wrong`, or `1. first` for an "
                            "order question, each with its explanation indented beneath")
        if q.style and q.style != style:
            raise BookError(path, first_line + j, "the question mixes `- [ ]` options and numbered items",
                            "use `- [x]`/`- [ ]` for single and multiple questions, `1.`, `2.`... for order")
        q.style = style
        q.options.append(current)
    return q


def _dedent(lines: list[str]) -> str:
    indent = min(len(line) - len(line.lstrip()) for line in lines)
    return "\n".join(line[indent:] for line in lines)
