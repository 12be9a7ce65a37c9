"""The anchor guard: an edition may not lose a page or anchor that was published.

Teachers' links name an edition, but many will use ``latest``, and a student
may switch editions with the version selector. So before a new edition is
published, its ``anchors.json`` is compared with the manifest of every
edition already on the gh-pages branch. Every (page, id) published before
must still exist, or be declared moved in ``redirects.yml`` (page moves,
anchor moves, or both) to a place that exists. Otherwise publishing stops and
names each lost anchor: page, id, words, and the editions that published it.

``make publish`` (``studybook.editions.publish``) builds the edition, then calls
``verify`` before it deploys; ``make check-anchors`` runs the same check on
``site/`` by hand::

    python -m studybook.editions.guard --site site [--branch gh-pages] [--redirects redirects.yml]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from studybook.anchors import redirects as redirects_mod
from studybook.anchors.manifest import MANIFEST
from studybook.anchors.redirects import Redirects


@dataclass
class Lost:
    """A published anchor (or page: ``id`` None) that the new edition does not serve."""

    path: str
    src: str
    id: str | None
    text: str
    editions: list[str] = field(default_factory=list)
    reason: str = ""

    def describe(self) -> str:
        where = f"{self.path}#{self.id}" if self.id else (self.path or "(home page)")
        words = f' "{self.text}"' if self.text else ""
        return (f"{where}{words}: published in {', '.join(self.editions)}"
                + (f" ({self.reason})" if self.reason else ""))


class GuardError(Exception):
    """A reason not to publish; ``problem`` and ``fix`` as ``studybook.editions.publish.PublishError`` takes them."""

    def __init__(self, problem: str, fix: str):
        self.problem, self.fix = problem, fix
        super().__init__(f"{problem}\nFix: {fix}")


class AnchorsLost(GuardError):
    """Publishing would break published links; the message lists them and the fix."""

    def __init__(self, lost: list[Lost]):
        self.lost = lost
        problem, _, fix = report(lost).partition("\nFix: ")
        super().__init__(problem, fix)


def _index(manifest: dict) -> tuple[dict[str, dict], dict[str, set[str]]]:
    by_src = {p["src"]: p for p in manifest.get("pages", [])}
    ids = {p["src"]: {a["id"] for a in p.get("anchors", [])} for p in manifest.get("pages", [])}
    return by_src, ids


def _as_redirects(value) -> Redirects:
    if value is None:
        return Redirects()
    if isinstance(value, Redirects):
        return value
    return redirects_mod.from_data(value)   # as in redirects.yml: {"pages": ..., "anchors": ...}


def check_anchors(new_manifest: dict, published_manifests: dict[str, dict],
                  redirects: Redirects | dict | None = None) -> list[Lost]:
    """Every anchor of ``published_manifests`` ({edition: manifest}) the new edition loses.

    An anchor is kept when the new edition has the same id on the same page;
    when redirects declare the page moved and the new page has the id; or when
    redirects declare the anchor moved (from the old or the moved page) and
    the target page has the target id.
    """
    r = _as_redirects(redirects)
    _, new_ids = _index(new_manifest)
    lost: dict[tuple[str, str | None], Lost] = {}

    def note(page: dict, anchor: dict | None, edition: str, reason: str):
        key = (page["src"], anchor["id"] if anchor else None)
        if key not in lost:
            lost[key] = Lost(page["path"], page["src"], key[1],
                             (anchor or {}).get("text", "") or ("" if anchor else page.get("title", "")),
                             reason=reason)
        if edition not in lost[key].editions:
            lost[key].editions.append(edition)

    for edition, old in published_manifests.items():
        for page in old.get("pages", []):
            src = page["src"]
            now = r.resolve_page(src)
            if now not in new_ids:
                note(page, None, edition, "page gone; declare it under `pages:`"
                     if now == src else f"moved to {now}, which does not exist")
                continue
            for anchor in page.get("anchors", []):
                aid = anchor["id"]
                if aid in new_ids[now]:
                    continue
                move = r.anchors.get((src, aid)) or r.anchors.get((now, aid))
                if move is None:
                    note(page, anchor, edition, "")
                elif move[1] not in new_ids.get(r.resolve_page(move[0]), set()):
                    note(page, anchor, edition, f"declared moved to {move[0]}#{move[1]}, which does not exist")
    for x in lost.values():
        x.editions.sort(key=version_key)
    return list(lost.values())


def version_key(version: str) -> tuple:
    """Sort "1.10" after "1.9": numbers as numbers, anything else after them as text."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.split(r"[.-]", version))


