"""Shared test set-up.

- Any skipped test fails the run: a missing browser must never pass as a skip.
- ``book`` builds the real book once per session (strict), ``book_server``
  serves it on 127.0.0.1, ``browser`` is Debian's Chromium driven by Playwright,
  and ``reader`` is a page that records every request it makes and refuses any
  that would leave 127.0.0.1.
- ``mike_book`` builds the book once more and serves it the way mike publishes
  it: ``/1.0/`` (alias latest), an older ``/0.9/`` and ``/versions.json``, each
  edition with its anchor manifest.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
# Flags for a headless, sandboxed CI machine with no outside network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
LOCAL_SCHEMES = {"data", "blob", "about", "file", "chrome-extension"}


# -- Skips are failures -------------------------------------------------------

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"a skipped test counts as a failure in this project: {report.longrepr}"


# -- Building and serving the book ---------------------------------------------

def mkdocs_env(**extra: str) -> dict[str, str]:
    # STUDYBOOK_NODE_MODULES: a copy of the repository that a test builds or
    # publishes uses this checkout's npm packages (studybook.quality.vendor).
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1",
               STUDYBOOK_NODE_MODULES=str(REPO / "node_modules"))
    env.update(extra)
    return env


def build_book(dest: Path, *, config: str = "mkdocs.yml", site_url: str | None = None,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Build the book from the repository with --strict into ``dest``; raise on failure."""
    env = mkdocs_env(**({"SITE_URL": site_url} if site_url else {}), **(env or {}))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(dest)],
        cwd=REPO, env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass

    def end_headers(self):
        # linkchecker (tests/test_site.py) waits between requests unless the server
        # sends this header; ours is on 127.0.0.1, so let it check at full speed.
        self.send_header("LinkChecker", "full-speed")
        super().end_headers()


