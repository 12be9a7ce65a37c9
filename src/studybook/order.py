"""The order our plugins run in: one timeline, and the checks that keep it true.

MkDocs runs each event's handlers by priority (higher first), and handlers of
equal priority in the order ``mkdocs.yml`` lists the plugins. We do not rely
on that list: every handler that needs another plugin's output has a priority
that says so, and a plugin that needs another one loaded checks it in
``on_config`` (``require`` below). So any order of the ``plugins:`` list
builds the same book, or stops with an error that names the ``mkdocs.yml``
line and the fix; ``tests/test_plugin_order.py`` builds the book in shuffled
orders to prove it, and checks ``TIMELINE`` against the code.

The timeline, event by event (priority, plugin: what it does and why there)::

  on_config
    100  studybook-offline     drops instant navigation and the version selector, before
                               anything reads the theme features
      0  studybook-glossary    adds the link scanner to the Markdown extensions
      0  studybook-citations   loads the .bib files and the CSL style; adds note ordering
      0  studybook-redirects   reads redirects.yml; feeds page moves to mkdocs-redirects
      0  studybook-idcheck, -manifest, -questions, -print, -epub, -csp, -assets
                               reset their per-build state; assets joins extra_css/js
      0  studybook-cartridge, -assignments, -changes
                               check that studybook-manifest is loaded (they read anchors.json,
                               or its words)
      0  studybook-questions   checks that studybook-glossary is loaded (it lists key terms)
      0  studybook-selfcheck   checks that md_in_html is loaded; resets
   -100  studybook-edition     resolves the edition (studybook.edition), after mike has
                               appended the version to site_url (mike: 0)
  on_files
      0  studybook-edition, -glossary, -citations, -linkdata, -cite, -redirects, -questions,
         -vendor, -offline, -downloads, -themefix, -assets, -selfcheck
                               read the sources, add or replace files; each only reads
                               the edition (resolved in on_config) and its own inputs
   -200  studybook-changes     moves docs/changes.md last, after every plugin that adds pages,
                               so that every other page is rendered before it
  on_nav
      0  studybook-citations, -manifest, -questions, -print, -epub
                               take the reading order (studybook.book); -epub stops
                               the build if a chapter is not in it
      0  studybook-selfcheck   parses and checks every chapter's questions, before any page
  on_page_markdown
     50  studybook-changes     writes the editors' summary on the changes page,
     50  studybook-edition     writes the edition box on the home page, and
     50  studybook-questions   copies every chapter's questions,
     50  studybook-selfcheck   swaps question blocks for forms and fills the answers page,
                               all before the glossary and citation plugins rewrite Markdown (0)
      0  studybook-glossary    adds each chapter's "Key terms"; term:slug links become links
      0  studybook-citations   [@key] becomes a note placeholder
      0  studybook-idcheck     checks the chapter's source ids
  on_page_content
      0  studybook-citations   fills the note placeholders with formatted notes
      0  studybook-linkdata, -cite, -redirects, -glossary
                               prefix page data / append "Cite this page" / prefix anchor
                               moves / end the link scan: blocks of their own, in any order
   -100  studybook-describe    reads the finished content for the meta description
   -100  studybook-print       keeps the finished content for the print view
  on_page_context
     50  studybook-changes     writes the comparison into the changes page (rendered last, so
                               the manifest has every other page's words), before search
      0  search (Material)     indexes the page
    -50  studybook-glossary    adds backlinks and tooltips after search has indexed the page
   -100  studybook-epub        keeps the content with the glossary's backlinks, for the EPUB
  on_post_page
      0  studybook-themefix    repairs Material's markup
   -100  studybook-idcheck, -manifest, -redirects, -csp
                               check ids, collect anchors, collect ids, add the policy:
                               all after every change to the page
  on_post_template
      0  studybook-themefix    repairs Material's stylesheet
   -100  studybook-csp         adds the policy to generated HTML files
  on_post_build
    100  studybook-csp         checks the policy's allow-list against the config
     50  studybook-manifest    writes anchors.json, before its readers
      0  studybook-citations, -redirects, -downloads, -print, -epub
                               write the citation cache, check anchor moves, copy the
                               downloads, write print.html, write book.epub
   -100  studybook-assignments, -cartridge
                               read anchors.json
   -100  offline (Material)    writes the search index as a script
   -200  studybook-offline     checks that nothing in the built site loads from outside
"""
from __future__ import annotations

from studybook.errors import config_error

