"""studybook.tools.properdocs: the pure parts of the ProperDocs check (the real run is tests/test_properdocs.py)."""
from pathlib import Path

import pytest

from studybook.tools.properdocs import (
    Comparison,
    build_env,
    compare_trees,
    first_difference,
    normalise,
    pinned_version,
    report,
    venv_digest,
)

MKDOCS_PAGE = ('<head>\n<meta charset="utf-8">\n'
               '<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">\n'
               '<title>Cover</title>\n</head>\n')
PROPERDOCS_PAGE = MKDOCS_PAGE.replace("mkdocs-1.6.1", "mkdocs-ProperDocs 1.6.7")


@pytest.mark.parametrize("left, right, same", [
    # (a page as one build writes it, as the other does, the same once normalised?)
    (MKDOCS_PAGE, PROPERDOCS_PAGE, True),
    ('<meta name="generator" content="a">', "<meta content='b' name='generator' />", True),
    ('<META NAME="Generator" CONTENT="a">', '<meta name=generator content=b>', True),
    # only the generator tag: other tags, and text that names it, still count
    ('<meta name="description" content="a">', '<meta name="description" content="b">', False),
    ('<meta data-name="generator" content="a">', '<meta data-name="generator" content="b">', False),
    ('<meta name="generators" content="a">', '<meta name="generators" content="b">', False),
    ('name="generator" content="a"', 'name="generator" content="b"', False),
    (MKDOCS_PAGE, PROPERDOCS_PAGE.replace("Cover", "Title"), False),
])
def test_normalise_ignores_only_the_generator_tag(left, right, same):
    assert (normalise(left.encode()) == normalise(right.encode())) is same


def test_normalise_keeps_everything_around_the_tag():
    assert normalise(MKDOCS_PAGE.encode()) == (
        b'<head>\n<meta charset="utf-8">\n<meta name="generator">\n<title>Cover</title>\n</head>\n')


@pytest.mark.parametrize("left, right, expected", [
    # (one build's file, the other's, where first_difference says they part)
    (b"a\nb\nc\n", b"a\nB\nc\n", "line 2: mkdocs: 'b' | properdocs: 'B'"),
    (b"a\n", b"a\nb\n", "line 2: only properdocs has it: 'b'"),
    (b"a\nb\n", b"a\n", "line 2: only mkdocs has it: 'b'"),
    (b"a\n", b"a\r\n", "line 2: same text, different line endings or final newline"),
    (b"\x1f\x8b\x00\xff", b"\x1f\x8b\x01\xff", "binary, first difference at byte 2 (4 vs 4 bytes)"),
    (b"\xff\xfe", b"\xff\xfe\x00", "binary, first difference at byte 2 (2 vs 3 bytes)"),
])
def test_first_difference(left, right, expected):
    assert first_difference(left, right) == expected


def test_a_long_line_is_cut_around_its_first_difference():
    left, right = b"x" * 500 + b"A" + b"y" * 500, b"x" * 500 + b"B" + b"y" * 500
    detail = first_difference(left, right)
    assert detail == (f"line 1: mkdocs: '...{'x' * 40}A{'y' * 59}...' | "
                      f"properdocs: '...{'x' * 40}B{'y' * 59}...'")


def tree(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


@pytest.mark.parametrize("left, right, compared, differing", [
    # (the mkdocs tree, the properdocs tree, files compared, {path: what differs})
    ({"index.html": MKDOCS_PAGE.encode(), "a/b/page.html": b"same"},
     {"index.html": PROPERDOCS_PAGE.encode(), "a/b/page.html": b"same"}, 2, {}),
    ({"index.html": b"x", "sitemap.xml.gz": b"\x1f\x8b\x00"},
     {"index.html": b"x", "sitemap.xml.gz": b"\x1f\x8b\x01"}, 2,
     {"sitemap.xml.gz": "binary, first difference at byte 2 (3 vs 3 bytes)"}),
    ({"gone.html": b"x", "both.html": b"x"}, {"new.html": b"x", "both.html": b"x"}, 3,
     {"gone.html": "only in the mkdocs build", "new.html": "only in the properdocs build"}),
    ({"sub/index.html": MKDOCS_PAGE.encode()},
     {"sub/index.html": PROPERDOCS_PAGE.replace("Cover", "Title").encode()}, 1,
     {"sub/index.html": "line 4: mkdocs: '<title>Cover</title>' | properdocs: '<title>Title</title>'"}),
    ({}, {}, 0, {}),
])
def test_compare_trees(tmp_path, left, right, compared, differing):
    result = compare_trees(tree(tmp_path / "mkdocs", left), tree(tmp_path / "properdocs", right))
    assert result.compared == compared
    assert dict(result.differences) == differing
    assert [path for path, _ in result.differences] == sorted(differing)


@pytest.mark.parametrize("comparison, code, lines", [
    # (a comparison, the exit code, the lines printed)
    (Comparison(175, []), 0,
     ["properdocs check: 175 files compared: the properdocs build matches the mkdocs build "
      "(generator tag aside)"]),
    (Comparison(0, []), 1, ["properdocs check: both builds are empty: nothing was compared"]),
    (Comparison(3, [("a.html", "line 1: ..."), ("b.css", "only in the mkdocs build")]), 1,
     ["properdocs check: 2 of 3 files differ:", "  a.html: line 1: ...", "  b.css: only in the mkdocs build"]),
    (Comparison(30, [(f"{i:02}.html", "x") for i in range(12)]), 1,
     ["properdocs check: 12 of 30 files differ (the first 10 listed):",
      *[f"  {i:02}.html: x" for i in range(10)]]),
])
def test_report(comparison, code, lines):
    assert report(comparison) == (code, "\n".join(lines))


def test_the_venv_digest_changes_with_any_input_or_python():
    base = venv_digest([b"lock", b"properdocs lock", b"pyproject"], "3.11.9")
    assert base == venv_digest([b"lock", b"properdocs lock", b"pyproject"], "3.11.9")
    assert base != venv_digest([b"lock", b"properdocs lock", b"pyproject "], "3.11.9")
    assert base != venv_digest([b"lock", b"properdocs lock", b"pyproject"], "3.11.10")
    # contents are hashed one by one: moving bytes between files changes it
    assert venv_digest([b"ab", b"c"], "3") != venv_digest([b"a", b"bc"], "3")


@pytest.mark.parametrize("text, version", [
    ("properdocs==1.6.7 \\\n    --hash=sha256:aa\n", "1.6.7"),
    ("# properdocs==9 in a comment\nProperDocs==1.6.8 --hash=sha256:aa\n", "1.6.8"),
    ("properdocs>=1.6\n", None),
    ("mkdocs==1.6.1\n", None),
])
def test_pinned_version(text, version):
    assert pinned_version(text) == version


def test_both_builds_get_a_fixed_date_and_no_banner():
    env = build_env({"PATH": "/bin", "SOURCE_DATE_EPOCH": "1", "NO_MKDOCS_2_WARNING": ""})
    assert env["PATH"] == "/bin"
    assert env["SOURCE_DATE_EPOCH"] != "1" and env["SOURCE_DATE_EPOCH"].isdigit()
    assert env["NO_MKDOCS_2_WARNING"] == "1"