def linkcheck(urls: list[str], *ignore: str) -> list[dict]:
    """Run linkchecker (tests/linkcheckerrc) from ``urls``; one CSV row per link it checked.

    ``ignore``: regular expressions of addresses to report as ignored, not fetched.
    """
    import csv
    import io

    linkchecker = Path(sys.executable).with_name("linkchecker")
    args = [str(linkchecker), "--config", str(REPO / "tests" / "linkcheckerrc"), "--no-status", "--verbose"]
    for pattern in ignore:
        args += ["--ignore-url", pattern]
    result = subprocess.run([*args, *urls], capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr        # 1: broken links, for the caller
    body = "\n".join(line for line in result.stdout.splitlines() if not line.startswith("#"))
    rows = list(csv.DictReader(io.StringIO(body), delimiter=";"))
    assert rows, f"linkchecker reported nothing:\n{result.stdout}\n{result.stderr}"
    return rows


def broken_links(rows: list[dict], base: str) -> list[str]:
    """linkchecker's rows for links that failed, or warned, as 'page:line: link -> result'."""
    return [f"{r['parentname'].removeprefix(base)}:{r['line']}: {r['urlname']} -> "
            f"{r['result']} {r['warningstring']}".strip()
            for r in rows if r["valid"] != "True" or r["warningstring"]]


@dataclass
class Server:
    root: Path
    url: str            # ends with "/"
    httpd: http.server.ThreadingHTTPServer = field(repr=False)

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def serve(root: Path, port: int | None = None) -> Server:
    """Serve ``root`` on 127.0.0.1 in a background thread."""
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port or 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return Server(root, f"http://127.0.0.1:{httpd.server_address[1]}/", httpd)


@pytest.fixture(scope="session")
def book_server(tmp_path_factory):
    """The real book, built once (strict) with site_url matching where it is served."""
    port = free_port()
    root = tmp_path_factory.mktemp("book")
    build_book(root, site_url=f"http://127.0.0.1:{port}/")
    server = serve(root, port)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def book(book_server) -> Path:
    """The folder of the built book."""
    return book_server.root


# -- The browser -----------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-chromium (make test does). "
                    "Browser tests never skip.", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Reader:
    """A browser page that records requests and blocks any that leave 127.0.0.1."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.console_errors: list[str] = []
        context.route("**/*", self._route)
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES or parts.hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


@pytest.fixture
def reader(browser):
    context = browser.new_context(service_workers="block")
    r = Reader(context)
    yield r
    context.close()


# -- Mini sites ------------------------------------------------------------------

@dataclass
class MiniBuild:
    ok: bool
    output: str          # stdout + stderr of mkdocs
    site: Path

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


# The changelog of a mini site that loads studybook-edition, when the test gives none:
# every plugin that names the edition asks that plugin for it (studybook.edition).
MINI_CHANGELOG = ("# Changelog\n\n## 2.1 — 2026-12-03 { #v2-1 }\n\n- Third.\n\n"
                  "## 2.0 — 2026-12-02 { #v2-0 }\n\n- Second.\n\n## 1.0 — 2026-11-29 { #v1-0 }\n\n- First.\n")
EDITION_MARKER = "<!-- studybook:edition -->"   # the home page shows its edition (studybook.editions.plugin)


def build_mini_site(tmp: Path, pages: dict[str, str], config: str = "", files: dict[str, str] | None = None) -> MiniBuild:
    """Write a tiny book (pages relative to docs/) into ``tmp`` and build it strictly.

    ``config`` is extra YAML appended to a minimal mkdocs.yml that loads our
    plugins the way the real book does. Any build WARNING fails the build.
    With ``studybook-edition`` among the plugins, a book without a changelog
    gets ``MINI_CHANGELOG``; a page given as None is not written.
    """
    if "studybook-edition" in config and "changelog.md" not in pages:
        pages = {**pages, "changelog.md": MINI_CHANGELOG}
    docs = tmp / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for rel, text in pages.items():
        if text is None:
            continue
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, encoding="utf-8")
    for rel, text in (files or {}).items():
        (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp / rel).write_text(text, encoding="utf-8")
    if "plugins:" not in config:
        config = "plugins:\n  - studybook-glossary\n" + config
    (tmp / "mkdocs.yml").write_text(
        "site_name: Mini\nsite_url: http://127.0.0.1/\nstrict: true\n"
        "theme:\n  name: material\n  font: false\n"
        # As in the book (mkdocs.yml), no Material tooltips: a site that needs them
        # loads the book's assets/js/tooltips.js (tests/browser/test_notes.py).
        "markdown_extensions:\n  - attr_list\n  - footnotes:\n      USE_DEFINITION_ORDER: false\n"
        + config, encoding="utf-8")
    site = tmp / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=tmp, env=mkdocs_env(), capture_output=True, text=True,
    )
    return MiniBuild(result.returncode == 0, result.stdout + result.stderr, site)


@pytest.fixture
def mini_site(tmp_path):
    """``mini_site(pages, config="", files=None)`` builds a tiny book; see build_mini_site."""
    return functools.partial(build_mini_site, tmp_path)


# -- Editions deployed with mike (classroom links) --------------------------------------

VENV_BIN = Path(sys.executable).parent


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def copy_repo(dest: Path) -> Path:
    """The working tree (tracked and new files, not ignored ones) as a fresh git repository."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO,
                           capture_output=True, text=True, check=True).stdout.split("\0")
    for rel in filter(None, files):
        src = REPO / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            (dest / rel).write_bytes(src.read_bytes())
    # The citation engine's answers (ignored by git, keyed by their inputs) save minutes.
    cache = REPO / ".cache" / "citations"
    if cache.is_dir():
        for f in cache.iterdir():
            if f.is_file():
                (dest / ".cache" / "citations").mkdir(parents=True, exist_ok=True)
                (dest / ".cache" / "citations" / f.name).write_bytes(f.read_bytes())
    git(dest, "init", "-q", "-b", "main")
    git(dest, "config", "user.email", "tests@example.org")
    git(dest, "config", "user.name", "Tests")
    commit_all(dest, "copy of the working tree")
    return dest


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)


