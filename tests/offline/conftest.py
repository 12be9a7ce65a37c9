"""The offline edition, built once per test session.

- ``downloads`` runs what ``make offline`` runs (studybook.offline.package) into a temp
  dist/, so the tests check exactly the files readers download;
- ``offline_copy`` is the zip unzipped into a temp folder: its one top-level folder;
- ``disk_reader`` is a browser page for file:// reading that lets file:, data:,
  blob: and about: through and aborts and counts every other request.
"""
from __future__ import annotations

import zipfile
from urllib.parse import urlsplit

import pytest

from studybook.offline.package import build_downloads

ON_DISK = {"file", "data", "blob", "about"}


@pytest.fixture(scope="session")
def downloads(tmp_path_factory):
    root = tmp_path_factory.mktemp("offline-edition")
    return build_downloads(root / "dist", site_dir=root / "site-offline", log=lambda *_: None)


@pytest.fixture(scope="session")
def offline_copy(downloads, tmp_path_factory):
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(downloads.zip) as zf:
        zf.extractall(target)
    (folder,) = target.iterdir()
    return folder


class DiskReader:
    """A page that reads from disk only: every request that is not file:, data:, blob: or about: is aborted and kept."""

    def __init__(self, context):
        self.page = context.new_page()
        self.requests: list[str] = []
        self.network: list[str] = []
        self.errors: list[str] = []
        context.route("**/*", self._route)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if urlsplit(url).scheme in ON_DISK:
            route.continue_()
        else:
            self.network.append(url)
            route.abort()


@pytest.fixture
def disk_reader(browser):
    context = browser.new_context(service_workers="block", viewport={"width": 1280, "height": 900})
    reader = DiskReader(context)
    yield reader
    context.close()
    assert reader.network == [], f"the offline copy made network requests: {reader.network}"
