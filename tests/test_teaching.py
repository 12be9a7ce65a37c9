"""The teacher's guide in the real book: gathered questions, the LMS cartridge, the schedule's links."""
import html as html_lib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from studybook.teaching import cartridge

from cc_spec import check_cartridge
from conftest import chapter_order

pytestmark = pytest.mark.slow


class Questions(HTMLParser):
    """The text of each <li> of the first <ol> after an <h2 id="..."> with the given ids."""

    def __init__(self, heading_ids):
        super().__init__(convert_charrefs=True)
        self.wanted, self.current, self.lists = set(heading_ids), None, {}
        self.in_ol = self.li_depth = 0
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h2":
            self.current = a.get("id") if a.get("id") in self.wanted else None
            self.in_ol = 0
        elif tag == "ol" and self.current and self.current not in self.lists:
            self.in_ol, self.lists[self.current] = 1, []
        elif tag == "li" and self.in_ol:
            self.li_depth += 1
            self.text = []

    def handle_endtag(self, tag):
        if tag == "li" and self.in_ol and self.li_depth:
            self.li_depth -= 1
            self.lists[self.current].append(" ".join("".join(self.text).split()))
        elif tag == "ol" and self.in_ol:
            self.in_ol = 0

    def handle_data(self, data):
        if self.li_depth:
            self.text.append(data)


def questions(html: str, heading_ids) -> dict[str, list[str]]:
    parser = Questions(heading_ids)
    parser.feed(html)
    return parser.lists


def plain(text: str) -> str:
    """Text without typographic quotes and extra spaces (page titles keep straight ones)."""
    for curly, straight in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def slug(src: str) -> str:
    return Path(src).stem


def test_the_gathered_page_has_every_chapters_questions_in_order(book):
    gathered_html = (book / "teaching" / "discussion-questions" / "index.html").read_text(encoding="utf-8")
    slugs = [slug(src) for src in chapter_order()]
    gathered = questions(gathered_html, slugs)
    assert list(gathered) == slugs, "one set per chapter, in nav order"
    for src in chapter_order():
        page = (book / src.replace(".md", "") / "index.html").read_text(encoding="utf-8")
        own = questions(page, ["discussion-questions"])["discussion-questions"]
        assert len(own) >= 3, src
        assert gathered[slug(src)] == own, f"the questions of {src} differ on the gathered page"
    headings = re.findall(r'<h2 id="([^"]+)">Chapter (\d+)\. ', gathered_html)
    assert [(s, int(n)) for s, n in headings] == [(s, i) for i, s in enumerate(slugs, start=1)]


def test_the_cartridge_links_every_chapter_of_this_edition(mike_book, tmp_path):
    out = cartridge.write_cartridge(mike_book.site, tmp_path / "list.imscc",
                                    site_url=mike_book.site_url, book_title=mike_book.site_name)
    links = check_cartridge(out)
    assert len(links) == len(chapter_order())
    chapters = {p["number"]: p for p in mike_book.manifest["pages"] if p["kind"] == "chapter"}
    for number, (title, url) in enumerate(links, start=1):
        assert url.startswith(mike_book.url), f"{url} is not pinned to edition 1.0"
        path = urlsplit(url).path[len(urlsplit(mike_book.url).path):]
        page = mike_book.site / path / "index.html"
        assert page.is_file(), f"{url} does not resolve to a page of the edition"
        html = page.read_text(encoding="utf-8")
        h1 = re.search(r"<h1[^>]*>(.*?)<a", html, re.S).group(1)
        assert title == f"Chapter {number}. {chapters[number]['title']}"
        assert plain(chapters[number]["title"]) == plain(html_lib.unescape(re.sub(r"<[^>]+>", "", h1)))


def test_every_build_ships_the_cartridge_and_the_guide_links_to_it(book):
    shipped = book / cartridge.SHIPPED
    links = check_cartridge(shipped)
    assert len(links) == len(chapter_order())
    guide = (book / "teaching" / "index.html").read_text(encoding="utf-8")
    assert 'href="../downloads/reading-list.imscc"' in guide


def test_the_schedule_links_to_real_chapters_and_ids(mike_book):
    html = (mike_book.site / "teaching" / "schedule" / "index.html").read_text(encoding="utf-8")
    builder_links = re.findall(r'href="(\.\./assignments/\?[^"]+)"', html)
    assert len(builder_links) >= 6, "each session offers a ready assignment"
    pages = {slug(p["src"]): p for p in mike_book.manifest["pages"] if p["kind"] == "chapter"}
    for href in builder_links:
        query = parse_qs(urlsplit(href.replace("&amp;", "&")).query)
        chapter = pages[query["chapter"][0]]
        ids = {a["id"] for a in chapter["anchors"]}
        for key in ("start", "end"):
            for value in query.get(key, []):
                assert value in ids, f"{href}: {value} is not an id of {chapter['src']}"
