"""The EPUB container: a zip that is the same bytes for the same commit.

OCF rules (EPUB 3.3, section 4): ``mimetype`` is the first entry, stored
uncompressed, without extra fields; then ``META-INF/container.xml`` and the
rest. Every entry gets the build date as its time stamp and fixed
permissions, and the entries after ``mimetype`` are sorted.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

MIMETYPE = b"application/epub+zip"
CONTAINER = "META-INF/container.xml"


def container_xml(opf_path: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
        f'  <rootfiles><rootfile full-path="{opf_path}" media-type="application/oebps-package+xml"/></rootfiles>\n'
        "</container>\n"
    ).encode()


def write_epub(path: Path, entries: dict[str, bytes], built: dt.date) -> Path:
    """Write ``entries`` (name -> bytes, the container among them; ``mimetype`` is added here) to ``path``."""
    stamp = (max(built.year, 1980), built.month, built.day, 0, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".epub.part")
    with zipfile.ZipFile(tmp, "w") as zf:
        def add(name: str, data: bytes, method: int):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine builds it
            zf.writestr(info, data, compress_type=method, compresslevel=9 if method else None)
        add("mimetype", MIMETYPE, zipfile.ZIP_STORED)
        for name in sorted(entries):
            add(name, entries[name], zipfile.ZIP_DEFLATED)
    tmp.replace(path)
    return path
