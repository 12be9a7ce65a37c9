"""studybook.offline.printview: the single-page print view (order, ids, links, notes)."""
import lxml.html
import pytest

from studybook.offline.printview import PrintPage, assemble, page_anchor, print_order, rewrite_page


@pytest.mark.parametrize(
    "url, anchor",
    [("index.html", "home"), ("chapters/prospects.html", "chapters-prospects"),
     ("glossary/index.html", "glossary"), ("glossary/abm-treaty.html", "glossary-abm-treaty"),
     ("timeline.html", "timeline")],
)
def test_page_anchor(url, anchor):
    assert page_anchor(url) == anchor


def pages(*urls):
    return [PrintPage(u, u.rsplit("/", 1)[-1].removesuffix(".html").title(), "") for u in urls]


def test_order_follows_nav_puts_entries_after_their_index_and_the_bibliography_last():
    nav = pages("index.html", "chapters/index.html", "chapters/a.html", "chapters/b.html",
                "glossary/index.html", "bibliography.html", "teaching/index.html")
    nav[4].html = '<a href="zeta.html">Zeta</a> <a href="alpha.html">Alpha</a>'  # the A-Z list decides
    others = pages("glossary/alpha.html", "glossary/zeta.html", "glossary/unlisted.html")
    order = print_order(nav, others, last=["bibliography.html"])
    assert [p.url for p in order] == [
        "index.html", "chapters/index.html", "chapters/a.html", "chapters/b.html",
        "glossary/index.html", "glossary/zeta.html", "glossary/alpha.html", "glossary/unlisted.html",
        "teaching/index.html", "bibliography.html",
    ]
    assert [p.number for p in order if p.number] == [1, 2]
    assert [p.url for p in order if p.entry] == ["glossary/zeta.html", "glossary/alpha.html", "glossary/unlisted.html"]


ANCHORS = {"chapters/a.html": "chapters-a", "chapters/b.html": "chapters-b",
           "glossary/abm-treaty.html": "glossary-abm-treaty"}


def rewrite(html, url="chapters/a.html", **kw):
    return lxml.html.fragment_fromstring(rewrite_page(html, url, ANCHORS, **kw), create_parent="div")


@pytest.mark.parametrize(
    "href, expected",
    [
        # (link in chapters/a.html, link in the print view)
        ("#the-visit", "#chapters-a--the-visit"),
        ("b.html#putin-in-pyongyang", "#chapters-b--putin-in-pyongyang"),
        ("b.html", "#chapters-b"),
        ("../glossary/abm-treaty.html", "#glossary-abm-treaty"),          # a glossary term
        ("../glossary/abm-treaty/", "#glossary-abm-treaty"),              # directory URL style
        ("https://example.org/a", "https://example.org/a"),
    ],
)
def test_links_point_inside_the_one_document(href, expected):
    assert rewrite(f'<p><a href="{href}">x</a></p>').xpath("//a/@href") == [expected]


@pytest.mark.parametrize("href", ["../nowhere.html", "../downloads/reading-list.imscc"])
def test_a_link_to_a_page_or_file_not_in_the_print_view_keeps_its_text_only(href):
    """A relative link to a file would be broken in a PDF; images still load (src)."""
    root = rewrite(f'<p>See <a href="{href}">this page</a>.</p>')
    assert root.xpath("//a") == [] and root.text_content() == "See this page."


def test_ids_are_prefixed_so_two_chapters_notes_never_collide():
    html = ('<h2 id="the-visit">The visit<a class="headerlink" href="#the-visit">¶</a></h2>'
            '<p>Text<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
            '<div class="footnote"><hr><ol><li id="fn:1"><p>A note.&#160;'
            '<a class="footnote-backref" href="#fnref:1">↩</a></p></li></ol></div>')
    a, b = rewrite(html), rewrite(html, url="chapters/b.html")
    assert a.xpath("//@id") == ["chapters-a--the-visit", "chapters-a--fnref:1", "chapters-a--notes", "chapters-a--fn:1"]
    assert set(a.xpath("//@id")).isdisjoint(b.xpath("//@id"))
    assert a.xpath("//a[@class='footnote-ref']/@href") == ["#chapters-a--fn:1"]
    # No permalink signs, no "back to the text" arrows, no rule: a "Notes" heading instead.
    assert not a.xpath("//a[@class='headerlink' or @class='footnote-backref'] | //hr")
    assert a.xpath("//div[@class='footnote']/h2/text()") == ["Notes"]


def test_external_links_show_their_address_once():
    root = rewrite('<p><a href="https://example.org/a">a report</a> and '
                   '<a href="https://example.org/b">https://example.org/b</a></p>')
    assert root.text_content() == "a report <https://example.org/a> and https://example.org/b"


def test_images_and_scripts():
    root = rewrite('<figure><img src="../assets/figures/x.svg" alt="x"></figure><script>alert(1)</script>')
    assert root.xpath("//img/@src") == ["assets/figures/x.svg"] and not root.xpath("//script")


def test_heading_replaces_the_h1_text():
    root = rewrite('<h1 id="study-edition">Long title<a class="headerlink" href="#x">¶</a></h1>', heading="About this book")
    assert root.xpath("//h1/text()") == ["About this book"]


def test_an_index_page_followed_by_entries_is_marked_so_its_letters_are_not_bookmarked():
    order = print_order([PrintPage("glossary/index.html", "Glossary", '<a href="a.html">A</a>')],
                        [PrintPage("glossary/a.html", "A", "<h1>A</h1>")], [])
    doc = lxml.html.document_fromstring(assemble(
        order, title="T", subtitle="S", author="A", description="D", language="en", version="1",
        date_text="d", date_iso="d", notice="", css=""))
    assert doc.xpath("//article/@class") == ["print-part print-part--index", "print-entry"]


def test_assemble_makes_a_cover_contents_and_one_article_per_page():
    order = print_order([PrintPage("index.html", "Home", "<h1>Home</h1>"),
                         PrintPage("chapters/a.html", "Alpha", '<h1 id="a">Alpha</h1>')], [], [])
    html = assemble(order, title="T", subtitle="S", author="A", description="D", language="en",
                    version="1.0", date_text="29 November 2026", date_iso="2026-11-29", notice="N", css="p{}")
    doc = lxml.html.document_fromstring(html)
    assert doc.get("lang") == "en" and doc.findtext(".//title") == "T: S"
    assert doc.xpath("//meta[@name='author']/@content") == ["A"]
    cover = doc.xpath("//section[@class='print-cover']")[0].text_content()
    assert "Edition 1.0" in cover and "In-Kon Yeo" in cover
    assert doc.xpath("//nav[@class='print-toc']//a/@href") == ["#home", "#chapters-a"]
    assert doc.xpath("//article/@id") == ["home", "chapters-a"]
    assert doc.xpath("//article[@id='chapters-a']/@data-running") == ["Chapter 1. Alpha"]
