"""studybook.book: page kinds, reading order and chapter numbers, defined once."""
from types import SimpleNamespace

from studybook.book import chapter_numbers, is_chapter, page_kind, reading_order

# (src_uri, its kind)
KINDS = [
    ("chapters/one.md", "chapter"),
    ("chapters/index.md", "page"),          # the chapter list is not a chapter
    ("glossary/abm-treaty.md", "glossary"),
    ("glossary/index.md", "page"),          # the A-Z list
    ("people/kim-jong-il.md", "person"),
    ("people/index.md", "page"),
    ("timeline.md", "page"),
    ("index.md", "page"),
    ("teaching/chapters.md", "page"),       # "chapters" elsewhere in a path does not count
]


def test_page_kind():
    for src, kind in KINDS:
        assert page_kind(src) == kind, src
        assert is_chapter(src) == (kind == "chapter"), src


def test_reading_order_and_chapter_numbers():
    def page(uri):
        return SimpleNamespace(file=SimpleNamespace(src_uri=uri))
    nav = SimpleNamespace(pages=[page(u) for u in
                                 ["index.md", "chapters/index.md", "chapters/b.md", "timeline.md", "chapters/a.md"]])
    order = reading_order(nav)
    assert order == ["index.md", "chapters/index.md", "chapters/b.md", "timeline.md", "chapters/a.md"]
    assert chapter_numbers(order) == {"chapters/b.md": 1, "chapters/a.md": 2}     # nav order, not names
