"""studybook.order: any order of the plugins builds the same book, or stops with the line and the fix."""
from __future__ import annotations

import filecmp
import importlib.metadata
import random
from pathlib import Path

import pytest

from studybook.order import TIMELINE

from conftest import REPO, build_book

PLUGINS_START, PLUGINS_END = "\nplugins:\n", "\n# -- Extensions"


def handlers() -> set[tuple[str, int, str]]:
    """(event, priority, plugin) for every on_* handler of every studybook-* plugin, read from the code."""
    found = set()
    for ep in importlib.metadata.entry_points(group="mkdocs.plugins"):
        if not ep.name.startswith("studybook-"):
            continue
        cls = ep.load()
        for name, fn in vars(cls).items():
            if name.startswith("on_") and callable(fn):
                found.add((name, getattr(fn, "mkdocs_priority", 0), ep.name))
    return found


def test_the_timeline_is_the_code():
    assert handlers() == TIMELINE, ("the timeline in src/studybook/order.py and the handlers differ: "
                                    f"only in the code {sorted(handlers() - TIMELINE)}, "
                                    f"only in the timeline {sorted(TIMELINE - handlers())}")


def test_every_plugin_of_the_timeline_is_in_the_books_config():
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    listed = {name for name, _ in plugin_entries(text)[1]}
    assert {plugin for _, _, plugin in TIMELINE} <= listed


# -- Reordering mkdocs.yml ---------------------------------------------------------

def plugin_entries(text: str) -> tuple[str, list[tuple[str, str]], str]:
    """mkdocs.yml split into (before, [(plugin name, its lines)], after); comments stay with their entry."""
    start = text.index(PLUGINS_START) + len(PLUGINS_START)
    end = text.index(PLUGINS_END)
    entries: list[list[str]] = []
    pending: list[str] = []                      # comment lines above the next entry
    for line in text[start:end].split("\n"):
        if line.startswith("  - "):
            entries.append([*pending, line])
            pending = []
        elif line.startswith("  #") and not (entries and line.startswith("      ")):
            pending.append(line)
        elif entries:
            entries[-1].append(line)
        else:
            pending.append(line)
    out = []
    for lines in entries:
        head = next(x for x in lines if x.startswith("  - "))
        out.append((head[4:].split(":")[0].split("#")[0].strip(), "\n".join(lines)))
    trailing = "\n".join(pending)
    return text[:start], out, ("\n" + trailing if trailing else "") + text[end:]


def reordered(text: str, order: list[str]) -> str:
    before, entries, after = plugin_entries(text)
    by_name = dict(entries)
    return before + "\n".join(by_name[n] for n in order) + after


def test_plugin_entries_keep_every_line():
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    names = [n for n, _ in plugin_entries(text)[1]]
    assert names[:2] == ["search", "studybook-edition"] and "studybook-csp" in names
    assert sorted(reordered(text, names[::-1]).split("\n")) == sorted(text.split("\n"))


def build_in_order(tmp: Path, label: str, order: list[str] | None, env: dict[str, str]) -> Path:
    """Build the book with its plugins listed in ``order`` (None: as mkdocs.yml lists them)."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = REPO / f".order-test-{label}.yml"          # beside mkdocs.yml: its paths are relative
    config.write_text(reordered(text, order) if order else text, encoding="utf-8")
    try:
        build_book(tmp / label, config=config.name, site_url="http://127.0.0.1:8000/", env=env)
    finally:
        config.unlink()
    return tmp / label


def differences(a: Path, b: Path) -> list[str]:
    out = []
    cmp = filecmp.dircmp(a, b)
    stack = [(cmp, "")]
    while stack:
        c, rel = stack.pop()
        out += [f"{rel}{n}" for n in c.left_only + c.right_only + c.diff_files + c.funny_files]
        stack += [(sub, f"{rel}{name}/") for name, sub in c.subdirs.items()]
    return sorted(out)


@pytest.mark.slow
@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_shuffled_plugin_lists_build_the_same_book(tmp_path, offline):
    """Reversed, and shuffled with a fixed seed: the same files, byte for byte (print.html too offline)."""
    env = {"STUDYBOOK_OFFLINE": "true", "SOURCE_DATE_EPOCH": "1764000000"} if offline else \
          {"SOURCE_DATE_EPOCH": "1764000000"}
    names = [n for n, _ in plugin_entries((REPO / "mkdocs.yml").read_text(encoding="utf-8"))[1]]
    shuffled = names[:]
    random.Random(13).shuffle(shuffled)
    base = build_in_order(tmp_path, "listed", None, env)
    orders = [("reversed", names[::-1])] if offline else [("reversed", names[::-1]), ("shuffled", shuffled)]
    for label, order in orders:
        site = build_in_order(tmp_path, label, order, env)
        assert differences(base, site) == [], f"{label} order {order} built another book"


# -- A needed plugin that is missing ---------------------------------------------------

PAGES = {"index.md": "# Home { #home }\n\n<!-- studybook:edition -->\n"}


@pytest.mark.parametrize("plugins, message", [
    # (the plugins: list of a mini site, what the error says: mkdocs.yml's line and the fix)
    ("  - studybook-cartridge\n",
     "mkdocs.yml:13: studybook-cartridge needs the studybook-manifest plugin, which is not loaded"),
    ("  - studybook-assignments\n",
     "mkdocs.yml:13: studybook-assignments needs the studybook-manifest plugin, which is not loaded"),
    ("  - studybook-cite\n",
     "mkdocs.yml:11: the studybook-edition plugin is not loaded, and this build needs its edition"),
])
def test_a_missing_plugin_names_the_line_and_the_fix(mini_site, plugins, message):
    config = "plugins:\n  - studybook-edition\n" + plugins if "edition" not in message else "plugins:\n" + plugins
    result = mini_site(PAGES, config)
    assert not result.ok
    assert message in result.output, result.output
    assert "Fix: add '- studybook-" in result.output
