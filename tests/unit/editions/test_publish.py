"""studybook.editions.publish: the checks, and whole publishes of a tiny book in a temporary repository.

The tiny book's repository lives in a temporary folder with its own git user;
its "remote" is a bare repository beside it. Nothing here touches the real
repository or its gh-pages branch. (tests/browser/test_editions.py publishes
the real book, in a temporary clone, and reads it in a browser.)
"""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from mike.versions import Versions

from studybook.editions.publish import (
    PublishError,
    changelog_entry,
    check_flag,
    check_site_url,
    check_version,
    moves_latest,
    root_404,
)

from conftest import mkdocs_env

REPO = Path(__file__).resolve().parents[3]


# -- The checks -----------------------------------------------------------------------

@pytest.mark.parametrize("given, expected", [("1.0", "1.0"), (" 2.13 ", "2.13"), ("10.0", "10.0")])
def test_good_versions(given, expected):
    assert check_version(given) == expected


@pytest.mark.parametrize("given, problem", [
    # (VERSION as typed, what the message says)
    ("", "no edition number given"),
    ("v1.0", "'v1.0' is not an edition number"),
    ("1", "'1' is not an edition number"),
    ("1.0.1", "'1.0.1' is not an edition number"),
    ("01.0", "'01.0' is not an edition number"),
    ("latest", "'latest' is not an edition number"),
])
def test_bad_versions_say_how_to_call_make_publish(given, problem):
    with pytest.raises(PublishError) as err:
        check_version(given, newest_in_changelog="1.2")
    assert str(err.value).startswith(f"VERSION: {problem}\n  Fix: ")
    assert "make publish VERSION=1.2" in str(err.value)


@pytest.mark.parametrize("value, expected", [("", False), ("0", False), ("1", True)])
def test_flags(value, expected):
    assert check_flag("PUSH", value) is expected


@pytest.mark.parametrize("value", ["yes", "true", "2", " 1"])
def test_unclear_flags_are_refused(value):
    with pytest.raises(PublishError, match=r"^FORCE: .* is not understood\n  Fix: write FORCE=1"):
        check_flag("FORCE", value)


CHANGELOG = """\
# Changelog { #changelog }

## 1.1 — 2027-03-01 { #v1-1 }

- Second.

## 1.0 — 2026-11-29 { #v1-0 }

- First.
"""


def test_the_edition_must_head_the_changelog():
    assert changelog_entry(CHANGELOG, "1.1").date == dt.date(2027, 3, 1)
    with pytest.raises(PublishError) as err:
        changelog_entry(CHANGELOG, "1.0")
    assert "docs/changelog.md:7: edition 1.0 is not the newest entry" in str(err.value)   # 1.0's heading
    assert "tag v1.0" in str(err.value)


def test_an_edition_without_an_entry_is_refused_with_the_heading_to_write():
    with pytest.raises(PublishError) as err:
        changelog_entry(CHANGELOG, "1.2")
    assert "docs/changelog.md:3: no entry for edition 1.2" in str(err.value)   # above the newest entry
    assert "## 1.2 — YYYY-MM-DD { #v1-2 }" in str(err.value)


def versions(*pairs) -> Versions:
    return Versions.from_json([{"version": v, "title": v, "aliases": list(a)} for v, a in pairs])


@pytest.mark.parametrize("version, published, expected", [
    # (edition to publish, what gh-pages holds, does `latest` move to it?)
    ("1.0", [], True),
    ("1.1", [("1.0", ["latest"])], True),
    ("1.10", [("1.9", ["latest"]), ("1.0", [])], True),
    ("1.1", [("1.1", ["latest"]), ("1.0", [])], True),      # FORCE on the newest
    ("1.0", [("1.1", ["latest"]), ("1.0", [])], False),     # FORCE on an older one
])
def test_latest_goes_to_the_newest_edition_only(version, published, expected):
    assert moves_latest(version, versions(*published)) is expected


def test_a_local_site_url_may_be_built_but_not_pushed():
    check_site_url("http://127.0.0.1:8000/", push=False)
    check_site_url("https://example.org/book/", push=True)
    with pytest.raises(PublishError, match=r"^mkdocs\.yml: site_url is http://localhost:8000/, a local address"):
        check_site_url("http://localhost:8000/", push=True)


