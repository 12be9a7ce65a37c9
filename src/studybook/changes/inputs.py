"""The publish step of the changes page: the previous edition's words, read from gh-pages with git.

``write_input`` finds the edition before VERSION on the branch (the newest
numbered edition older than it), reads its texts.json as the anchor guard
reads anchors.json (``studybook.editions.guard``: only a branch or listing
that does not exist means nothing is published; anything unreadable stops the
publish), and writes the file the ``studybook-changes`` plugin reads. An
edition published before editions kept their words has no texts.json: the
page then says so.

texts.json keeps only the units a link can name (``studybook.anchors.texts.
linkable``). The words of the others (the glossary's, people's and timeline's
paragraphs and rows) are read from the edition's rendered pages on the branch,
with the same reader the build uses (``page_units``), so both sides of the
comparison hold every unit. A page texts.json lists that the branch lacks
stops the publish: the edition is damaged.
"""
from __future__ import annotations

import json
from pathlib import Path

from studybook.anchors.texts import TEXTS, page_units
from studybook.editions import guard
from studybook.editions.changelog import VERSION


def previous_edition(published: list[str], version: str) -> str | None:
    """The newest numbered edition older than ``version``, or None."""
    older = [v for v in published if VERSION.match(v) and guard.version_key(v) < guard.version_key(version)]
    return max(older, key=guard.version_key) if older else None


def read_previous(repo: Path, branch: str, prefix: str, version: str) -> dict:
    """``{"edition", "previous", "texts"}`` for the build of ``version``."""
    base = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
    listed = []
    if guard.branch_exists(repo, branch) and guard.exists(repo, branch, f"{base}{guard.VERSIONS}"):
        listing = f"{base}{guard.VERSIONS}"
        listed = guard.listed_editions(guard.read_json(repo, branch, listing), branch, listing)
    previous = previous_edition(listed, version)
    texts = None
    if previous is not None:
        path = f"{base}{previous}/{TEXTS}"
        if guard.exists(repo, branch, path):
            texts = guard.read_json(repo, branch, path)
            if not (isinstance(texts, dict) and isinstance(texts.get("pages"), list)):
                raise guard.GuardError(f"{branch}:{path}", None, 'not a texts.json ({"pages": [...]})',
                                       guard.REPAIR.format(branch=branch, path=path))
            texts = {**texts, "pages": [with_all_units(repo, branch, f"{base}{previous}/", page)
                                        for page in texts["pages"]]}
    return {"edition": version, "previous": previous, "texts": texts}


def with_all_units(repo: Path, branch: str, root: str, page: dict) -> dict:
    """A texts.json page with every unit of its rendered page, those without an id too."""
    if not isinstance(page, dict) or "units" not in page:
        return page
    if not (isinstance(page.get("path"), str) and isinstance(page.get("kind"), str)):
        where = f"{branch}:{root}{TEXTS}"
        raise guard.GuardError(where, None, f"a page without a path or kind ({str(page)[:80]})",
                               guard.REPAIR.format(branch=branch, path=f"{root}{TEXTS}"))
    html = guard.read_bytes(repo, branch, f"{root}{page['path']}index.html").decode("utf-8", "replace")
    return {**page, "units": page_units(html, page["kind"])}


def write_input(dest: Path, repo: Path, branch: str, prefix: str, version: str) -> dict:
    """Write the plugin's input file at ``dest``; return what it holds."""
    data = read_previous(repo, branch, prefix, version)
    dest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return data
