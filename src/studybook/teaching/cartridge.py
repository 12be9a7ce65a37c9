"""The reading list as an IMS Common Cartridge (.imscc) for Canvas, Moodle or Blackboard.

A teacher imports the file into a course and gets one web link per chapter,
each pinned to this edition (``<site_url><edition>/chapters/<slug>/``), in
one module named after the book and the edition.

The cartridge follows IMS Common Cartridge 1.1: a zip with
``imsmanifest.xml`` at its root (IMS Content Packaging 1.2 with the CC 1.1
profile, LOM metadata) and one Web Link file (``imswl_xmlv1p1``) per chapter.
It is written with the standard library only (zipfile, xml.etree); entries
carry a fixed date, so the same edition always gives the same bytes.

Every build ships it as ``downloads/reading-list.imscc`` in the edition (the
plugin ``studybook-cartridge``, after ``studybook-manifest``), so the
teacher's guide can link to it. By hand (``make cartridge``, run by
``make offline``)::

    python -m studybook.teaching.cartridge site -o dist/reading-list-1.0.imscc

It reads the chapters and the site's public address (``site``) from
``site/anchors.json``, and the book's title from mkdocs.yml (``site_name``);
``--site-url`` and ``--title`` override them, and a manifest without ``site``
falls back to mkdocs.yml's ``site_url`` (``SITE_URL``).
"""
from __future__ import annotations

import argparse
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from mkdocs.plugins import BasePlugin, event_priority

from studybook.errors import BookError
from studybook.order import require
from studybook.teaching import readinglinks

# -- IMS Common Cartridge 1.1: namespaces, schemas and resource types --------
CC_VERSION = "1.1.0"
NS_CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
NS_LOMIMSCC = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
NS_LOM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
NS_WL = "http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
PROFILE = "http://www.imsglobal.org/profile/cc/ccv1p1/"
SCHEMA_LOCATIONS = {
    NS_CP: PROFILE + "ccv1p1_imscp_v1p2_v1p0.xsd",
    NS_LOM: PROFILE + "LOM/ccv1p1_lomresource_v1p0.xsd",
    NS_LOMIMSCC: PROFILE + "LOM/ccv1p1_lommanifest_v1p0.xsd",
}
WL_SCHEMA_LOCATION = PROFILE + "ccv1p1_imswl_v1p1.xsd"
WEBLINK_TYPE = "imswl_xmlv1p1"
MANIFEST_FILE = "imsmanifest.xml"
LANGUAGE = "en"
FIXED_DATE = (1980, 1, 1, 0, 0, 0)   # the earliest date a zip entry can carry

ET.register_namespace("lomimscc", NS_LOMIMSCC)
ET.register_namespace("lom", NS_LOM)
ET.register_namespace("xsi", NS_XSI)


