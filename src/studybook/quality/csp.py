"""A Content-Security-Policy on every page, as a ``<meta>`` tag, with hashes of the inline scripts.

Static hosts (GitHub Pages, a zip opened from disk) cannot always send headers, so each page
carries its own policy. It allows the book's own origin (``'self'``) and nothing else: no
outside script, style, font, image or connection. The few inline scripts that Material
writes into every page (``__md_scope``, the palette, the tab restorer) are allowed by their
SHA-256 hash, computed here from the finished HTML, so no ``'unsafe-inline'`` is needed.

Every page gets the same policy, the union of all pages' hashes. Material's instant
navigation swaps pages without a reload, and a policy read from a ``<meta>`` tag stays in
force after the tag is gone: two different policies would both apply, and a script allowed
by the second page only would be blocked. So ``on_post_page`` writes a complete policy for
the page (valid on its own), and ``on_post_build`` widens every page to the union.

A ``<meta>`` policy cannot carry ``frame-ancestors``, ``report-uri`` or ``sandbox`` (browsers
ignore them there); asking for one is a configuration error. Violations are collected in the
browser tests instead (``securitypolicyviolation`` events).

The offline copy (``offline: true``, set by ``make offline``) gets its own policy. In Chromium
``'self'`` on a ``file://`` page matches the copy's other files, so everything stays
``'self'``; but from ``file://`` Material runs its search worker in the iframe-worker shim,
which writes an inline script naming the worker's ``file://`` address, that is, wherever the
reader unpacked the zip. No hash can be known at build time, so that policy allows inline
scripts (``'unsafe-inline'``, with no hashes, which would switch it off) and still nothing
from another host.

Options (``plugins: - studybook-csp: {extra: {img-src: [blob:]}, offline: false}``): ``extra``
adds sources to a directive, for a build that needs more.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, event_priority

from studybook.errors import BookError, config_error

# The policy before hashes. 'self' is the book's own origin; data: images are the icons
# that Material's stylesheet embeds (masks for admonitions, the search and nav arrows).
BASE_POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
# Directives a <meta> policy may not carry (CSP Level 3, section 3.3): browsers ignore them.
PLUGIN = "studybook-csp"
NOT_IN_META = {"frame-ancestors", "report-uri", "report-to", "sandbox"}
KNOWN_DIRECTIVES = {
    "default-src", "script-src", "script-src-elem", "script-src-attr", "style-src",
    "style-src-elem", "style-src-attr", "img-src", "font-src", "connect-src", "media-src",
    "object-src", "frame-src", "child-src", "worker-src", "manifest-src", "base-uri",
    "form-action", "upgrade-insecure-requests",
}

SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
ATTR_SRC = re.compile(r"\ssrc\s*=", re.I)
ATTR_TYPE = re.compile(r"""\stype\s*=\s*["']?(?P<type>[^"'\s>]*)""", re.I)
# Types a browser runs as script; any other type (application/json, ...) is a data block,
# which is never executed and needs no hash.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module",
                "text/ecmascript", "application/ecmascript"}
META_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)
HEAD = re.compile(r"<head\b[^>]*>", re.I)
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def inline_script_hashes(page_html: str) -> set[str]:
    """CSP hash sources (``'sha256-...'``) for every inline script a browser would run."""
    hashes = set()
    for m in SCRIPT.finditer(page_html):
        attrs = m.group("attrs")
        if ATTR_SRC.search(attrs):
            continue
        kind = ATTR_TYPE.search(attrs)
        if kind and kind.group("type").lower() not in SCRIPT_TYPES:
            continue
        # The HTML parser turns CR LF into LF before the browser hashes the text.
        body = m.group("body").replace("\r\n", "\n").encode("utf-8")
        digest = base64.b64encode(hashlib.sha256(body).digest()).decode("ascii")
        hashes.add(f"'sha256-{digest}'")
    return hashes


def build_policy(hashes: set[str], extra: dict[str, list[str]] | None = None,
                 offline: bool = False) -> str:
    """The policy text: the base directives, ``extra`` sources, and the script hashes
    (online) or ``'unsafe-inline'`` (the offline copy: see the module's docstring)."""
    directives = {name: list(sources) for name, sources in BASE_POLICY.items()}
    for name, sources in (extra or {}).items():
        directives.setdefault(name, [])
        directives[name] += [s for s in sources if s not in directives[name]]
    directives["script-src"] += ["'unsafe-inline'"] if offline else sorted(hashes)
    return "; ".join(" ".join([name, *sources]).strip() for name, sources in directives.items())


def check_extra(extra: dict[str, list[str]], config=None) -> None:
    """Stop on a directive a <meta> policy cannot carry, or one we do not know.

    ``config`` (MkDocs') lets the error name the directive's line in mkdocs.yml.
    """
    for name, sources in extra.items():
        if name in NOT_IN_META:
            raise config_error(config, PLUGIN, f"studybook-csp: '{name}' has no effect in a <meta> policy",
                               "set it as an HTTP header on the host instead, and remove it here", option=name)
        if name not in KNOWN_DIRECTIVES:
            raise config_error(config, PLUGIN, f"studybook-csp: unknown directive '{name}'",
                               f"use one of: {', '.join(sorted(KNOWN_DIRECTIVES))}", option=name)
        if not (isinstance(sources, list) and all(isinstance(s, str) for s in sources)):
            raise config_error(config, PLUGIN, f"studybook-csp: '{name}' is not a list of sources",
                               f"write it as a list, e.g. {name}: [\"'self'\"]", option=name)


def insert_policy(page_html: str, policy: str) -> str:
    """Put the policy tag first in <head>, right after the charset, before any script."""
    # Sources never hold a double quote; single quotes stay readable in the attribute.
    tag = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=False)}">'
    if CSP_META.search(page_html):
        return CSP_META.sub(lambda _: tag, page_html, count=1)
    anchor = META_CHARSET.search(page_html) or HEAD.search(page_html)
    if not anchor:
        raise BookError("(built page)", None, "no <head> to put the Content-Security-Policy in",
                        "check the theme's base template")
    return page_html[: anchor.end()] + "\n    " + tag + page_html[anchor.end():]


class CspConfig(Config):
    extra = c.Type(dict, default={})
    offline = c.Type(bool, default=False)


class CspPlugin(BasePlugin[CspConfig]):
    """Add the same Content-Security-Policy <meta> tag to every built page."""

    def on_config(self, config):
        check_extra(self.config.extra, config)
        self.pages: dict[Path, int] = {}   # output file -> how many hashes its policy has
        self.union: set[str] = set()
        return config

    def _add(self, output: str, dest: Path) -> str:
        self.union |= inline_script_hashes(output)
        self.pages[dest] = len(self.union)
        return insert_policy(output, build_policy(self.union, self.config.extra, self.config.offline))

    # Last of all plugins, so that every other plugin's HTML (and its scripts) is in.
    @event_priority(-100)
    def on_post_page(self, output, page, config):
        return self._add(output, Path(page.file.abs_dest_path))

    @event_priority(-100)
    def on_post_template(self, output_content, template_name, config):
        # Static templates (404.html) are pages too.
        if template_name.endswith(".html"):
            return self._add(output_content, Path(config.site_dir) / template_name)
        return output_content

    # First of all plugins, before anything packs the site (the offline zip, say).
    @event_priority(100)
    def on_post_build(self, config):
        policy = build_policy(self.union, self.config.extra, self.config.offline)
        for dest, known in self.pages.items():
            if known < len(self.union) and dest.exists():
                text = dest.read_text(encoding="utf-8")
                dest.write_text(insert_policy(text, policy), encoding="utf-8")
