"""The EPUB 3 edition: the whole book for e-readers, one XHTML document per page.

``make offline`` builds the offline site (STUDYBOOK_OFFLINE=true); this
plugin writes ``book.epub`` into it, and ``studybook.offline.package`` moves it
to ``dist/putin-korea-study-edition-<version>.epub`` beside the zip and the PDF
(and leaves it out of the zip). ``make publish`` ships it in downloads/ like them.

It is the print view's book, packaged with lxml and zipfile: the pages in
``studybook.offline.printview.print_order`` (chapters, then the glossary and
people entries A-Z after their index pages, ..., the bibliography last), each
rewritten by ``printview.rewrite_page`` (links between pages resolved,
permalinks and scripts gone), then split back into one document per page
with the page prefix taken off every id, so ``#p-xxxx`` names the same
paragraph as online. Why not pandoc or ebooklib: README, "The EPUB".

Modules:

- ``documents``: one page's HTML -> the body of its XHTML document (ids,
  links into other documents, notes as EPUB footnotes, glossary references,
  images from the package); pure.
- ``navigation``: the navigation document (contents with every chapter's
  sections, landmarks); pure.
- ``metadata``: the package document (OPF): Dublin Core, the edition,
  ``dcterms:modified`` from the build date, EPUB Accessibility 1.1; pure.
- ``cover``: the cover SVG, drawn from the title and the edition; pure.
- ``archive``: the reproducible zip (``mimetype`` first and stored, sorted
  entries, the build date as every time stamp).
- ``check``: bad input (a chapter missing from the reading order, an image
  without a text alternative, a paragraph id in two documents), every
  internal link and note resolving, and epubcheck (the tests run it).
- ``plugin``: ``studybook-epub``.

Plugin and events (enabled only in the offline build):

- ``on_config`` resets; ``on_nav`` takes the reading order and stops the
  build if a chapter is not in it; ``on_page_context`` at -100, after the
  glossary plugin (-50) has added "Where this term appears", keeps each
  page's finished content (the tooltips it appended are dropped later);
  ``on_post_build`` writes ``book.epub``.

Needs: the edition from ``studybook-edition``; the figures in the built site.
"""
