"""Classroom links: every chapter heading and paragraph has a fixed id, so a link opens the same words for good.

A teacher's link is ``<site>/<edition>/chapters/<slug>/#<id>``. The ids are
written in the chapter sources (``make ids``; CONTRIBUTING.md, "Paragraph
ids"); the build stops on a missing or repeated one; each build lists every
page and anchor in anchors.json; and ``make publish`` refuses an edition that
loses one (``studybook.editions.guard``) unless redirects.yml declares its move.

Modules:

- ``ids``: ``make ids`` and ``make check-ids``: give new headings and paragraphs
  their ids in the source, and check them.
- ``scan``: reads a rendered page's headings, body paragraphs and ids (lxml).
- ``idcheck``: the id check, on the source and on the finished HTML.
- ``manifest``: writes anchors.json and texts.json; its docstring is the format,
  a contract the teaching tools, the guard and the changes page read.
- ``texts``: the full text of each heading, paragraph and table row by id (texts.json).
- ``linkdata``: tells the copy-link script (docs/assets/js/anchors.js) the page's
  edition and public path.
- ``citepage``: "Cite this page" at the end of every chapter: the edition link,
  Chicago, APA and BibTeX (the HTML is in templates/).
- ``redirects``: declared moves in redirects.yml: a page move becomes a
  mkdocs-redirects page, an anchor move a map that anchors.js follows.
- ``addresses``: the public address of a page or anchor.

Plugins and events (priority 0 unless given; an ``on_config`` that only resets
state for the next ``mkdocs serve`` rebuild is marked "resets"):

- ``studybook-idcheck`` (``idcheck:IdCheckPlugin``): ``on_config`` resets;
  ``on_page_markdown`` checks a chapter's source; ``on_post_page`` at -100,
  after every plugin that adds to the page, checks the HTML.
- ``studybook-manifest`` (``manifest:ManifestPlugin``): ``on_config`` resets;
  ``on_nav`` numbers the chapters; ``on_post_page`` at -100 reads each page's
  anchors and words; ``on_post_build`` writes anchors.json and texts.json.
- ``studybook-linkdata`` (``linkdata:LinkDataPlugin``): ``on_files`` reads the
  edition; ``on_page_content`` puts a hidden data element at the top of the content.
- ``studybook-cite`` (``citepage:CitePlugin``): ``on_files`` reads the edition;
  ``on_page_content`` appends the section and its toc entry.
- ``studybook-redirects`` (``redirects:RedirectsPlugin``): ``on_config`` feeds the
  page moves to mkdocs-redirects' ``redirect_maps``; ``on_files`` checks the moves
  against the pages; ``on_page_content`` writes anchor moves into the page that
  serves the old address; ``on_post_page`` at -100 collects ids; ``on_post_build``
  checks that every anchor move lands on an id.

Needs: the edition from ``studybook-edition`` (linkdata, cite, manifest); the
``redirects`` plugin (mkdocs-redirects, pinned to 1.2.2) when redirects.yml has
page moves. ``studybook-assignments`` and ``studybook-cartridge`` (``teaching``)
read anchors.json after ``on_post_build`` here has written it.
"""
