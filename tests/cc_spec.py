"""What IMS Common Cartridge 1.1 asks of a cartridge of web links, checked without the IMS XSDs.

No package registry we can reach ships the IMS schema files, so the tests
check the structure the CC 1.1 profile of IMS Content Packaging gives, in
code: the zip holds imsmanifest.xml at its root; the manifest uses the CC 1.1
namespaces and names their schemas in xsi:schemaLocation; its metadata says
"IMS Common Cartridge" 1.1.0 with a LOM title; there is one organization, a
rooted hierarchy whose single root item holds the other items; every item
that points at a resource points at one that exists, and every resource is
used; identifiers are unique NCNames; every Web Link resource
(imswl_xmlv1p1) has exactly one file, which is in the zip and is a webLink
in the CC 1.1 Web Link namespace with a title and an absolute http(s) URL.
"""
from __future__ import annotations

import re
import zipfile
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOMIMSCC = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
WL = "http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMAS = {
    CP: "http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd",
    LOMIMSCC: "http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd",
}
WL_SCHEMA = "http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imswl_v1p1.xsd"
NCNAME = re.compile(r"^[A-Za-z_][\w.-]*$")


def q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def schema_pairs(el: ET.Element) -> dict[str, str]:
    parts = (el.get(q(XSI, "schemaLocation")) or "").split()
    assert len(parts) % 2 == 0, "xsi:schemaLocation must list namespace/location pairs"
    return dict(zip(parts[::2], parts[1::2]))


def check_cartridge(path) -> list[tuple[str, str]]:
    """Check the cartridge at ``path``; return its (item title, URL) pairs in order."""
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        assert "imsmanifest.xml" in names, "imsmanifest.xml must be at the root of the zip"
        root = ET.fromstring(zf.read("imsmanifest.xml"))

        assert root.tag == q(CP, "manifest")
        assert NCNAME.match(root.get("identifier") or ""), "the manifest needs an identifier"
        pairs = schema_pairs(root)
        for ns, location in SCHEMAS.items():
            assert pairs.get(ns) == location, f"schemaLocation must map {ns} to {location}"

        metadata = root.find(q(CP, "metadata"))
        assert metadata.findtext(q(CP, "schema")) == "IMS Common Cartridge"
        assert metadata.findtext(q(CP, "schemaversion")) == "1.1.0"
        title = metadata.find(f"{q(LOMIMSCC, 'lom')}/{q(LOMIMSCC, 'general')}/{q(LOMIMSCC, 'title')}/"
                              f"{q(LOMIMSCC, 'string')}")
        assert title is not None and title.text.strip(), "the cartridge needs a LOM title"

        children = [c.tag for c in root]
        assert children == [q(CP, "metadata"), q(CP, "organizations"), q(CP, "resources")], children

        organizations = root.findall(f"{q(CP, 'organizations')}/{q(CP, 'organization')}")
        assert len(organizations) == 1, "a cartridge has at most one organization"
        org = organizations[0]
        assert org.get("structure") == "rooted-hierarchy"
        roots = org.findall(q(CP, "item"))
        assert len(roots) == 1 and roots[0].get("identifierref") is None, "one root item, pointing at nothing"

        resources = {r.get("identifier"): r for r in root.iter(q(CP, "resource"))}
        ids = [e.get("identifier") for e in root.iter() if e.get("identifier") is not None]
        assert len(ids) == len(set(ids)), "identifiers must be unique"
        assert all(NCNAME.match(i) for i in ids), ids

        links, used = [], set()
        for item in roots[0].iter(q(CP, "item")):
            ref = item.get("identifierref")
            if item is roots[0]:
                continue
            assert (item.findtext(q(CP, "title")) or "").strip(), "every item needs a title"
            if ref is None:
                assert item.find(q(CP, "item")) is not None, "an item without a resource is a folder"
                continue
            assert ref in resources, f"item {item.get('identifier')} points at a missing resource {ref}"
            used.add(ref)
            resource = resources[ref]
            assert resource.get("type") == "imswl_xmlv1p1"
            files = resource.findall(q(CP, "file"))
            assert len(files) == 1, "a Web Link resource has exactly one file"
            href = files[0].get("href")
            assert href in names, f"{href} is not in the zip"
            link = ET.fromstring(zf.read(href))
            assert link.tag == q(WL, "webLink")
            assert schema_pairs(link).get(WL) == WL_SCHEMA
            url = link.find(q(WL, "url")).get("href")
            parts = urlsplit(url)
            assert parts.scheme in {"http", "https"} and parts.netloc, f"not an absolute URL: {url}"
            assert (link.findtext(q(WL, "title")) or "").strip()
            links.append((item.findtext(q(CP, "title")), url))
        assert used == set(resources), "every resource must be used by an item"
        return links
