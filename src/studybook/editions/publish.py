"""Publish an edition: build the book as version X.Y and deploy it with mike.

    make publish VERSION=1.1            # to the local gh-pages branch only
    make publish VERSION=1.1 PUSH=1     # ... then push gh-pages
    make publish VERSION=1.0 FORCE=1    # replace an edition already published

    python -m studybook.editions.publish 1.1 [--push] [--force]    # the same, from the repository root

An edition, once published, stays as it was: publishing X.Y writes only the
folder X.Y/, the `latest` redirects, versions.json and the site's root files
(index.html, 404.html, .nojekyll); every other edition's files stay
byte-identical. Each step below stops the publish with the problem and the fix
when it fails, and nothing is committed to gh-pages before step 6.

1. VERSION is <major>.<minor>, and it heads docs/changelog.md (the edition's
   number, date and "What changed" list come from that entry).
2. The working tree is clean: an edition is built from a commit.
3. gh-pages is brought up to date: with --push, fetched from the remote; then
   fast-forwarded to <remote>/gh-pages, as mike does. A diverged branch stops.
4. VERSION is not published yet, unless --force.
5. The edition's offline zip and PDF are made (``prepare_downloads``), then
   the previous edition's texts.json is read from gh-pages for the changes
   page (``prepare_changes``), then the book is built (strict) for VERSION
   into a temporary folder, with links to both downloads on every page and the
   files under VERSION/downloads/; the two hook points run on it: ``check_before_deploy`` and ``add_to_edition``.
6. mike deploys the build as VERSION. If VERSION is the newest edition, the
   alias `latest` moves to it (--update-aliases), as small redirect pages.
7. mike set-default latest: the site root redirects to latest/.
8. 404.html at the root: a copy of the latest edition's own 404 page (mike
   writes none, and GitHub Pages serves only the root one).
9. With --push, gh-pages is pushed to the remote.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from mike import commands, git_utils, mkdocs_utils
from mike.app_version import version as mike_version
from mike.versions import Versions

from studybook.edition import VERSION_ENV, long_date
from studybook.editions import guard
from studybook.editions.changelog import CHANGELOG, VERSION, Entry, heading_for, parse_changelog, version_key
from studybook.errors import CONFIG, BookError, config_line

LATEST = "latest"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}


class PublishError(BookError):
    """A reason not to publish: ``path:line: problem`` and the fix, as every ``BookError``.

    ``path`` is the file at fault (``docs/changelog.md``, ``mkdocs.yml``), the
    setting (``VERSION``, ``PUSH``), the branch or a file on it
    (``gh-pages:versions.json``), or the repository for a git problem.
    """


@dataclass
class Release:
    """What the hook points know about the edition being published."""

    version: str                 # "1.1"
    entry: Entry                 # its changelog entry
    repo: Path                   # the repository root (the working directory)
    site_dir: Path               # the built edition: files added here ship inside VERSION/
    config_file: Path            # mkdocs.yml
    site_url: str                # where the site root is served (SITE_URL)
    branch: str                  # "gh-pages"
    deploy_prefix: str           # "" unless mkdocs.yml sets one for mike
    published: Versions          # what gh-pages held before this publish
    is_newest: bool              # True when `latest` moves to this edition

    def read_published(self, path: str) -> bytes:
        """A file from gh-pages as it was before this publish, e.g. ``"1.0/sitemap.xml"``."""
        return git_utils.read_file(self.branch, os.path.join(self.deploy_prefix, path))


# -- Hook points -----------------------------------------------------------------

def check_before_deploy(release: Release) -> None:
    """HOOK: checks on the new build before anything is committed to gh-pages.

    Raise ``PublishError`` to stop the publish; gh-pages is then untouched.

    The anchor guard (``studybook.editions.guard``): the new build's anchors.json must
    still serve every page and anchor of the editions published up to this
    one, or redirects.yml must declare where each went.
    """
    try:
        checked = guard.verify(release.site_dir, release.repo, release.branch,
                               prefix=release.deploy_prefix, version=release.version)
    except guard.GuardError as stop:
        raise PublishError(stop.path, stop.line, stop.problem, stop.fix) from None
    if checked:
        editions = ', '.join(sorted(checked, key=guard.version_key))
        say(f"anchor guard: every page and anchor of {editions} is still served")


def add_to_edition(release: Release) -> None:
    """HOOK: files written into ``release.site_dir`` here ship inside the edition.

    They are committed with it under VERSION/ and never change afterwards.
    The offline copy and the PDF are already there (``prepare_downloads``
    runs before the build, so that every page can link to them with sizes).
    """


def prepare_downloads(cfg, repo: Path, version: str, workdir: Path) -> dict[str, str]:
    """HOOK, before the build: this edition's offline zip and PDF, from the same commit.

    When the book loads studybook-downloads, both files are made for VERSION
    (studybook.offline.package, as `make offline` does) in ``workdir/dist``; the
    environment returned makes the edition's build link every page to them,
    with their sizes, and copy them into VERSION/downloads/, and stops it if
    one is missing. A book without that plugin gets no downloads.
    """
    if "studybook-downloads" not in cfg["plugins"]:
        return {}
    from studybook.offline.package import PackageError, build_downloads

    dist = workdir / "dist"
    try:
        made = build_downloads(dist, site_dir=workdir / "site-offline", repo=repo,
                               environ={**os.environ, VERSION_ENV: version}, log=say)
    except PackageError as error:
        raise PublishError(error.path, error.line,
                           f"the downloads of edition {version} could not be made: {error.problem}",
                           f"{error.fix} (`make offline VERSION={version}` shows the same problem); "
                           "then commit, and publish again") from None
    say(f"downloads: {made.zip.name}, {made.pdf.name}, {made.epub.name}")
    return {"STUDYBOOK_DIST": str(dist), "STUDYBOOK_REQUIRE_DOWNLOADS": "true"}


def prepare_changes(cfg, release: Release, workdir: Path) -> dict[str, str]:
    """HOOK, before the build: the previous edition's words, for "Changes in this edition".

    When the book loads studybook-changes, the edition before VERSION on
    gh-pages is read with git (``studybook.changes.inputs``, failing closed as
    the anchor guard does) into ``workdir/changes-input.json``, which the
    environment returned names for the build.
    """
    if "studybook-changes" not in cfg["plugins"]:
        return {}
    from studybook.changes.inputs import write_input
    from studybook.changes.plugin import ENV

    dest = workdir / "changes-input.json"
    try:
        data = write_input(dest, release.repo, release.branch, release.deploy_prefix, release.version)
    except guard.GuardError as stop:
        raise PublishError(stop.path, stop.line, stop.problem, stop.fix) from None
    if data["previous"] is None:
        say("changes page: the first edition, nothing to compare")
    else:
        say(f"changes page: compares {release.version} with {data['previous']}"
            + ("" if data["texts"] is not None else f" (which has no {data['previous']}/texts.json)"))
    return {ENV: str(dest)}


# -- Checks (pure where possible, so the tests can call them) ----------------------

def check_version(version: str, newest_in_changelog: str | None = None) -> str:
    """The VERSION argument, checked: ``<major>.<minor>``."""
    version = version.strip()
    example = newest_in_changelog or "1.0"
    if not version:
        raise PublishError("VERSION", None, "no edition number given",
                           f"make publish VERSION=<major>.<minor>, for example "
                           f"make publish VERSION={example}")
    if not VERSION.match(version):
        raise PublishError("VERSION", None, f"'{version}' is not an edition number",
                           "use <major>.<minor> without a 'v' or a third part, "
                           f"for example make publish VERSION={example}")
    return version


def check_flag(name: str, value: str) -> bool:
    """PUSH and FORCE: 1 means yes; 0 or empty means no; anything else is a slip."""
    if value in ("", "0"):
        return False
    if value == "1":
        return True
    raise PublishError(name, None, f"{value!r} is not understood",
                       f"write {name}=1 to {'push gh-pages' if name == 'PUSH' else 'replace the edition'}, "
                       f"or leave {name} out")


def changelog_entry(text: str, version: str) -> Entry:
    """VERSION's changelog entry, which must be the newest one."""
    path = f"docs/{CHANGELOG}"
    entries = parse_changelog(text, path)
    newest = entries[0]
    if newest.version == version:
        return newest
    entry = next((e for e in entries if e.version == version), None)
    if entry is not None:
        raise PublishError(
            path, entry.line, f"edition {version} is not the newest entry (that is {newest.version})",
            f"an edition is published from the commit whose changelog it heads: check out "
            f"the commit (tag v{version}) that added its entry, or publish {newest.version}")
    raise PublishError(
        path, newest.line, f"no entry for edition {version} (the newest entry, on this line, is {newest.version})",
        f"add '{heading_for(version, 'YYYY-MM-DD')}' with a bullet list of what changed "
        f"above the {newest.version} entry, commit it, and publish again")


