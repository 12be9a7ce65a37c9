"""Word-level differences between two versions of a paragraph, and when there is none.

Pure functions, text in, text out. Two texts are the same when they differ
only in whitespace or in the shape of their quotes and apostrophes (typographic
or straight): an edition that only changes those has not changed the words a
teacher assigned. The difference is marked with ``<del>`` and ``<ins>``, each
with a hidden "deleted:"/"inserted:" for screen readers (which announce the
elements themselves only in some modes) and struck-through or underlined
words, so colour is never the only cue.
"""
from __future__ import annotations

import difflib
import html

# Typographic quotes and apostrophes, primes and no-break spaces read as their plain forms.
PLAIN = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
})
HIDDEN = '<span class="sb-visually-hidden">{}</span>'


def normalize(text: str) -> str:
    """The words that count: quotes made plain, whitespace collapsed."""
    return " ".join(text.translate(PLAIN).split())


def same(old: str, new: str) -> bool:
    """True when the two texts differ at most in whitespace and the shape of quotes."""
    return normalize(old) == normalize(new)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The change from ``old`` to ``new`` as ``(op, words)``, op ``"="``, ``"-"`` or ``"+"``.

    Words are compared in their plain form (``normalize``) and shown as the
    new text writes them (deleted words as the old one did).
    """
    old_words, new_words = old.split(), new.split()
    matcher = difflib.SequenceMatcher(None, [normalize(w) for w in old_words],
                                      [normalize(w) for w in new_words], autojunk=False)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("=", " ".join(new_words[j1:j2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(old_words[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(new_words[j1:j2])))
    return out


def diff_html(ops: list[tuple[str, str]]) -> str:
    """The difference as HTML: ``<del>`` and ``<ins>`` with words a screen reader says."""
    parts = []
    for op, words in ops:
        text = html.escape(words)
        if op == "-":
            parts.append(f'<del>{HIDDEN.format("[deleted: ")}{text}{HIDDEN.format("]")}</del>')
        elif op == "+":
            parts.append(f'<ins>{HIDDEN.format("[inserted: ")}{text}{HIDDEN.format("]")}</ins>')
        else:
            parts.append(text)
    return " ".join(parts)


def counts(ops: list[tuple[str, str]]) -> tuple[int, int]:
    """(words deleted, words inserted)."""
    deleted = sum(len(w.split()) for op, w in ops if op == "-")
    inserted = sum(len(w.split()) for op, w in ops if op == "+")
    return deleted, inserted
