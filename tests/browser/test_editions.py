"""Editions: publish 1.0, then 1.1, with `make publish` in a temporary clone, and read the result.

The clone holds this working tree (committed there), has no remote, and gets
its own git user: the real repository's gh-pages branch is never touched.
The gh-pages tree is served on 127.0.0.1 the way GitHub Pages serves it (the
root 404.html for any missing address), at the address SITE_URL named when
publishing, so that sitemaps, the version selector and "stay on the same page"
work as they do online.
"""
from __future__ import annotations

import functools
import http.server
import io
import os
import re
import shutil
import subprocess
import tarfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import REPO, QuietHandler, Server, broken_links, free_port, linkcheck, mkdocs_env

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VENV = REPO / ".venv"
# CI checks the repository out as another user than the one running the tests
# (a container job): let git read it anyway, for these commands only.
GIT_ENV = dict(os.environ, GIT_CONFIG_COUNT="1", GIT_CONFIG_KEY_0="safe.directory",
               GIT_CONFIG_VALUE_0="*")


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, env=GIT_ENV, capture_output=True, text=True)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def clone_working_tree(dest: Path) -> Path:
    """A clone of this repository whose last commit is the current working tree."""
    git(REPO, "clone", "--quiet", "--no-hardlinks", str(REPO), str(dest))
    git(dest, "remote", "remove", "origin")          # nothing here can reach the real repository
    git(dest, "config", "user.name", "Edition Test")  # local to the clone, never global
    git(dest, "config", "user.email", "edition-test@example.invalid")
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for rel in filter(None, listed.split("\0")):
        src, dst = REPO / rel, dest / rel
        if src.is_file():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
        elif dst.exists():                            # deleted in the working tree
            dst.unlink()
    git(dest, "add", "--all")
    git(dest, "commit", "--quiet", "--allow-empty", "-m", "The working tree under test")
    # pandoc's formatted citations, keyed by their inputs (ignored by git): without
    # them each publish below would run pandoc for every page again.
    cache = REPO / ".cache" / "citations"
    if cache.is_dir():
        shutil.copytree(cache, dest / ".cache" / "citations")
    return dest


def make_publish(clone: Path, site_url: str, *args: str) -> subprocess.CompletedProcess:
    """`make publish ...` in the clone, with this repository's virtual environment and npm packages.

    mkdocs_env() points the build at this checkout's node_modules; ``-o`` keeps
    make from installing either into the clone.
    """
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(clone), f"VENV={VENV}",
         "-o", f"{VENV}/.installed", "-o", "node_modules/.installed", "publish", *args],
        env=mkdocs_env(SITE_URL=site_url), capture_output=True, text=True,
    )


def tree(clone: Path, path: str = "") -> dict[str, str]:
    """Every file under ``path`` on gh-pages: path -> mode and blob id (equal ids, equal bytes)."""
    out = git(clone, "ls-tree", "-r", "--full-tree", "gh-pages", *([path] if path else []))
    files = {}
    for line in out.splitlines():
        meta, name = line.split("\t", 1)
        mode, _, blob = meta.split()
        files[name] = f"{mode} {blob}"
    return files


