"""studybook.changes.inputs: the previous edition's words from gh-pages, read with git, failing closed."""
import json
import subprocess

import pytest

from studybook.changes.inputs import previous_edition, read_previous
from studybook.editions.guard import GuardError

# (published editions, the edition being built, the one it is compared with)
PREVIOUS = [
    ([], "1.0", None),
    (["1.0"], "1.1", "1.0"),
    (["1.0", "1.1", "latest"], "1.2", "1.1"),
    (["1.0", "1.9", "1.10"], "1.11", "1.10"),      # numbers, not text
    (["1.0", "2.0"], "1.1", "1.0"),                # an older edition published later
    (["1.1"], "1.1", None),                        # replacing 1.1 (FORCE): the one before it
]


@pytest.mark.parametrize("published, version, expected", PREVIOUS)
def test_previous_edition(published, version, expected):
    assert previous_edition(published, version) == expected


def repo_with(tmp_path, files: dict[str, str]):
    def git(*args):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)
    git("init", "-q", "-b", "main")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "T")
    git("checkout", "-q", "--orphan", "gh-pages")
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    git("add", "-A")
    git("commit", "-q", "-m", "pages")
    return tmp_path


VERSIONS = json.dumps([{"version": "1.0", "title": "1.0", "aliases": ["latest"]}])


def test_no_branch_means_the_first_edition(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert read_previous(tmp_path, "gh-pages", "", "1.0") == {"edition": "1.0", "previous": None, "texts": None}


def test_the_previous_texts_are_read(tmp_path):
    repo = repo_with(tmp_path, {"versions.json": VERSIONS, "1.0/texts.json": '{"pages": []}'})
    assert read_previous(repo, "gh-pages", "", "1.1") == {"edition": "1.1", "previous": "1.0",
                                                         "texts": {"pages": []}}


def test_an_edition_without_texts_is_said(tmp_path):
    repo = repo_with(tmp_path, {"versions.json": VERSIONS, "1.0/anchors.json": "{}"})
    assert read_previous(repo, "gh-pages", "", "1.1")["texts"] is None


# (texts.json on the branch, words of the error): damaged input stops the publish.
DAMAGED = [("{not json", "not valid JSON"), ("[]", "not a texts.json")]


@pytest.mark.parametrize("text, words", DAMAGED)
def test_damaged_texts_stop_the_publish(tmp_path, text, words):
    repo = repo_with(tmp_path, {"versions.json": VERSIONS, "1.0/texts.json": text})
    with pytest.raises(GuardError) as info:
        read_previous(repo, "gh-pages", "", "1.1")
    assert words in str(info.value) and "gh-pages:1.0/texts.json" in str(info.value)
    assert "Fix:" in str(info.value)


PAGE = """<html><body><article class="md-content__inner md-typeset">
<h1 id="t">Term</h1><p>The words of a glossary paragraph, which has no id.</p>
</article></body></html>"""
GLOSSARY = json.dumps({"pages": [{"path": "glossary/t/", "src": "glossary/t.md", "title": "Term",
                                  "kind": "glossary", "units": [{"kind": "heading", "id": "t", "level": 1,
                                                                 "text": "Term"}]},
                                 {"path": "bibliography/", "src": "bibliography.md", "kind": "page"}]})


def test_units_without_an_id_are_read_from_the_rendered_page(tmp_path):
    repo = repo_with(tmp_path, {"versions.json": VERSIONS, "1.0/texts.json": GLOSSARY,
                                "1.0/glossary/t/index.html": PAGE})
    pages = read_previous(repo, "gh-pages", "", "1.1")["texts"]["pages"]
    assert [u["text"] for u in pages[0]["units"]] == ["Term", "The words of a glossary paragraph, which has no id."]
    assert "units" not in pages[1]


def test_a_listed_page_missing_from_the_branch_stops_the_publish(tmp_path):
    repo = repo_with(tmp_path, {"versions.json": VERSIONS, "1.0/texts.json": GLOSSARY})
    with pytest.raises(GuardError) as info:
        read_previous(repo, "gh-pages", "", "1.1")
    assert "gh-pages:1.0/glossary/t/index.html" in str(info.value) and "Fix:" in str(info.value)
