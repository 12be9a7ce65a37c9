"""The offline build: a copy of the book that works from disk and asks the network for nothing.

``make offline`` builds with ``STUDYBOOK_OFFLINE=true``, which switches on
Material's ``offline`` plugin (file:// links, the search index as a script)
and this plugin, which:

- turns off what cannot work from disk and keeps everything else: instant
  navigation (from file:// it switches itself off and silently stops every
  script subscribed to ``document$``: note and abbreviation tooltips, our own
  scripts) and the version selector (it fetches ../versions.json);
- vendors the ``iframe-worker`` shim that runs the search worker from file://,
  from the pinned npm package (node_modules/iframe-worker), so Material does
  not add its unpkg.com script;
- checks every built HTML, CSS and SVG file for anything a browser would load
  from outside, and stops the build if it finds one.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from studybook.errors import BookError, config_error
from studybook.quality.vendor import node_modules_dir

SHIM_SOURCE = "iframe-worker/shim/index.js"  # in node_modules (studybook.quality.vendor finds it)
SHIM_URI = "assets/vendor/iframe-worker/shim.js"
SHIM_LICENSE_URI = "assets/vendor/iframe-worker/LICENSE"
DROPPED_FEATURE = re.compile(r"^navigation\.instant(\.|$)")

# -- Pure helpers -------------------------------------------------------------


def offline_features(features: list[str]) -> list[str]:
    """The theme features minus those that cannot work from file:// (instant navigation)."""
    return [f for f in features if not DROPPED_FEATURE.match(f)]


# Attributes through which a page makes the browser fetch something by itself
# (a plain <a href> only leaves when the reader clicks, so it is not listed).
LOADING_ATTRS = {
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"),
    "iframe": ("src",), "frame": ("src",), "embed": ("src",), "object": ("data",),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "input": ("src",),
    "image": ("href", "xlink:href"), "use": ("href", "xlink:href"), "feimage": ("href", "xlink:href"),
}
# <link rel=...> values that make the browser fetch the target.
LOADING_RELS = {
    "stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "manifest", "preload",
    "modulepreload", "prefetch", "preconnect", "dns-prefetch", "prerender",
}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*([^'")\s]+)""", re.I)
OUTSIDE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)  # http://, https://, //host


def is_outside(url: str) -> bool:
    """True for a URL on another host: http(s)://…, //host/… (not data:, not relative)."""
    return bool(OUTSIDE.match(url.strip()))


class _LoadScanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        urls = [a.get(name, "") for name in LOADING_ATTRS.get(tag, ())]
        if tag == "link" and set(a.get("rel", "").lower().split()) & LOADING_RELS:
            urls.append(a.get("href", ""))
        for attr in ("style",):
            urls += CSS_URL.findall(a.get(attr, ""))
        for url in urls:
            for part in url.split(","):  # srcset: "a.png 1x, b.png 2x"
                part = part.strip().split(" ")[0]
                if part and is_outside(part):
                    self.found.append(f"<{tag}> {part}")

    def handle_data(self, data):
        if self.lasttag == "style":
            self.found += [f"<style> {u}" for u in CSS_URL.findall(data) if is_outside(u)]

    handle_startendtag = handle_starttag


def outside_loads_in_html(html: str) -> list[str]:
    """What an HTML (or SVG) document would load from outside, as '<tag> url' strings."""
    scanner = _LoadScanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found


def outside_loads_in_css(css: str) -> list[str]:
    return [f"url() {u}" for u in CSS_URL.findall(css) if is_outside(u)]


def outside_loads(site_dir: Path) -> dict[str, list[str]]:
    """Every built file that would make the browser load something from outside."""
    problems: dict[str, list[str]] = {}
    for path in sorted(site_dir.rglob("*")):
        if path.suffix in {".html", ".htm", ".svg"}:
            found = outside_loads_in_html(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix == ".css":
            found = outside_loads_in_css(path.read_text(encoding="utf-8", errors="replace"))
        else:
            continue
        if found:
            problems[path.relative_to(site_dir).as_posix()] = found
    return problems


# -- The plugin -----------------------------------------------------------------


class OfflineConfig(Config):
    enabled = c.Type(bool, default=False)


class OfflinePlugin(BasePlugin[OfflineConfig]):
    """studybook-offline: see the module docstring."""

    # Before Material's offline plugin (priority 0), which adds the unpkg
    # script unless an iframe-worker shim is already among the polyfills.
    @event_priority(100)
    def on_config(self, config):
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").resolve().parent
        self.shim = node_modules_dir(root, None) / SHIM_SOURCE
        if not self.shim.is_file():
            raise BookError(
                str(self.shim), None,
                "the iframe-worker shim (offline search from file://) is missing",
                "run `npm ci` (`make offline` does it) to install the pinned npm package",
            )
        features = config.theme["features"]
        features[:] = offline_features(features)
        config.extra.pop("version", None)  # the version selector needs a server
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [*polyfills, SHIM_URI]
        config.use_directory_urls = False
        return config

    def on_files(self, files, *, config):
        if not self.config.enabled:
            return files
        files.append(File.generated(config, SHIM_URI, abs_src_path=str(self.shim)))
        files.append(File.generated(config, SHIM_LICENSE_URI, abs_src_path=str(self.shim.parents[1] / "LICENSE")))
        return files

    # After Material's offline plugin (-100) has written search_index.js.
    @event_priority(-200)
    def on_post_build(self, *, config):
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        if not (site / "search" / "search_index.js").is_file():
            raise config_error(
                config, "studybook-offline",
                "the offline build has no search/search_index.js, so search would not work from disk",
                "enable Material's `offline` plugin together with studybook-offline (STUDYBOOK_OFFLINE=true)",
                option="enabled",
            )
        problems = outside_loads(site)
        if problems:
            listing = "\n".join(f"    {p}: {', '.join(v)}" for p, v in problems.items())
            raise BookError(
                str(site), None,
                f"the offline copy would load files from outside:\n{listing}",
                "vendor the file into docs/assets (or node_modules via this plugin) and link it relatively",
            )
