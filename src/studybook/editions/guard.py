"""The anchor guard: an edition may not lose a page or anchor that was published.

Teachers' links name an edition, but many will use ``latest``, and a student
may switch editions with the version selector. So before a new edition is
published, its ``anchors.json`` is compared with the manifest of every
edition already on the gh-pages branch. Every (page, id) published before
must still exist, or be declared moved in ``redirects.yml`` (page moves,
anchor moves, or both) to a place that exists. Otherwise publishing stops and
names each lost anchor: page, id, words, and the editions that published it.
It fails closed: only a gh-pages branch that does not exist means nothing is
published yet; a repository or a published file it cannot read stops it too.

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
from studybook.errors import BookError


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


class GuardError(BookError):
    """A reason not to publish: ``path:line: problem`` and the fix, as every ``BookError``."""


class AnchorsLost(GuardError):
    """Publishing would break published links; the message lists them and the fix.

    Its path is ``redirects.yml``, where a move is declared (the other fix,
    restoring the id, is in the page the message names).
    """

    def __init__(self, lost: list[Lost], redirects_file: str = redirects_mod.FILE):
        self.lost = lost
        problem, _, fix = report(lost).partition("\nFix: ")
        super().__init__(redirects_file, None, problem, fix)


def _ids(manifest: dict) -> dict[str, set[str]]:
    return {p["src"]: {a["id"] for a in p.get("anchors", [])} for p in manifest.get("pages", [])}


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
    new_ids = _ids(new_manifest)
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
#
# The guard fails closed: only a branch that does not exist means "nothing
# published yet". A repository git cannot read, or a published file that is
# damaged, stops the publish, since guessing "no editions" would let it
# break every link the guard is there to keep.

VERSIONS = "versions.json"    # mike's list of editions, at the root of the branch (or deploy_prefix)
REPAIR = ("restore it from the branch's history (git log --oneline {branch} -- {path}) "
          "and commit that to {branch}")
DAMAGED = "`git fsck` names what is damaged; fetch {branch} again from the remote it is published to"


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    """Run git in ``repo``, output as bytes; no git at all is a ``GuardError``."""
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True)
    except OSError as exc:
        raise GuardError(str(repo), None, f"git could not be run ({exc.strerror or exc})",
                         "install git: the guard reads the published editions from the gh-pages "
                         "branch with it") from None


def _said(result: subprocess.CompletedProcess) -> str:
    """Git's complaint, on one line."""
    return " ".join(result.stderr.decode("utf-8", "replace").split()) or f"exit status {result.returncode}"


def branch_exists(repo: Path, branch: str) -> bool:
    """Whether ``repo`` has the local ``branch``; a repository git cannot read is a ``GuardError``."""
    result = _git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}")
    if result.returncode == 0:
        return True
    if result.returncode == 1 and not result.stderr.strip():
        return False       # --quiet: the ref is absent, and nothing else went wrong
    raise GuardError(str(repo), None, f"git cannot read this repository ({_said(result)})",
                     f"give --repo the book's git repository, the one whose {branch} branch "
                     "holds the published editions, and check that git can read it (git status)")


def _exists(repo: Path, branch: str, path: str) -> bool:
    """Whether ``branch`` has a file or folder at ``path``."""
    result = _git(repo, "ls-tree", "--full-tree", "--name-only", f"refs/heads/{branch}", "--", path)
    if result.returncode != 0:
        raise GuardError(f"{branch}:{path}", None, f"git cannot read the branch ({_said(result)})",
                         DAMAGED.format(branch=branch))
    return bool(result.stdout.strip())


def _read_bytes(repo: Path, branch: str, path: str) -> bytes:
    """The bytes of file ``path`` on ``branch``; unreadable (or absent) is a ``GuardError``."""
    result = _git(repo, "show", f"refs/heads/{branch}:{path}")
    if result.returncode != 0:
        raise GuardError(f"{branch}:{path}", None, f"git cannot read it ({_said(result)})",
                         DAMAGED.format(branch=branch))
    return result.stdout


