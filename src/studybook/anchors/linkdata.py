"""Tell the copy-link script which edition and address a page belongs to.

``docs/assets/js/anchors.js`` builds a link pinned to the edition being read:
``<site>/<edition>/<path>#<id>``. The edition number and the page's public
path come from the build, so this plugin puts them at the top of every page's
content, as JSON in a data attribute of an empty, hidden element, which
Material's instant navigation swaps along with the page::

    <div class="sb-page-data" hidden data-sb='{"edition": "1.0", "site": "https://host/book/",
      "path": "chapters/x/", "base": "../../", "date": "2026-11-29"}'></div>

(Not a ``<script type="application/json">``: instant navigation re-creates
every inline script of the new page as plain JavaScript, type dropped.)

``base`` leads from the page to the root of this build; the script compares
that folder's name with the edition to tell a mike-deployed site (``/1.0/``,
``/latest/``) from the offline copy or ``make serve``.
"""
from __future__ import annotations

import html
import json

from mkdocs.plugins import BasePlugin
from mkdocs.utils import get_relative_url

from studybook.anchors.addresses import page_path, public_root
from studybook.edition import Edition, edition_of

DATA_CLASS = "sb-page-data"


def data_element(css_class: str, data: dict) -> str:
    """An empty hidden element carrying ``data`` as JSON in its ``data-sb`` attribute."""
    text = html.escape(json.dumps(data, ensure_ascii=False, sort_keys=True), quote=True)
    return f'<div class="{css_class}" hidden data-sb="{text}"></div>\n'


def data_block(data: dict) -> str:
    return data_element(DATA_CLASS, data)


def page_data(edition: Edition, site: str, src_uri: str, url: str) -> dict:
    return {
        "edition": edition.version,
        "date": edition.date.isoformat(),
        "site": site,
        "path": page_path(src_uri),
        "base": get_relative_url(".", url).rstrip("/") + "/",
    }


class LinkDataPlugin(BasePlugin):
    """Prefix each page's content with its edition and public path."""

    def on_files(self, files, config):
        self.edition = edition_of(config)      # reset on every (re)build
        self.site = public_root(config)
        return files

    def on_page_content(self, html, page, config, files):
        return data_block(page_data(self.edition, self.site, page.file.src_uri, page.url)) + html
