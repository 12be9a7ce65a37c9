"""studybook.tools.bench: the pure parts of the benchmark (the measuring is run by `make bench`)."""
from pathlib import Path

import pytest

from studybook.tools.bench import (
    BUDGETS,
    bare_config,
    check_budgets,
    cold_config,
    gzip_size,
    median,
    package_of,
    table,
    tbt_ratio,
)

RAW = {"plugins": [{"search": {"lang": "en"}}, "studybook-edition",
                   {"studybook-citations": {"bib_files": ["bibliography/*.bib"]}}, "studybook-csp"]}


def test_the_baseline_keeps_only_search_and_is_not_strict():
    config = bare_config(RAW, Path("/repo"))
    assert config["INHERIT"] == "/repo/mkdocs.yml"
    assert config["plugins"] == [{"search": {"lang": "en"}}]
    assert config["strict"] is False
    # term: links and [@key] stay as text there: link checks only inform.
    assert set(config["validation"]["links"].values()) == {"info"}


def test_the_cold_build_empties_only_the_citation_cache():
    config = cold_config(RAW, Path("/repo"), "/tmp/empty")
    assert config["plugins"][2] == {"studybook-citations": {"bib_files": ["bibliography/*.bib"],
                                                            "cache_dir": "/tmp/empty"}}
    assert config["plugins"][:2] == RAW["plugins"][:2] and config["plugins"][3] == "studybook-csp"


@pytest.mark.parametrize("filename, package", [
    # (a cProfile file name, what the profile groups it under)
    ("/x/.venv/lib/python3.11/site-packages/markdown/core.py", "markdown"),
    ("/x/.venv/lib/python3.11/site-packages/yaml/__init__.py", "yaml"),
    ("/x/.venv/lib/python3.11/site-packages/six.py", "six"),
    ("/work/src/studybook/citations/plugin.py", "studybook.citations"),
    ("/work/src/studybook/errors.py", "studybook.errors"),
    ("~", "python"),
    ("/usr/lib/python3.11/re/_parser.py", "python"),
])
def test_package_of(filename, package):
    assert package_of(filename) == package


def results(kib=80.0, requests=9, score=100, ratio=1.5, overhead=0.05, texts=32 * 1024):
    return {"page_weight": {"first_load": {"kib": kib, "requests": requests}},
            "lighthouse": {"chapter": {"mobile": {"performance": score, "seo": 100}}},
            "build": {"ratio": ratio}, "changes": {"overhead": overhead, "texts_gzip_bytes": texts}}


def test_within_budget_nothing_fails():
    assert check_budgets(results()) == []


@pytest.mark.parametrize("kwargs, message", [
    # (what goes over, the start of the sentence that says so)
    ({"kib": 161.0}, "chapter first load 161.0 KiB > 160 KiB"),
    ({"requests": 16}, "chapter first load 16 requests > 15"),
    ({"score": 97}, "Lighthouse chapter mobile performance 97 < 98"),
    ({"ratio": 2.01}, "build 2.01x the bare-Material build > 2.0x"),
    ({"overhead": 0.25}, "the comparison adds 25% to a publish > 20%"),
    ({"texts": 61 * 1024}, "texts.json 61.0 KiB gzipped > 60 KiB"),
])
def test_each_budget_fails_with_a_sentence(kwargs, message):
    assert check_budgets(results(**kwargs)) == [message]


def test_budgets_are_the_ones_the_readme_states():
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    assert f"{BUDGETS['first_load_kib']} KiB" in readme
    assert f"{BUDGETS['first_load_requests']} requests" in readme
    assert f"at least {BUDGETS['lighthouse_min']}" in readme
    assert f"{BUDGETS['build_ratio']:g}×" in readme
    assert f"{BUDGETS['changes_overhead']:.0%} to `make publish`" in readme
    assert f"{BUDGETS['texts_kib']} KB" in readme


def test_the_bench_rewords_every_tenth_paragraph():
    from studybook.tools.bench import reword

    texts = {"pages": [{"units": [{"kind": "heading", "text": "A heading"}]
                        + [{"kind": "paragraph", "text": f"Word {i}"} for i in range(20)]}]}
    changed = [u["text"] for u in reword(texts)["pages"][0]["units"] if not u["text"].startswith("Word")]
    assert changed == ["A heading", "9", "19"]


def test_small_helpers():
    assert median([3, 1, 2]) == 2
    assert 0 < gzip_size(b"a" * 1000) < 100
    assert table([("a", "1"), ("long", "2")]) == "  a     1\n  long  2"


@pytest.mark.parametrize("book_ms, bare_ms, ratio", [
    # (the book's median total blocking time, bare Material's, the ratio reported)
    (344, 122, 2.82),
    (100, 100, 1.0),
    (50, 0, None),          # bare Material blocked nothing: no ratio, not a division by zero
])
def test_total_blocking_time_ratio(book_ms, bare_ms, ratio):
    book = {form: {"tbt_median_ms": book_ms} for form in ("mobile", "desktop")}
    bare = {form: {"tbt_median_ms": bare_ms} for form in ("mobile", "desktop")}
    assert tbt_ratio(book, bare) == {"mobile": ratio, "desktop": ratio}
