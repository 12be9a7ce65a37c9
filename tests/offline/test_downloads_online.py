"""The online book offers the offline zip and the PDF of its own edition on every page, with sizes."""
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from studybook.offline.artifacts import human_size

from conftest import REPO, mkdocs_env, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def online_with_downloads(downloads, tmp_path_factory):
    """The online book built the way `make publish` builds it: the edition's files must be there."""
    site = tmp_path_factory.mktemp("online")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=REPO,
        env=mkdocs_env(STUDYBOOK_DIST=str(downloads.zip.parent), STUDYBOOK_REQUIRE_DOWNLOADS="true",
                       MIKE_DOCS_VERSION=downloads.edition.version),
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    server = serve(site)
    yield server
    server.stop()


def test_the_edition_ships_its_own_downloads(online_with_downloads, downloads):
    site = online_with_downloads.root
    for path in (downloads.zip, downloads.pdf, downloads.epub):
        shipped = site / "downloads" / path.name
        assert shipped.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("page_path", ["", "chapters/putin-in-seoul/", "glossary/abm-treaty/"])
def test_every_page_links_to_the_zip_the_pdf_and_the_epub_with_their_sizes(reader, online_with_downloads, downloads, page_path):
    page = reader.page
    page.goto(online_with_downloads.url + page_path)
    expect(page.locator("[data-sb-edition]")).to_contain_text(f"Edition {downloads.edition.version}")
    aside = page.locator("[data-sb-downloads]")
    expect(aside).to_contain_text("Download this edition")
    for path, kind in ((downloads.zip, "ZIP"), (downloads.pdf, "PDF"), (downloads.epub, "EPUB")):
        link = aside.get_by_role("link", name=f"({kind}, {human_size(path.stat().st_size)})")
        expect(link).to_be_visible()
        href = link.evaluate("a => a.href")
        assert href == online_with_downloads.url + "downloads/" + path.name
        response = page.request.get(href)
        assert response.ok and len(response.body()) == path.stat().st_size
    assert reader.outside == []


def test_publishing_without_the_files_fails(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")], cwd=REPO,
        env=mkdocs_env(STUDYBOOK_DIST=str(tmp_path / "empty"), STUDYBOOK_REQUIRE_DOWNLOADS="true", VERSION="1.0"),
        capture_output=True, text=True,
    )
    assert result.returncode != 0
    assert "edition 1.0 has no putin-korea-study-edition-1.0-offline.zip" in result.stderr
    assert "make offline VERSION=1.0" in result.stderr
