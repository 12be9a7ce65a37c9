"""The anchor manifest as a script, for the assignment builder (docs/teaching/assignments.md).

The builder lists the chapters, sections and paragraphs of an edition from
``anchors.json``. Chromium will not ``fetch()`` a JSON file from a page opened
from disk (``file://``), so the offline copy could not read it. After every
build this plugin therefore writes ``anchors.json.js`` beside ``anchors.json``::

    window.studybookAnchors = {"siteUrl": "https://.../", "siteName": "...", "manifest": {...}};

The builder loads it with a ``<script>`` element, which works online and from
disk. ``siteUrl`` is the address above the edition folders (the manifest's
``site``, else ``site_url`` without the folder mike adds to it), so a link made
in the offline copy still points at the published edition.

The plugin runs after every other ``on_post_build`` (priority -100), since the
anchors plugin writes ``anchors.json`` then. With ``require_manifest: false``
a build without a manifest gets a script that tells the builder why it has no
data, instead of failing.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, event_priority

from studybook.teaching import readinglinks

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

SCRIPT_NAME = "anchors.json.js"
GLOBAL = "studybookAnchors"
NO_MANIFEST = ("This build has no anchor manifest (anchors.json), "
               "so the builder cannot list sections and paragraphs.")


class AssignmentsConfig(Config):
    require_manifest = c.Type(bool, default=True)


def data_script(site_url: str, site_name: str, manifest: dict | None, problem: str | None = None) -> str:
    """The text of anchors.json.js. ASCII only, so it loads under any declared charset."""
    root = readinglinks.site_of(manifest, readinglinks.site_root(site_url)) if manifest else \
        readinglinks.site_root(site_url)
    data = {"siteUrl": root, "siteName": site_name or "", "manifest": manifest}
    if problem:
        data["problem"] = problem
    body = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return (f"/* The anchor manifest of this edition, for the assignment builder. "
            f"Made by studybook.teaching.assignments from {readinglinks.MANIFEST_NAME}. */\n"
            f"window.{GLOBAL} = {body};\n")


def write_data_script(site_dir: str | Path, site_url: str, site_name: str = "", *,
                      required: bool = True) -> Path:
    """Write ``anchors.json.js`` into ``site_dir`` from its ``anchors.json``; return its path."""
    site_dir = Path(site_dir)
    problem = None
    if (site_dir / readinglinks.MANIFEST_NAME).is_file() or required:
        manifest = readinglinks.load(site_dir)
    else:
        manifest, problem = None, NO_MANIFEST
        log.info("studybook-assignments: no anchors.json in the build; the assignment builder will say so")
    out = site_dir / SCRIPT_NAME
    out.write_text(data_script(site_url, site_name, manifest, problem), encoding="ascii")
    return out


class AssignmentsPlugin(BasePlugin[AssignmentsConfig]):
    """Write anchors.json.js after the build."""

    @event_priority(-100)   # after the plugin that writes anchors.json
    def on_post_build(self, config):
        write_data_script(config.site_dir, config.site_url or "", config.site_name,
                          required=self.config.require_manifest)
