"""The whole-book PDF, read back with pypdf: pages, contents with page numbers, bookmarks, fonts, metadata, links."""
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
BOOK_TITLE = "Putin's Pragmatic Approach to the Korean Peninsula"


def chapter_titles() -> list[str]:
    """The chapter titles, in nav order, from mkdocs.yml and the chapters' front matter."""
    nav = re.findall(r"^\s+- (chapters/(?!index)[\w-]+\.md)$", (REPO / "mkdocs.yml").read_text(), re.M)
    titles = []
    for rel in nav:
        m = re.search(r'^title: "?(.*?)"?$', (REPO / "docs" / rel).read_text(encoding="utf-8"), re.M)
        titles.append(m.group(1).replace("'", "’"))
    return titles


def flat(text: str) -> str:
    """Text reduced to its ASCII words, for comparing.

    pypdf 7.1 decodes the text inside WeasyPrint's form XObjects (boxes with a
    background) byte by byte ("\\x00A\\x00f…"); poppler's pdftotext reads the
    same pages correctly. Comparing words keeps the tests about our PDF.
    """
    return " ".join(re.findall(r"[A-Za-z0-9]+", text.replace("\x00", "")))


@pytest.fixture(scope="module")
def pdf(downloads):
    return PdfReader(downloads.pdf)


@pytest.fixture(scope="module")
def bookmarks(pdf):
    """Top-level bookmarks as (title, 0-based page index)."""
    return [(o.title, pdf.get_destination_page_number(o)) for o in pdf.outline if not isinstance(o, list)]


def test_page_count_and_metadata(pdf):
    assert len(pdf.pages) > 40
    meta = pdf.metadata
    assert flat(meta.title).startswith(flat(BOOK_TITLE))
    assert "In-Kon Yeo" in meta.author
    assert pdf.trailer["/Root"]["/Lang"] == "en"


def test_cover_then_contents(pdf, bookmarks):
    assert flat(BOOK_TITLE) in flat(pdf.pages[0].extract_text())
    assert "Edition " in pdf.pages[0].extract_text()
    assert bookmarks[0] == ("Cover", 0)
    assert bookmarks[1][0] == "Contents"


def test_every_chapter_starts_a_page_is_bookmarked_and_listed_with_its_page_number(pdf, bookmarks):
    titles = chapter_titles()
    assert len(titles) == 10
    marks = {flat(t): page for t, page in bookmarks}
    contents = flat(" ".join(pdf.pages[i].extract_text() for i in range(bookmarks[1][1], bookmarks[2][1])))
    for number, title in enumerate(titles, 1):
        page = marks.get(flat(title))
        assert page is not None, f"no bookmark for chapter {number}: {title}"
        text = flat(pdf.pages[page].extract_text())
        # The chapter starts the page: its label and its heading come first.
        assert text.split(" ")[-1] == str(page + 1)  # the page number in the footer
        assert text.startswith(f"CHAPTER {number} {flat(title)}")
        # The contents give the same page number (the PDF's page 1 is the cover).
        m = re.search(re.escape(f"{number} {flat(title)}") + r" (\d+)", contents)
        assert m, f"chapter {number} is not in the contents"
        assert int(m.group(1)) == page + 1, f"contents say p. {m.group(1)} for chapter {number}, it is on p. {page + 1}"


def test_chapters_have_section_bookmarks_and_the_bibliography_is_last(pdf):
    chapter = next(i for i, o in enumerate(pdf.outline) if not isinstance(o, list) and o.title == chapter_titles()[7])
    sections = pdf.outline[chapter + 1]
    assert isinstance(sections, list) and "The ABM dispute" in [s.title for s in sections]
    last = [o for o in pdf.outline if not isinstance(o, list)][-1]
    assert last.title == "Bibliography"


def test_every_font_is_embedded(pdf):
    fonts = {}
    for page in pdf.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"]
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), f"{name} is not embedded"


def test_links_stay_inside_the_book(pdf):
    """Glossary terms, people and cross-references are links inside the PDF; the only URIs are web addresses."""
    internal, outside = 0, []
    for page in pdf.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A", {})
            if "/URI" in action:
                uri = str(action["/URI"])
                if not uri.startswith(("http://", "https://", "mailto:")):  # a relative or file: link is broken in a PDF
                    outside.append(uri)
            elif "/Dest" in annot or action.get("/S") == "/GoTo":
                internal += 1
    assert outside == []
    assert internal > 200


def test_notes_are_per_chapter(pdf, bookmarks):
    """Each chapter's notes follow it, under a 'Notes' heading (the numbering is checked in test_printbook)."""
    marks = dict((flat(t), p) for t, p in bookmarks)
    start = marks[flat(chapter_titles()[7])]
    end = min(p for p in marks.values() if p > start)
    text = flat(" ".join(pdf.pages[i].extract_text() for i in range(start, end)))
    assert re.search(r"Discussion questions .* Notes [A-Z]", text), "the chapter's notes follow it under 'Notes'"
