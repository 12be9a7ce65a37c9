"""studybook-changes: the changes page in a mini site: summary, comparison, first edition, bad input."""
import json

PAGES = {
    "index.md": "# Home { #home }\n\nWelcome.\n\n<!-- studybook:edition -->\n",
    "changes.md": "# Changes in this edition { #changes }\n\n<!-- studybook:changes -->\n",
    "chapters/a.md": "# Ay { #a }\n\n## S { #s }\n\nThe new words stay here.\n{ #p-aaaa }\n\nFresh.\n{ #p-bbbb }\n",
}


def config(input_path=""):
    return ("plugins:\n  - studybook-edition\n  - studybook-manifest\n"
            f"  - studybook-changes:\n      input: '{input_path}'\n"
            "nav:\n  - index.md\n  - chapters/a.md\n  - changelog.md\n  - changes.md\n")


def old_texts(text="The old words stay here."):
    return {"edition": "2.0", "pages": [
        {"path": "chapters/a/", "src": "chapters/a.md", "title": "Ay", "kind": "chapter", "number": 1,
         "units": [{"kind": "heading", "id": "a", "level": 1, "text": "Ay"},
                   {"kind": "heading", "id": "s", "level": 2, "text": "S"},
                   {"kind": "paragraph", "id": "p-aaaa", "section": "s", "text": text}]}]}


def test_the_page_compares_with_the_previous_edition(mini_site, tmp_path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"edition": "2.1", "previous": "2.0", "texts": old_texts()}))
    result = mini_site(PAGES, config(path))
    assert result.ok, result.output
    page = result.html("changes/index.html")
    assert "editors-summary" in page and "Paragraph changed" in page and "Paragraph added" in page
    assert '<del><span class="sb-visually-hidden">[deleted: </span>old</del>' not in page   # hidden closes
    assert "[deleted: </span>old<span" in page and "[inserted: </span>new<span" in page
    assert 'href="http://127.0.0.1/2.0/chapters/a/#p-aaaa"' in page
    assert 'href="http://127.0.0.1/2.1/chapters/a/#p-aaaa"' in page
    assert 'href="#changes-chapters-a"' in page                  # in the table of contents
    texts = json.loads(result.html("texts.json"))
    assert [u["text"] for u in texts["pages"][1]["units"]][2] == "The new words stay here."
    manifest = json.loads(result.html("anchors.json"))
    changes = next(p for p in manifest["pages"] if p["src"] == "changes.md")
    assert [a["id"] for a in changes["anchors"]] == ["changes", "editors-summary"]   # no per-edition ids


def test_the_first_edition_has_nothing_to_compare(mini_site, tmp_path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"edition": "2.1", "previous": None, "texts": None}))
    result = mini_site(PAGES, config(path))
    assert result.ok, result.output
    assert "This is the first edition: there is no earlier edition to compare it with." in \
        result.html("changes/index.html")


def test_without_publish_the_page_says_so(mini_site):
    result = mini_site(PAGES, config())
    assert result.ok, result.output
    assert "not made by <code>make publish</code>" in result.html("changes/index.html")


# (what the input file holds, words of the error): an input given but unreadable stops the build.
BAD = [
    (None, "the comparison's input cannot be read"),
    ("{not json", "not valid JSON"),
    (json.dumps({"edition": "9.9", "previous": None}), "is not for edition 2.1"),
    (json.dumps({"edition": "2.1", "previous": "2.0", "texts": []}), 'its "texts" is not a texts.json'),
]


def test_bad_input_stops_the_build(mini_site, tmp_path):
    for i, (content, words) in enumerate(BAD):
        path = tmp_path / f"bad{i}.json"
        if content is not None:
            path.write_text(content)
        result = mini_site(PAGES, config(path))
        assert not result.ok and words in result.output and "Fix:" in result.output, result.output


def test_a_changes_page_without_its_marker_stops_the_build(mini_site):
    result = mini_site({**PAGES, "changes.md": "# Changes { #changes }\n"}, config())
    assert not result.ok and "docs/changes.md: the changes page has no place for the changes" in result.output