def moves_latest(version: str, published: Versions) -> bool:
    """True when VERSION is at least as new as every published edition."""
    numbers = [str(v.version) for v in published if VERSION.match(str(v.version))]
    return all(version_key(version) >= version_key(n) for n in numbers)


def check_site_url(site_url: str, push: bool, config_file: str | Path | None = None) -> None:
    """An edition pushed with a local site_url would send readers' browsers to localhost."""
    host = urlsplit(site_url).hostname or ""
    if push and host in LOCAL_HOSTS:
        raise PublishError(
            _shown(config_file), config_line(config_file, "site_url"),
            f"site_url is {site_url}, a local address, and PUSH=1 would publish it for good",
            "set SITE_URL to where gh-pages is served, for example "
            "SITE_URL=https://<owner>.github.io/<repository>/ make publish VERSION=... PUSH=1")


URL_ATTR = re.compile(r"""\b(?:href|src|action)\s*=\s*["']([^"']*)["']""", re.I)
ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", re.I)


def root_404(html: str, version: str, source: str | None = None) -> str:
    """The site's root 404.html, made from ``<version>/404.html`` (``source``: where it was read).

    GitHub Pages serves /404.html for every missing address, at any depth, so
    the page may only use absolute addresses. MkDocs writes a version's 404
    page that way (from site_url); this checks it and marks the copy.
    """
    relative = sorted({u for u in URL_ATTR.findall(html) if u and not ABSOLUTE.match(u)})
    if relative:
        raise PublishError(
            source or f"gh-pages:{version}/404.html", None,
            f"the page uses relative addresses ({', '.join(relative[:5])}), "
            "which break when it is served for a missing page at another depth",
            "set site_url in mkdocs.yml (SITE_URL): MkDocs then writes the 404 page with absolute paths")
    note = (f"<!-- The site's 404 page: a copy of {version}/404.html, the latest edition's, "
            "written by studybook.editions.publish. -->\n")
    m = re.match(r"\s*<!doctype[^>]*>\s*", html, re.I)
    return html[:m.end()] + note + html[m.end():] if m else note + html


