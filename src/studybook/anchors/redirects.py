"""Declared moves (redirects.yml): old pages and anchors keep working after a move.

A classroom link names a page and an anchor. When an edition moves either,
``redirects.yml`` at the repository root says where it went::

    pages:                       # old source file: new source file (under docs/)
      chapters/old-slug.md: chapters/new-slug.md
    anchors:                     # old page#id: new page#id
      chapters/treaty-with-pyongyang.md#p-yhys: chapters/treaty-with-pyongyang.md#p-m3d8

The build turns each entry into a working redirect:

- a page move becomes an ``redirect_maps`` entry of the mkdocs-redirects
  plugin (its redirect page keeps the ``#id`` of the link);
- an anchor move becomes a small JSON map in the page that now serves the old
  address; ``assets/js/anchors.js`` sends ``#old`` on to the new place on load.

The build checks the file: the old page must be gone, the new page must
exist, the new id must exist on its page and the old id must be gone from
its page (or the move would never apply). ``studybook.editions.guard`` reads the same
file, so a move declared here is also what lets ``make publish`` through.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, event_priority

from studybook.anchors.linkdata import data_element
from studybook.errors import BookError, not_utf8, yaml_error
from studybook.order import require

FILE = "redirects.yml"
MOVES_CLASS = "sb-anchor-moves"
ANCHOR_KEY = re.compile(r"^(?P<page>[\w./-]+\.md)#(?P<id>[A-Za-z][\w:.-]*)$")
ID_ATTR = re.compile(r"""\sid=["']([^"']+)["']""")


@dataclass
class Redirects:
    """The declared moves, with the line of each entry for error messages."""

    pages: dict[str, str] = field(default_factory=dict)                       # old src -> new src
    anchors: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # (src, id) -> (src, id)
    lines: dict[str, int] = field(default_factory=dict)                       # entry key -> line
    path: str = FILE

    def resolve_page(self, src: str) -> str:
        """Where a page is now, following page moves (a chain ends where it ends)."""
        seen = set()
        while src in self.pages and src not in seen:
            seen.add(src)
            src = self.pages[src]
        return src

    def error(self, key: str, problem: str, fix: str) -> BookError:
        return BookError(self.path, self.lines.get(key), problem, fix)


SECTIONS = ("pages", "anchors")
SECTION_LINE = "\0section:"      # lines[SECTION_LINE + name]: the line of a top-level key


def _mapping_lines(text: str) -> dict[str, dict[str, int]]:
    """Line numbers of the keys under each top-level section of the YAML text.

    The top-level keys themselves are under ``""``.
    """
    out: dict[str, dict[str, int]] = {"": {}}
    root = yaml.compose(text)
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            out[""][str(key.value)] = key.start_mark.line + 1
            if isinstance(value, yaml.MappingNode):
                out[key.value] = {k.value: k.start_mark.line + 1 for k, _ in value.value}
    elif root is not None:
        out[""][""] = root.start_mark.line + 1
    return out


def parse(text: str, path: str = FILE) -> Redirects:
    """Read redirects.yml; a malformed entry raises ``BookError`` with its line."""
    try:
        data = yaml.safe_load(text) or {}
        lines = _mapping_lines(text)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, path) from None
    flat = {k: n for name, section in lines.items() if name for k, n in section.items()}
    flat.update({SECTION_LINE + k: n for k, n in lines[""].items()})
    return from_data(data, path, flat)


def from_data(data: dict, path: str = FILE, lines: dict[str, int] | None = None) -> Redirects:
    """Moves from the parsed YAML (``{"pages": {...}, "anchors": {...}}``)."""
    lines = lines or {}
    fix = ("write the file as two sections of 'old: new' lines, `pages:` and `anchors:` "
           "(see the comment at the top of the file)")
    if not isinstance(data, dict):
        raise BookError(path, lines.get(SECTION_LINE), "expected two sections, `pages:` and `anchors:`", fix)
    other = sorted((str(k) for k in data if k not in SECTIONS), key=lambda k: lines.get(SECTION_LINE + k, 0))
    if other:
        raise BookError(path, lines.get(SECTION_LINE + other[0]),
                        f"expected two sections, `pages:` and `anchors:` (not `{other[0]}:`)", fix)
    for name in SECTIONS:
        if not isinstance(data.get(name) or {}, dict):
            raise BookError(path, lines.get(SECTION_LINE + name),
                            f"expected two sections, `pages:` and `anchors:` (`{name}:` is not a list of "
                            "'old: new' lines)", fix)
    r = Redirects(path=path, lines=lines)
    for old, new in (data.get("pages") or {}).items():
        if not (isinstance(old, str) and isinstance(new, str)
                and old.endswith(".md") and new.endswith(".md")):
            raise r.error(str(old), f"page move '{old}: {new}' must map a .md file to a .md file",
                          "write both as paths under docs/, e.g. `chapters/old.md: chapters/new.md`")
        r.pages[old] = new
    for old, new in (data.get("anchors") or {}).items():
        a, b = ANCHOR_KEY.match(str(old)), ANCHOR_KEY.match(str(new))
        if not (a and b):
            raise r.error(str(old), f"anchor move '{old}: {new}' must map page.md#id to page.md#id",
                          "e.g. `chapters/x.md#p-old1: chapters/x.md#p-new2`")
        r.anchors[(a["page"], a["id"])] = (b["page"], b["id"])
    return r


def load(path: str | Path) -> Redirects:
    """The moves in ``path``; none if the file does not exist."""
    p = Path(path)
    if not p.is_file():
        return Redirects(path=p.name)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise not_utf8(p.name, p.read_bytes(), exc) from None
    return parse(text, p.name)


def moves_for_page(r: Redirects, src: str) -> dict[tuple[str, str], tuple[str, str]]:
    """The anchor moves whose old address is now served by page ``src``."""
    return {old: new for old, new in r.anchors.items() if r.resolve_page(old[0]) == src}


def moves_block(moves: dict[str, str]) -> str:
    """The page's moves for assets/js/anchors.js: {old id: new address relative to the page}."""
    return data_element(MOVES_CLASS, moves)


