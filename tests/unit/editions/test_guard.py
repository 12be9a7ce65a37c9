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


def make_repo(root, gh_pages: dict[str, str] | None):
    """A repository at ``root/repo`` whose gh-pages branch holds ``gh_pages`` (None: no such branch)."""
    r = root / "repo"
    r.mkdir()
    git(r, "init", "-q", "-b", "main")
    git(r, "config", "user.email", "t@example.org")
    git(r, "config", "user.name", "Test")
    if gh_pages is None:
        return r
    git(r, "checkout", "-q", "--orphan", "gh-pages")
    for path, text in gh_pages.items():
        (r / path).parent.mkdir(parents=True, exist_ok=True)
        (r / path).write_text(text)
    git(r, "add", ".")
    git(r, "commit", "-q", "-m", "pages")
    git(r, "checkout", "-q", "--orphan", "main")
    git(r, "rm", "-rq", "--cached", ".")
    for top in {path.split("/")[0] for path in gh_pages}:
        subprocess.run(["rm", "-rf", str(r / top)], check=True)
    return r


def versions_json(*editions: str) -> str:
    return json.dumps([{"version": v, "title": v, "aliases": ["latest"] if i == 0 else []}
                       for i, v in enumerate(editions)])


# Editions 1.0 (with a manifest) and 0.9 (published before manifests: none).
PUBLISHED = {"versions.json": versions_json("1.0", "0.9"),
             "1.0/anchors.json": json.dumps(V1), "0.9/index.html": "old"}


@pytest.fixture
def repo(tmp_path):
    """A repository whose gh-pages branch has editions 1.0 (with a manifest) and 0.9 (without)."""
    return make_repo(tmp_path, PUBLISHED)


def test_published_manifests_come_from_the_branch(repo):
    assert published_manifests(repo) == {"1.0": V1}
    assert published_manifests(repo, branch="no-such-branch") == {}


# -- Failing closed: only a branch that does not exist means "nothing published yet" ------

def branch_with(files, prefix=""):
    return lambda root, _: make_repo(root, {f"{prefix}{path}": text for path, text in files.items()})


def no_branch(root, _):
    return make_repo(root, None)


def no_folder(root, _):
    return root / "nonexistent"


def not_a_repository(root, _):
    (root / "plain").mkdir()
    return root / "plain"


def without_git(root, monkeypatch):
    r = make_repo(root, PUBLISHED)
    monkeypatch.setenv("PATH", str(root / "no-programs-here"))
    return r


def lose_object(spec):
    """The repository of PUBLISHED with the object ``gh-pages:<path>`` (or ``gh-pages^{tree}``) deleted."""
    def make(root, _):
        r = make_repo(root, PUBLISHED)
        sha = git(r, "rev-parse", spec).stdout.strip()
        (r / ".git" / "objects" / sha[:2] / sha[2:]).unlink()
        return r
    return make


def broken_ref(root, _):
    r = make_repo(root, PUBLISHED)
    (r / ".git" / "refs" / "heads" / "gh-pages").write_text("not a commit\n")
    return r


