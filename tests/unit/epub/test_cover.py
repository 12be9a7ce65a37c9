"""studybook.epub.cover: the cover SVG."""
import lxml.etree

from studybook.epub.cover import cover_svg, title_lines


def test_title_lines():
    assert title_lines("Putin’s Pragmatic Approach to the Korean Peninsula") == [
        "Putin’s Pragmatic", "Approach to the", "Korean Peninsula"]


def test_the_cover_names_the_book_and_the_edition():
    svg = cover_svg(title="A & B", subtitle="A Study Edition", byline="By Y", version="1.0", date_text="29 November 2026")
    root = lxml.etree.fromstring(svg.encode())
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == ["A & B", "A Study Edition", "By Y", "Edition 1.0 · 29 November 2026"]
    assert root.find("{http://www.w3.org/2000/svg}title").text.startswith("A & B: A Study Edition")
    assert "href" not in svg and "@font-face" not in svg       # nothing loaded, no fonts
