"""Every kind of bad input a user can make stops with one message: ``path:line: problem``, then ``Fix:``.

One table, one row per kind of error of every feature (studybook.errors). Most
rows call the feature's function directly (fast); a few build a mini site, to
show the message reaches the user through MkDocs unchanged. Each row names the
file and line the message must start with (just the path when the problem is
the file or setting as a whole) and every message must carry a ``Fix:``.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from studybook.anchors.idcheck import source_problem
from studybook.anchors.redirects import parse as parse_redirects
from studybook.citations.bibfiles import Bibliography, load_bibliography, parse_bib
from studybook.citations.citeproc import style_path
from studybook.citations.plugin import bib_paths, unknown_key_error
from studybook.citations.scan import scan_page
from studybook.edition import Edition, build_date
from studybook.editions.changelog import entry_for, parse_changelog
from studybook.editions.plugin import render_edition_box
from studybook.errors import BookError
from studybook.glossary.abbreviations import check as check_abbreviations
from studybook.glossary.plugin import rewrite_term_links
from studybook.glossary.terms import parse_term
from studybook.order import require
from studybook.quality.csp import check_extra
from studybook.quality.vendor import vendored_files
from studybook.teaching.questions import discussion_section

from conftest import EDITION_MARKER, build_mini_site

MKDOCS_YML = """\
site_name: Mini
plugins:
  - search
  - studybook-citations:
      bib_files: [bibliography/missing.bib]
      csl: chicago-nonsense
  - studybook-csp:
      extra:
        scripts-src: ["'self'"]
  - studybook-vendor:
      files:
        qrcode-generator/dist/qrcode.js: ../outside.js
  - studybook-cartridge
"""


def config(tmp: Path) -> dict:
    """Enough of MkDocs' config for the helpers that name a mkdocs.yml line."""
    path = tmp / "mkdocs.yml"
    path.write_text(MKDOCS_YML, encoding="utf-8")
    return {"config_file_path": str(path), "plugins": {"search": object(), "studybook-cartridge": object()}}


CHANGELOG = ("# Changelog\n\n## 2.0 — 2026-12-02 { #v2-0 }\n\n- Second.\n\n"
             "## 1.0 — 2026-11-29 { #v1-0 }\n\n- First.\n")
EDITION = Edition("2.0", dt.date(2026, 12, 2), dt.date(2026, 12, 2), "v2-0", ("Second.",))
GOOD_BIB = ("@book{yeo-2001,\n  author = {Yeo, A.},\n  title = {A Book},\n  publisher = {P},\n"
            "  date = {2001},\n  keywords = {scholarly}\n}\n")


def bib_in(tmp: Path, text: str, name: str = "a.bib") -> Bibliography:
    (tmp / name).write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return load_bibliography([tmp / name], tmp)


def stale_abbreviations(tmp):
    term = parse_term('---\nabbreviations:\n  TKR: "Trans-Korean Railway"\n---\n# TKR\n\nA railway.\n',
                      "tkr")
    check_abbreviations("*[TKR]: Trans Korean Railroad\n", {"tkr": term}, "includes/abbreviations.md")


def mini(tmp, pages, extra="", files=None):
    """A mini site that must fail; its output is the error."""
    built = build_mini_site(tmp, pages, extra, files)
    assert not built.ok, built.output
    return built.output


