"""Key terms: each chapter's list of its most important glossary terms, made from the glossary.

The writer names the terms in the chapter's front matter, in the order they
should be listed::

    key_terms: [friendship-treaty-2000, alliance-treaty-1961, perry-report]

The build puts a "Key terms" section right after the chapter's "Key
takeaways": each term links to its glossary page, followed by its
one-sentence definition, taken from that page (``studybook.glossary.terms``),
so a definition is written once. The section is a generated block
(``sb-generated``): the id check does not ask for paragraph ids in it, and
its links count neither as previews nor as "Where this term appears".

The build stops, naming the chapter, the line and the fix, when a chapter has
no ``key_terms``, lists more than ``MAX_TERMS``, lists a term twice, lists a
slug with no glossary page, or lists a term its text never links to (a key
term must be met in the reading, not only in the list).
"""
from __future__ import annotations

import posixpath
import re

from studybook.errors import BookError
from studybook.glossary.terms import GLOSSARY_DIR, Term

KEY = "key_terms"
HEADING_ID = "key-terms"
AFTER_ID = "key-takeaways"
MAX_TERMS = 10
H2 = re.compile(r"^## ", re.M)


def key_line(markdown: str) -> int | None:
    """The line of the ``key_terms:`` front-matter key (the page source starts with the front matter)."""
    m = re.search(rf"^{KEY}\s*:", markdown, re.M)
    return markdown.count("\n", 0, m.start()) + 1 if m else None


def listed_terms(meta: dict, path: str, line: int | None) -> list[str]:
    """The chapter's key-term slugs from its front matter, checked for form."""
    raw = meta.get(KEY)
    example = f"{KEY}: [abm-treaty, trans-korean-railway]"
    if raw is None:
        raise BookError(path, None, "the chapter has no key terms",
                        f"list 5 to {MAX_TERMS} glossary slugs in its front matter, e.g. '{example}'")
    if not isinstance(raw, list) or not raw or not all(isinstance(s, str) and s for s in raw):
        raise BookError(path, line, f"'{KEY}' must be a non-empty list of glossary slugs",
                        f"write it as '{example}'")
    if len(raw) > MAX_TERMS:
        raise BookError(path, line, f"{len(raw)} key terms (at most {MAX_TERMS})",
                        "keep the terms a student most needs for this chapter")
    seen = set()
    for slug in raw:
        if slug in seen:
            raise BookError(path, line, f"key term '{slug}' is listed twice", "list each term once")
        seen.add(slug)
    return list(raw)


def linked_slugs(markdown: str, page_uri: str) -> set[str]:
    """The glossary slugs the chapter's Markdown links to (``term:`` links or plain links)."""
    found = set(re.findall(r"\]\(term:([^)#\s]+)", markdown))
    page_dir = posixpath.dirname(page_uri)
    for target in re.findall(r"\]\(([^)#\s:]+\.md)", markdown):
        path = posixpath.normpath(posixpath.join(page_dir, target))
        folder, name = posixpath.split(path)
        if folder == GLOSSARY_DIR:
            found.add(name[:-3])
    return found


def check_terms(slugs: list[str], terms: dict[str, Term], markdown: str, page_uri: str,
                path: str, line: int | None) -> None:
    """Every key term has a glossary page and is linked in the chapter's text."""
    linked = linked_slugs(markdown, page_uri)
    for slug in slugs:
        if slug not in terms:
            near = ", ".join(sorted(s for s in terms if s[:1] == slug[:1])) or "none"
            raise BookError(path, line, f"key term '{slug}' has no glossary page",
                            f"create docs/{GLOSSARY_DIR}/{slug}.md or use an existing slug "
                            f"(terms starting with '{slug[:1]}': {near})")
        if slug not in linked:
            raise BookError(path, line, f"key term '{slug}' is never linked in the chapter's text",
                            f"link it where the chapter first discusses it, e.g. "
                            f"[{terms[slug].title}](term:{slug}), or take it off the list")


def section(slugs: list[str], terms: dict[str, Term]) -> str:
    """The "Key terms" section, as Markdown inside a generated HTML block (md_in_html)."""
    items = []
    for slug in slugs:
        title = terms[slug].title.replace("[", r"\[").replace("]", r"\]")
        items += [f"[{title}](term:{slug})", f":   {terms[slug].definition_md}", ""]
    return "\n".join([
        f'<section class="sb-key-terms sb-generated" markdown="1" aria-labelledby="{HEADING_ID}">',
        "",
        f"## Key terms {{ #{HEADING_ID} }}",
        "",
        *items,
        "</section>",
        "",
    ])


def insert_section(markdown: str, block: str, path: str) -> str:
    """Put ``block`` after the "Key takeaways" section, before the next level-2 heading."""
    m = re.search(rf"^## .*\{{ #{AFTER_ID} \}}[ \t]*$", markdown, re.M)
    if not m:
        raise BookError(path, None, "the chapter has no 'Key takeaways' section for the key terms to follow",
                        f"add '## Key takeaways {{ #{AFTER_ID} }}' with the chapter's takeaways")
    nxt = H2.search(markdown, m.end())
    at = nxt.start() if nxt else len(markdown)
    before = markdown[:at].rstrip("\n") + "\n\n"
    return before + block + "\n" + markdown[at:]


def render_key_terms(markdown: str, meta: dict, terms: dict[str, Term], page_uri: str,
                     source: str | None = None) -> str:
    """The chapter's Markdown with its "Key terms" section; raises ``BookError`` on a bad list."""
    path = f"docs/{page_uri}"
    line = key_line(source) if source else None
    slugs = listed_terms(meta, path, line)
    check_terms(slugs, terms, markdown, page_uri, path, line)
    return insert_section(markdown, section(slugs, terms), path)
