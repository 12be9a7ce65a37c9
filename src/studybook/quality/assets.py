"""One stylesheet and one script for the book's own CSS and JavaScript, instead of one file each.

Every feature brings its own small file (``extra_css``, ``extra_javascript`` in mkdocs.yml),
and each is one more request on every first visit: eleven of a chapter's nineteen. This
plugin joins the listed files that live in ``docs/``, in their order, into
``assets/css/book-all.css`` and ``assets/js/book-all.js`` (the folders of the parts, so
relative ``url()``s and script-relative paths stay right) and lists those instead. The
parts are still published, for anyone who wants one alone. Entries that are not plain
local files (a URL, ``async``, ``defer``, ``type: module``) stay as they are.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from studybook.errors import read_text

CSS_BUNDLE = "assets/css/book-all.css"
JS_BUNDLE = "assets/js/book-all.js"


def plain_path(entry) -> str | None:
    """The docs-relative path of an entry we may join, or None."""
    path = str(entry)
    if getattr(entry, "async_", False) or getattr(entry, "defer", False) or getattr(entry, "type", "") \
            or "://" in path or path.startswith("/"):
        return None
    return path


def join(parts: list[tuple[str, str]], kind: str) -> str:
    """Concatenate (path, text) parts with a comment naming each; scripts end with ';'."""
    out = [f"/* {CSS_BUNDLE if kind == 'css' else JS_BUNDLE}: made by studybook.quality.assets "
           f"from the files below, in this order. */"]
    for path, text in parts:
        out.append(f"\n/* ---- {path} ---- */\n{text.rstrip()}")
        if kind == "js":
            out.append(";")
    return "\n".join(out) + "\n"


def split_entries(entries: list, docs_dir: Path) -> tuple[list, list[str]]:
    """(the new list, with the bundle where the first joined file was; the joined paths)."""
    joined, kept, placed = [], [], None
    for entry in entries:
        path = plain_path(entry)
        if path and (docs_dir / path).is_file():
            joined.append(path)
            if placed is None:
                placed = len(kept)
                kept.append(None)
        else:
            kept.append(entry)
    return kept, joined


class AssetsConfig(Config):
    enabled = c.Type(bool, default=True)


class AssetsPlugin(BasePlugin[AssetsConfig]):
    """Serve the book's CSS and JavaScript as one file each."""

    def on_config(self, config):
        self.parts: dict[str, list[str]] = {"css": [], "js": []}
        if not self.config.enabled:
            return config
        docs = Path(config.docs_dir)
        for kind, key, bundle in (("css", "extra_css", CSS_BUNDLE), ("js", "extra_javascript", JS_BUNDLE)):
            kept, joined = split_entries(list(config[key]), docs)
            if len(joined) > 1:
                self.parts[kind] = joined
                new = c.ExtraScriptValue(bundle) if kind == "js" else bundle
                config[key] = [new if e is None else e for e in kept]
        return config

    def on_files(self, files, config):
        for kind, bundle in (("css", CSS_BUNDLE), ("js", JS_BUNDLE)):
            if self.parts[kind]:
                docs = Path(config.docs_dir)
                text = join([(p, read_text(docs / p, f"docs/{p}")) for p in self.parts[kind]], kind)
                files.append(File.generated(config, bundle, content=text))
        return files