# (what the user did wrong, how to make the error (tmp_path -> raises, or -> mini-site output), where)
ROWS = [
    # glossary: a term link whose slug has no glossary page
    ("unknown term link",
     lambda t: rewrite_term_links("# A { #a }\n\nSee [it](term:nope).\n", "chapters/a.md", {"abm"}),
     "docs/chapters/a.md:3"),
    # glossary: the first paragraph after the H1 is missing
    ("glossary page without definition", lambda t: parse_term("# X { #x }\n", "x"), "docs/glossary/x.md:1"),
    # glossary: the H1 is missing altogether
    ("glossary page without H1", lambda t: parse_term("---\ntitle: X\n---\nJust text.\n", "x"),
     "docs/glossary/x.md:4"),
    # glossary: front matter that YAML cannot read
    ("malformed glossary front matter",
     lambda t: parse_term("---\ntitle: X\n  abbreviations: [\n---\n# X\n\nA.\n", "x"), "docs/glossary/x.md:3"),
    # glossary: an abbreviation with no expansion
    ("abbreviation without expansion",
     lambda t: parse_term("---\nabbreviations:\n  ABM:\n---\n# X\n\nA.\n", "x"), "docs/glossary/x.md:3"),
    # glossary: includes/abbreviations.md not regenerated after a page changed
    ("abbreviations file out of date", stale_abbreviations, "includes/abbreviations.md:1"),
    # citations: a key no .bib file defines
    ("unknown cite key",
     lambda t: raise_(unknown_key_error(bib_in(t, GOOD_BIB),
                                        scan_page("# A\n\nText.[@yeo-2010]\n", "docs/chapters/a.md"))),
     "docs/chapters/a.md:3"),
    # citations: a cluster the scanner cannot read
    ("malformed citation", lambda t: scan_page("Fine.\nBad [@Yeo!2001].", "docs/chapters/a.md"),
     "docs/chapters/a.md:2"),
    # citations: an entry whose braces do not match
    ("bad .bib entry", lambda t: parse_bib("@book{yeo-2001,\n  title = {A Book,\n}\n", "a.bib"), "a.bib:1"),
    # citations: an entry without the fields its type needs
    ("bib entry missing a field", lambda t: bib_in(t, GOOD_BIB.replace("  title = {A Book},\n", "")), "a.bib:1"),
    # citations: a .bib file saved in Latin-1
    ("bib file not UTF-8", lambda t: bib_in(t, b"% ok\n@book{x,\n  title = {Caf\xe9}\n}\n"), "a.bib:3"),
    # citations: bib_files names a file that does not exist
    ("bib_files option", lambda t: bib_paths(["bibliography/missing.bib"], t, config(t)), "mkdocs.yml:5"),
    # citations: csl names no style
    ("csl option", lambda t: style_path("chicago-nonsense", t, config(t)), "mkdocs.yml:6"),
    # anchors: a chapter paragraph without its id
    ("missing chapter id", lambda t: raise_(source_problem("# A { #a }\n\nA paragraph.\n", "docs/chapters/a.md")),
     "docs/chapters/a.md:3"),
    # anchors: two paragraphs with one id
    ("duplicate id",
     lambda t: raise_(source_problem("# A { #a }\n\nOne.\n{ #p-aaaa }\n\nTwo.\n{ #p-aaaa }\n",
                                     "docs/chapters/a.md")),
     "docs/chapters/a.md:7"),
    # editions: a changelog heading without the em dash and id
    ("bad changelog heading", lambda t: parse_changelog("# Changelog\n\n## 1.0 - 2026-11-29\n\n- First.\n"),
     "docs/changelog.md:3"),
    # editions: entries not newest first
    ("changelog out of order",
     lambda t: parse_changelog("# C\n\n## 1.0 — 2026-11-29 { #v1-0 }\n\n- A.\n\n## 2.0 — 2026-12-01 { #v2-0 }\n\n- B.\n"),
     "docs/changelog.md:7"),
    # editions: a changelog with no entry at all
    ("changelog without entries", lambda t: parse_changelog("# Changelog\n\nSoon.\n"), "docs/changelog.md:1"),
    # editions: building (or publishing) an edition the changelog does not list
    ("no entry for the edition", lambda t: entry_for(parse_changelog(CHANGELOG), "3.0"), "docs/changelog.md:3"),
    # editions: the home page lost its edition line
    ("home page without edition marker",
     lambda t: render_edition_box("# Home\n\nHi.\n\n## Download and editions\n\nSoon.\n", "index.md", EDITION),
     "docs/index.md:5"),
    # editions: SOURCE_DATE_EPOCH that is not a number
    ("bad SOURCE_DATE_EPOCH", lambda t: build_date({"SOURCE_DATE_EPOCH": "yesterday"}), "SOURCE_DATE_EPOCH"),
    # anchors: redirects.yml that YAML cannot read
    ("bad redirects.yml", lambda t: parse_redirects("pages: [\n"), "redirects.yml:2"),
    # anchors: redirects.yml with a section it does not know
    ("redirects.yml unknown section", lambda t: parse_redirects("pages: {}\nmoves:\n  a.md: b.md\n"),
     "redirects.yml:2"),
    # anchors: a declared anchor move to an id the new page does not have (a whole build)
    ("anchor move to a missing id",
     lambda t: mini(t, {"index.md": "# Home { #home }\n\nHi.\n{ #p-home }\n"}, "plugins:\n  - studybook-redirects\n",
                    {"redirects.yml": "anchors:\n  index.md#p-old: index.md#p-none\n"}),
     "redirects.yml:2"),
    # order: a plugin whose input plugin is not loaded
    ("a missing needed plugin",
     lambda t: require(config(t), "studybook-cartridge", "studybook-manifest", "it reads anchors.json"),
     "mkdocs.yml:13"),
    # quality: a misspelt CSP directive
    ("bad plugin option (csp)", lambda t: check_extra({"scripts-src": ["'self'"]}, config(t)), "mkdocs.yml:9"),
    # quality: a vendored file copied outside the site
    ("bad plugin option (vendor)",
     lambda t: vendored_files(t, {"qrcode-generator/dist/qrcode.js": "../outside.js"}, config(t)),
     "mkdocs.yml:12"),
    # teaching: a chapter without its discussion questions (no line: the section is missing)
    ("discussion questions missing", lambda t: discussion_section("# A { #a }\n\nText.\n", "chapters/a.md"),
     "docs/chapters/a.md"),
    # glossary, a whole build: an unknown term link stops MkDocs with the same message
    ("unknown term link (build)",
     lambda t: mini(t, {"index.md": f"# Home {{ #home }}\n\nSee [it](term:nope).\n\n{EDITION_MARKER}\n"},
                    "plugins:\n  - studybook-glossary\n  - studybook-edition\n"),
     "docs/index.md:3"),
]


def raise_(error):
    if error is None:
        raise AssertionError("no error was found")
    raise error


@pytest.mark.parametrize("what, make, where", ROWS, ids=[r[0] for r in ROWS])
def test_every_error_names_the_file_the_line_and_the_fix(tmp_path, what, make, where):
    try:
        output = make(tmp_path)
    except BookError as err:
        message = str(err)
    else:
        assert isinstance(output, str), f"{what}: no BookError"
        m = re.search(re.escape(where) + r"[: ].*\n  Fix: .*", output)
        assert m, output
        message = m.group(0)
    assert message.startswith(where + ": "), message
    assert "\n  Fix: " in message and message.split("\n  Fix: ")[1].strip(), message
