"""The ``studybook-selfcheck`` plugin: each chapter's questions as a form, and the teacher's page of answers.

Every chapter's source is parsed and checked once, in ``on_nav`` (so that a
question id is unique in the whole book, and the build stops before any page
is written); ``on_page_markdown`` then swaps each chapter's question blocks for
its form, and fills the teacher's page marker with every chapter's answers.
"""
from __future__ import annotations

import itertools

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, event_priority

from studybook import book
from studybook.errors import BookError, config_error
from studybook.selfcheck import checks, render, syntax
from studybook.teaching.questions import chapter_title

MARKER = "<!-- studybook:selfcheck-answers -->"


class SelfCheckConfig(Config):
    # The teacher's page that gathers every question with its answers.
    answers_page = c.Type(str, default="teaching/self-check-answers.md")
    # A chapter without questions stops the build.
    required = c.Type(bool, default=True)


def together(questions: list[syntax.Question], source: str, path: str) -> None:
    """Stop unless the chapter's question blocks follow one another (blank lines between them only)."""
    for before, after in itertools.pairwise(questions):
        gap = source[source.index(before.source) + len(before.source):source.index(after.source)]
        if gap.strip():
            raise BookError(path, after.line, f"question '{after.id}' is separated from the one before it",
                            "keep a chapter's questions together, one block after another, "
                            "under `## Check your understanding`")


class SelfCheckPlugin(BasePlugin[SelfCheckConfig]):
    """Self-check questions at the end of every chapter; their answers on one teaching page."""

    def on_config(self, config):
        # Runs first: a missing extension is a set-up error, named at its mkdocs.yml line.
        if "md_in_html" not in config.markdown_extensions:
            raise config_error(config, "studybook-selfcheck",
                               "studybook-selfcheck needs the md_in_html extension (its forms keep Markdown inside)",
                               "add '- md_in_html' under markdown_extensions in mkdocs.yml")
        self.chapters: list[tuple[str, str, list[syntax.Question]]] = []   # reset on every (re)build
        return config

    def on_files(self, files, config):
        # Before nav: the teacher's page must exist for nav to list it.
        page = self.config.answers_page
        if page and files.get_file_from_path(page) is None:
            raise BookError(f"docs/{page}", None, "the page for the self-check answers is missing",
                            "create it with an introduction and the line " + MARKER)
        return files

    def on_nav(self, nav, config, files):
        # Nav gives the chapters and their order; every question is checked here, before any page.
        seen: dict[str, str] = {}
        self.chapters = []
        for page in nav.pages:
            uri = page.file.src_uri
            if not book.is_chapter(uri):
                continue
            path, source = f"docs/{uri}", page.file.content_string
            questions = syntax.parse(source, path)
            if not questions and self.config.required:
                raise BookError(path, None, "the chapter has no self-check questions",
                                "add 5-8 question blocks under `## Check your understanding "
                                "{ #check-your-understanding }` (CONTRIBUTING.md, \"Self-check questions\")")
            checks.check(questions, source, path, seen)
            together(questions, source, path)
            self.chapters.append((uri, source, questions))
        return nav

    @event_priority(50)   # before the glossary and citation plugins (0) read the Markdown we write
    def on_page_markdown(self, markdown, page, config, files):
        uri = page.file.src_uri
        if uri == self.config.answers_page:
            return self._answers(markdown, uri)
        for chapter, source, questions in self.chapters:
            if chapter == uri and questions:
                return self._form(markdown, chapter, source, questions)
        return markdown

    def _form(self, markdown: str, uri: str, source: str, questions) -> str:
        for q in questions:
            if q.source not in markdown:   # another plugin changed the block before us
                raise BookError(f"docs/{uri}", q.line, "the question block was changed before it could be read",
                                "list studybook-selfcheck's handler before the plugin that changes it")
        first = markdown.index(questions[0].source)
        last = markdown.index(questions[-1].source) + len(questions[-1].source)
        block = render.chapter_block(questions, source, uri.removesuffix(".md"))
        return markdown[:first] + block + markdown[last:]

    def _answers(self, markdown: str, uri: str) -> str:
        if MARKER not in markdown:
            raise BookError(f"docs/{uri}", None, "the marker for the self-check answers is missing",
                            f"put the line {MARKER} where the answers should go")
        parts = []
        for number, (chapter, source, questions) in enumerate(self.chapters, 1):
            if not questions:
                continue
            slug = chapter.rsplit("/", 1)[-1].removesuffix(".md")
            link = render._relative(chapter, uri)
            parts.append(f"## Chapter {number}. {chapter_title(source, chapter)} {{ #{slug} }}\n\n"
                         f"[The questions in the chapter]({link}#{questions[0].id})\n\n"
                         + render.answers_markdown(questions, source, chapter, uri))
        return markdown.replace(MARKER, "\n".join(parts))