def _el(parent, ns, tag, text=None, **attrs):
    el = ET.SubElement(parent, f"{{{ns}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def _ident(text: str) -> str:
    """An XML identifier (NCName) made from ``text``."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", text)


def _lom_string(parent, tag, text):
    wrapper = _el(parent, NS_LOMIMSCC, tag)
    _el(wrapper, NS_LOMIMSCC, "string", text, language=LANGUAGE)


def reading_list(manifest: dict, site_url: str) -> list[dict]:
    """One entry per chapter: identifier, title, pinned URL and the link file's name."""
    entries = []
    for page in readinglinks.chapters(manifest):
        n = page["number"]
        entries.append({
            "id": f"chapter-{n:02d}",
            "title": f"Chapter {n}. {page['title']}",
            "url": readinglinks.reading_url(site_url, manifest["edition"], page["path"]),
            "file": f"weblinks/chapter-{n:02d}.xml",
        })
    if not entries:
        raise BookError(readinglinks.MANIFEST_NAME, None, "the manifest lists no chapters",
                        "check that the chapter pages are in nav and the anchors plugin marks them as chapters")
    return entries


def weblink_xml(title: str, url: str) -> bytes:
    """A CC 1.1 Web Link resource file."""
    root = ET.Element(f"{{{NS_WL}}}webLink",
                      {f"{{{NS_XSI}}}schemaLocation": f"{NS_WL} {WL_SCHEMA_LOCATION}"})
    _el(root, NS_WL, "title", title)
    _el(root, NS_WL, "url", href=url, target="_blank")
    return _serialize(root, NS_WL)


def manifest_xml(entries: list[dict], *, book_title: str, edition: str, description: str) -> bytes:
    """The cartridge's imsmanifest.xml."""
    root = ET.Element(f"{{{NS_CP}}}manifest", {
        "identifier": _ident(f"M_reading_list_{edition}"),
        f"{{{NS_XSI}}}schemaLocation": " ".join(f"{ns} {loc}" for ns, loc in SCHEMA_LOCATIONS.items()),
    })
    metadata = _el(root, NS_CP, "metadata")
    _el(metadata, NS_CP, "schema", "IMS Common Cartridge")
    _el(metadata, NS_CP, "schemaversion", CC_VERSION)
    general = _el(_el(metadata, NS_LOMIMSCC, "lom"), NS_LOMIMSCC, "general")
    _lom_string(general, "title", f"{book_title} (edition {edition}): reading list")
    _lom_string(general, "description", description)

    organization = _el(_el(root, NS_CP, "organizations"), NS_CP, "organization",
                       identifier="O_1", structure="rooted-hierarchy")
    module = _el(_el(organization, NS_CP, "item", identifier="root"), NS_CP, "item",
                 identifier=_ident(f"I_reading_list_{edition}"))
    _el(module, NS_CP, "title", f"{book_title}, edition {edition}")
    resources = _el(root, NS_CP, "resources")
    for entry in entries:
        item = _el(module, NS_CP, "item", identifier=f"I_{entry['id']}", identifierref=f"R_{entry['id']}")
        _el(item, NS_CP, "title", entry["title"])
        resource = _el(resources, NS_CP, "resource", identifier=f"R_{entry['id']}", type=WEBLINK_TYPE)
        _el(resource, NS_CP, "file", href=entry["file"])
    return _serialize(root, NS_CP)


def _serialize(root: ET.Element, default_ns: str) -> bytes:
    # ElementTree's default_namespace option rejects unprefixed attributes, so
    # give the file's main namespace the empty prefix instead (registering a
    # prefix replaces the namespace it named before).
    ET.indent(root)
    ET.register_namespace("", default_ns)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def write_cartridge(site_dir: str | Path, out: str | Path, *, site_url: str, book_title: str) -> Path:
    """Write the cartridge for the edition built in ``site_dir``; return its path."""
    manifest = readinglinks.load(site_dir)
    edition = manifest["edition"]
    entries = reading_list(manifest, site_url)
    description = (f"One link per chapter of {book_title}, edition {edition}. "
                   f"Each link opens that chapter of this edition, whose text does not change.")
    files = {MANIFEST_FILE: manifest_xml(entries, book_title=book_title, edition=edition,
                                         description=description)}
    for entry in entries:
        files[entry["file"]] = weblink_xml(entry["title"], entry["url"])
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return out


# Where every build puts the cartridge, relative to the edition root.
SHIPPED = "downloads/reading-list.imscc"


class CartridgePlugin(BasePlugin):
    """Ship the reading list with every build, read from this build's anchors.json."""

    def on_config(self, config):
        require(config, "studybook-cartridge", "studybook-manifest", "the reading list is made from anchors.json")
        return config

    @event_priority(-100)   # after studybook-manifest has written anchors.json (priority 50)
    def on_post_build(self, *, config):
        site = Path(config.site_dir)
        manifest = readinglinks.load(site)
        url = readinglinks.site_of(manifest, config.site_url)
        write_cartridge(site, site / SHIPPED, site_url=url, book_title=config.site_name)


def _from_mkdocs(config_file: str) -> tuple[str, str]:
    from mkdocs.config import load_config

    config = load_config(config_file)
    return config.site_name, config.site_url or ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m studybook.teaching.cartridge", description=__doc__.splitlines()[0])
    ap.add_argument("site", help="the built site (it must contain anchors.json)")
    ap.add_argument("-o", "--output", help="the .imscc file (default: dist/reading-list-<edition>.imscc)")
    ap.add_argument("--config", default="mkdocs.yml", help="where site_name and site_url come from")
    ap.add_argument("--site-url", help="the book's public address (default: site_url of --config)")
    ap.add_argument("--title", help="the book's title (default: site_name of --config)")
    args = ap.parse_args(argv)
    try:
        manifest = readinglinks.load(args.site)
        title, url = args.title, args.site_url or readinglinks.site_of(manifest)
        if title is None or not url:
            name, configured = _from_mkdocs(args.config)
            title, url = title or name, url or readinglinks.site_of(manifest, configured)
        edition = manifest["edition"]
        out = args.output or f"dist/reading-list-{edition}.imscc"
        path = write_cartridge(args.site, out, site_url=url, book_title=title)
    except BookError as err:
        print(f"cartridge: {err}", file=sys.stderr)
        return 1
    print(f"cartridge: wrote {path} (edition {edition})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
