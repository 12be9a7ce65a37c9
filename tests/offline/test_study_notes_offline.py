"""Highlights and notes in the offline copy, opened from file://, and an export carried to the online book."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import Reader

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The same selection helper as the online tests (tests/browser/test_study_notes.py).
SELECT = """([sel, from, to]) => {
  const p = document.querySelector(sel), w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let seen = 0, started = false; const r = document.createRange();
  while (w.nextNode()) {
    const n = w.currentNode;
    if (n.parentElement.closest('.sb-nm, .sb-anchor-tools, .footnote-ref')) continue;
    const len = n.nodeValue.length;
    if (!started && from < seen + len) { r.setStart(n, from - seen); started = true; }
    if (started && to <= seen + len) { r.setEnd(n, to - seen); break; }
    seen += len;
  }
  getSelection().removeAllRanges(); getSelection().addRange(r); return r.toString(); }"""
PARA = "p-7ain"


def test_notes_work_from_disk_and_the_export_imports_online(disk_reader, offline_copy, browser, book_server, tmp_path):
    page = disk_reader.page
    page.on("dialog", lambda d: d.accept())
    page.goto((offline_copy / "chapters" / "introduction.html").as_uri())
    expect(page.locator("article[data-sb-notes='ready']")).to_have_count(1)
    page.evaluate(SELECT, [f"#{PARA}", 0, 19])
    page.locator(".sb-nb button[data-colour='green']").click()
    page.locator(f"#{PARA} .sb-nm").click()
    page.locator(".sb-np textarea").fill("Written offline.")
    page.locator(".sb-np__save").click()
    expect(page.locator(f"#{PARA} mark.sb-hl--green")).to_have_text("Yeo gives Yeltsin a")

    page.goto((offline_copy / "my-notes.html").as_uri())
    item = page.locator(".sb-mynotes__item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Written offline.")
    link = item.get_by_role("link")
    expect(link).to_have_attribute("href", (offline_copy / "chapters" / "introduction.html").as_uri() + f"#{PARA}")
    with page.expect_download() as got:
        page.get_by_role("button", name="Export as JSON").click()
    exported = tmp_path / "offline-notes.json"
    exported.write_text(Path(got.value.path()).read_text(encoding="utf-8"), encoding="utf-8")
    assert json.loads(exported.read_text())["total"] == 1
    with page.expect_download() as md:
        page.get_by_role("button", name="Export as Markdown").click()
    assert "Written offline." in Path(md.value.path()).read_text(encoding="utf-8")
    link.click()
    expect(page.locator(f"#{PARA} mark.sb-hl--green")).to_be_visible()

    # The same file, imported into the online book.
    context = browser.new_context(service_workers="block")
    try:
        online = Reader(context).page
        online.goto(book_server.url + "my-notes/")
        online.locator("[data-sb-act='import']").set_input_files(str(exported))
        expect(online.locator(".sb-mynotes__message")).to_have_text("Imported 1 note; 0 already here.")
        expect(online.locator(".sb-mynotes__item")).to_contain_text("Written offline.")
        online.goto(book_server.url + "chapters/introduction/")
        expect(online.locator(f"#{PARA} mark.sb-hl--green")).to_have_text("Yeo gives Yeltsin a")
    finally:
        context.close()
