"""What changed between editions, paragraph by paragraph: the "Changes in this edition" page.

``make publish`` reads the previous edition's texts.json from gh-pages with
git (``inputs``), and the build compares it with its own words: every page in
reading order, with paragraphs added, removed (with their declared move from
redirects.yml), moved, changed (a word-level difference), headings renamed,
pages new and gone, each linked in both editions, below the editors' summary
(the changelog entry). The first edition says that there is nothing to compare.

Modules:

- ``diff``: when two paragraphs are the same (whitespace and quote shapes
  ignored), and their word-level difference as ``<del>``/``<ins>``.
- ``compare``: two texts.json documents and the declared moves in, a ``Report`` out.
- ``page``: the report as HTML (templates/changes.html).
- ``inputs``: the publish step: the previous edition's words from gh-pages, fail closed.
- ``plugin``: ``studybook-changes`` (``plugin:ChangesPlugin``):
  ``on_config`` checks that studybook-manifest is loaded; ``on_files`` at -200
  moves docs/changes.md last (so every other page is rendered before it) and
  reads the input; ``on_page_markdown`` at 50 writes the editors' summary at
  ``<!-- studybook:changes -->``; ``on_page_context`` at 50, before search
  indexes it, writes the comparison.

Needs: ``studybook-edition`` (the edition and its changelog entry) and
``studybook-manifest`` (the words of this build, ``texts_document``).
"""
