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
anchors plugin writes ``anchors.json`` then; a build without it stops.
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority

from studybook.order import require
from studybook.teaching import readinglinks

SCRIPT_NAME = "anchors.json.js"
GLOBAL = "studybookAnchors"
def data_script(site_url: str, site_name: str, manifest: dict) -> str:
    """The text of anchors.json.js. ASCII only, so it loads under any declared charset."""
    data = {"siteUrl": readinglinks.site_of(manifest, site_url), "siteName": site_name or "",
            "manifest": manifest}
    body = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return (f"/* The anchor manifest of this edition, for the assignment builder. "
            f"Made by studybook.teaching.assignments from {readinglinks.MANIFEST_NAME}. */\n"
            f"window.{GLOBAL} = {body};\n")


def write_data_script(site_dir: str | Path, site_url: str, site_name: str = "") -> Path:
    """Write ``anchors.json.js`` into ``site_dir`` from its ``anchors.json``; return its path."""
    site_dir = Path(site_dir)
    manifest = readinglinks.load(site_dir)
    out = site_dir / SCRIPT_NAME
    out.write_text(data_script(site_url, site_name, manifest), encoding="ascii")
    return out


class AssignmentsPlugin(BasePlugin):
    """Write anchors.json.js after the build."""

    def on_config(self, config):
        require(config, "studybook-assignments", "studybook-manifest", "the builder's data is anchors.json")
        return config

    @event_priority(-100)   # after studybook-manifest has written anchors.json (priority 50)
    def on_post_build(self, config):
        write_data_script(config.site_dir, config.site_url or "", config.site_name)
