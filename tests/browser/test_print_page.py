"""Printing one page from the browser gives the text only: no chrome, notes legible, link addresses shown."""
import pytest

pytestmark = pytest.mark.browser

HIDDEN_IN_PRINT = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                   ".md-search", "[data-sb-edition]", "[data-sb-downloads]"]


def computed(page, selector, prop):
    return page.eval_on_selector(selector, f"(e) => getComputedStyle(e).{prop}")


@pytest.mark.parametrize("path", ["chapters/putin-in-seoul/", "glossary/abm-treaty/"])
def test_print_shows_the_text_only(reader, book_server, path):
    page = reader.page
    page.goto(book_server.url + path)
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        for el in page.locator(selector).all():
            assert not el.is_visible(), f"{selector} is printed"
    assert page.locator("article h1").is_visible()
    size = float(computed(page, ".md-typeset .footnote", "fontSize").removesuffix("px"))
    assert size >= 12, f"notes print at {size}px (9pt is 12px)"
    assert page.locator(".md-typeset .footnote-backref").first.is_hidden()
    assert page.pdf(format="A4")[:5] == b"%PDF-"
    assert reader.outside == []


def test_print_shows_each_external_address_once(reader, book_server):
    page = reader.page
    page.goto(book_server.url + "chapters/putin-in-seoul/")
    page.emulate_media(media="print")
    shown = page.evaluate("""() => [...document.querySelectorAll('.md-typeset a[href^="http"]')].map(a => [
        a.textContent.trim(), a.getAttribute('href'), getComputedStyle(a, '::after').content])""")
    assert shown, "the chapter has external links"
    for text, href, after in shown:
        if text.removeprefix("https://").removeprefix("http://").rstrip("/") == \
                href.removeprefix("https://").removeprefix("http://").rstrip("/"):
            assert after == "none", f"{href} would print twice"
        else:
            assert href in after, f"{text!r} prints without its address {href}"
