"""studybook.anchors.manifest: anchors.json lists every page and every anchor of the edition."""
import json

from studybook.anchors.manifest import anchor_entries

HTML = """<article class="md-content__inner md-typeset">
<h1 id="one">One<a class="headerlink" href="#one">&para;</a></h1>
<h2 id="s1">Section one</h2>
<p id="p-aaaa">Alpha beta gamma delta epsilon zeta eta theta iota.</p>
<h3 id="sub">Sub</h3>
<p id="p-bbbb">Second.</p>
</article>"""


def test_chapter_anchors_list_headings_and_paragraphs():
    assert anchor_entries(HTML, "chapter") == [
        {"id": "one", "kind": "heading", "level": 1, "text": "One"},
        {"id": "s1", "kind": "heading", "level": 2, "text": "Section one"},
        {"id": "p-aaaa", "kind": "paragraph", "section": "s1", "n": 1,
         "text": "Alpha beta gamma delta epsilon zeta eta theta …"},
        {"id": "sub", "kind": "heading", "level": 3, "text": "Sub"},
        {"id": "p-bbbb", "kind": "paragraph", "section": "s1", "n": 2, "text": "Second.",
         "subsection": "sub"},
    ]


def test_other_pages_list_headings_only():
    assert [a["id"] for a in anchor_entries(HTML, "glossary")] == ["one", "s1", "sub"]


def test_the_build_writes_anchors_json(mini_site):
    pages = {
        "index.md": "# Home { #home }\n\nWelcome.\n\n<!-- studybook:edition -->\n",
        "chapters/index.md": "# Chapters\n",
        "chapters/b.md": "---\ntitle: Bee\n---\n\n# Bee { #b }\n\nText.\n{ #p-bbbb }\n",
        "chapters/a.md": "# Ay { #a }\n\n## S { #s }\n\nText.\n{ #p-aaaa }\n",
        "glossary/t.md": "# Term\n\n## What it is\n",
    }
    config = ("plugins:\n  - studybook-edition\n  - studybook-manifest\n"
              "nav:\n  - index.md\n  - chapters/index.md\n  - chapters/b.md\n  - chapters/a.md\n"
              "not_in_nav: /glossary/*.md\n")
    result = mini_site(pages, config)
    assert result.ok, result.output
    data = json.loads(result.html("anchors.json"))
    assert data["edition"] == "2.1" and data["site"] == "http://127.0.0.1/"
    summary = [(p["path"], p["src"], p["title"], p["kind"], p.get("number")) for p in data["pages"]]
    assert summary == [
        ("", "index.md", "Home", "page", None),
        ("chapters/", "chapters/index.md", "Chapters", "page", None),
        ("chapters/b/", "chapters/b.md", "Bee", "chapter", 1),     # numbered in nav order
        ("chapters/a/", "chapters/a.md", "Ay", "chapter", 2),
        ("changelog/", "changelog.md", "Changelog", "page", None),  # not in nav: after it, by path
        ("glossary/t/", "glossary/t.md", "Term", "glossary", None),
    ]
    a = data["pages"][3]["anchors"]
    assert a[-1] == {"id": "p-aaaa", "kind": "paragraph", "section": "s", "n": 1, "text": "Text."}
    assert [x["id"] for x in data["pages"][5]["anchors"]] == ["term", "what-it-is"]


def test_mike_sets_the_edition(mini_site, monkeypatch):
    monkeypatch.setenv("MIKE_DOCS_VERSION", "2.1")
    result = mini_site({"index.md": "# Home { #home }\n\n<!-- studybook:edition -->\n"},
                       "plugins:\n  - studybook-edition\n  - studybook-manifest\n")
    assert result.ok, result.output
    assert json.loads(result.html("anchors.json"))["edition"] == "2.1"