READING = [
    # (what the row is, how --repo is made, deploy_prefix, what comes out: the editions, or
    #  (the error's path, words of its problem); {repo} stands for the repository's path)
    ("no gh-pages branch yet: nothing to guard", no_branch, "", {}),
    ("editions on the branch; 0.9 predates manifests and is skipped", branch_with(PUBLISHED), "", {"1.0": V1}),
    ("under a deploy_prefix", branch_with(PUBLISHED, "book/"), "book", {"1.0": V1}),
    ("a deploy_prefix with no folder on the branch yet: nothing to guard",
     branch_with(PUBLISHED), "book", {}),
    ("--repo does not exist", no_folder, "", ("{repo}", "git cannot read this repository (fatal: cannot change")),
    ("--repo is a folder but no git repository", not_a_repository, "",
     ("{repo}", "git cannot read this repository (fatal: not a git repository")),
    ("git is not installed", without_git, "", ("{repo}", "git could not be run")),
    ("the branch's ref is damaged", broken_ref, "", ("{repo}", "ignoring broken ref refs/heads/gh-pages")),
    ("the branch's tree object is gone", lose_object("gh-pages^{tree}"), "",
     ("gh-pages:versions.json", "git cannot read the branch")),
    ("the branch has no versions.json", branch_with({"1.0/anchors.json": json.dumps(V1)}), "",
     ("gh-pages:versions.json", "gh-pages has no versions.json")),
    ("a deploy_prefix folder without versions.json", branch_with({"1.0/anchors.json": json.dumps(V1)}, "book/"),
     "book", ("gh-pages:book/versions.json", "gh-pages has no versions.json")),
    ("versions.json is not JSON", branch_with({"versions.json": '[{"version": "1.0",'}), "",
     ("gh-pages:versions.json:1", "not valid JSON")),
    ("versions.json is JSON but not mike's list", branch_with({"versions.json": '{"1.0": "latest"}'}), "",
     ("gh-pages:versions.json", "not a list of editions")),
    ("versions.json's blob is gone", lose_object("gh-pages:versions.json"), "",
     ("gh-pages:versions.json", "git cannot read it")),
    ("an edition's anchors.json is not JSON",
     branch_with({"versions.json": versions_json("1.0"), "1.0/anchors.json": '{"pages": [\n'}), "",
     ("gh-pages:1.0/anchors.json:2", "not valid JSON")),
    ("an edition's anchors.json is JSON but no manifest",
     branch_with({"versions.json": versions_json("1.0"), "1.0/anchors.json": "[]"}), "",
     ("gh-pages:1.0/anchors.json", "not an anchors manifest")),
    ("an edition's anchors.json blob is gone", lose_object("gh-pages:1.0/anchors.json"), "",
     ("gh-pages:1.0/anchors.json", "git cannot read it")),
]


@pytest.mark.parametrize("what, make, prefix, expected", READING, ids=[row[0] for row in READING])
def test_the_guard_reads_the_branch_or_fails_closed(what, make, prefix, expected, tmp_path, monkeypatch):
    r = make(tmp_path, monkeypatch)
    if isinstance(expected, dict):
        assert published_manifests(r, prefix=prefix) == expected
        return
    where, words = expected
    with pytest.raises(GuardError) as info:
        published_manifests(r, prefix=prefix)
    message = str(info.value)
    assert message.startswith(where.format(repo=r) + ": "), message
    assert words in message.split("\n")[0], message
    assert "\n  Fix: " in message


def test_the_command_line_fails_for_a_repository_it_cannot_read(tmp_path, capsys):
    assert main(["--site", str(tmp_path / "site"), "--repo", "/nonexistent"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("/nonexistent: git cannot read this repository") and "\n  Fix: give --repo" in err


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
    assert str(info.value).startswith("redirects.yml: Publishing would break links")
    assert "\n  Fix: restore the id in its page" in str(info.value)
    assert main(["--site", str(site), "--repo", str(repo)]) == 1
    assert "chapters/a/#p-2222" in capsys.readouterr().err
    (repo / "redirects.yml").write_text("anchors:\n  chapters/a.md#p-2222: chapters/a.md#p-1111\n")
    assert main(["--site", str(site), "--repo", str(repo)]) == 0
    # A build without a manifest cannot be checked once editions with manifests are published.
    (site / "anchors.json").unlink()
    with pytest.raises(GuardError) as info:
        verify(site, repo)
    assert str(info.value).startswith(f"{site / 'anchors.json'}: the build has no anchors.json")
    # ... nor one that is not JSON.
    (site / "anchors.json").write_text('{"pages": [\n')
    with pytest.raises(GuardError, match=r"anchors.json:2: not valid JSON"):
        verify(site, repo)
    (site / "anchors.json").unlink()
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
    assert str(info.value).startswith("redirects.yml: Publishing would break links")
    assert "chapters/a/#p-2222" in str(info.value) and "\n  Fix: restore the id" in str(info.value)
    (site / "anchors.json").write_text(json.dumps(V1))
    check_before_deploy(release)        # nothing lost: no error
