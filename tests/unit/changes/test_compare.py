"""studybook.changes.compare: two texts.json documents in, every change out, page by page."""
from studybook.anchors.redirects import from_data
from studybook.changes.compare import compare


def unit(kind, uid, text, section="s"):
    u = {"kind": kind, "id": uid, "text": text}
    if kind == "heading":
        u["level"] = 1 if uid in ("a", "b", "t") else 2
    else:
        u["section"] = section
    return u


def chapter(src, title, units, number=1):
    return {"path": src[:-3] + "/", "src": src, "title": title, "kind": "chapter", "number": number,
            "units": units}


OLD = {"edition": "1.0", "pages": [
    chapter("chapters/a.md", "A", [
        unit("heading", "a", "A"), unit("heading", "s", "Section"),
        unit("paragraph", "p-1", "One stays."), unit("paragraph", "p-2", "Two is edited here."),
        unit("paragraph", "p-3", "Three moves down."), unit("paragraph", "p-4", "Four stays."),
        unit("paragraph", "p-5", "Five goes to B."), unit("paragraph", "p-6", "Six goes, declared."),
        unit("paragraph", "p-9", "Nine’s quotes change."),
    ]),
    chapter("chapters/b.md", "B", [unit("heading", "b", "B"), unit("heading", "s", "Old name")], 2),
    chapter("chapters/old.md", "Old", [unit("heading", "o", "Old")], 3),
    {"path": "glossary/t/", "src": "glossary/t.md", "title": "T", "kind": "glossary", "units": [
        unit("heading", "t", "T"), unit("paragraph", None, "First."), unit("paragraph", None, "Second.")]},
    {"path": "gone/", "src": "gone.md", "title": "Gone", "kind": "page"},
]}
NEW = {"edition": "1.1", "pages": [
    chapter("chapters/a.md", "A", [
        unit("heading", "a", "A"), unit("heading", "s", "Section"),
        unit("paragraph", "p-1", "One stays."), unit("paragraph", "p-2", "Two is reworded here."),
        unit("paragraph", "p-4", "Four stays."), unit("paragraph", "p-7", "Seven is new."),
        unit("paragraph", "p-9", "Nine's quotes change."), unit("paragraph", "p-3", "Three moves down."),
    ]),
    chapter("chapters/b.md", "B", [unit("heading", "b", "B"), unit("heading", "s", "New name"),
                                   unit("paragraph", "p-5", "Five goes to B."),
                                   unit("paragraph", "p-8", "Six goes, now eight.")], 2),
    chapter("chapters/new.md", "Old", [unit("heading", "o", "Old")], 3),
    {"path": "glossary/t/", "src": "glossary/t.md", "title": "T", "kind": "glossary", "units": [
        unit("heading", "t", "T"), unit("paragraph", None, "First, longer."), unit("paragraph", None, "Second."),
        unit("paragraph", None, "Third.")]},
    {"path": "fresh/", "src": "fresh.md", "title": "Fresh", "kind": "page"},
]}
MOVES = from_data({"pages": {"chapters/old.md": "chapters/new.md"},
                   "anchors": {"chapters/a.md#p-6": "chapters/b.md#p-8"}})


def summary(report):
    return {p.src: (p.status, [(i.kind, (i.new or i.old).id or (i.new or i.old).text) for i in p.items])
            for p in report.pages}


def test_every_kind_of_change_is_found_in_reading_order():
    report = compare(OLD, NEW, MOVES)
    assert (report.old, report.new) == ("1.0", "1.1")
    assert summary(report) == {
        # p-2 reworded; p-3 out of order (p-4 keeps its place); p-6 removed with its declared
        # move, so its target p-8 is not "added"; p-7 added; p-9's quotes only: not listed.
        "chapters/a.md": ("kept", [("changed", "p-2"), ("removed", "p-8"), ("added", "p-7"),
                                   ("moved", "p-3")]),
        "chapters/b.md": ("kept", [("renamed", "s"), ("moved", "p-5")]),
        "chapters/new.md": ("moved", []),
        "glossary/t.md": ("kept", [("changed", "First, longer."), ("added", "Third.")]),   # by words
        "fresh.md": ("added", []),
        "gone.md": ("removed", []),
    }


def test_a_declared_move_carries_its_target_and_difference():
    report = compare(OLD, NEW, MOVES)
    removed = next(i for i in report.pages[0].items if i.kind == "removed")
    assert removed.old.id == "p-6" and removed.declared == ("chapters/b.md", "p-8")
    assert removed.new.src == "chapters/b.md" and removed.ops == [
        ("=", "Six goes,"), ("-", "declared."), ("+", "now eight.")]


def test_a_paragraph_moved_to_another_chapter_names_both_places():
    moved = next(i for i in compare(OLD, NEW, MOVES).pages[1].items if i.kind == "moved")
    assert (moved.old.src, moved.new.src, moved.ops) == ("chapters/a.md", "chapters/b.md", None)


def test_the_same_edition_has_no_changes():
    assert compare(OLD, OLD).changed_pages == []


def test_skip_leaves_a_page_out():
    assert "fresh.md" not in summary(compare(OLD, NEW, MOVES, skip=frozenset({"fresh.md"})))