# -- Git -----------------------------------------------------------------------

def git(*args: str, check: bool = True, where: str | None = None) -> subprocess.CompletedProcess:
    """Run git in the repository; a failure (with ``check``) names ``where`` (default: the repository)."""
    try:
        result = subprocess.run(["git", *args], capture_output=True, text=True)
    except OSError as exc:
        raise PublishError(where or os.getcwd(), None, f"git could not be run ({exc.strerror or exc})",
                           "install git: an edition is published from a git repository") from None
    if check and result.returncode != 0:
        raise PublishError(where or os.getcwd(), None,
                           f"git {' '.join(args)} failed: {result.stderr.strip()}",
                           "run it by hand to see why")
    return result


def check_clean_tree() -> None:
    """An edition is built from a commit: no uncommitted changes."""
    status = git("status", "--porcelain", "--untracked-files=normal").stdout.splitlines()
    if status:
        shown = "; ".join(line[3:] for line in status[:5]) + (" ..." if len(status) > 5 else "")
        raise PublishError(os.getcwd(), None, f"the working tree has uncommitted changes ({shown})",
                           "commit or stash them: an edition is built from a commit, "
                           "so that it can be rebuilt and checked later")


def sync_branch(remote: str, branch: str, fetch: bool) -> None:
    """Bring the local branch up to date with the remote's, fast-forward only."""
    if fetch:
        if git("remote", "get-url", remote, check=False).returncode != 0:
            raise PublishError(os.getcwd(), None, f"PUSH=1 but the repository has no remote '{remote}'",
                               f"add it (git remote add {remote} <url>) or publish without PUSH=1")
        if git("ls-remote", "--exit-code", "--heads", remote, branch, check=False).returncode == 0:
            git("fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}",
                where=branch)
    try:
        git_utils.update_from_upstream(remote, branch)
    except (git_utils.GitBranchDiverged, git_utils.GitRevUnrelated) as e:
        raise PublishError(branch, None,
                           f"{e}: the local {branch} and {remote}/{branch} hold different histories",
                           f"look at both (git log {branch} {remote}/{branch}); if the remote is "
                           f"right, git branch -f {branch} {remote}/{branch}") from None


def commit_files(branch: str, message: str, files: dict[str, bytes]) -> bool:
    """Commit files to the branch with mike's committer; False if nothing changed."""
    try:
        with git_utils.Commit(branch, message) as commit:
            for path, data in files.items():
                commit.add_file(git_utils.FileInfo(path, data))
    except git_utils.GitEmptyCommit:
        return False
    return True


