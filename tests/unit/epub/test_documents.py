"""studybook.epub.documents: a print-view page -> its own XHTML document."""
import lxml.etree
import pytest

from studybook.epub.documents import link_target, to_document, unprefix, xhtml_page

ANCHORS = {"chapters-a", "chapters-b", "glossary-abm-treaty", "teaching-assignments"}


@pytest.mark.parametrize(
    # (an id as the print view writes it, the page, the id in the page's own document)
    "value, anchor, expected",
    [("chapters-a--p-bj54", "chapters-a", "p-bj54"), ("chapters-a--fn:1", "chapters-a", "fn:1"),
     ("chapters-a", "chapters-a", "chapters-a"),            # no prefix: left alone
     ("chapters-b--p-bj54", "chapters-a", "chapters-b--p-bj54")],  # another page's: left alone
)
def test_unprefix(value, anchor, expected):
    assert unprefix(value, anchor) == expected


@pytest.mark.parametrize(
    # (a link in the print view, the page it is on, where it points in the EPUB)
    "href, anchor, expected",
    [("#chapters-a--p-bj54", "chapters-a", "#p-bj54"),                         # inside the page
     ("#chapters-b--p-bj54", "chapters-a", "chapters-b.xhtml#p-bj54"),         # another document
     ("#glossary-abm-treaty", "chapters-a", "glossary-abm-treaty.xhtml"),      # a whole page
     ("https://example.org/x", "chapters-a", "https://example.org/x"),         # outside: unchanged
     ("#teaching-assignments--how", "chapters-a", "https://book/1.0/teaching/assignments/#how")],  # online only
)
def test_link_target(href, anchor, expected):
    online = {"teaching-assignments": "https://book/1.0/teaching/assignments/"}
    assert link_target(href, anchor, ANCHORS, online) == expected


PAGE = """<div class="sb-page-data" hidden data-sb='{}'></div>
<h1 id="chapters-a--intro">Intro</h1>
<h2 id="chapters-a--first">First <em>part</em></h2>
<p id="chapters-a--p-bj54">A <a class="sb-term" href="#glossary-abm-treaty">treaty</a>.<sup id="chapters-a--fnref:1">\
<a class="footnote-ref" href="#chapters-a--fn:1">1</a></sup>
See <a href="#chapters-b--p-98yd">there</a>.<span class="print-url"> &lt;x&gt;</span></p>
<p><img alt="A map" src="assets/figures/map.svg"></p>
<div class="footnote"><h2 class="print-notes-title" id="chapters-a--notes">Notes</h2><ol>
<li id="chapters-a--fn:1"><p>Yeo, 12.</p></li></ol></div>
<div class="sb-previews"><div role="tooltip" hidden>x</div></div>"""


def test_a_page_becomes_a_document_with_its_own_ids_notes_and_glossary_links():
    doc = to_document(PAGE, "chapters-a", ANCHORS, "Intro")
    assert doc.name == "text/chapters-a.xhtml"
    assert doc.ids == ["intro", "first", "p-bj54", "fnref:1", "notes", "fn:1"]
    assert doc.sections == [("first", "First part")]      # the notes heading is not a section
    assert doc.images == ["assets/figures/map.svg"] and doc.h1_id == "intro"
    body = doc.body
    assert 'src="../assets/figures/map.svg"' in body
    assert '<a class="sb-term" href="glossary-abm-treaty.xhtml" epub:type="glossref" role="doc-glossref">' in body
    assert 'href="chapters-b.xhtml#p-98yd"' in body
    assert '<a class="footnote-ref" href="#fn:1" epub:type="noteref" role="doc-noteref">1</a>' in body
    assert ('<aside id="fn:1" class="note" epub:type="footnote" role="doc-footnote">'
            '<p><a href="#fnref:1" role="doc-backlink" class="note-number">1.</a> Yeo, 12.</p></aside>') in body
    for gone in ("sb-page-data", "print-url", "tooltip", 'class="footnote"'):
        assert gone not in body


def test_a_glossary_entry_defines_its_term():
    doc = to_document('<h1 id="glossary-abm-treaty--t">ABM <abbr title="x">T</abbr></h1><p>Def.</p>',
                      "glossary-abm-treaty", ANCHORS, "ABM", entry_kind="glossary")
    assert doc.body.startswith('<h1 id="t"><dfn epub:type="glossterm">ABM <abbr title="x">T</abbr></dfn></h1>')


def test_the_whole_document_is_well_formed_xhtml_in_its_section():
    doc = to_document(PAGE, "chapters-a", ANCHORS, "Intro & more")
    text = xhtml_page(doc, language="en", kind="chapter", number=3, stylesheet="../style/book.css")
    root = lxml.etree.fromstring(text.encode())
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    section = root.find(".//x:section", ns)
    assert section.get("{http://www.idpf.org/2007/ops}type") == "chapter"
    assert section.get("role") == "doc-chapter" and section.get("aria-labelledby") == "intro"
    assert root.find(".//x:title", ns).text == "Intro & more"
    assert root.find(".//x:p[@class='chapter-label']", ns).text == "Chapter 3"
