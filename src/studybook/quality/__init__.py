"""Quality: what the finished pages must be: accessible, valid, light, and self-contained.

The gates themselves are tests (README, "Quality gates and budgets"); the
budgets are ``make bench`` (bench/README.md). This package holds the build
side: small repairs and additions made as the book is built.

Modules:

- ``assets``: serves the files of ``extra_css`` and ``extra_javascript`` as one
  stylesheet and one script (assets/css/book-all.css, assets/js/book-all.js), in
  their order; the parts are still published.
- ``describe``: a meta description for every page: its front matter's
  ``description``, else its first paragraph, cut at a sentence end.
- ``themefix``: repairs to Material 9.8's markup that sit in partials with no
  block to override (names for the search dialog and the progress bar, an empty
  ``tabindex``, an orphan toc label), and the removal of its
  ``[data-md-color-switching] *`` rule, a whole-page restyle on every load.
  An HTML fix that stops matching does nothing; tests/test_site.py fails when
  a theme upgrade drops the stylesheet rule, so that the fix goes with it.
- ``csp``: one Content-Security-Policy ``<meta>`` on every page: ``'self'``,
  ``data:`` images and the SHA-256 hashes of Material's inline scripts, the same
  policy on every page (instant navigation keeps the first page's policy in
  force); the offline copy's policy allows inline scripts for the search shim.
- ``vendor``: copies pinned npm files (the QR library) into the site, so readers
  never fetch code from a CDN; the tests point it at this checkout's
  node_modules/ with ``STUDYBOOK_NODE_MODULES``.
- ``fragments``: not a plugin: the link gate's ``#anchor`` check
  (tests/test_site.py), which reads each built page once.

Not here: overrides/assets/javascripts/lazy-search.js, loaded before
Material's bundle, holds back the search index until the reader focuses the
search box.

Plugins and events (priority 0 unless given):

- ``studybook-assets`` (``assets:AssetsPlugin``): ``on_config`` puts the two
  bundles in place of the parts; ``on_files`` writes them.
- ``studybook-describe`` (``describe:DescribePlugin``): ``on_page_content``.
- ``studybook-themefix`` (``themefix:ThemeFixPlugin``): ``on_files`` rewrites the
  palette stylesheet; ``on_post_page`` and ``on_post_template`` repair the HTML.
- ``studybook-csp`` (``csp:CspPlugin``): ``on_config`` checks the options and resets;
  ``on_post_page`` and ``on_post_template`` at -100, after every other plugin's
  HTML, hash the inline scripts and write the page's policy; ``on_post_build`` at
  100, before anything packs the site, widens every page to the union of all
  pages' hashes.
- ``studybook-vendor`` (``vendor:VendorPlugin``): ``on_files``.

Needs: node_modules/ (``npm ci``, which ``make`` runs) for ``studybook-vendor``.
``studybook-csp`` must see every inline script, so no plugin may add one after
it (on_post_page below -100).
"""
