"""studybook.editions.guard: an edition may not lose an anchor that an earlier edition published."""
import json
import subprocess

import pytest

from studybook.editions.guard import AnchorsLost, GuardError, check_anchors, main, published_manifests, report, verify


def page(src, *ids, path=None):
    return {"path": path or src.replace(".md", "/"), "src": src, "title": src,
            "anchors": [{"id": i, "kind": "paragraph", "text": f"words of {i}"} for i in ids]}


def manifest(edition, *pages):
    return {"edition": edition, "built": "2026-11-29", "pages": list(pages)}


V1 = manifest("1.0", page("chapters/a.md", "a", "p-1111", "p-2222"), page("chapters/b.md", "b", "p-3333"))


def test_the_same_anchors_pass():
    assert check_anchors(V1, {"1.0": V1}) == []


def test_new_anchors_are_fine():
    v2 = manifest("1.1", page("chapters/a.md", "a", "p-1111", "p-2222", "p-new1"),
                  page("chapters/b.md", "b", "p-3333"), page("chapters/c.md", "c"))
    assert check_anchors(v2, {"1.0": V1}) == []


def test_a_removed_paragraph_is_named_with_its_editions():
    v2 = manifest("1.1", page("chapters/a.md", "a", "p-1111"), page("chapters/b.md", "b", "p-3333"))
    lost = check_anchors(v2, {"1.0": V1, "1.1": V1})
    assert [(x.path, x.id, x.text, x.editions) for x in lost] == [
        ("chapters/a/", "p-2222", "words of p-2222", ["1.0", "1.1"])]
    text = report(lost)
    assert "chapters/a/#p-2222 \"words of p-2222\": published in 1.0, 1.1" in text
    assert "chapters/a.md#p-2222: chapters/a.md#<new-id>" in text


def test_editions_are_listed_oldest_first():
    v2 = manifest("1.11", page("chapters/a.md", "a", "p-1111"), page("chapters/b.md", "b", "p-3333"))
    [lost] = check_anchors(v2, {"1.10": V1, "1.9": V1, "1.0": V1})
    assert lost.editions == ["1.0", "1.9", "1.10"]


def test_an_older_edition_keeps_the_anchors_up_to_itself_only():
    from studybook.editions.guard import editions_to_keep
    published = {"1.0": V1, "1.1": V1, "2.0": V1}
    assert set(editions_to_keep(published, "1.1")) == {"1.0", "1.1"}   # 2.0 stays latest
    assert set(editions_to_keep(published, "2.1")) == {"1.0", "1.1", "2.0"}
    assert set(editions_to_keep(published, None)) == {"1.0", "1.1", "2.0"}


def test_a_declared_anchor_move_passes_only_if_its_target_exists():
    v2 = manifest("1.1", page("chapters/a.md", "a", "p-1111", "p-9999"), page("chapters/b.md", "b", "p-3333"))
    moved = {"anchors": {"chapters/a.md#p-2222": "chapters/a.md#p-9999"}}
    assert check_anchors(v2, {"1.0": V1}, moved) == []
    wrong = {"anchors": {"chapters/a.md#p-2222": "chapters/a.md#p-0000"}}
    [lost] = check_anchors(v2, {"1.0": V1}, wrong)
    assert lost.id == "p-2222" and "p-0000, which does not exist" in lost.reason


def test_a_removed_page_is_one_loss_and_a_declared_page_move_keeps_its_anchors():
    v2 = manifest("1.1", page("chapters/a.md", "a", "p-1111", "p-2222"))
    [lost] = check_anchors(v2, {"1.0": V1})
    assert (lost.path, lost.id, lost.reason) == ("chapters/b/", None, "page gone; declare it under `pages:`")
    v3 = manifest("1.1", page("chapters/a.md", "a", "p-1111", "p-2222"), page("chapters/bee.md", "b", "p-3333"))
    assert check_anchors(v3, {"1.0": V1}, {"pages": {"chapters/b.md": "chapters/bee.md"}}) == []
    # A moved page that lost an anchor: the move can be declared on the old or the new page.
    v4 = manifest("1.1", page("chapters/a.md", "a", "p-1111", "p-2222"), page("chapters/bee.md", "b", "p-4444"))
    for key in ["chapters/b.md#p-3333", "chapters/bee.md#p-3333"]:
        moves = {"pages": {"chapters/b.md": "chapters/bee.md"}, "anchors": {key: "chapters/bee.md#p-4444"}}
        assert check_anchors(v4, {"1.0": V1}, moves) == [], key