def report(lost: list[Lost]) -> str:
    if not lost:
        return "Every published page and anchor is still served."
    lines = [f"Publishing would break links to {len(lost)} published "
             f"{'anchor' if len(lost) == 1 else 'anchors'}:"]
    lines += [f"  {x.describe()}" for x in lost]
    example = next((x for x in lost if x.id), None)
    lines.append("Fix: restore the id in its page, or declare where it went in redirects.yml"
                 + (", e.g.\n  anchors:\n"
                    f"    {example.src}#{example.id}: {example.src}#<new-id>" if example else ""))
    return "\n".join(lines)


# -- Reading what is published --------------------------------------------------------

def _git_show(repo: Path, spec: str) -> str | None:
    result = subprocess.run(["git", "-C", str(repo), "show", spec],
                            capture_output=True, text=True)
    return result.stdout if result.returncode == 0 else None


def published_manifests(repo: str | Path = ".", branch: str = "gh-pages",
                        prefix: str = "") -> dict[str, dict]:
    """{edition: manifest} for every version mike lists on ``branch`` that has a manifest.

    Read with git from the local branch (no checkout, no network). No branch
    yet means nothing is published: an empty dict.
    """
    repo = Path(repo)
    base = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
    listing = _git_show(repo, f"{branch}:{base}versions.json")
    if listing is None:
        return {}
    out = {}
    for entry in json.loads(listing):
        version = entry["version"]
        text = _git_show(repo, f"{branch}:{base}{version}/{MANIFEST}")
        if text is not None:
            out[version] = json.loads(text)
    return out


def editions_to_keep(published: dict[str, dict], version: str | None) -> dict[str, dict]:
    """The published editions whose anchors edition ``version`` must keep.

    Those up to and including ``version``: when it becomes ``latest``, the
    ``latest`` links sent while they were newest land on it; and a replaced
    edition (FORCE) must keep its own. A newer edition stays where it is, and
    so does ``latest``, so its anchors are not this edition's to keep.
    """
    if version is None:
        return published
    return {v: m for v, m in published.items() if version_key(v) <= version_key(version)}


def verify(site_dir: str | Path, repo: str | Path = ".", branch: str = "gh-pages",
           redirects_file: str | Path = redirects_mod.FILE, prefix: str = "",
           version: str | None = None) -> dict[str, dict]:
    """Raise ``AnchorsLost`` if the built site loses a published anchor; return what was compared.

    ``version`` is the edition being published (None: compare with every
    published edition). ``make publish`` calls this from its
    ``check_before_deploy`` hook, before anything is committed to gh-pages.
    """
    published = editions_to_keep(published_manifests(repo, branch, prefix), version)
    path = Path(site_dir) / MANIFEST
    if not path.is_file():
        if not published:
            return {}          # nothing to keep, nothing to compare with
        raise GuardError(f"the build has no {MANIFEST}, so it cannot be checked against "
                         f"{', '.join(published)}",
                         "keep `studybook-manifest` in the plugins of mkdocs.yml")
    new = json.loads(path.read_text(encoding="utf-8"))
    lost = check_anchors(new, published, redirects_mod.load(Path(repo) / redirects_file))
    if lost:
        raise AnchorsLost(lost)
    return published


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", default="site", help="the built edition (with anchors.json)")
    ap.add_argument("--repo", default=".", help="the git repository with the gh-pages branch")
    ap.add_argument("--branch", default="gh-pages")
    ap.add_argument("--redirects", default=redirects_mod.FILE)
    args = ap.parse_args(argv)
    try:
        published = verify(args.site, args.repo, args.branch, args.redirects)
    except GuardError as exc:
        print(exc, file=sys.stderr)
        return 1
    editions = ", ".join(published) or "none yet"
    print(f"Anchor guard: every published page and anchor is still served (editions checked: {editions}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
