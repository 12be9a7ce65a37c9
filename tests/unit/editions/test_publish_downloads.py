"""studybook.editions.publish.prepare_downloads: an edition is built with its own offline zip and PDF."""
from pathlib import Path

import pytest

import studybook.offline.package
from studybook.editions import publish


class Config(dict):
    """Stands in for the MkDocs config: only cfg["plugins"] is read."""


def test_a_book_without_the_downloads_plugin_gets_none(tmp_path):
    assert publish.prepare_downloads(Config(plugins={"mike": object()}), tmp_path, "1.0", tmp_path) == {}


def test_the_files_are_made_for_the_edition_and_the_build_must_use_them(tmp_path, monkeypatch):
    calls = []

    def fake_build_downloads(dist, *, site_dir, repo, environ, log):
        calls.append((dist, site_dir, repo, environ["MIKE_DOCS_VERSION"]))
        # prepare_downloads reads only the three files' names, not the edition
        return studybook.offline.package.Downloads(None, dist / "edition-1.1.zip", dist / "edition-1.1.pdf",
                                                   dist / "edition-1.1.epub")

    monkeypatch.setattr(studybook.offline.package, "build_downloads", fake_build_downloads)
    env = publish.prepare_downloads(Config(plugins={"studybook-downloads": object()}), Path("/repo"), "1.1", tmp_path)
    assert calls == [(tmp_path / "dist", tmp_path / "site-offline", Path("/repo"), "1.1")]
    assert env == {"STUDYBOOK_DIST": str(tmp_path / "dist"), "STUDYBOOK_REQUIRE_DOWNLOADS": "true"}


def test_a_failure_stops_the_publish_with_the_fix(tmp_path, monkeypatch):
    def failing(*args, **kwargs):
        raise studybook.offline.package.PackageError("mkdocs.yml", None, "the offline build failed",
                                                     "`make build` shows the same errors")

    monkeypatch.setattr(studybook.offline.package, "build_downloads", failing)
    with pytest.raises(publish.PublishError) as err:
        publish.prepare_downloads(Config(plugins={"studybook-downloads": object()}), tmp_path, "1.1", tmp_path)
    assert str(err.value).startswith("mkdocs.yml: the downloads of edition 1.1 could not be made: "
                                     "the offline build failed\n  Fix: `make build` shows the same errors")
    assert "make offline VERSION=1.1" in str(err.value)