def _read_json(repo: Path, branch: str, path: str):
    """The JSON of file ``path`` on ``branch``; unreadable or not JSON is a ``GuardError``."""
    data = _read_bytes(repo, branch, path)
    where = f"{branch}:{path}"
    try:
        return json.loads(data)
    except ValueError as exc:      # JSONDecodeError, or bytes that are not UTF-8
        raise GuardError(where, getattr(exc, "lineno", None), f"not valid JSON ({getattr(exc, 'msg', exc)})",
                         REPAIR.format(branch=branch, path=path)) from None


def _listed_editions(listing, branch: str, path: str) -> list[str]:
    """The edition numbers in mike's versions.json: ``[{"version": "1.0", ...}, ...]``."""
    if isinstance(listing, list) and all(isinstance(e, dict) and isinstance(e.get("version"), str)
                                         for e in listing):
        return [e["version"] for e in listing]
    raise GuardError(f"{branch}:{path}", None,
                     'not a list of editions as mike writes it ([{"version": "1.0", ...}, ...])',
                     REPAIR.format(branch=branch, path=path))


# The readers, for other publish steps that read gh-pages the same way (studybook.changes.inputs).
exists, read_bytes, read_json, listed_editions = _exists, _read_bytes, _read_json, _listed_editions


def published_manifests(repo: str | Path = ".", branch: str = "gh-pages",
                        prefix: str = "") -> dict[str, dict]:
    """{edition: manifest} for every version mike lists on ``branch`` that has a manifest.

    Read with git from the local branch (no checkout, no network). No branch
    (or, with a ``prefix``, no such folder on it) means nothing is published
    yet: an empty dict. An edition published before manifests existed has
    none and is skipped. Anything else that cannot be read is a ``GuardError``.
    """
    repo = Path(repo)
    if not branch_exists(repo, branch):
        return {}
    base = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
    listing = f"{base}{VERSIONS}"
    if not _exists(repo, branch, listing):
        if base and not _exists(repo, branch, base.rstrip("/")):
            return {}
        raise GuardError(f"{branch}:{listing}", None,
                         f"{branch} has no {VERSIONS}, so the guard cannot tell which editions it holds",
                         f"if mike made {branch}, restore the file from its history (git log --oneline "
                         f"{branch} -- {listing}); if another tool made it, move it aside "
                         f"(git branch -m {branch} {branch}-old) so that mike starts a new one")
    out = {}
    for version in _listed_editions(_read_json(repo, branch, listing), branch, listing):
        path = f"{base}{version}/{MANIFEST}"
        if not _exists(repo, branch, path):
            continue
        manifest = _read_json(repo, branch, path)
        if not (isinstance(manifest, dict) and isinstance(manifest.get("pages", []), list)):
            raise GuardError(f"{branch}:{path}", None, 'not an anchors manifest ({"pages": [...]})',
                             REPAIR.format(branch=branch, path=path))
        out[version] = manifest
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

    Any other ``GuardError`` (or ``BookError``, for a malformed redirects.yml)
    means the check could not be made, and stops the publish as surely.

    ``version`` is the edition being published (None: compare with every
    published edition). ``make publish`` calls this from its
    ``check_before_deploy`` hook, before anything is committed to gh-pages.
    """
    published = editions_to_keep(published_manifests(repo, branch, prefix), version)
    path = Path(site_dir) / MANIFEST
    if not path.is_file():
        if not published:
            return {}          # nothing to keep, nothing to compare with
        raise GuardError(str(path), None, f"the build has no {MANIFEST}, so it cannot be checked against "
                         f"{', '.join(published)}",
                         "keep `studybook-manifest` in the plugins of mkdocs.yml")
    try:
        new = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:      # JSONDecodeError, or bytes that are not UTF-8
        raise GuardError(str(path), getattr(exc, "lineno", None),
                         f"not valid JSON ({getattr(exc, 'msg', exc)})",
                         "build the edition again (the manifest plugin writes this file)") from None
    lost = check_anchors(new, published, redirects_mod.load(Path(repo) / redirects_file))
    if lost:
        raise AnchorsLost(lost, str(redirects_file))
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
    except BookError as exc:        # GuardError, or a malformed redirects.yml
        print(exc, file=sys.stderr)
        return 1
    editions = ", ".join(published) or "none yet"
    print(f"Anchor guard: every published page and anchor is still served (editions checked: {editions}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