def test_the_root_404_page_is_marked_after_the_doctype():
    page = '\n<!doctype html>\n<html><link href="/1.1/a.css"><a href="#x"></a><a href="https://e.org/"></a></html>'
    out = root_404(page, "1.1")
    assert out.startswith("\n<!doctype html>\n<!-- The site's 404 page: a copy of 1.1/404.html")
    assert out.endswith(page.split("\n", 2)[2])


def test_a_404_page_with_relative_addresses_is_refused():
    with pytest.raises(PublishError) as err:
        root_404('<!doctype html><link href="assets/a.css"><script src="../x.js"></script>', "1.1")
    assert str(err.value).startswith("gh-pages:1.1/404.html: the page uses relative addresses")
    assert "assets/a.css" in str(err.value) and "../x.js" in str(err.value)
    assert "site_url" in str(err.value)


# -- Whole publishes of a tiny book -----------------------------------------------------

MKDOCS_YML = """\
site_name: Tiny
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
theme:
  name: material
  font: false
plugins:
  - studybook-edition
  - mike:
      alias_type: redirect
markdown_extensions:
  - admonition
extra:
  version:
    provider: mike
"""


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


class Tiny:
    """A two-page book in its own repository, with a bare repository as its remote."""

    def __init__(self, root: Path):
        self.repo, self.remote = root / "book", root / "remote.git"
        git(root, "init", "--quiet", "--bare", str(self.remote))
        git(root, "init", "--quiet", "-b", "main", str(self.repo))
        for key, value in [("user.name", "Publish Test"), ("user.email", "publish-test@example.invalid")]:
            git(self.repo, "config", key, value)
        git(self.repo, "remote", "add", "origin", str(self.remote))
        self.write("mkdocs.yml", MKDOCS_YML)
        self.write(".gitignore", "/site/\n")
        self.write("docs/index.md", "# Tiny\n\n<!-- studybook:edition -->\n")
        self.changelog = "# Changelog\n"
        self.add_edition("1.0", "2026-11-29")

    def write(self, rel: str, text: str):
        path = self.repo / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def add_edition(self, version: str, day: str):
        anchor = "v" + version.replace(".", "-")
        self.changelog = self.changelog.replace(
            "# Changelog\n", f"# Changelog\n\n## {version} — {day} {{ #{anchor} }}\n\n- Edition {version}.\n", 1)
        self.write("docs/changelog.md", self.changelog)
        git(self.repo, "add", "--all")
        git(self.repo, "commit", "--quiet", "-m", f"Edition {version}")

    def publish(self, *args: str, site_url: str = "http://127.0.0.1:8000/") -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "studybook.editions.publish", *args], cwd=self.repo,
                              env=mkdocs_env(SITE_URL=site_url), capture_output=True, text=True)

    def head(self, ref: str = "gh-pages") -> str:
        return git(self.repo, "rev-parse", ref).strip()

    def show(self, path: str) -> str:
        return git(self.repo, "show", f"gh-pages:{path}")

    def versions(self) -> list:
        return [(v["version"], v["aliases"]) for v in json.loads(self.show("versions.json"))]


@pytest.fixture
def tiny(tmp_path) -> Tiny:
    return Tiny(tmp_path)


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_first_publish_writes_the_edition_latest_root_and_404(tiny):
    out = ok(tiny.publish("1.0"))
    assert "pointed 'latest' at it" in out and "nothing was pushed" in out
    assert tiny.versions() == [("1.0", ["latest"])]
    assert 'window.location.replace(\n      "latest/"' in tiny.show("index.html")
    assert "../1.0/" in tiny.show("latest/index.html")
    assert "a copy of 1.0/404.html" in tiny.show("404.html")
    assert "Edition 1.0, published on 29 November 2026" in tiny.show("1.0/index.html")
    # Nothing left the machine: the remote has no gh-pages.
    assert git(tiny.remote, "branch", "--list", "gh-pages") == ""


