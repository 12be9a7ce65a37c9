"""studybook.anchors.texts: the whole words of every heading, paragraph and table row (texts.json)."""
from studybook.anchors.texts import has_text, page_units

HTML = """<article class="md-content__inner md-typeset">
<h1 id="t">Term<a class="headerlink" href="#t">&para;</a></h1>
<p>One sentence, and <a href="#x">a link</a>.</p>
<h2 id="s">Section</h2>
<table><thead><tr><th>Date</th><th>Event</th></tr></thead>
<tbody><tr><td>1961</td><td>A treaty.</td></tr></tbody></table>
<div class="sb-generated"><h2 id="cite">Cite</h2><p>Not counted.</p></div>
</article>"""


def test_units_keep_whole_words_in_reading_order():
    assert page_units(HTML, "glossary") == [
        {"kind": "heading", "id": "t", "level": 1, "text": "Term"},
        {"kind": "paragraph", "id": None, "section": "t", "text": "One sentence, and a link."},
        {"kind": "heading", "id": "s", "level": 2, "text": "Section"},
        {"kind": "row", "id": None, "section": "s", "text": "1961 | A treaty."},
    ]


# (src, kind, kept?): chapters, glossary, people and the timeline keep their words.
KEPT = [("chapters/a.md", "chapter", True), ("glossary/t.md", "glossary", True),
        ("people/p.md", "person", True), ("timeline.md", "page", True), ("bibliography.md", "page", False)]


def test_which_pages_keep_their_words():
    for src, kind, kept in KEPT:
        assert has_text(src, kind) is kept, src


def test_the_published_file_keeps_only_what_a_link_can_name():
    from studybook.anchors.texts import linkable

    record = {"path": "glossary/t/", "src": "glossary/t.md", "title": "Term", "kind": "glossary",
              "units": page_units(HTML, "glossary")}
    assert [u["id"] for u in linkable(record)["units"]] == ["t", "s"]
    assert linkable({"path": "bibliography/", "kind": "page"}) == {"path": "bibliography/", "kind": "page"}
