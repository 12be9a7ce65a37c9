"""The anchor guard on the real book: a lost paragraph stops publishing; a declared move passes
and redirects in the browser. Also: editing a paragraph keeps its id across editions.

Starts from the ``editions`` repository (1.0 and 2.0 on its gh-pages branch).
"""
import json
import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from studybook.editions.guard import AnchorsLost, verify

from conftest import VENV_BIN, add_changelog_entry, commit_all, git, mkdocs_env, serve

CHAPTER = "docs/chapters/treaty-with-pyongyang.md"
REMOVED = "p-yhys"          # the paragraph this test deletes
MOVED_TO = "p-vzjk"         # where redirects.yml says its words went


def build(repo, dest):
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
                            cwd=repo, env=mkdocs_env(), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


def remove_paragraph(text: str, pid: str) -> str:
    """Delete the paragraph whose id line is ``{ #pid }`` (its lines up to the blank line before)."""
    blocks = text.split("\n\n")
    kept = [b for b in blocks if not b.rstrip().endswith(f"{{ #{pid} }}")]
    assert len(kept) == len(blocks) - 1, f"paragraph {pid} not found"
    return "\n\n".join(kept)


@pytest.fixture(scope="module")
def clone(editions, tmp_path_factory):
    """A clone of the editions repository, with its own gh-pages branch."""
    path = tmp_path_factory.mktemp("clone") / "repo"
    subprocess.run(["git", "clone", "-q", str(editions.repo), str(path)], check=True)
    git(path, "branch", "gh-pages", "origin/gh-pages")
    return path


def make_publish(repo, version, site_url):
    env = mkdocs_env(SITE_URL=site_url, PATH=f"{VENV_BIN}:/usr/bin:/bin")
    return subprocess.run([sys.executable, "-m", "studybook.editions.publish", version],
                          cwd=repo, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def without_paragraph(clone, tmp_path_factory):
    """Edition 2.1 in the making: one published paragraph deleted, committed."""
    chapter = clone / CHAPTER
    chapter.write_text(remove_paragraph(chapter.read_text(encoding="utf-8"), REMOVED), encoding="utf-8")
    add_changelog_entry(clone, "2.1", "2026-12-02", "A paragraph of chapter 5 removed.")
    commit_all(clone, "Remove a paragraph")
    return build(clone, tmp_path_factory.mktemp("site-lost"))


@pytest.fixture(scope="module")
def with_declared_move(clone, without_paragraph, tmp_path_factory):
    (clone / "redirects.yml").write_text(
        "pages: {}\nanchors:\n"
        f"  chapters/treaty-with-pyongyang.md#{REMOVED}: chapters/treaty-with-pyongyang.md#{MOVED_TO}\n")
    commit_all(clone, "Declare where the removed paragraph's words went")
    return build(clone, tmp_path_factory.mktemp("site-moved"))


@pytest.mark.slow
def test_removing_a_published_paragraph_stops_publishing(clone, without_paragraph):
    with pytest.raises(AnchorsLost) as info:
        verify(without_paragraph, clone)
    [lost] = info.value.lost
    assert (lost.path, lost.id, lost.editions) == ("chapters/treaty-with-pyongyang/", REMOVED, ["1.0", "2.0"])
    message = str(info.value)
    assert "chapters/treaty-with-pyongyang/#p-yhys" in message and "published in 1.0, 2.0" in message
    assert f"chapters/treaty-with-pyongyang.md#{REMOVED}: chapters/treaty-with-pyongyang.md#<new-id>" in message
    # The command `make check-anchors` runs says the same and fails.
    cli = subprocess.run([sys.executable, "-m", "studybook.editions.guard", "--site", str(without_paragraph),
                          "--repo", str(clone)], capture_output=True, text=True)
    assert cli.returncode == 1 and "#p-yhys" in cli.stderr
    # And `make publish` stops before it touches gh-pages.
    before = git(clone, "rev-parse", "gh-pages")
    result = make_publish(clone, "2.1", editions_url(clone))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "make publish: redirects.yml: Publishing would break links to 1 published anchor" in result.stderr
    assert "chapters/treaty-with-pyongyang/#p-yhys" in result.stderr
    assert git(clone, "rev-parse", "gh-pages") == before


@pytest.mark.slow
def test_a_declared_move_lets_publishing_through(clone, with_declared_move):
    assert set(verify(with_declared_move, clone)) == {"1.0", "2.0"}
    result = make_publish(clone, "2.1", editions_url(clone))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "anchor guard: every page and anchor of 1.0, 2.0 is still served" in result.stdout
    assert "2.1/anchors.json" in git(clone, "ls-tree", "-r", "--name-only", "gh-pages")


def editions_url(repo) -> str:
    """The site address the editions were published for (from their manifest)."""
    return json.loads(git(repo, "show", "gh-pages:1.0/anchors.json"))["site"]


@pytest.mark.browser
def test_a_declared_move_redirects_in_the_browser(reader, with_declared_move):
    server = serve(with_declared_move)
    try:
        page = reader.page
        page.goto(f"{server.url}chapters/treaty-with-pyongyang/#{REMOVED}")
        page.wait_for_url(re.compile(f"#{MOVED_TO}$"))
        target = page.locator(f"#{MOVED_TO}")
        expect(target).to_have_class(re.compile(r"\bsb-arrived\b"))
        assert target.evaluate("el => { const b = el.getBoundingClientRect(); return b.top >= 0 && b.top < innerHeight; }")
    finally:
        server.stop()


@pytest.mark.slow
def test_editing_a_paragraph_keeps_its_id(editions):
    # The tool finds nothing to add or fix in the edited chapter...
    check = subprocess.run([sys.executable, "-m", "studybook.anchors.ids", "--check", "docs/chapters"],
                           cwd=editions.repo, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    write = subprocess.run([sys.executable, "-m", "studybook.anchors.ids", "docs/chapters"],
                           cwd=editions.repo, capture_output=True, text=True)
    assert write.stdout == "" and git(editions.repo, "status", "--porcelain") == ""
    # ...and both published editions list the paragraph under the same id, each with its words.
    texts = {}
    for edition in ["1.0", "2.0"]:
        manifest = json.loads(git(editions.repo, "show", f"gh-pages:{edition}/anchors.json"))
        assert manifest["edition"] == edition
        [chapter] = [p for p in manifest["pages"] if p["path"] == editions.chapter]
        [anchor] = [a for a in chapter["anchors"] if a["id"] == editions.edited_id]
        texts[edition] = anchor["text"]
    assert editions.old_text.startswith(texts["1.0"].rstrip(" …"))
    assert editions.new_text.startswith(texts["2.0"].rstrip(" …"))
