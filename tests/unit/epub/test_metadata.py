"""studybook.epub.metadata: the package document."""
import datetime as dt

import lxml.etree

from studybook.epub.metadata import Item, Metadata, identifier, package_document

META = Metadata(book="book", title="T", subtitle="S", authors=[("In-Kon Yeo", "the analysis")], language="en",
                version="1.0", date=dt.date(2026, 11, 29), built=dt.date(2026, 12, 7), description="D",
                rights="CC BY 4.0")
OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}


def test_the_identifier_is_stable_per_edition():
    assert identifier("book", "1.0") == identifier("book", "1.0") != identifier("book", "1.1")
    assert identifier("book", "1.0").startswith("urn:uuid:")


def test_package_document():
    items = [Item("nav.xhtml", "nav", True), Item("text/a.xhtml", "", True), Item("images/cover.svg", "cover-image")]
    root = lxml.etree.fromstring(package_document(META, items).encode())
    props = {}
    for m in root.iterfind(".//opf:meta[@property]", OPF):
        props.setdefault(m.get("property"), []).append(m.text)
    assert props["dcterms:modified"] == ["2026-12-07T00:00:00Z"]     # the build date, not the clock
    assert props["schema:bookEdition"] == ["1.0"]
    assert props["schema:accessModeSufficient"] == ["textual"] and props["schema:accessibilityHazard"] == ["none"]
    assert {"structuralNavigation", "tableOfContents", "alternativeText"} <= set(props["schema:accessibilityFeature"])
    assert props["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert props["schema:accessibilitySummary"] and props["a11y:certifiedBy"]
    assert root.find(".//dc:date", OPF).text == "2026-11-29"
    assert root.find(".//dc:creator", OPF).text == "In-Kon Yeo"
    manifest = {i.get("href"): (i.get("media-type"), i.get("properties")) for i in root.iterfind(".//opf:item", OPF)}
    assert manifest == {"nav.xhtml": ("application/xhtml+xml", "nav"), "text/a.xhtml": ("application/xhtml+xml", None),
                        "images/cover.svg": ("image/svg+xml", "cover-image")}
    spine = [r.get("idref") for r in root.iterfind(".//opf:itemref", OPF)]
    assert spine == [items[0].id, items[1].id]       # the cover image is not in the spine
