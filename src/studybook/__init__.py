"""Build code for the study edition: small MkDocs plugins, one job each.

Modules (each mirrored by tests/unit/test_<module>.py):

- ``glossary``: ``[text](term:slug)`` links to glossary pages, checked at build time;
  the plugin that wires the glossary modules below together.
- ``terms``: each glossary page's title, one-sentence definition and abbreviations.
- ``links``: each rendered page's links to other pages, with the section they sit in.
- ``previews``: term links tied to a hidden tooltip holding the definition.
- ``backlinks``: "Where this term/person appears" on glossary and people pages.
- ``glossary_index``: the A-Z list on glossary/index.md.
- ``abbreviations``: includes/abbreviations.md, generated from and checked against the glossary.
- ``ids``: the tool that gives chapter paragraphs stable ids (``make ids``).
- ``errors``: the one error type our plugins raise, naming file, line and fix.
- ``changelog``: reads docs/changelog.md, one entry per edition.
- ``edition``: the edition a build is (number, date, "What changed"), shown on every page.
- ``publish``: ``make publish``, which deploys an edition with mike.
- ``offline``: the offline build (no instant navigation or version selector, the vendored
  iframe-worker shim, no asset from outside).
- ``printbook``: the single-page print view of the whole book, printed to PDF.
- ``package``: ``make offline``, the offline zip and the PDF of an edition.
- ``artifacts``: which edition's files are made, when, and their names.
- ``downloads``: each page's links to its edition's zip and PDF, with sizes.
"""
