"""Self-check questions: a "Check your understanding" form at the end of every chapter, and its answer key.

Writers put the questions in the chapter's Markdown as blocks
(``/// question | ...`` ... ``///``; the syntax is in ``syntax`` and
CONTRIBUTING.md, "Self-check questions"). The build checks them and stops with
the file, the line and the fix on a problem. Each chapter gets a form of real
controls (fieldset, legend, radio buttons or checkboxes with labels, and an
order list); docs/assets/js/selfcheck.js adds the checking, the feedback (an
aria-live region), keyboard up/down buttons for order questions, and progress
kept in localStorage per chapter, with a reset. Without JavaScript and in
print, each question reads as a list with its answer and explanations in a
collapsed ``<details>``. docs/teaching/self-check-answers.md gathers every
chapter's questions with their answers, from the same blocks; in the PDF
(the print view) that page is the answer key at the back of the book, and
the chapters' ``<details>`` are left out (print-book.css).

Modules:

- ``syntax``: parses the blocks of a page (text in, questions out).
- ``checks``: what a question must satisfy (one right answer for single
  choice, an explanation on every option, evidence ids of the chapter,
  unique question ids).
- ``render``: the chapter's form (HTML with Markdown inside, for md_in_html;
  template in templates/chapter.html) and the teacher's answers (Markdown).
- ``plugin``: the MkDocs plugin.

Plugin and events (priority 0 unless given):

- ``studybook-selfcheck`` (``plugin:SelfCheckPlugin``): ``on_config`` checks that
  md_in_html is loaded and resets state; ``on_files`` checks that the answers page
  exists; ``on_nav`` parses and checks every chapter, in reading order, before
  any page is built; ``on_page_markdown`` at 50 swaps the blocks for the form and
  fills the answers page, before the glossary and citation plugins (0) rewrite
  the Markdown left inside.

Needs: the md_in_html extension. The form is marked ``sb-generated``, so the
id check (``studybook.anchors.idcheck``) and the manifest leave it alone.
"""