# -- Reading the published manifests from the gh-pages branch --------------------------

def git(repo, *args, **kw):
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, **kw)


@pytest.fixture
def repo(tmp_path):
    """A repository whose gh-pages branch has editions 1.0 (with a manifest) and 0.9 (without)."""
    r = tmp_path / "repo"
    r.mkdir()
    git(r, "init", "-q", "-b", "main")
    git(r, "config", "user.email", "t@example.org")
    git(r, "config", "user.name", "Test")
    git(r, "checkout", "-q", "--orphan", "gh-pages")
    (r / "1.0").mkdir()
    (r / "1.0" / "anchors.json").write_text(json.dumps(V1))
    (r / "0.9").mkdir()
    (r / "0.9" / "index.html").write_text("old")
    (r / "versions.json").write_text(json.dumps([
        {"version": "1.0", "title": "1.0", "aliases": ["latest"]},
        {"version": "0.9", "title": "0.9", "aliases": []}]))
    git(r, "add", ".")
    git(r, "commit", "-q", "-m", "pages")
    git(r, "checkout", "-q", "--orphan", "main")
    git(r, "rm", "-rq", "--cached", ".")
    for f in ["1.0", "0.9", "versions.json"]:
        subprocess.run(["rm", "-rf", str(r / f)], check=True)
    return r


def test_published_manifests_come_from_the_branch(repo):
    assert published_manifests(repo) == {"1.0": V1}
    assert published_manifests(repo, branch="no-such-branch") == {}


def test_verify_and_the_command_line(repo, tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "anchors.json").write_text(json.dumps(V1))
    assert verify(site, repo) == {"1.0": V1}
    assert main(["--site", str(site), "--repo", str(repo)]) == 0
    assert "editions checked: 1.0" in capsys.readouterr().out
    smaller = manifest("1.1", page("chapters/a.md", "a", "p-1111"), page("chapters/b.md", "b", "p-3333"))
    (site / "anchors.json").write_text(json.dumps(smaller))
    with pytest.raises(AnchorsLost) as info:
        verify(site, repo)
    assert [x.id for x in info.value.lost] == ["p-2222"]
    assert info.value.problem.startswith("Publishing would break links to 1 published anchor:")
    assert info.value.fix.startswith("restore the id in its page")
    assert main(["--site", str(site), "--repo", str(repo)]) == 1
    assert "chapters/a/#p-2222" in capsys.readouterr().err
    (repo / "redirects.yml").write_text("anchors:\n  chapters/a.md#p-2222: chapters/a.md#p-1111\n")
    assert main(["--site", str(site), "--repo", str(repo)]) == 0
    # A build without a manifest cannot be checked once editions with manifests are published.
    (site / "anchors.json").unlink()
    with pytest.raises(GuardError, match="the build has no anchors.json"):
        verify(site, repo)
    assert verify(site, repo, branch="no-such-branch") == {}


def test_make_publish_runs_the_guard_before_it_deploys(repo, tmp_path):
    from mike.versions import Versions

    from studybook.editions.publish import PublishError, Release, check_before_deploy

    site = tmp_path / "site"
    site.mkdir()
    smaller = manifest("1.1", page("chapters/a.md", "a", "p-1111"), page("chapters/b.md", "b", "p-3333"))
    (site / "anchors.json").write_text(json.dumps(smaller))
    release = Release(version="1.1", entry=None, repo=repo, site_dir=site, config_file=repo / "mkdocs.yml",
                      site_url="https://example.org/book/", branch="gh-pages", deploy_prefix="",
                      published=Versions(), is_newest=True)
    with pytest.raises(PublishError) as info:
        check_before_deploy(release)
    assert "chapters/a/#p-2222" in str(info.value) and "Fix: restore the id" in str(info.value)
    (site / "anchors.json").write_text(json.dumps(V1))
    check_before_deploy(release)        # nothing lost: no error
