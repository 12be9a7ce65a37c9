"""Editions: numbered, dated releases of the book, published with mike and never changed after.

Each edition is a folder on the gh-pages branch (``/1.0/``); ``latest``
redirects to the newest. A build's edition is its entry in docs/changelog.md;
the model (number, date, "What changed", build date) is studybook/edition.py.
How a maintainer publishes: README, "Publishing an edition".

Modules:

- ``plugin``: the plugin: resolves the build's edition and shows it.
- ``changelog``: reads and checks docs/changelog.md (its strict entry heading).
- ``publish``: ``make publish``: checks, makes the zip and PDF, builds the edition
  into a temporary folder, runs the anchor guard (``check_before_deploy``),
  adds files to the edition (``add_to_edition``), deploys with mike's own
  functions, moves ``latest``, writes the root redirect and 404.html.
- ``guard``: the anchor guard (``make check-anchors``; ``make publish`` runs it):
  the new manifest (anchors.json) must keep every page and anchor that an
  edition on gh-pages published, or declare its move in redirects.yml.

Plugin ``studybook-edition`` (``plugin:EditionPlugin``), events at priority 0
unless given:

- ``on_config``, priority -100: after mike's ``on_config``, which adds the
  version to ``site_url``: puts the final slash back; resolves the edition
  (``MIKE_DOCS_VERSION``, else the newest entry; no entry stops the build) and
  sets ``config.extra.edition`` for overrides/main.html; drops ``extra.version``
  (Material's version selector) from builds that are not editions, which have
  no versions.json.
- ``on_files``: the changelog page's URL.
- ``on_page_markdown``: the edition box at ``<!-- studybook:edition -->`` on the
  home page (a home page without the line stops the build).

Needs: the ``mike`` plugin. Every plugin that names the edition asks
studybook/edition.py in ``on_files`` or later, so this plugin must be in
mkdocs.yml; it is listed before our other plugins, so the home page's edition
box passes through them too.
"""