# (event, priority, plugin): every handler of our plugins. tests/test_plugin_order.py
# checks this against the code, so the timeline above cannot drift unnoticed.
TIMELINE = {
    ("on_config", 100, "studybook-offline"),
    ("on_config", 0, "studybook-glossary"),
    ("on_config", 0, "studybook-citations"),
    ("on_config", 0, "studybook-redirects"),
    ("on_config", 0, "studybook-idcheck"),
    ("on_config", 0, "studybook-manifest"),
    ("on_config", 0, "studybook-questions"),
    ("on_config", 0, "studybook-print"),
    ("on_config", 0, "studybook-epub"),
    ("on_config", 0, "studybook-csp"),
    ("on_config", 0, "studybook-assets"),
    ("on_config", 0, "studybook-cartridge"),
    ("on_config", 0, "studybook-assignments"),
    ("on_config", 0, "studybook-changes"),
    ("on_config", 0, "studybook-selfcheck"),
    ("on_config", -100, "studybook-edition"),
    ("on_files", 0, "studybook-edition"),
    ("on_files", 0, "studybook-glossary"),
    ("on_files", 0, "studybook-citations"),
    ("on_files", 0, "studybook-linkdata"),
    ("on_files", 0, "studybook-cite"),
    ("on_files", 0, "studybook-redirects"),
    ("on_files", 0, "studybook-questions"),
    ("on_files", 0, "studybook-vendor"),
    ("on_files", 0, "studybook-offline"),
    ("on_files", 0, "studybook-downloads"),
    ("on_files", 0, "studybook-themefix"),
    ("on_files", 0, "studybook-assets"),
    ("on_files", 0, "studybook-selfcheck"),
    ("on_files", -200, "studybook-changes"),
    ("on_nav", 0, "studybook-citations"),
    ("on_nav", 0, "studybook-manifest"),
    ("on_nav", 0, "studybook-questions"),
    ("on_nav", 0, "studybook-print"),
    ("on_nav", 0, "studybook-epub"),
    ("on_nav", 0, "studybook-selfcheck"),
    ("on_page_markdown", 50, "studybook-changes"),
    ("on_page_markdown", 50, "studybook-edition"),
    ("on_page_markdown", 50, "studybook-questions"),
    ("on_page_markdown", 50, "studybook-selfcheck"),
    ("on_page_markdown", 0, "studybook-glossary"),
    ("on_page_markdown", 0, "studybook-citations"),
    ("on_page_markdown", 0, "studybook-idcheck"),
    ("on_page_content", 0, "studybook-citations"),
    ("on_page_content", 0, "studybook-linkdata"),
    ("on_page_content", 0, "studybook-cite"),
    ("on_page_content", 0, "studybook-redirects"),
    ("on_page_content", 0, "studybook-glossary"),
    ("on_page_content", -100, "studybook-describe"),
    ("on_page_content", -100, "studybook-print"),
    ("on_page_context", 50, "studybook-changes"),
    ("on_page_context", -50, "studybook-glossary"),
    ("on_page_context", -100, "studybook-epub"),
    ("on_post_page", 0, "studybook-themefix"),
    ("on_post_page", -100, "studybook-idcheck"),
    ("on_post_page", -100, "studybook-manifest"),
    ("on_post_page", -100, "studybook-redirects"),
    ("on_post_page", -100, "studybook-csp"),
    ("on_post_template", 0, "studybook-themefix"),
    ("on_post_template", -100, "studybook-csp"),
    ("on_post_build", 100, "studybook-csp"),
    ("on_post_build", 50, "studybook-manifest"),
    ("on_post_build", 0, "studybook-citations"),
    ("on_post_build", 0, "studybook-redirects"),
    ("on_post_build", 0, "studybook-downloads"),
    ("on_post_build", 0, "studybook-print"),
    ("on_post_build", 0, "studybook-epub"),
    ("on_post_build", -100, "studybook-assignments"),
    ("on_post_build", -100, "studybook-cartridge"),
    ("on_post_build", -200, "studybook-offline"),
    ("on_serve", 0, "studybook-citations"),
}


def require(config, plugin: str, needed: str, why: str) -> None:
    """Stop the build unless plugin ``needed`` is loaded; the error points at ``plugin``'s line."""
    if needed not in config["plugins"]:
        raise config_error(config, plugin, f"{plugin} needs the {needed} plugin, which is not loaded ({why})",
                           f"add '- {needed}' to the plugins of mkdocs.yml")
