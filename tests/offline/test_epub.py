"""The EPUB readers download (dist/<book>-<edition>.epub), as ``make offline`` makes it.

- epubcheck (the pinned jar): no message at all, not even a warning;
- the package: every internal link, image and note resolves, nothing loads
  from outside, no scripts and no fonts; every heading and paragraph id of
  the anchor manifest is an id of its page's document (classroom links);
  the reading order, the contents and the landmarks; the metadata;
- reproducible: a second offline build of the same commit gives the same bytes;
- under its 5 MB budget;
- every XHTML document passes axe-core's WCAG 2.2 AA rules in Chromium, at a
  phone's width, and looks like a book (screenshots in the test's tmp folder).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import zipfile
from pathlib import Path

import lxml.etree
import pytest

from studybook.edition import EPOCH_ENV, VERSION_ENV
from studybook.epub.check import epubcheck, package_problems
from studybook.epub.plugin import EPUB_FILE
from studybook.offline.package import EPUB_LIMIT, build_offline_site
from studybook.offline.printview import page_anchor

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
NS = {"x": "http://www.w3.org/1999/xhtml", "opf": "http://www.idpf.org/2007/opf",
      "dc": "http://purl.org/dc/elements/1.1/"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
ONLINE_ONLY = {"teaching/assignments.md", "teaching/check-links.md"}   # mkdocs.yml, studybook-epub: online_only
# A reading system lays a reflowable document out at the width of its screen
# (EPUB 3.3 tells it to ignore viewport meta elements, so the book has none);
# a phone browser needs the meta element to do the same.
AS_A_READING_SYSTEM = """() => { const m = document.createElementNS('http://www.w3.org/1999/xhtml', 'meta');
  m.setAttribute('name', 'viewport'); m.setAttribute('content', 'width=device-width, initial-scale=1');
  document.head.appendChild(m); }"""


@pytest.fixture(scope="session")
def entries(downloads) -> dict[str, bytes]:
    with zipfile.ZipFile(downloads.epub) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@pytest.fixture(scope="session")
def unpacked(downloads, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("epub")
    with zipfile.ZipFile(downloads.epub) as zf:
        zf.extractall(target)
    return target


def opf(entries):
    return lxml.etree.fromstring(entries["EPUB/package.opf"])


def test_epubcheck_finds_nothing(downloads):
    messages = epubcheck(downloads.epub)
    assert messages == [], "\n".join(f"{m['severity']} {m['id']}: {m['message']} {m['where']}" for m in messages)


def test_it_stays_under_its_budget(downloads):
    assert downloads.epub.stat().st_size < EPUB_LIMIT == 5_000_000


def test_every_link_and_note_resolves_and_nothing_comes_from_outside(entries):
    assert package_problems(entries) == []
    for name, data in entries.items():
        text = data.decode("utf-8", errors="replace")
        assert "<script" not in text and "@font-face" not in text, name
    assert not [n for n in entries if n.endswith((".woff", ".woff2", ".ttf", ".otf", ".js"))]


def test_every_note_is_an_epub_footnote_referenced_from_its_page(entries):
    notes = refs = 0
    for name, data in entries.items():
        if not name.startswith("EPUB/text/"):
            continue
        root = lxml.etree.fromstring(data)
        footnotes = root.xpath("//x:aside", namespaces=NS)
        assert all(a.get(EPUB_TYPE) == "footnote" and a.get("role") == "doc-footnote" for a in footnotes), name
        noterefs = [a for a in root.iter(f"{{{NS['x']}}}a") if a.get(EPUB_TYPE) == "noteref"]
        # numbered per page, as online: the n-th note starts with "n."
        for n, aside in enumerate(footnotes, 1):
            assert aside.xpath("string(.//x:a[@role='doc-backlink'])", namespaces=NS) == f"{n}.", name
        notes, refs = notes + len(footnotes), refs + len(noterefs)
    assert notes > 300 and refs >= notes


def test_every_heading_and_paragraph_id_survives(entries, offline_copy):
    manifest = json.loads((offline_copy / "anchors.json").read_text(encoding="utf-8"))
    checked = 0
    for page in manifest["pages"]:
        if page["src"] in ONLINE_ONLY:
            continue
        name = f"EPUB/text/{page_anchor(page['src'].removesuffix('.md') + '.html')}.xhtml"
        ids = set(lxml.etree.fromstring(entries[name]).xpath("//@id"))
        missing = [a["id"] for a in page["anchors"] if a["id"] not in ids]
        assert not missing, f"{name} lost {missing}"
        checked += len(page["anchors"])
    assert checked > 500


def test_reading_order_contents_and_landmarks(entries):
    root = opf(entries)
    hrefs = {i.get("id"): i.get("href") for i in root.iterfind(".//opf:item", NS)}
    spine = [hrefs[r.get("idref")] for r in root.iterfind(".//opf:itemref", NS)]
    assert spine[:5] == ["cover.xhtml", "title.xhtml", "nav.xhtml", "text/home.xhtml", "text/chapters.xhtml"]
    assert spine[-1] == "text/bibliography.xhtml"
    chapters = [s for s in spine if s.startswith("text/chapters-")]
    assert len(chapters) == 10
    glossary = spine.index("text/glossary.xhtml")
    assert spine[glossary + 1].startswith("text/glossary-") and "text/timeline.xhtml" in spine
    assert "text/teaching.xhtml" in spine
    nav = lxml.etree.fromstring(entries["EPUB/nav.xhtml"])
    toc = nav.xpath("//x:nav[@epub:type='toc']", namespaces={**NS, "epub": "http://www.idpf.org/2007/ops"})[0]
    top = toc.xpath("./x:ol/x:li/x:a/text()", namespaces=NS)
    assert top[2].startswith("Chapter 1. ") and any(t.startswith("Chapter 10. ") for t in top)
    sections = toc.xpath("./x:ol/x:li[3]/x:ol/x:li/x:a/@href", namespaces=NS)
    assert sections and all(h.startswith(spine[5] + "#") for h in sections)   # chapter 1's sections
    marks = dict(zip(nav.xpath("//x:nav[@epub:type='landmarks']//x:a/@epub:type",
                               namespaces={**NS, "epub": "http://www.idpf.org/2007/ops"}),
                     nav.xpath("//x:nav[@epub:type='landmarks']//x:a/@href",
                               namespaces={**NS, "epub": "http://www.idpf.org/2007/ops"})))
    assert marks == {"cover": "cover.xhtml", "toc": "nav.xhtml#toc", "bodymatter": spine[5],
                     "glossary": "text/glossary.xhtml", "bibliography": "text/bibliography.xhtml"}


def test_the_assignment_builder_points_online(entries):
    text = entries["EPUB/text/teaching-assignments.xhtml"].decode()
    assert "<form" not in text and "/teaching/assignments/" in text
    assert "runs in a web browser" in text


def test_glossary_terms_link_to_their_entries_and_entries_link_back_to_sections(entries):
    chapter = entries["EPUB/text/chapters-putin-in-seoul.xhtml"].decode()
    assert 'epub:type="glossref" role="doc-glossref"' in chapter
    entry = lxml.etree.fromstring(entries["EPUB/text/glossary-abm-treaty.xhtml"])
    assert entry.xpath("//x:dfn/@*[local-name()='type']", namespaces=NS) == ["glossterm"]
    back = entry.xpath("//x:ul[@class='sb-backlinks']//x:a/@href", namespaces=NS)
    assert back and all(h.startswith("chapters-") and ".xhtml#" in h for h in back)


def test_figures_keep_their_text_alternatives(entries):
    images = [img for name, data in entries.items() if name.startswith("EPUB/text/")
              for img in lxml.etree.fromstring(data).iter(f"{{{NS['x']}}}img")]
    assert len(images) >= 3 and all(len(img.get("alt", "")) > 40 for img in images)


def test_metadata(entries, downloads):
    root = opf(entries)
    props = {}
    for m in root.iterfind(".//opf:meta[@property]", NS):
        props.setdefault(m.get("property"), []).append(m.text)
    edition = downloads.edition
    assert props["dcterms:modified"] == [f"{edition.built.isoformat()}T00:00:00Z"]
    assert props["schema:bookEdition"] == [edition.version]
    assert props["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert [c.text for c in root.iterfind(".//dc:creator", NS)] == ["In-Kon Yeo", "The study-edition team"]
    assert root.find(".//dc:language", NS).text == "en"
    assert root.find(".//dc:title", NS).text == "Putin’s Pragmatic Approach to the Korean Peninsula"
    cover = [i for i in root.iterfind(".//opf:item", NS) if i.get("properties") == "cover-image"]
    assert [i.get("href") for i in cover] == ["images/cover.svg"]


def test_the_same_commit_gives_the_same_bytes(downloads, tmp_path):
    edition = downloads.edition
    environ = dict(os.environ, **{VERSION_ENV: edition.version, EPOCH_ENV: str(int(dt.datetime.combine(
        edition.built, dt.time(), dt.UTC).timestamp()))})
    build_offline_site(tmp_path / "site", environ)
    assert (tmp_path / "site" / EPUB_FILE).read_bytes() == downloads.epub.read_bytes()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_document_passes_axe_at_a_phone_width(browser, unpacked, tmp_path, scheme):
    assert AXE.exists(), "node_modules/axe-core is missing: run `npm ci` (make test does)"
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                  color_scheme=scheme)
    outside = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                  else (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    failures = {}
    documents = sorted((unpacked / "EPUB").rglob("*.xhtml"))
    for doc in documents:
        page.goto(doc.as_uri())
        page.evaluate(AS_A_READING_SYSTEM)
        page.add_script_tag(path=str(AXE))
        # all of WCAG 2.2 AA in the light scheme; in the dark one, the rules about colour
        # (as tests/browser/test_every_page.py: by tag, so axe's experimental rules stay out)
        found = page.evaluate("""([tags, dark]) => {
            const rules = axe.getRules(tags).map(r => r.ruleId).filter(id => /contrast|color|link-in/.test(id));
            const only = dark ? {type: 'rule', values: rules} : {type: 'tag', values: tags};
            return axe.run(document, {runOnly: only})
              .then(r => r.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)); }""",
                              [WCAG_TAGS, scheme == "dark"])
        wide = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")
        if found or wide:
            failures[doc.relative_to(unpacked).as_posix()] = found + (["wider than the screen"] if wide else [])
    for name in ("cover.xhtml", "title.xhtml", "nav.xhtml", "text/chapters-prospects.xhtml"):
        page.goto((unpacked / "EPUB" / name).as_uri())
        page.evaluate(AS_A_READING_SYSTEM)
        page.screenshot(path=str(tmp_path / f"{name.replace('/', '-')}-{scheme}.png"))
    context.close()
    assert len(documents) > 100
    assert failures == {}
    assert outside == []
