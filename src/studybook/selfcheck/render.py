"""What the questions become: the chapter's form (HTML for md_in_html) and the teacher's answer list (Markdown).

Both are pure functions of the parsed questions (``syntax``) and the chapter
source. The chapter's block is HTML whose texts keep their Markdown
(``markdown="span"``, read by the md_in_html extension), so term links, notes
and quotation marks are handled by the same plugins as the rest of the page.
It is marked ``sb-generated``: the id check and the anchor manifest leave its
contents alone, and the question ids (``q-...``) are the only ids it adds.

Order questions are shown in a fixed shuffled order (``shown_order``), never
the right one, so the page is the same on every build and in print.
"""
from __future__ import annotations

import hashlib
import posixpath
import random
import re
from dataclasses import dataclass

from studybook.anchors.ids import find_headings, find_paragraphs
from studybook.selfcheck.syntax import Option, Question
from studybook.teaching.questions import rewrite_links
from studybook.templating import environment

TEMPLATES = environment(__file__)   # templates/chapter.html
HINTS = {
    "single": "Choose one answer.",
    "multiple": "Choose every answer that applies.",
    "order": "Put the items in order, first at the top.",
}
KIND_NAMES = {"single": "single choice", "multiple": "choose all that apply", "order": "put in order"}
EXCERPT_WORDS = 6


@dataclass
class EvidenceLink:
    id: str
    label: str      # Markdown-free words: the paragraph beginning "..."


def plain(markdown: str) -> str:
    """A line of Markdown as plain words: links keep their text; notes, citations and attributes go."""
    text = re.sub(r"\[\^[^\]]+\]|\[@[^\]]*\]|\{[^}]*\}", "", markdown)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def anchor_texts(source: str) -> dict[str, str]:
    """Each id of the chapter source -> a short label: a heading's words, or a paragraph's first words."""
    lines = source.split("\n")
    out = {h.id: f"the section “{plain(h.text)}”" for h in find_headings(source) if h.id}
    for p in find_paragraphs(source):
        if p.id:
            words = plain(" ".join(lines[p.start:p.end])).split()
            shown = " ".join(words[:EXCERPT_WORDS])
            if len(words) > EXCERPT_WORDS:
                shown = shown.rstrip(".,;:!?") + "…"
            out[p.id] = f"the paragraph beginning “{shown}”"
    return out


def shown_order(q: Question) -> list[Option]:
    """The order items as the page shows them: shuffled by the question id, never already in order."""
    items = list(q.options)
    seed = int.from_bytes(hashlib.sha256(q.id.encode()).digest()[:8], "big")
    random.Random(seed).shuffle(items)
    if [o.number for o in items] == sorted(o.number for o in items):
        items = items[1:] + items[:1]
    return items


def chapter_block(questions: list[Question], source: str, key: str) -> str:
    """The chapter's "Check your understanding" form, as HTML with Markdown inside (md_in_html)."""
    texts = anchor_texts(source)
    for q in questions:
        q.shown = shown_order(q) if q.kind == "order" else q.options
        q.evidence_links = [EvidenceLink(e, texts[e]) for e in q.evidence]
    html = TEMPLATES.get_template("chapter.html").render(questions=questions, key=key, hints=HINTS)
    return re.sub(r"\n{2,}", "\n", html)   # an HTML block must not contain blank lines


def answers_markdown(questions: list[Question], source: str, src_uri: str, page_uri: str) -> str:
    """One chapter's questions with their answers, for the teacher's page (Markdown)."""
    texts = anchor_texts(source)
    link = _relative(src_uri, page_uri)
    out = []
    for n, q in enumerate(questions, 1):
        evidence = "; ".join(f"[{texts[e]}]({link}#{e})" for e in q.evidence)
        out.append(f"{n}. **{q.title}** ({KIND_NAMES[q.kind]})\n")
        out.append(f"    Evidence: {evidence}." + (" The right order:" if q.kind == "order" else "") + "\n")
        for k, o in enumerate(q.options, 1):
            mark = f"{k}." if q.kind == "order" else ("- **Right:**" if o.right else "- Wrong:")
            why = " ".join(o.explanation.split("\n"))
            out.append(f"    {mark} {o.text}\n\n        {why}\n")
    return rewrite_links("\n".join(out), src_uri, page_uri)


def _relative(src_uri: str, page_uri: str) -> str:
    return posixpath.relpath(src_uri, posixpath.dirname(page_uri) or ".")
