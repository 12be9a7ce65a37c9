"""Notes made in edition 1.0 opened in edition 2.0, both published with `make publish` (mike).

Edition 2.0 rewords one paragraph (its id unchanged) and gives another a new
id, declared in redirects.yml as an anchor move. A note on an untouched
paragraph re-anchors; the one on the reworded paragraph is "text changed since
edition 1.0" with its old quote; the one on the moved paragraph is "no longer
in this edition" with a link to where it went. None is dropped.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from test_study_notes import SELECT, STORED

from conftest import (
    EDITED_CHAPTER,
    EDITED_ID,
    EDITED_NEW,
    EDITED_OLD,
    add_changelog_entry,
    commit_all,
    copy_repo,
    export_pages,
    free_port,
    publish,
    serve,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KEPT, MOVED, NEW_ID = "p-vv7j", "p-8a6s", "p-zz8a"
CHAPTER = EDITED_CHAPTER + "/"


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    port = free_port()
    site_url = f"http://127.0.0.1:{port}/"
    repo = copy_repo(tmp_path_factory.mktemp("notes-repo"))
    publish(repo, "1.0", site_url=site_url)
    chapter = repo / "docs" / f"{EDITED_CHAPTER}.md"
    text = chapter.read_text(encoding="utf-8")
    assert EDITED_OLD in text and f"{{ #{MOVED} }}" in text, "the fixture paragraphs changed: update this test"
    chapter.write_text(text.replace(EDITED_OLD, EDITED_NEW).replace(f"{{ #{MOVED} }}", f"{{ #{NEW_ID} }}"),
                       encoding="utf-8")
    (repo / "redirects.yml").write_text(
        f"pages: {{}}\nanchors:\n  {EDITED_CHAPTER}.md#{MOVED}: {EDITED_CHAPTER}.md#{NEW_ID}\n", encoding="utf-8")
    add_changelog_entry(repo, "2.0", "2026-12-01", "One paragraph of chapter 5 reworded, another given a new id.")
    commit_all(repo, "Edition 2.0")
    publish(repo, "2.0", site_url=site_url)
    server = serve(export_pages(repo, tmp_path_factory.mktemp("notes-pages")), port)
    yield server
    server.stop()


def test_notes_follow_the_student_to_the_next_edition(reader, two_editions):
    page, base = reader.page, two_editions.url
    page.goto(f"{base}1.0/{CHAPTER}")
    expect(page.locator("article[data-sb-notes='ready']")).to_have_count(1)
    for block, end, colour in ((KEPT, 21, "yellow"), (EDITED_ID, 27, "green"), (MOVED, 20, "blue")):
        page.evaluate(SELECT, [f"#{block}", 0, end])
        page.locator(f".sb-nb button[data-colour='{colour}']").click()
        expect(page.locator(f"#{block} mark.sb-hl--{colour}")).to_have_count(1)
    quotes = {a["block"]: a["exact"] for a in page.evaluate(STORED)}
    assert quotes[EDITED_ID] == "The delegation did not meet"

    page.goto(f"{base}2.0/{CHAPTER}")
    expect(page.locator("article[data-sb-notes='ready']")).to_have_count(1)
    expect(page.locator(f"#{KEPT} mark.sb-hl--yellow")).to_have_text(quotes[KEPT])
    expect(page.locator(f"#{EDITED_ID} mark")).to_have_count(0)
    page.locator(f"#{EDITED_ID} .sb-nm").click()
    expect(page.locator(".sb-np")).to_contain_text("text changed since edition 1.0")
    expect(page.locator(".sb-np")).to_contain_text(quotes[EDITED_ID])

    page.goto(f"{base}2.0/my-notes/")
    items = page.locator(".sb-mynotes__item")
    expect(items).to_have_count(3)
    expect(items.nth(0)).to_contain_text(quotes[KEPT])
    expect(items.nth(0).locator(".sb-mynotes__flag")).to_have_count(0)
    changed = items.filter(has_text=quotes[EDITED_ID])
    expect(changed).to_contain_text("Text changed since edition 1.0")
    moved = items.filter(has_text=quotes[MOVED])
    expect(moved).to_contain_text("Paragraph no longer in this edition: it moved here.")
    expect(moved.get_by_role("link", name="here")).to_have_attribute("href", f"{base}2.0/{CHAPTER}#{NEW_ID}")
    # Edition 1.0 still shows all three where they were made.
    page.goto(f"{base}1.0/{CHAPTER}")
    expect(page.locator("article mark.sb-hl")).to_have_count(3)
