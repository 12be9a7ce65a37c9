"""studybook.anchors.scan: headings, body paragraphs and ids of a rendered page."""
from studybook.anchors.scan import anchors, duplicate_ids, excerpt, main_content, parse

PAGE = """<html><head><meta charset="utf-8"><title>T</title></head><body>
<nav><a id="nav-1" href="#">menu</a></nav>
<article class="md-content__inner md-typeset">
<h1 id="title">Title<a class="headerlink" href="#title">&para;</a></h1>
<div class="admonition abstract"><p class="admonition-title">Objectives</p><p>not body</p></div>
<p id="p-aaaa">Before any section.</p>
<h2 id="first">First section<a class="headerlink" href="#first">&para;</a></h2>
<p id="p-bbbb">One<sup id="fnref:x"><a class="footnote-ref" href="#fn:x">1</a></sup> two &amp; three.</p>
<ul><li><p>a list paragraph</p></li></ul>
<figure><img src="a.svg" alt=""><figcaption><p>Figure 1.</p></figcaption></figure>
<blockquote><p>quoted</p></blockquote>
<p>No id here.</p>
<h3 id="sub">Sub</h3>
<p id="p-cccc">Under the sub-section.</p>
<h2 id="second">Second</h2>
<p id="p-dddd">First of the second.</p>
<section class="sb-cite sb-generated"><h2 id="cite-this-page">Cite this page</h2><p>generated</p></section>
<div class="footnote"><ol><li id="fn:x"><p>A note.</p></li></ol></div>
</article></body></html>"""


def test_main_content_is_the_article():
    assert main_content(parse(PAGE)).tag == "article"
    fragment = parse("<p>only</p>")
    assert main_content(fragment) is fragment


def test_headings_and_body_paragraphs_in_reading_order():
    found = [(a.kind, a.id, a.text, a.level, a.section, a.subsection, a.n, a.generated)
             for a in anchors(main_content(parse(PAGE)))]
    assert found == [
        ("heading", "title", "Title", 1, None, None, 0, False),
        ("paragraph", "p-aaaa", "Before any section.", 0, "title", None, 1, False),
        ("heading", "first", "First section", 2, None, None, 0, False),
        # note markers are not words of the paragraph
        ("paragraph", "p-bbbb", "One two & three.", 0, "first", None, 1, False),
        ("paragraph", None, "No id here.", 0, "first", None, 2, False),
        ("heading", "sub", "Sub", 3, None, None, 0, False),
        ("paragraph", "p-cccc", "Under the sub-section.", 0, "first", "sub", 3, False),
        ("heading", "second", "Second", 2, None, None, 0, False),
        ("paragraph", "p-dddd", "First of the second.", 0, "second", None, 1, False),
        ("heading", "cite-this-page", "Cite this page", 2, None, None, 0, True),
    ]


def test_duplicate_ids_cover_the_whole_page():
    assert duplicate_ids(parse(PAGE)) == {}
    doubled = parse(PAGE.replace('<p id="p-dddd">', '<p id="fn:x">'))
    assert [n.tag for n in duplicate_ids(doubled)["fn:x"]] == ["p", "li"]


def test_excerpt_keeps_eight_words():
    assert excerpt("one two three") == "one two three"
    assert excerpt("a b c d e f g h i j") == "a b c d e f g h …"


def test_unclosed_and_stray_tags_do_not_break_the_tree():
    root = parse("<p id='a'>one<br>two</span></p><p id='b'>three")
    assert [(a.id, a.text) for a in anchors(root)] == [("a", "onetwo"), ("b", "three")]
