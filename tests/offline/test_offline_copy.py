"""A reader unzips the offline copy, double-clicks index.html, and reads with no network at all."""
import os
import re
import zipfile
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from studybook.offline import artifacts
from studybook.offline.package import ZIP_LIMIT

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_zip_is_one_folder_that_opens_at_once_and_is_small(downloads):
    names = zipfile.ZipFile(downloads.zip).namelist()
    folder = artifacts.folder(downloads.edition)
    assert {n.split("/")[0] for n in names} == {folder}, "one top-level folder"
    assert f"{folder}/index.html" in names and f"{folder}/README.txt" in names
    assert f"{folder}/print.html" not in names, "the print view is the PDF's source, not part of the copy"
    assert f"{folder}/assets/vendor/iframe-worker/shim.js" in names
    assert downloads.zip.stat().st_size < ZIP_LIMIT


def test_every_page_opens_from_disk_and_every_link_resolves(disk_reader, offline_copy):
    """Crawl the copy from index.html: every linked file exists, every page shows its heading."""
    page = disk_reader.page
    start = (offline_copy / "index.html").as_uri()
    todo, seen, missing = [start], {start}, []
    while todo:
        url = todo.pop()
        page.goto(url, wait_until="domcontentloaded")
        assert page.locator("article h1").count() == 1, url
        for href in page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)"):
            parts = urlsplit(href)
            if parts.scheme != "file":
                continue
            target = parts._replace(fragment="").geturl()
            path = unquote(parts.path)
            if not path.startswith(str(offline_copy)) or not os.path.exists(path):
                missing.append(f"{url} -> {href}")
            elif target.endswith(".html") and target not in seen:
                seen.add(target)
                todo.append(target)
    assert missing == []
    pages = {p.as_uri() for p in offline_copy.rglob("*.html")}
    assert pages - seen <= {(offline_copy / "404.html").as_uri()}, "pages no link leads to"
    assert disk_reader.network == []
    assert disk_reader.errors == []


def test_links_are_followed_by_clicking(disk_reader, offline_copy):
    page = disk_reader.page
    page.goto((offline_copy / "index.html").as_uri())
    page.get_by_role("link", name="Ten chapters").click()
    expect(page.locator("h1")).to_have_text(re.compile(r"^Chapters"))
    assert page.url.endswith("/chapters/index.html")
    page.locator("article a[href$='introduction.html']").first.click()
    expect(page.locator("h1")).to_have_text(re.compile(r"^Russia after 1991"))
    page.locator("a.md-footer__link--next").click()  # the "next chapter" link in the footer
    expect(page.locator("h1")).to_have_text(re.compile(r"^Yeltsin"))
    assert disk_reader.network == []


def test_search_finds_khasan(disk_reader, offline_copy):
    page = disk_reader.page
    page.goto((offline_copy / "chapters" / "introduction.html").as_uri())
    # Material's search worker runs in the vendored iframe-worker shim and loads search/search_index.js.
    search = page.locator("input.md-search__input")
    search.click()
    result = page.locator(".md-search-result__item")
    # Type until the index has loaded (it answers "Type to start searching" until then).
    for _ in range(20):
        search.fill("")
        search.press_sequentially("Khasan", delay=20)
        if result.count():
            break
        page.wait_for_timeout(250)
    expect(result.first).to_be_visible()
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching")
    result.first.locator("a").first.click()
    expect(page.locator("article")).to_contain_text("Khasan")
    assert page.url.startswith("file://")
    assert any(r.endswith("/search/search_index.js") for r in disk_reader.requests)
    assert disk_reader.network == []


def test_footnote_preview_works_from_disk(disk_reader, offline_copy):
    """From file://, without instant navigation, the note tooltips (assets/js/tooltips.js) work."""
    page = disk_reader.page
    page.goto((offline_copy / "chapters" / "putin-in-seoul.html").as_uri())
    features = page.evaluate("() => JSON.parse(document.getElementById('__config').textContent).features")
    assert not [f for f in features if f.startswith("navigation.instant")]
    marker = page.locator("a.footnote-ref").first
    note_id = marker.get_attribute("href").lstrip("#")
    note_text = page.locator(f"li[id='{note_id}'] p").first.inner_text()[:40]
    marker.hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(note_text.strip()[:30])
    assert disk_reader.network == []


