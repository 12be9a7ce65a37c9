"""Shared test set-up.

- Any skipped test fails the run: a missing browser must never pass as a skip.
- ``book`` builds the real book once per session (strict), ``book_server``
  serves it on 127.0.0.1, ``browser`` is Debian's Chromium driven by Playwright,
  and ``reader`` is a page that records every request it makes and refuses any
  that would leave 127.0.0.1.
"""
from __future__ import annotations

import functools
import http.server
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
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.update(extra)
    return env


def build_book(dest: Path, *, config: str = "mkdocs.yml", site_url: str | None = None) -> subprocess.CompletedProcess:
    """Build the book from the repository with --strict into ``dest``; raise on failure."""
    env = mkdocs_env(**({"SITE_URL": site_url} if site_url else {}))
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


def build_mini_site(tmp: Path, pages: dict[str, str], config: str = "", files: dict[str, str] | None = None) -> MiniBuild:
    """Write a tiny book (pages relative to docs/) into ``tmp`` and build it strictly.

    ``config`` is extra YAML appended to a minimal mkdocs.yml that loads our
    plugins the way the real book does. Any build WARNING fails the build.
    """
    docs = tmp / "docs"
    for rel, text in pages.items():
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
        # The real book's note and tooltip features (mkdocs.yml).
        "  features:\n    - content.footnote.tooltips\n    - content.tooltips\n"
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