# -- The publish -------------------------------------------------------------------

def say(text: str) -> None:
    print(f"publish: {text}", flush=True)


def build(config_file: Path, site_dir: Path, version: str, extra_env: dict[str, str] | None = None) -> None:
    """The book for VERSION, built strictly (mike itself builds without --strict)."""
    env = dict(os.environ, **{VERSION_ENV: version}, NO_MKDOCS_2_WARNING="1", **(extra_env or {}))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
         "--config-file", str(config_file), "--site-dir", str(site_dir)],
        env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise PublishError(_shown(config_file), None,
                           f"the book did not build as edition {version} (output above)",
                           "fix the build (make build shows the same errors), commit, and publish again")


def _shown(config_file: str | Path | None) -> str:
    """How a message names mkdocs.yml (or the file given instead)."""
    return Path(config_file).name if config_file else CONFIG


def _on_branch(branch: str, prefix: str, path: str) -> str:
    """A file on the branch as a message names it: ``gh-pages:versions.json``."""
    return f"{branch}:{os.path.join(prefix, path)}"


def load_config(config_file: Path):
    """The MkDocs configuration and the mike plugin's options from mkdocs.yml."""
    cfg = mkdocs_utils.load_config(str(config_file))
    plugin = cfg["plugins"].get("mike")
    if plugin is None:
        raise PublishError(_shown(config_file), config_line(config_file, "plugins"),
                           "the mike plugin is not loaded", "add it under plugins: (see the comments there)")
    if plugin.config["alias_type"] != "redirect":
        raise PublishError(
            _shown(config_file), config_line(config_file, "mike", "alias_type"),
            f"mike's alias_type is {plugin.config['alias_type']!r}",
            "use alias_type: redirect; with symlinks, /latest/ pages lose Material's "
            "instant navigation and 'stay on the same page'")
    return cfg, plugin.config


def publish(version: str, *, push: bool = False, force: bool = False,
            config_file: str = "mkdocs.yml") -> None:
    """Publish edition VERSION: the nine steps of the module docstring, in order."""
    repo = Path.cwd()
    config_path = repo / config_file
    entry = check_changelog(repo, version)                                  # 1
    version = entry.version
    check_clean_tree()                                                      # 2
    cfg, mike_cfg = load_config(config_path)
    site_url = cfg["site_url"] or ""
    check_site_url(site_url, push, config_path)
    remote, branch, prefix = cfg["remote_name"], cfg["remote_branch"], mike_cfg["deploy_prefix"]
    sync_branch(remote, branch, fetch=push)                                 # 3
    published = check_unpublished(version, branch, prefix, force)          # 4
    is_newest = moves_latest(version, published)
    check_latest_alias(published, is_newest, branch, prefix)
    with tempfile.TemporaryDirectory(prefix=f"edition-{version}-") as tmp:
        release = Release(version, entry, repo, Path(tmp) / "site", config_path, site_url, branch,
                          prefix, published, is_newest)
        build_edition(release, cfg, Path(tmp))                              # 5
        deploy_edition(release, cfg, mike_cfg)                              # 6
    point_root_at_latest(branch, prefix, mike_cfg["redirect_template"])     # 7
    copy_root_404(branch, prefix)                                           # 8
    push_or_preview(remote, branch, push)                                   # 9


def check_changelog(repo: Path, version: str) -> Entry:
    """Step 1: VERSION is <major>.<minor> and heads docs/changelog.md; its entry."""
    changelog = repo / "docs" / CHANGELOG
    if not changelog.exists():
        raise PublishError(f"docs/{CHANGELOG}", None, "the changelog is missing",
                           "every edition carries docs/changelog.md; create it with an entry for this "
                           "edition (see src/studybook/editions/changelog.py)")
    text = changelog.read_text(encoding="utf-8")
    try:
        newest = parse_changelog(text)[0].version   # only for the example in a message
    except BookError:
        newest = None
    return changelog_entry(text, check_version(version, newest))


def check_unpublished(version: str, branch: str, prefix: str, force: bool) -> Versions:
    """Step 4: what the branch holds, which may include VERSION only with FORCE."""
    published = commands.list_versions(branch, prefix)
    if published.find(version) and not force:
        raise PublishError(
            _on_branch(branch, prefix, guard.VERSIONS), None,
            f"edition {version} is already published; a published edition is never replaced silently",
            f"publish the next edition instead (a new changelog entry), or, to replace {version} "
            f"on purpose, make publish VERSION={version} FORCE=1")
    return published