class RedirectsConfig(Config):
    file = opt.Type(str, default=FILE)   # relative to mkdocs.yml


class RedirectsPlugin(BasePlugin[RedirectsConfig]):
    """Feed page moves to mkdocs-redirects; write anchor moves into the pages."""

    def on_config(self, config):
        self.moves = load(Path(config.config_file_path).parent / self.config.file)
        self.ids: dict[str, set[str]] = {}   # reset on every (re)build
        if self.moves.pages:
            require(config, "studybook-redirects", "redirects", f"{self.moves.path} declares page moves")
            plugin = config.plugins["redirects"]
            plugin.config["redirect_maps"] = {**plugin.config["redirect_maps"], **self.moves.pages}
        return config

    def on_files(self, files, config):
        r = self.moves
        src = {f.src_uri for f in files.documentation_pages()}
        for old, new in r.pages.items():
            if old in src:
                raise r.error(old, f"'{old}' is declared moved to '{new}' but still exists",
                              f"delete docs/{old} (its address will redirect), or remove the entry")
            if r.resolve_page(old) not in src:
                raise r.error(old, f"page move '{old}': the new page '{new}' does not exist",
                              "point it at an existing page under docs/")
        for (old_page, old_id), (new_page, _) in r.anchors.items():
            key = f"{old_page}#{old_id}"
            if r.resolve_page(old_page) not in src:
                raise r.error(key, f"anchor move '{key}': no page serves '{old_page}' any more",
                              "declare the page move under `pages:` too")
            if new_page not in src:
                raise r.error(key, f"anchor move '{key}': the new page '{new_page}' does not exist",
                              "point it at an existing page under docs/")
        return files

    def on_page_content(self, html, page, config, files):
        moves = moves_for_page(self.moves, page.file.src_uri)
        if not moves:
            return html
        here = page.file
        links = {}
        for (_, old_id), (new_page, new_id) in moves.items():
            target = files.get_file_from_path(new_page)
            href = "" if target is here else target.url_relative_to(here)
            links[old_id] = f"{href}#{new_id}"
        return moves_block(links) + html

    @event_priority(-100)
    def on_post_page(self, output, page, config):
        self.ids[page.file.src_uri] = set(ID_ATTR.findall(output))
        return output

    def on_post_build(self, config):
        r = self.moves
        for (old_page, old_id), (new_page, new_id) in r.anchors.items():
            key = f"{old_page}#{old_id}"
            if new_id not in self.ids.get(new_page, set()):
                raise r.error(key, f"anchor move '{key}': '{new_page}' has no id '#{new_id}'",
                              "point the move at an id that exists (see site/anchors.json)")
            served_by = r.resolve_page(old_page)
            if old_id in self.ids.get(served_by, set()):
                raise r.error(key, f"anchor move '{key}': '{served_by}' still has '#{old_id}', "
                              "so the move would never apply",
                              "remove the entry, or give the paragraph its new id")
