"""The glossary: each glossary page is the single source for its term; the build derives the rest.

A writer links a term as ``[text](term:slug)``, or with a plain link to
docs/glossary/<slug>.md. The build turns it into an ordinary relative link
with a preview of the term's definition, ends each glossary and people page
with the chapter sections that mention it, writes the A-Z index, and checks
the abbreviation tooltips. What writers do: CONTRIBUTING.md, "Add a glossary term".

Modules:

- ``plugin``: the plugin; rewrites ``term:`` links before Markdown runs (an
  unknown slug stops the build) and wires the modules below together.
- ``terms``: reads every glossary page once, before any page is rendered:
  title, one-sentence definition (the first paragraph after the H1), the
  ``abbreviations:`` front matter.
- ``links``: a Markdown tree processor that finds a page's links and the section
  each sits in (between ``toc``, which has set the heading ids, and MkDocs'
  ``relpath``, which turns ``.md`` links into URLs).
- ``previews``: ``aria-describedby`` from each term link to a hidden
  ``role="tooltip"`` with the definition, once per page;
  docs/assets/js/glossary.js shows it on hover, focus and tap (WCAG 1.4.13).
- ``backlinks``: "Where this term appears" / "Where this person appears".
- ``index``: the A-Z list at ``<!-- glossary-index -->`` on docs/glossary/index.md.
- ``abbreviations``: ``make abbreviations`` writes includes/abbreviations.md
  from the front matter; the plugin checks the file against the pages.

Plugin ``studybook-glossary`` (``plugin:GlossaryPlugin``), events at priority 0
unless given:

- ``on_config``: adds the link scanner (``links``) to the Markdown extensions.
- ``on_files``: reads the terms; checks includes/abbreviations.md (an abbreviation
  claimed by two pages stops the build).
- ``on_page_markdown``: rewrites term links; fills the A-Z index.
- ``on_page_content``: closes the page's link scan, which ran inside Markdown.
- ``on_page_context``, priority -50: adds the backlinks section (and its toc entry)
  and the tooltips. MkDocs has rendered every page by then, so render order
  does not matter.

Needs: the search plugin's ``on_page_context`` (priority 0) indexes the page first,
so backlinks and tooltips stay out of search. ``studybook-questions``
(``teaching``) copies the chapters' questions in at priority 50, before the
term links are rewritten here.
"""