def check_latest_alias(published: Versions, is_newest: bool, branch: str, prefix: str) -> None:
    """An edition older than the newest leaves `latest` where it is, so the branch must have it."""
    if not is_newest and not published.find(LATEST):
        raise PublishError(_on_branch(branch, prefix, guard.VERSIONS), None,
                           f"the branch holds editions but no '{LATEST}' alias",
                           f"point it at the newest edition first: .venv/bin/mike alias "
                           f"--update-aliases --alias-type redirect <X.Y> {LATEST}")


def build_edition(release: Release, cfg, workdir: Path) -> None:
    """Step 5: the downloads, the strict build into ``release.site_dir``, and the two hooks on it."""
    say(f"building edition {release.version} ({long_date(release.entry.date)}) for {release.site_url}")
    if "SITE_URL" not in os.environ:
        say("SITE_URL is not set, so this is a preview for this machine: "
            "do not push it (README, 'Publish by hand')")
    downloads_env = prepare_downloads(cfg, release.repo, release.version, workdir)
    changes_env = prepare_changes(cfg, release, workdir)
    build(release.config_file, release.site_dir, release.version, {**downloads_env, **changes_env})
    check_before_deploy(release)
    add_to_edition(release)


def deploy_edition(release: Release, cfg, mike_cfg) -> None:
    """Step 6: mike commits the build as VERSION, and moves `latest` to it if it is the newest."""
    version, branch = release.version, release.branch
    head = git("rev-parse", "--short", "HEAD").stdout.strip()
    cfg["site_dir"] = str(release.site_dir)
    try:
        with commands.deploy(cfg, version, aliases=[LATEST] if release.is_newest else [],
                             update_aliases=True, alias_type=commands.AliasType.redirect,
                             template=mike_cfg["redirect_template"], branch=branch,
                             message=f"Publish edition {version} from {head} with mike {mike_version}",
                             deploy_prefix=release.deploy_prefix):
            pass
    except git_utils.GitEmptyCommit:
        say(f"edition {version} on {branch} already matches this build; nothing to commit")
    if release.is_newest:
        say(f"deployed {version} to {branch} and pointed '{LATEST}' at it")
    else:
        say(f"deployed {version} to {branch}; '{LATEST}' stays on "
            f"{release.published.find(LATEST)[0]}, which is newer")


def point_root_at_latest(branch: str, prefix: str, template) -> None:
    """Step 7: mike set-default latest, so the site root redirects to latest/."""
    with contextlib.suppress(git_utils.GitEmptyCommit):
        commands.set_default(LATEST, template, branch=branch,
                             message=f"Point the site root at {LATEST} with mike {mike_version}",
                             deploy_prefix=prefix)


def copy_root_404(branch: str, prefix: str) -> None:
    """Step 8: the root 404.html, a copy of the latest edition's own 404 page."""
    latest_version = commands.list_versions(branch, prefix).find(LATEST)[0]
    source = os.path.join(prefix, latest_version, "404.html")
    page = root_404(git_utils.read_file(branch, source, universal_newlines=True), latest_version,
                    f"{branch}:{source}")
    if commit_files(branch, f"Root 404 page from edition {latest_version}",
                    {os.path.join(prefix, "404.html"): page.encode()}):
        say(f"root 404.html now copies {latest_version}/404.html")


def push_or_preview(remote: str, branch: str, push: bool) -> None:
    """Step 9: with PUSH=1, push the branch; otherwise say how to look at it."""
    if push:
        git_utils.push_branch(remote, branch)
        say(f"pushed {branch} to {remote}")
    else:
        say(f"{branch} is updated locally; nothing was pushed (PUSH=1 pushes). "
            f"Preview: .venv/bin/mike serve")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m studybook.editions.publish",
        description="Publish an edition of the book with mike (see `make publish`).")
    parser.add_argument("version", nargs="?", default="", help="the edition number, <major>.<minor>")
    parser.add_argument("--push", nargs="?", const="1", default="0", metavar="1|0",
                        help="push gh-pages to the remote afterwards")
    parser.add_argument("--force", nargs="?", const="1", default="0", metavar="1|0",
                        help="replace the edition if it is already published")
    parser.add_argument("--config-file", default="mkdocs.yml", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        publish(args.version, push=check_flag("PUSH", args.push),
                force=check_flag("FORCE", args.force), config_file=args.config_file)
    except (BookError, git_utils.GitError) as e:      # PublishError is a BookError
        print(f"make publish: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
