"""Every chapter's discussion questions on one page, gathered at build time so they never drift.

docs/teaching/discussion-questions.md holds an introduction and a marker line::

    <!-- studybook:discussion-questions -->

This plugin replaces the marker with, for each chapter in nav order::

    ## Chapter 5. A new treaty with Pyongyang, 2000 { #treaty-with-pyongyang }

    [Read chapter 5](../chapters/treaty-with-pyongyang.md) · [...](...#discussion-questions)

    1. The chapter's questions, copied from its
       `## Discussion questions { #discussion-questions }` section.

Relative links inside the questions are re-pointed from the chapter to the
teaching page. It runs before the other plugins (priority 50), so the glossary
and citation plugins see the copied text like any other. A chapter without the
section, or a question that uses a note (``[^label]``, whose definition would
be left behind), stops the build with the file, the line and the fix.
"""
from __future__ import annotations

import posixpath
import re

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, event_priority

from studybook import book
from studybook.errors import BookError, config_error, line_of
from studybook.glossary import keyterms
from studybook.glossary.terms import Term, split_front_matter
from studybook.order import require

MARKER = "<!-- studybook:discussion-questions -->"
SECTION_ID = "discussion-questions"
SECTION = re.compile(r"^##[ \t]+[^\n]*\{[^}\n]*#" + SECTION_ID + r"\b[^}\n]*\}[ \t]*$", re.M)
END_OF_SECTION = re.compile(r"^#{1,2}[ \t]", re.M)     # the next h1 or h2
TITLE = re.compile(r"^#[ \t]+(?P<title>[^\n]+?)[ \t]*(\{[^}\n]*\})?[ \t]*$", re.M)
ID_LINE = re.compile(r"^\{:?[ \t]*#[^}\n]*\}[ \t]*\n?", re.M)   # a paragraph id line: { #p-7kq2 }
LINK = re.compile(r"\]\((?P<target>[^)\s]+)(?P<rest>[^)]*)\)")   # links and images
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")      # http:, mailto:, term: ...
NOTE_REF = re.compile(r"\[\^[^\]]+\]")


def chapter_title(markdown: str, src_uri: str) -> str:
    """The chapter's H1 text, without its ``{ #id }``."""
    m = TITLE.search(markdown)
    if not m:
        raise BookError(f"docs/{src_uri}", None, "the chapter has no level-1 heading",
                        "start the chapter with `# Title { #slug }`")
    return m.group("title").strip()


def discussion_section(markdown: str, src_uri: str) -> tuple[str, int]:
    """The body of the chapter's discussion-questions section and the line it starts on."""
    m = SECTION.search(markdown)
    if not m:
        raise BookError(f"docs/{src_uri}", None, "the chapter has no discussion questions",
                        "add a section `## Discussion questions { #discussion-questions }` "
                        "with a numbered list of questions")
    start = m.end()
    end = END_OF_SECTION.search(markdown, start)
    end = end.start() if end else len(markdown)
    raw = markdown[start:end]
    body = ID_LINE.sub("", raw).strip()
    if not body:
        raise BookError(f"docs/{src_uri}", line_of(markdown, m.start()), "the discussion-questions section is empty",
                        "add a numbered list of questions under the heading")
    note = NOTE_REF.search(raw)
    if note:
        raise BookError(f"docs/{src_uri}", line_of(markdown, start + note.start()),
                        f"a discussion question uses the note {note.group(0)}, which cannot be "
                        "gathered onto the teaching page",
                        "move the note's point into the question, or cite with [@key] instead")
    return body, line_of(markdown, start + len(raw) - len(raw.lstrip()))


def rewrite_links(text: str, from_uri: str, to_uri: str) -> str:
    """Re-point relative links in ``text`` (written in ``from_uri``) so they work from ``to_uri``."""
    from_dir, to_dir = posixpath.dirname(from_uri), posixpath.dirname(to_uri)

    def replace(m: re.Match) -> str:
        target = m.group("target")
        if SCHEME.match(target) or target.startswith("/"):
            return m.group(0)
        path, _, anchor = target.partition("#")
        source = posixpath.normpath(posixpath.join(from_dir, path)) if path else from_uri
        new = posixpath.relpath(source, to_dir or ".") + (f"#{anchor}" if anchor else "")
        return f"]({new}{m.group('rest')})"

    return LINK.sub(replace, text)


def key_terms_line(markdown: str, src_uri: str, terms: dict[str, Term]) -> str:
    """"Key terms: ..." with a term link for each of the chapter's key terms (studybook.glossary.keyterms)."""
    meta, _ = split_front_matter(markdown, f"docs/{src_uri}")
    slugs = [s for s in meta.get(keyterms.KEY) or [] if s in terms]     # the chapter's own build checks the list
    if not slugs:
        return ""
    return "Key terms: " + ", ".join(f"[{terms[s].title}](term:{s})" for s in slugs) + "\n\n"


def gather(chapters: list[tuple[str, str]], page_uri: str, terms: dict[str, Term] | None = None) -> str:
    """The Markdown that replaces the marker: each chapter's heading, links, key terms and questions."""
    blocks = []
    for number, (src_uri, markdown) in enumerate(chapters, start=1):
        title = chapter_title(markdown, src_uri)
        questions, _ = discussion_section(markdown, src_uri)
        slug = posixpath.splitext(posixpath.basename(src_uri))[0]
        link = posixpath.relpath(src_uri, posixpath.dirname(page_uri) or ".")
        blocks.append(
            f"## Chapter {number}. {title} {{ #{slug} }}\n\n"
            f"[Read chapter {number}]({link}) · "
            f"[The questions in the chapter]({link}#{SECTION_ID})\n\n"
            f"{key_terms_line(markdown, src_uri, terms or {})}"
            f"{rewrite_links(questions, src_uri, page_uri)}\n"
        )
    return "\n".join(blocks)


class QuestionsConfig(Config):
    page = c.Type(str, default="teaching/discussion-questions.md")


class QuestionsPlugin(BasePlugin[QuestionsConfig]):
    """Fill the teaching page's marker with every chapter's questions."""

    def on_config(self, config):
        require(config, "studybook-questions", "studybook-glossary", "the gathered page lists each chapter's key terms")
        self.chapter_files = []   # reset on every (re)build: `mkdocs serve` keeps the object
        return config

    def on_files(self, files, config):
        if files.get_file_from_path(self.config.page) is None:
            raise config_error(config, "studybook-questions", f"docs/{self.config.page}, the page for the gathered "
                               "questions, is missing", "create it with an introduction and the line " + MARKER
                               + ", or point the plugin's `page` option at the page that has it", option="page")
        return files

    def on_nav(self, nav, config, files):
        self.chapter_files = [p.file for p in nav.pages if book.is_chapter(p.file.src_uri)]
        return nav

    @event_priority(50)   # before the glossary and citation plugins rewrite the copied text
    def on_page_markdown(self, markdown, page, config, files):
        if page.file.src_uri != self.config.page:
            return markdown
        if MARKER not in markdown:
            raise BookError(f"docs/{page.file.src_uri}", None, "the marker for the gathered questions is missing",
                            f"put the line {MARKER} where the questions should go")
        if not self.chapter_files:
            raise config_error(config, "nav", f"no chapter pages under docs/{book.CHAPTERS} in nav",
                               f"list the chapters (docs/{book.CHAPTERS}<slug>.md) in the nav of mkdocs.yml")
        chapters = [(f.src_uri, f.content_string) for f in self.chapter_files]
        terms = config.plugins["studybook-glossary"].terms   # read in its on_files
        return markdown.replace(MARKER, gather(chapters, page.file.src_uri, terms))