class PagesHandler(QuietHandler):
    """Serves a folder as GitHub Pages does: a missing address gets /404.html, status 404."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve_pages(root: Path, port: int) -> Server:
    handler = functools.partial(PagesHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return Server(root, f"http://127.0.0.1:{port}/", httpd)


@dataclass
class Editions:
    clone: Path
    server: Server
    url: str                          # the site root, ends with "/"
    first: subprocess.CompletedProcess
    second: subprocess.CompletedProcess
    tree_after_1_0: dict[str, str]    # all of gh-pages after publishing 1.0
    tree_after_1_1: dict[str, str]    # ... and after 1.1


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> Editions:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    clone = clone_working_tree(tmp_path_factory.mktemp("editions") / "clone")

    first = make_publish(clone, url, "VERSION=1.0")
    assert first.returncode == 0, first.stdout + first.stderr
    after_1_0 = tree(clone)

    # The next edition: a changelog entry and a change a reader can see.
    changelog = clone / "docs" / "changelog.md"
    text = changelog.read_text(encoding="utf-8")
    first_entry = re.search(r"^## ", text, re.M).start()
    changelog.write_text(text[:first_entry] + "## 1.1 — 2027-03-01 { #v1-1 }\n\n"
                         "- A test edition made by tests/browser/test_editions.py.\n\n"
                         + text[first_entry:], encoding="utf-8")
    git(clone, "commit", "--quiet", "-am", "Edition 1.1 (test)")
    second = make_publish(clone, url, "VERSION=1.1")
    assert second.returncode == 0, second.stdout + second.stderr

    site = tmp_path_factory.mktemp("gh-pages")
    archive = subprocess.run(["git", "archive", "--format=tar", "gh-pages"], cwd=clone,
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(site, filter="data")
    server = serve_pages(site, port)
    yield Editions(clone, server, url, first, second, after_1_0, tree(clone))
    server.stop()


# -- What the publish wrote to gh-pages -------------------------------------------------

def test_publishing_1_1_leaves_every_file_of_1_0_byte_identical(editions):
    before = {p: v for p, v in editions.tree_after_1_0.items() if p.startswith("1.0/")}
    after = {p: v for p, v in editions.tree_after_1_1.items() if p.startswith("1.0/")}
    assert len(before) > 50, "1.0 looks empty"
    assert after == before


def test_publishing_1_1_touches_only_its_folder_latest_and_root_files(editions):
    old, new = editions.tree_after_1_0, editions.tree_after_1_1
    changed = {p for p in old.keys() | new.keys() if old.get(p) != new.get(p)}
    outside = {p for p in changed if not p.startswith(("1.1/", "latest/"))}
    assert outside <= {"versions.json", "404.html"}, sorted(outside)


def test_versions_json_lists_both_and_latest_is_1_1(editions):
    import json
    versions = json.loads(git(editions.clone, "show", "gh-pages:versions.json"))
    assert [(v["version"], v["aliases"]) for v in versions] == [("1.1", ["latest"]), ("1.0", [])]


def test_each_edition_ships_its_own_offline_copy_and_pdf(editions):
    """An old edition's downloads are that edition's: made from its commit, kept byte-identical."""
    for version in ("1.0", "1.1"):
        for name in (f"putin-korea-study-edition-{version}-offline.zip", f"putin-korea-study-edition-{version}.pdf"):
            assert f"{version}/downloads/{name}" in editions.tree_after_1_1, f"{version} has no {name}"
    page = git(editions.clone, "show", "gh-pages:1.0/chapters/prospects/index.html")
    assert 'href="../../downloads/putin-korea-study-edition-1.0-offline.zip"' in page
    assert "putin-korea-study-edition-1.1" not in page


def test_latest_is_made_of_redirects_not_symlinks(editions):
    modes = {v.split()[0] for p, v in editions.tree_after_1_1.items() if p.startswith("latest/")}
    assert modes == {"100644"}
    page = git(editions.clone, "show", "gh-pages:latest/chapters/index.html")
    assert "../../1.1/chapters/" in page


def test_publishing_an_existing_edition_again_needs_force(editions):
    head = git(editions.clone, "rev-parse", "gh-pages")
    again = make_publish(editions.clone, editions.url, "VERSION=1.1")
    assert again.returncode != 0
    assert "edition 1.1 is already published" in again.stderr
    assert "FORCE=1" in again.stderr
    assert git(editions.clone, "rev-parse", "gh-pages") == head


# -- What a reader sees -------------------------------------------------------------------

def open_version_list(page):
    # Material opens the list on hover; hover first, then click an item.
    page.locator(".md-version").hover()
    items = page.locator(".md-version__list .md-version__link")
    expect(items.first).to_be_visible()
    return items


@pytest.mark.parametrize("path", ["1.0/", "1.0/timeline/", "1.1/chapters/"])
def test_the_selector_lists_both_editions_with_the_alias(reader, editions, path):
    page = reader.page
    page.goto(editions.url + path)
    items = open_version_list(page)
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("1.1")
    expect(items.nth(0)).to_contain_text("latest")
    expect(items.nth(1)).to_contain_text("1.0")
    current = "1.0" if path.startswith("1.0") else "1.1"
    expect(page.locator(".md-version__current")).to_contain_text(current)
    assert reader.outside == []


@pytest.mark.parametrize("start, choose, lands", [
    ("1.1/timeline/", "1.0", "1.0/timeline/"),
    ("1.0/chapters/introduction/", "1.1", "1.1/chapters/introduction/"),
])
def test_switching_edition_keeps_the_page(reader, editions, start, choose, lands):
    page = reader.page
    page.goto(editions.url + start)
    items = open_version_list(page)
    items.filter(has_text=choose).click()
    expect(page).to_have_url(editions.url + lands)
    expect(page.locator("[data-sb-edition]")).to_contain_text(f"Edition {choose}")


def test_the_outdated_notice_shows_only_on_the_older_edition(reader, editions):
    page = reader.page
    notice = page.locator("[data-md-component=outdated]")
    page.goto(editions.url + "1.1/timeline/")
    expect(page.locator(".md-version")).to_be_visible()   # versions.json has arrived
    expect(notice).to_be_hidden()

    page.goto(editions.url + "1.0/timeline/")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("earlier edition")
    notice.get_by_role("link").click()
    expect(page).to_have_url(editions.url + "1.1/timeline/")
    expect(notice).to_be_hidden()


def test_the_root_and_latest_redirect_to_the_newest_edition(reader, editions):
    page = reader.page
    page.goto(editions.url)
    expect(page).to_have_url(editions.url + "1.1/")
    assert editions.url + "latest/" in reader.requests
    page.goto(editions.url + "latest/chapters/#top")
    expect(page).to_have_url(editions.url + "1.1/chapters/#top")


def test_instant_navigation_works_after_arriving_through_latest(reader, editions):
    """The trap: with symlinked aliases, /latest/ pages fall back to full page loads."""
    page = reader.page
    page.goto(editions.url + "latest/")
    expect(page).to_have_url(editions.url + "1.1/")
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-tabs").get_by_role("link", name="Glossary").click()
    expect(page).to_have_url(editions.url + "1.1/glossary/")
    assert page.evaluate("window.__sameDocument === true"), "the click reloaded the page"
    # The edition line came with the new page, so its relative link still fits.
    page.locator("[data-sb-edition]").get_by_role("link", name="What changed in this edition").click()
    expect(page).to_have_url(editions.url + "1.1/changelog/#v1-1")
    assert page.evaluate("window.__sameDocument === true")


def test_every_page_names_its_edition_and_links_to_what_changed(reader, editions):
    page = reader.page
    for version, date in [("1.0", None), ("1.1", "1 March 2027")]:
        page.goto(editions.url + f"{version}/chapters/")
        line = page.locator("[data-sb-edition]")
        expect(line).to_contain_text(f"Edition {version}, published")
        if date:
            expect(line).to_contain_text(date)
        line.get_by_role("link", name="What changed in this edition").click()
        anchor = "v" + version.replace(".", "-")
        expect(page).to_have_url(editions.url + f"{version}/changelog/#{anchor}")
        expect(page.locator(f"#{anchor}")).to_be_visible()


def test_the_home_page_shows_the_edition_and_what_changed(reader, editions):
    page = reader.page
    page.goto(editions.url + "1.1/")
    box = page.locator(".admonition", has_text="Edition 1.1, published on 1 March 2027")
    expect(box).to_contain_text("A test edition made by")
    box.get_by_role("link", name="What changed in this edition").click()
    expect(page).to_have_url(editions.url + "1.1/changelog/#v1-1")


def test_a_missing_address_gets_the_latest_editions_404_page(reader, editions):
    page = reader.page
    failed = []
    page.on("response", lambda r: r.status >= 400 and failed.append(r.url))
    response = page.goto(editions.url + "1.0/no/such/page/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("404 - Not found")
    expect(page.locator("[data-sb-edition]")).to_contain_text("Edition 1.1")
    # Its styles and scripts load from absolute paths, whatever the depth.
    assert failed == [editions.url + "1.0/no/such/page/"], failed
    assert reader.outside == []



# Material 9.8.2's partials/javascripts/outdated.html runs `new URL("{{ base_url }}")`
# with MkDocs' relative base_url, which throws on every page of an edition;
# overrides/partials/javascripts/outdated.html resolves it against `location`.


def test_edition_pages_raise_no_script_errors(reader, editions):
    page = reader.page
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in ["1.0/", "1.0/chapters/introduction/", "1.1/timeline/", "1.1/no/such/page/"]:
        page.goto(editions.url + path)
        expect(page.locator(".md-version")).to_be_visible()
    assert errors == [], errors
    assert reader.console_errors == ["Failed to load resource: the server responded with a status "
                                     "of 404 (Not Found)"]   # the missing page itself


# -- Links and the policy across editions (tests/test_site.py does one plain build) ------

def test_every_link_of_both_editions_resolves(editions):
    """linkchecker from every page of 1.0 and 1.1, the root and latest: edition-pinned
    "Cite this page" links, the outdated notice's links and the redirects included."""
    from studybook.quality.fragments import broken_fragments

    root = editions.server.root
    start = [editions.url + str(p.relative_to(root)).removesuffix("index.html")
             for p in sorted(root.rglob("*.html"))]
    bad = broken_links(linkcheck(start), editions.url)
    assert not bad, f"{len(bad)} broken link(s):\n" + "\n".join(bad[:50])
    missing = broken_fragments(root, site_url=editions.url)
    assert not missing, "\n".join(missing[:50])


def test_edition_pages_carry_the_policy_and_violate_it_nowhere(reader, editions):
    page = reader.page
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    for path in ["1.0/", "1.0/chapters/introduction/", "1.1/glossary/abm-treaty/", "latest/", ""]:
        page.goto(editions.url + path)
        expect(page.locator(".md-version")).to_be_visible()
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, page.url
    # The selector, the outdated notice and instant navigation work under the policy.
    page.goto(editions.url + "1.0/chapters/introduction/")
    page.locator("a.md-footer__link--next").click()
    expect(page.locator("h1")).not_to_have_text("Russia after 1991 and the question of this study")
    assert violations == [], violations
