"""studybook.epub.navigation: the contents tree and the landmarks."""
from studybook.epub.navigation import NavItem, Part, landmarks, nav_items

PARTS = [
    Part("text/home.xhtml", "About this book", "page"),
    Part("text/chapters-a.xhtml", "A", "chapter", number=1, sections=[("s1", "One"), ("s2", "Two")]),
    Part("text/glossary.xhtml", "Glossary", "glossary-index"),
    Part("text/glossary-x.xhtml", "X", "glossary", entry=True),
    Part("text/bibliography.xhtml", "Bibliography", "bibliography"),
]


def test_chapters_carry_their_sections_and_entries_sit_under_their_index():
    items = nav_items(PARTS)
    assert [i.title for i in items] == ["About this book", "Chapter 1. A", "Glossary", "Bibliography"]
    assert items[1].children == [NavItem("text/chapters-a.xhtml#s1", "One"), NavItem("text/chapters-a.xhtml#s2", "Two")]
    assert items[2].children == [NavItem("text/glossary-x.xhtml", "X")]


def test_landmarks():
    assert landmarks(PARTS, cover="cover.xhtml", toc="nav.xhtml#toc") == [
        ("cover", "cover.xhtml", "Cover"), ("toc", "nav.xhtml#toc", "Contents"),
        ("bodymatter", "text/chapters-a.xhtml", "Start of the text"),
        ("glossary", "text/glossary.xhtml", "Glossary"), ("bibliography", "text/bibliography.xhtml", "Bibliography")]
