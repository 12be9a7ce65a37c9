"""``make offline``: the offline zip, the PDF and the EPUB of one edition, in dist/.

    python -m studybook.offline.package [--dist dist] [--site-dir site-offline]

1. Builds the book with ``STUDYBOOK_OFFLINE=true`` (studybook.offline.plugin,
   studybook.print, Material's offline plugin) into ``--site-dir``.
2. Zips it, without the print view, under one top-level folder with a
   README.txt: ``putin-korea-study-edition-<version>-offline.zip``.
   The zip is reproducible (sorted entries, the build date as every time stamp)
   and must stay under ``ZIP_LIMIT``.
3. Prints the print view (print.html) with WeasyPrint:
   ``putin-korea-study-edition-<version>.pdf``.
4. Moves the EPUB that studybook-epub wrote into the build (book.epub) to
   ``putin-korea-study-edition-<version>.epub``; it must stay under ``EPUB_LIMIT``.

``build_downloads`` is the one call ``make publish`` needs: studybook.editions.publish
runs it for the edition before building the book, so that every page links to
the files, with their sizes, and the build copies them into the edition
(studybook.offline.downloads).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from studybook.edition import EPOCH_ENV, VERSION_ENV, Edition, resolve
from studybook.epub.plugin import EPUB_FILE
from studybook.errors import BookError
from studybook.offline.artifacts import epub_name, folder, human_size, pdf_name, requested_version, zip_name
from studybook.offline.printview import PRINT_PAGE

REPO = Path(__file__).resolve().parents[3]
ZIP_LIMIT = 10_000_000  # bytes: the offline copy must stay small enough for a slow connection
EPUB_LIMIT = 5_000_000  # bytes: the EPUB's budget (issue 16)
LEFT_OUT = {PRINT_PAGE, EPUB_FILE}  # the PDF's source and the EPUB are not part of the offline copy


def readme_text(edition: Edition) -> str:
    return (
        "Putin's Pragmatic Approach to the Korean Peninsula: A Study Edition\n"
        f"Offline copy of edition {edition.version}, built on {edition.built_text}.\n\n"
        "To read it, open index.html in this folder (double-click it).\n"
        "Everything works without a connection: the chapters, search, notes and glossary.\n"
        "Keep the folder together: the pages link to each other and to the assets folder.\n"
    )


def zip_site(site_dir: Path, zip_path: Path, edition: Edition) -> Path:
    """Zip ``site_dir`` under one top-level folder, reproducibly; return ``zip_path``."""
    stamp = (max(edition.built.year, 1980), edition.built.month, edition.built.day, 0, 0, 0)
    files = sorted(p for p in site_dir.rglob("*") if p.is_file() and p.relative_to(site_dir).as_posix() not in LEFT_OUT)
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        def add(name: str, data: bytes):
            info = zipfile.ZipInfo(f"{folder(edition)}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
        add("README.txt", readme_text(edition).encode("utf-8"))
        for path in files:
            add(path.relative_to(site_dir).as_posix(), path.read_bytes())
    tmp.replace(zip_path)
    return zip_path


def print_pdf(print_html: Path, pdf_path: Path) -> Path:
    """Print the print view to PDF (fonts embedded and subset, bookmarks, metadata, tags)."""
    import weasyprint  # imported here: only `make offline` needs it

    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = pdf_path.with_suffix(".pdf.part")
    weasyprint.HTML(filename=str(print_html)).write_pdf(tmp, pdf_tags=True)
    tmp.replace(pdf_path)
    return pdf_path


class PackageError(BookError):
    """The offline copy or the PDF could not be made (the message says why and what to do)."""


def build_offline_site(site_dir: Path, environ: dict[str, str], repo: Path = REPO) -> None:
    env = dict(environ, STUDYBOOK_OFFLINE="true", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site_dir)],
        cwd=repo, env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise PackageError("mkdocs.yml", None, "the offline build failed (its output is above)",
                           "`make build` shows the same errors; fix them and run `make offline` again")


@dataclass
class Downloads:
    edition: Edition
    zip: Path
    pdf: Path
    epub: Path


def build_downloads(dist: Path, *, site_dir: Path | None = None, environ: dict[str, str] | None = None,
                    repo: Path = REPO, log=print) -> Downloads:
    """Build the offline site, then the zip, the PDF and the EPUB of the current edition into ``dist``."""
    environ = dict(os.environ if environ is None else environ)
    edition = resolve(repo / "docs", requested_version(environ), environ)
    environ[VERSION_ENV] = edition.version  # studybook.editions.plugin then resolves the same edition
    environ.setdefault(EPOCH_ENV, str(int(dt.datetime.combine(
        edition.built, dt.time(), dt.UTC).timestamp())))  # one build date everywhere
    site_dir = site_dir or repo / "site-offline"
    dist = Path(dist)

    started = time.monotonic()
    build_offline_site(site_dir, environ, repo)
    log(f"offline site built in {time.monotonic() - started:.1f} s: {site_dir}")

    started = time.monotonic()
    zip_path = zip_site(site_dir, dist / zip_name(edition), edition)
    size = zip_path.stat().st_size
    log(f"{zip_path} ({human_size(size)}) in {time.monotonic() - started:.1f} s")
    if size >= ZIP_LIMIT:
        raise PackageError(str(zip_path), None,
                           f"the offline copy is {human_size(size)}, over its limit of {human_size(ZIP_LIMIT)}",
                           "find what grew (`unzip -l` lists the files by size) and shrink or drop it; "
                           "raise ZIP_LIMIT in src/studybook/offline/package.py only on purpose")

    started = time.monotonic()
    pdf_path = print_pdf(site_dir / PRINT_PAGE, dist / pdf_name(edition))
    log(f"{pdf_path} ({human_size(pdf_path.stat().st_size)}) in {time.monotonic() - started:.1f} s")

    epub_path = move_epub(site_dir / EPUB_FILE, dist / epub_name(edition))
    log(f"{epub_path} ({human_size(epub_path.stat().st_size)})")
    return Downloads(edition, zip_path, pdf_path, epub_path)


def move_epub(built: Path, target: Path) -> Path:
    """The EPUB from the offline build to dist/, within its budget."""
    if not built.is_file():
        raise PackageError(str(built), None, "the offline build wrote no EPUB",
                           "enable studybook-epub in mkdocs.yml with `enabled: !ENV [STUDYBOOK_OFFLINE, false]`")
    size = built.stat().st_size
    if size >= EPUB_LIMIT:
        raise PackageError(str(built), None,
                           f"the EPUB is {human_size(size)}, over its limit of {human_size(EPUB_LIMIT)}",
                           "find what grew (`unzip -l` lists the files by size) and shrink or drop it; "
                           "raise EPUB_LIMIT in src/studybook/offline/package.py only on purpose")
    target.parent.mkdir(parents=True, exist_ok=True)
    built.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m studybook.offline.package", description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="where the zip and the PDF go (dist/)")
    parser.add_argument("--site-dir", type=Path, default=REPO / "site-offline", help="the offline build (site-offline/)")
    args = parser.parse_args(argv)
    try:
        build_downloads(args.dist, site_dir=args.site_dir)
    except BookError as error:
        print(f"make offline: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