def test_glossary_preview_works_from_disk(disk_reader, offline_copy):
    page = disk_reader.page
    page.goto((offline_copy / "chapters" / "putin-in-seoul.html").as_uri())
    term = page.locator("article a.sb-term[aria-describedby]").first
    preview = page.locator("#" + term.get_attribute("aria-describedby"))
    expect(preview).to_be_hidden()
    term.scroll_into_view_if_needed()
    term.hover()
    expect(preview).to_be_visible()
    assert preview.inner_text().strip()
    page.keyboard.press("Escape")
    expect(preview).to_be_hidden()
    assert disk_reader.network == []


def test_abbreviation_preview_works_from_disk(disk_reader, offline_copy):
    page = disk_reader.page
    page.goto((offline_copy / "chapters" / "putin-in-seoul.html").as_uri())
    abbr = page.locator("article abbr[title]").first
    abbr.scroll_into_view_if_needed()
    expect(abbr).to_be_visible()
    abbr.hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    # assets/js/tooltips.js moves the title into the tooltip.
    assert tooltip.inner_text().strip()
    assert disk_reader.network == []


def test_every_page_names_its_edition_and_build_date(disk_reader, offline_copy, downloads):

    page = disk_reader.page
    for rel in ["index.html", "chapters/prospects.html", "glossary/abm-treaty.html"]:
        page.goto((offline_copy / rel).as_uri())
        expect(page.locator("[data-sb-edition]")).to_contain_text(f"Edition {downloads.edition.version}")
        built = page.locator("[data-sb-downloads]")
        expect(built).to_contain_text(f"Offline copy, built on {downloads.edition.built_text}")
        assert built.locator("a").count() == 0, "the offline copy offers no downloads of itself"
    page.locator("[data-sb-edition] a", has_text="What changed").click()
    assert page.url.split("#")[0].endswith("/changelog.html")
    assert disk_reader.network == []


def test_the_guard_catches_a_network_request(browser, disk_reader, offline_copy):
    """The reader's guard itself works: a request off the disk is aborted and counted.

    The copy's Content-Security-Policy blocks such a request before it is made, so this
    reader's context bypasses the policy to reach the guard behind it.
    """
    context = browser.new_context(service_workers="block", bypass_csp=True)
    reader = type(disk_reader)(context)
    try:
        page = reader.page
        page.goto((offline_copy / "index.html").as_uri())
        page.evaluate("() => { const i = new Image(); i.src = 'https://example.org/pixel.png'; }")
        for _ in range(50):
            if reader.network:
                break
            page.wait_for_timeout(100)
        assert reader.network == ["https://example.org/pixel.png"]
    finally:
        context.close()


def test_the_copy_has_its_own_policy_and_violates_it_nowhere(disk_reader, offline_copy):
    """Every page of the copy carries the offline policy (src/studybook/quality/csp.py): 'self' only,
    inline scripts allowed for the search shim. Pages, search and the builder raise no violation."""
    policies = set()
    for page_file in offline_copy.rglob("*.html"):
        found = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">',
                            page_file.read_text(encoding="utf-8"))
        assert len(found) == 1, page_file
        policies.add(found[0])
    assert len(policies) == 1
    (policy,) = policies
    assert "script-src 'self' 'unsafe-inline';" in policy and "http" not in policy
    page = disk_reader.page
    page.add_init_script("""window.__csp = []; document.addEventListener('securitypolicyviolation',
      e => window.__csp.push(e.effectiveDirective + ' ' + (e.blockedURI || 'inline')))""")
    for rel in ["index.html", "chapters/putin-in-seoul.html", "glossary/abm-treaty.html",
                "teaching/assignments.html", "bibliography.html"]:
        page.goto((offline_copy / rel).as_uri())
        assert page.evaluate("window.__csp") == [], rel
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Kovykta", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    assert page.evaluate("window.__csp") == []
