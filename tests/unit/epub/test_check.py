"""studybook.epub.check: bad input, and the package's links and notes."""
import pytest

from studybook.epub.check import duplicate_paragraph_ids, images_without_alt, missing_chapters, package_problems, source_line


def test_missing_chapters():
    pages = ["index.md", "chapters/index.md", "chapters/a.md", "chapters/b.md", "glossary/x.md"]
    assert missing_chapters(pages, ["index.md", "chapters/index.md", "chapters/a.md"]) == ["chapters/b.md"]


@pytest.mark.parametrize(
    # (HTML, the images reported)
    "html, found",
    [('<img src="a.svg" alt="A map">', []), ('<img src="a.svg">', ["a.svg"]), ('<img src="a.svg" alt="  ">', ["a.svg"])],
)
def test_images_without_alt(html, found):
    assert images_without_alt(f"<p>{html}</p>") == found


def test_duplicate_paragraph_ids_only_count_across_pages_and_only_paragraph_ids():
    ids = {"chapters/a.md": ["intro", "p-bj54", "fn:1"], "chapters/b.md": ["intro", "fn:1", "p-98yd", "p-bj54"]}
    assert duplicate_paragraph_ids(ids) == [("p-bj54", "chapters/a.md", "chapters/b.md")]


def test_source_line():
    assert source_line("a\nb {: #p-bj54 }\n", "#p-bj54") == 2 and source_line("a", "zz") is None


def xhtml(body):
    return (f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>{body}'
            "</body></html>").encode()


def test_package_problems():
    good = {"EPUB/text/a.xhtml": xhtml('<p id="x"><a href="b.xhtml#y">b</a><a epub:type="noteref" href="#fn:1">1</a>'
                                       '</p><aside id="fn:1" epub:type="footnote">n</aside><img src="../i.svg" alt="i"/>'
                                       '<a href="https://example.org/">out</a>'),
            "EPUB/text/b.xhtml": xhtml('<p id="y"><a href="a.xhtml">a</a></p>'), "EPUB/i.svg": b"<svg/>"}
    assert package_problems(good) == []
    bad = {"EPUB/text/a.xhtml": xhtml('<a href="b.xhtml#nope">b</a><a href="c.xhtml">c</a>'
                                      '<a epub:type="noteref" href="#x">1</a><p id="x"/>'
                                      '<aside id="fn:2" epub:type="footnote">n</aside><img src="https://e.org/i.png" alt="i"/>'),
           "EPUB/text/b.xhtml": xhtml("<p>"), }
    problems = package_problems(bad)
    assert problems[0].startswith("EPUB/text/b.xhtml: not well-formed XHTML (Opening and ending tag mismatch")
    assert problems[1:] == [
        "EPUB/text/a.xhtml: b.xhtml#nope has a fragment, but EPUB/text/b.xhtml is not an XHTML document",
        "EPUB/text/a.xhtml: c.xhtml points to a file the book does not have",
        "EPUB/text/a.xhtml: the note reference #x does not point to a footnote of this page",
        "EPUB/text/a.xhtml: loads https://e.org/i.png from outside the book",
        "EPUB/text/a.xhtml: footnote #fn:2 is not referenced from the text",
    ]