def publish(repo: Path, version: str, *, site_url: str) -> None:
    """`make publish VERSION=<version>` in ``repo``: build, anchor guard, mike deploy to gh-pages."""
    env = mkdocs_env(SITE_URL=site_url, PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    result = subprocess.run([sys.executable, "-m", "studybook.editions.publish", version],
                            cwd=repo, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"make publish {version} failed:\n{result.stdout}\n{result.stderr}")


def add_changelog_entry(repo: Path, version: str, date: str, change: str) -> None:
    """A new changelog entry on top, as every edition needs one (studybook.editions.changelog)."""
    changelog = repo / "docs" / "changelog.md"
    text = changelog.read_text(encoding="utf-8")
    first = text.index("\n## ") + 1
    heading = f"## {version} — {date} {{ #v{version.replace('.', '-')} }}\n\n- {change}\n\n"
    changelog.write_text(text[:first] + heading + text[first:], encoding="utf-8")


def export_pages(repo: Path, dest: Path) -> Path:
    """The gh-pages branch as files, the way GitHub Pages serves it."""
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(repo), "archive", "gh-pages"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return dest


@dataclass
class Editions:
    """Two editions of the book published with `make publish` (mike) and served like GitHub Pages.

    1.0 is the book as it is; 2.0 (``latest``) has the words of ``edited_id``
    rewritten, its id unchanged.
    """

    repo: Path
    server: Server
    chapter: str            # "chapters/treaty-with-pyongyang/"
    edited_id: str
    old_text: str
    new_text: str

    @property
    def url(self) -> str:
        return self.server.url


EDITED_CHAPTER = "chapters/treaty-with-pyongyang"
EDITED_ID = "p-yhys"
EDITED_OLD = "The delegation did not meet Kim Jong Il himself."
EDITED_NEW = "Kim Jong Il himself did not receive the delegation."


@pytest.fixture(scope="session")
def editions(tmp_path_factory) -> Editions:
    port = free_port()
    site_url = f"http://127.0.0.1:{port}/"
    repo = copy_repo(tmp_path_factory.mktemp("repo"))
    publish(repo, "1.0", site_url=site_url)
    chapter = repo / "docs" / f"{EDITED_CHAPTER}.md"
    text = chapter.read_text(encoding="utf-8")
    assert EDITED_OLD in text, "the edited paragraph moved: update EDITED_* in tests/conftest.py"
    chapter.write_text(text.replace(EDITED_OLD, EDITED_NEW), encoding="utf-8")
    add_changelog_entry(repo, "2.0", "2026-12-01", "One paragraph of chapter 5 reworded.")
    commit_all(repo, "Edition 2.0: edit a paragraph's words")
    publish(repo, "2.0", site_url=site_url)
    server = serve(export_pages(repo, tmp_path_factory.mktemp("pages")), port)
    yield Editions(repo, server, EDITED_CHAPTER + "/", EDITED_ID, EDITED_OLD, EDITED_NEW)


# -- Editions: the book as mike publishes it -------------------------------------

EDITION = "1.0"          # the current edition, alias "latest"
OLDER_EDITION = "0.9"    # an older one, to test choosing an edition


@functools.cache
def book_config():
    """The real mkdocs.yml, loaded the way MkDocs loads it."""
    from mkdocs.config import load_config

    return load_config(str(REPO / "mkdocs.yml"))


def chapter_order() -> list[str]:
    """The chapter files in nav order (docs-relative), as the manifest numbers them."""
    found = []

    def walk(node):
        if isinstance(node, str):
            if node.startswith("chapters/") and not node.endswith("index.md"):
                found.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(book_config()["nav"])
    return found


def ensure_manifest(site: Path, edition: str, site_url: str) -> dict:
    """The build's anchors.json, renamed to ``edition`` at ``site_url`` (as mike would serve it)."""
    path = site / "anchors.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))     # every build writes it (studybook-manifest)
    manifest["edition"] = edition
    manifest["site"] = site_url
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


@dataclass
class MikeBook:
    server: Server
    site: Path            # the folder of the current edition
    site_url: str         # the book's public address: the server root
    url: str              # the current edition: <site_url>1.0/
    manifest: dict        # the current edition's manifest
    site_name: str


@pytest.fixture(scope="session")
def mike_book(tmp_path_factory):
    """The book published as mike lays it out, with two editions and versions.json."""
    from studybook.teaching.assignments import write_data_script

    port = free_port()
    root = tmp_path_factory.mktemp("mike-book")
    site_url = f"http://127.0.0.1:{port}/"
    site = root / EDITION
    build_book(site, site_url=site_url)
    site_name = book_config()["site_name"]
    manifest = ensure_manifest(site, EDITION, site_url)
    write_data_script(site, site_url, site_name)

    # The older edition shares the pages (symlinks) but has its own manifest,
    # with one chapter title changed so a test can tell the editions apart.
    older = root / OLDER_EDITION
    older.mkdir()
    for entry in site.iterdir():
        if entry.name not in {"anchors.json", "anchors.json.js"}:
            (older / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    old = json.loads(json.dumps(manifest))
    old["edition"] = OLDER_EDITION
    for page in old["pages"]:
        if page["kind"] == "chapter" and page["number"] == 5:
            page["title"] = "Old title of chapter five"
    (older / "anchors.json").write_text(json.dumps(old), encoding="utf-8")
    write_data_script(older, site_url, site_name)

    (root / "versions.json").write_text(json.dumps([
        {"version": EDITION, "title": EDITION, "aliases": ["latest"]},
        {"version": OLDER_EDITION, "title": OLDER_EDITION, "aliases": []},
    ]), encoding="utf-8")
    server = serve(root, port)
    yield MikeBook(server, site, site_url, f"{site_url}{EDITION}/", manifest, site_name)
    server.stop()


@pytest.fixture(scope="session")
def three(tmp_path_factory):
    """Editions 1.0, 1.1 and 1.2 published with mike and served (tests/browser/three_editions.py).

    (repo, server, site_url, 1.0's gh-pages tree, 1.1's tree), once a session: publishing
    three editions takes minutes, and the changes tests in several modules read them.
    """
    from three_editions import publish_three

    repo, server, site_url, first, second = publish_three(tmp_path_factory)
    yield repo, server, site_url, first, second
    server.stop()
