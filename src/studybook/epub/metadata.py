"""The package document (package.opf): what the book is, what it holds, in what order.

- Dublin Core: title and subtitle, the two authors (In-Kon Yeo's analysis,
  the team's study text), language, the edition's date, the rights line, and
  an identifier that is stable per edition (a UUID made from the book's name
  and the edition number, so 1.0 keeps its identifier and 1.1 gets its own);
- the edition number (``schema:bookEdition``) and ``dcterms:modified`` from
  the build date (``studybook.edition``'s ``built``), so the same commit
  gives the same bytes;
- EPUB Accessibility 1.1: access modes, features, hazards, a summary and the
  WCAG 2.2 AA conformance claim that epubcheck and axe-core check in ``make test``.

Pure: ``identifier`` and ``package_document`` return text.
"""
from __future__ import annotations

import datetime as dt
import posixpath
import uuid
from dataclasses import dataclass, field

from studybook.templating import environment

TEMPLATES = environment(__file__)
MEDIA_TYPES = {".xhtml": "application/xhtml+xml", ".svg": "image/svg+xml", ".css": "text/css",
               ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}
ACCESSIBILITY_FEATURES = ("structuralNavigation", "tableOfContents", "readingOrder", "alternativeText",
                          "displayTransformability")
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
SUMMARY = ("Every chapter, entry and note is text with headings for navigation; the contents list every "
           "chapter and its sections; every figure has a text alternative; notes are linked both ways; "
           "no scripts, no sounds, no flashing. Checked with epubcheck and axe-core (WCAG 2.2 AA).")


def identifier(book: str, version: str) -> str:
    """``urn:uuid:...``: the same for every build of one edition, different for the next."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'urn:studybook:{book}:{version}')}"


def media_type(name: str) -> str:
    return MEDIA_TYPES[posixpath.splitext(name)[1].lower()]


@dataclass
class Item:
    href: str                          # relative to package.opf
    properties: str = ""               # "nav", "cover-image", "svg"
    linear: bool | None = None         # in the spine (True/False), or not (None)

    @property
    def id(self) -> str:
        return "i-" + "".join(c if c.isalnum() else "-" for c in self.href)

    @property
    def media_type(self) -> str:
        return media_type(self.href)


@dataclass
class Metadata:
    book: str                          # the file base name: putin-korea-study-edition
    title: str
    subtitle: str
    authors: list[tuple[str, str]]     # (name, what they wrote)
    language: str
    version: str
    date: dt.date                      # the edition's date
    built: dt.date                     # the build date: dcterms:modified
    description: str
    rights: str
    source: str = ""                   # the online edition's address
    features: tuple[str, ...] = field(default=ACCESSIBILITY_FEATURES)


def package_document(meta: Metadata, items: list[Item]) -> str:
    spine = [i for i in items if i.linear is not None]
    return TEMPLATES.get_template("package.opf").render(
        meta=meta, identifier=identifier(meta.book, meta.version), items=items, spine=spine,
        modified=f"{meta.built.isoformat()}T00:00:00Z", conforms_to=CONFORMS_TO, summary=SUMMARY)
