"""The offline edition and the PDF: the same book, built again to be read from disk, zipped and printed.

``make offline`` (``package``) builds the book with ``STUDYBOOK_OFFLINE=true``,
zips it and prints it to PDF, both in dist/ and named after the edition. The
switch is one environment variable, not a second config file: mkdocs.yml
enables Material's ``offline`` plugin and ours with
``enabled: !ENV [STUDYBOOK_OFFLINE, false]``, so the offline book never drifts
from the online one. ``make publish`` makes both files first and ships them in
the edition's downloads/.

The PDF is printed with WeasyPrint, not headless Chromium: WeasyPrint does
the paged-media CSS a book needs (``target-counter()`` for page numbers in the
contents in one pass, ``bookmark-level`` for the PDF outline, ``string-set`` for
running heads), embeds font subsets, sets title, author and language, and needs
only Pango. mkdocs-print-site-plugin was not used: it prints only pages in nav,
and the glossary and people entries are not in nav.

Modules:

- ``plugin``: the offline copy: turns off what cannot work from file://
  (instant navigation, which would silently stop every script subscribed to
  ``document$``; the version selector, which fetches ../versions.json), vendors
  the iframe-worker shim that runs search from file:// (Material would load it
  from unpkg.com), and stops the build if any HTML, CSS or SVG file would load
  something from another host.
- ``printview``: print.html, the whole book on one page: a cover, the contents,
  every page in reading order (the glossary and people entries after their
  index page), the bibliography last; ids prefixed per page, so each chapter
  keeps its own notes. ``print-book.css`` and templates/ beside it are its
  stylesheet (A4, running heads, page numbers, bookmarks) and its cover and contents.
- ``package``: ``make offline``: the offline build, the zip (reproducible, without
  print.html, under 10 MB) and the PDF; ``build_downloads`` is what ``make
  publish`` calls.
- ``artifacts``: the downloadable files' names and sizes.
- ``downloads``: the line under the edition line at the foot of every page: online,
  links to the edition's zip and PDF with their sizes, copied into downloads/;
  offline, "Offline copy, built on D".

Plugins and events (priority 0 unless given; the first two do nothing unless
enabled):

- ``studybook-offline`` (``plugin:OfflinePlugin``): ``on_config`` at 100, before
  Material's offline plugin, which adds its unpkg.com shim unless one is already
  among the polyfills: turns off instant navigation, the version selector and
  directory URLs, and adds our shim; ``on_files`` adds the shim and its licence;
  ``on_post_build`` at -200, after Material's offline plugin (-100) has written
  search/search_index.js: checks that file, then scans the site for outside loads.
- ``studybook-print`` (``printview:PrintPlugin``): ``on_config`` resets; ``on_nav``
  takes the reading order; ``on_page_content`` at -100, after every plugin that
  changes the content, keeps each page's HTML; ``on_post_build`` writes print.html.
- ``studybook-downloads`` (``downloads:DownloadsPlugin``): ``on_files`` finds the
  edition's files in dist/ (``STUDYBOOK_DIST``) and sets ``config.extra.downloads``
  for the footer block in overrides/main.html; with
  ``STUDYBOOK_REQUIRE_DOWNLOADS=true`` (``make publish``) a missing file stops
  the build; ``on_post_build`` copies them into downloads/.

Needs: Material's ``offline`` plugin, enabled with ``studybook-offline``; the
edition from ``studybook-edition`` (print, downloads); node_modules/ (``npm ci``)
for the shim.
"""
