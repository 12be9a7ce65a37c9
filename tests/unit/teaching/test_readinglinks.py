"""studybook.teaching.readinglinks: the anchor-manifest contract and the edition links made from it."""
import copy
import json

import pytest

from studybook.errors import BookError
from studybook.teaching import readinglinks as m

GOOD = {
    "edition": "1.0",
    "built": "2026-11-29",
    "pages": [
        {"path": "chapters/prospects/", "src": "chapters/prospects.md", "title": "Prospects",
         "kind": "chapter", "number": 9,
         "anchors": [{"id": "prospects", "kind": "heading", "level": 1, "text": "Prospects"},
                     {"id": "stability-first", "kind": "heading", "level": 2, "text": "Stability first"},
                     {"id": "p-abcd", "kind": "paragraph", "section": "stability-first", "n": 1,
                      "text": "The last part of Yeo's article…"}]},
        {"path": "chapters/introduction/", "src": "chapters/introduction.md", "title": "Russia after 1991",
         "kind": "chapter", "number": 1, "anchors": []},
        {"path": "", "src": "index.md", "title": "Home", "kind": "page",
         "anchors": [{"id": "study-edition", "kind": "heading", "level": 1, "text": "Home"}]},
    ],
}


def broken(change):
    data = copy.deepcopy(GOOD)
    change(data)
    return data


def test_a_good_manifest_passes_unchanged():
    assert m.check(copy.deepcopy(GOOD)) == GOOD


# (what is wrong, how to break it, words the message must contain)
BAD = [
    ("an empty object", lambda d: d.clear(), "no 'edition'"),
    ("no edition", lambda d: d.pop("edition"), "no 'edition'"),
    ("pages not a list", lambda d: d.update(pages={}), "no 'pages' list"),
    ("page without src", lambda d: d["pages"][0].pop("src"), "pages[0] has no string 'src'"),
    ("unknown kind", lambda d: d["pages"][2].update(kind="blog"), "pages[2] has kind 'blog'"),
    ("chapter without number", lambda d: d["pages"][0].pop("number"), "chapter without a 'number'"),
    ("anchor without id", lambda d: d["pages"][0]["anchors"][0].pop("id"), "anchors[0] has no 'id'"),
    ("heading without level", lambda d: d["pages"][0]["anchors"][1].pop("level"), "heading without 'level'"),
    ("paragraph without n", lambda d: d["pages"][0]["anchors"][2].pop("n"), "paragraph without 'n'"),
    ("paragraph without section", lambda d: d["pages"][0]["anchors"][2].pop("section"), "has no 'section'"),
]


@pytest.mark.parametrize("what, change, words", BAD, ids=[b[0] for b in BAD])
def test_a_manifest_that_breaks_the_contract_is_refused(what, change, words):
    with pytest.raises(BookError) as err:
        m.check(broken(change), "site/anchors.json")
    assert words in str(err.value)
    assert "site/anchors.json" in str(err.value) and "Fix:" in str(err.value)


def test_a_manifest_that_is_not_an_object_is_refused():
    with pytest.raises(BookError, match="the top level is not an object"):
        m.check(["pages"])


def test_load_reads_the_file_and_names_a_missing_or_broken_one(tmp_path):
    with pytest.raises(BookError, match="anchor manifest is missing"):
        m.load(tmp_path)
    (tmp_path / "anchors.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(BookError, match="not valid JSON"):
        m.load(tmp_path)
    (tmp_path / "anchors.json").write_text(json.dumps(GOOD), encoding="utf-8")
    assert m.load(tmp_path) == GOOD


def test_chapters_come_in_reading_order():
    assert [p["number"] for p in m.chapters(GOOD)] == [1, 9]


# (path in the manifest, path on the published site)
PATHS = [
    ("chapters/prospects/", "chapters/prospects/"),     # online build: directory URLs
    ("chapters/prospects.html", "chapters/prospects/"),  # an offline build's file URLs
    ("index.html", ""),
    ("teaching/index.html", "teaching/"),
    ("", ""),
]


@pytest.mark.parametrize("path, online", PATHS)
def test_links_always_use_the_online_path(path, online):
    assert m.online_path(path) == online


# (site_url, edition, path, start, end, link)
LINKS = [
    ("https://ex.org/book/", "1.0", "chapters/prospects/", None, None,
     "https://ex.org/book/1.0/chapters/prospects/"),
    ("https://ex.org/book", "1.0", "chapters/prospects/", "p-abcd", None,
     "https://ex.org/book/1.0/chapters/prospects/#p-abcd"),
    ("https://ex.org/book/", "2.1", "chapters/prospects/", "stability-first", "p-abcd",
     "https://ex.org/book/2.1/chapters/prospects/?to=p-abcd#stability-first"),
]


@pytest.mark.parametrize("site_url, edition, path, start, end, link", LINKS)
def test_reading_links_are_pinned_to_the_edition(site_url, edition, path, start, end, link):
    assert m.reading_url(site_url, edition, path, start, end) == link


def test_no_link_without_a_site_url():
    with pytest.raises(BookError, match="site_url is not set"):
        m.edition_root("", "1.0")


# (site_url, the edition the manifest names, the site root the links use)
ROOTS = [
    ("https://ex.org/book/", "1.0", "https://ex.org/book/"),
    ("https://ex.org/book/1.0/", "1.0", "https://ex.org/book/"),   # mike appended the edition
    ("https://ex.org/book/1.0", "1.0", "https://ex.org/book/"),
    ("https://ex.org/book", "2.0", "https://ex.org/book/"),          # nothing to take off
    ("", "1.0", ""),
]


@pytest.mark.parametrize("site_url, edition, root", ROOTS)
def test_without_a_site_the_root_drops_the_folder_mike_adds(site_url, edition, root):
    assert m.site_of({"edition": edition, "pages": []}, site_url) == root


def test_the_manifests_own_site_comes_first():
    assert m.site_of({**GOOD, "site": "https://pub.example/"}, "https://other/") == "https://pub.example/"
    assert m.site_of(GOOD, "https://other/") == "https://other/"