def test_publishing_again_needs_force_and_then_replaces(tiny):
    ok(tiny.publish("1.0"))
    head = tiny.head()
    again = tiny.publish("1.0")
    assert again.returncode == 2
    assert "make publish: gh-pages:versions.json: edition 1.0 is already published" in again.stderr
    assert "make publish VERSION=1.0 FORCE=1" in again.stderr
    assert tiny.head() == head
    tiny.write("docs/extra.md", "# Added later\n")
    git(tiny.repo, "add", "--all")
    git(tiny.repo, "commit", "--quiet", "-m", "A new page")
    ok(tiny.publish("1.0", "--force=1"))
    assert "Added later" in tiny.show("1.0/extra/index.html")


def test_an_older_edition_republished_leaves_latest_on_the_newest(tiny):
    ok(tiny.publish("1.0"))
    tiny.add_edition("1.1", "2027-03-01")
    ok(tiny.publish("1.1"))
    git(tiny.repo, "checkout", "--quiet", "HEAD~1")          # the commit that 1.0 was made from
    out = ok(tiny.publish("1.0", "--force"))
    assert "'latest' stays on 1.1" in out
    assert tiny.versions() == [("1.1", ["latest"]), ("1.0", [])]
    assert "a copy of 1.1/404.html" in tiny.show("404.html")


def test_an_edition_without_a_changelog_entry_is_refused_before_building(tiny):
    result = tiny.publish("1.1")
    assert result.returncode == 2
    assert "docs/changelog.md:3: no entry for edition 1.1" in result.stderr
    assert "building" not in result.stdout
    assert git(tiny.repo, "branch", "--list", "gh-pages") == ""


def test_a_dirty_working_tree_is_refused(tiny):
    tiny.write("docs/index.md", "# Changed, not committed\n\n<!-- studybook:edition -->\n")
    result = tiny.publish("1.0")
    assert result.returncode == 2
    assert f"make publish: {tiny.repo}: the working tree has uncommitted changes (docs/index.md)" in result.stderr


def test_a_failing_build_publishes_nothing(tiny):
    tiny.write("docs/index.md", "# Tiny\n\nThe marker is gone.\n")
    git(tiny.repo, "commit", "--quiet", "-am", "Break the home page")
    result = tiny.publish("1.0")
    assert result.returncode == 2
    assert "the home page does not show the edition" in result.stderr
    assert "did not build as edition 1.0" in result.stderr
    assert git(tiny.repo, "branch", "--list", "gh-pages") == ""


def test_push_sends_gh_pages_to_the_remote(tiny):
    refused = tiny.publish("1.0", "--push")
    assert refused.returncode == 2 and "a local address" in refused.stderr
    ok(tiny.publish("1.0", "--push=1", site_url="https://example.invalid/tiny/"))
    assert git(tiny.remote, "rev-parse", "gh-pages").strip() == tiny.head()
    sitemap = tiny.show("1.0/sitemap.xml")
    assert "<loc>https://example.invalid/tiny/1.0/</loc>" in sitemap


def test_push_first_catches_up_with_the_remote(tiny):
    """1.0 is on the remote but not in this clone: PUSH=1 fetches it and will not overwrite it."""
    ok(tiny.publish("1.0", "--push", site_url="https://example.invalid/tiny/"))
    git(tiny.repo, "branch", "--quiet", "-D", "gh-pages")
    git(tiny.repo, "update-ref", "-d", "refs/remotes/origin/gh-pages")
    result = tiny.publish("1.0", "--push", site_url="https://example.invalid/tiny/")
    assert result.returncode == 2
    assert "edition 1.0 is already published" in result.stderr


def test_make_publish_without_or_with_a_bad_version_fails_clearly():
    for args, message in [([], "VERSION: no edition number given"),
                          (["VERSION=1.0.0"], "VERSION: '1.0.0' is not an edition number"),
                          (["VERSION=1.0", "PUSH=yes"], "PUSH: 'yes' is not understood")]:
        result = subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", "publish", *args],
                                cwd=REPO, capture_output=True, text=True)
        assert result.returncode != 0
        assert f"make publish: {message}" in result.stderr
