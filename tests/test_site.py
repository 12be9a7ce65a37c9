"""Gates on the whole built book, run once per session: valid HTML, links, and the policy.

- Valid HTML: the Nu HTML Checker (npm ``vnu-jar``, run with the machine's Java) checks
  every page in one run and must report no error.
- Links: linkchecker (PyPI) follows every link from every page, generated ones included,
  and studybook.quality.fragments checks every #anchor against the target page's ids (linkchecker's
  own anchor check re-reads a page per anchor: see tests/linkcheckerrc). External links
  are listed and only their syntax is checked (no network).
- Self-contained: every page carries the same Content-Security-Policy <meta> tag, which
  allows only the book's origin and the hashes of the scripts the page inlines, and no page
  has markup the policy would block (inline handlers, style attributes, javascript: URLs).
The browser side of these gates is tests/browser/test_every_page.py.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from studybook.quality.csp import inline_script_hashes
from studybook.quality.fragments import broken_fragments

from conftest import broken_links, linkcheck

REPO = Path(__file__).resolve().parents[1]
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
pytestmark = pytest.mark.slow

# The one message we accept from the Nu HTML Checker. Material's base.html writes
# autocomplete="off" on its two checkbox toggles (#__drawer, #__search) so that Firefox
# does not restore them as checked on "back"; the HTML spec allows autocomplete only on
# text-like inputs. The inputs sit outside any template block, so overrides/ cannot fix
# them, and removing the attribute would bring the Firefox bug back.
THEME_AUTOCOMPLETE = re.compile(r"^Attribute “autocomplete” is only allowed when the input type is ")
THEME_TOGGLE = re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"')


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# -- Valid HTML -------------------------------------------------------------------

@pytest.fixture(scope="session")
def vnu_messages(book) -> list[dict]:
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML Checker (vnu.jar); install a JRE (Debian: default-jre-headless)"
    assert VNU.exists(), "node_modules/vnu-jar is missing: run `npm ci` (make test does)"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(book)],
        capture_output=True, text=True,
    )
    report = json.loads(result.stderr or result.stdout)
    return report["messages"]


def is_exempt(message: dict) -> bool:
    return bool(THEME_AUTOCOMPLETE.match(message.get("message", ""))
                and THEME_TOGGLE.search(message.get("extract", "")))


def test_every_page_is_valid_html(vnu_messages, book):
    errors = [m for m in vnu_messages if not is_exempt(m)]
    lines = [f"{m['url'].split(str(book), 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in errors]
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(lines[:50])


def test_the_exemption_matches_only_the_theme_toggles(vnu_messages, book):
    # If the theme stops writing the attribute, this exemption should go too.
    exempt = [m for m in vnu_messages if is_exempt(m)]
    assert len(exempt) == 2 * len(html_pages(book)), "expected exactly #__drawer and #__search on every page"


# -- Links ----------------------------------------------------------------------------

# "Cite this page" links to the page's permanent address in its edition
# (site_url + "1.0/..."), which exists once mike publishes the edition, not in this
# plain build. tests/browser/test_editions.py checks every link of two published
# editions, those included.
EDITION_PINNED = r"^{url}\d+\.\d+/"


@pytest.fixture(scope="session")
def link_rows(book_server) -> list[dict]:
    """One row per link linkchecker found, starting from every page of the book."""
    start = [book_server.url + str(p.relative_to(book_server.root)).removesuffix("index.html")
             for p in html_pages(book_server.root)]
    return linkcheck(start, EDITION_PINNED.format(url=re.escape(book_server.url)))


def is_external(row: dict, book_url: str) -> bool:
    return not row["url"].startswith(book_url) and urlsplit(row["url"]).scheme in {"http", "https", "mailto"}


def test_every_link_resolves(link_rows, book_server):
    bad = broken_links(link_rows, book_server.url)
    assert not bad, f"{len(bad)} broken link(s):\n" + "\n".join(bad[:50])


def test_every_anchor_resolves(book_server):
    broken = broken_fragments(book_server.root, site_url=book_server.url)
    assert not broken, f"{len(broken)} link(s) to a missing #anchor:\n" + "\n".join(broken[:50])


def test_every_page_was_checked(link_rows, book_server):
    checked = {r["url"] for r in link_rows}
    for page in html_pages(book_server.root):
        url = book_server.url + str(page.relative_to(book_server.root)).removesuffix("index.html")
        assert url in checked, f"linkchecker never reached {url}"


def test_external_links_are_listed_and_well_formed(link_rows, book_server):
    """External links are not fetched: we list them and check their syntax."""
    external = sorted({r["url"] for r in link_rows if is_external(r, book_server.url)})
    for url in external:
        parts = urlsplit(url)
        assert parts.scheme == "mailto" or (parts.scheme in {"http", "https"} and parts.netloc), \
            f"an external link needs a scheme and a host: {url}"
    counts = Counter(urlsplit(u).netloc for u in external)
    print(f"\n{len(external)} external link(s), by host: {dict(counts.most_common())}")
    print("\n".join(external))


# -- Self-contained: the policy ---------------------------------------------------

POLICY_TAG = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


class BlockedMarkup(HTMLParser):
    """Markup a 'self'-only policy would block: inline handlers, style attributes and
    elements, javascript: URLs, and any resource from another host."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...> (inline event handler)")
            elif name == "style":
                self.found.append(f"<{tag} style=...> (inline style)")
            elif name in {"href", "src", "action", "formaction"} and value.strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value[:40]}>")
            elif name in {"src", "srcset", "data", "poster"} and urlsplit(value).netloc:
                self.found.append(f"<{tag} {name}={value[:60]}> (outside resource)")
        if tag == "style":
            self.found.append("<style> element")
        if tag == "link" and dict(attrs).get("rel") in {"stylesheet", "preload", "modulepreload", "icon"} \
                and urlsplit(dict(attrs).get("href") or "").netloc:
            self.found.append(f"<link href={dict(attrs)['href'][:60]}> (outside resource)")


def test_every_page_has_one_policy_and_all_the_same(book):
    policies = {}
    for page in html_pages(book):
        text = page.read_text(encoding="utf-8")
        tags = POLICY_TAG.findall(text)
        assert len(tags) == 1, f"{page.relative_to(book)}: {len(tags)} Content-Security-Policy tags"
        head = text[: text.index("<meta http-equiv=\"Content-Security-Policy\"")]
        assert "<script" not in head and "<link" not in head, \
            f"{page.relative_to(book)}: the policy must come before any script or stylesheet"
        policies[page] = tags[0]
    assert len(set(policies.values())) == 1, "pages carry different policies (instant navigation would stack them)"


def test_the_policy_allows_only_the_book_itself(book):
    policy = POLICY_TAG.search((book / "index.html").read_text(encoding="utf-8")).group(1)
    directives = {d.split()[0]: d.split()[1:] for d in policy.split("; ")}
    assert directives["default-src"] == ["'self'"]
    for name, sources in directives.items():
        for source in sources:
            assert source in {"'self'", "'none'", "data:"} or source.startswith("'sha256-"), \
                f"{name} allows {source}"


def test_every_inline_script_is_allowed_by_hash(book):
    for page in html_pages(book):
        text = page.read_text(encoding="utf-8")
        policy = POLICY_TAG.search(text).group(1)
        missing = [h for h in inline_script_hashes(text) if h not in policy]
        assert not missing, f"{page.relative_to(book)}: inline script(s) not in the policy: {missing}"


def test_no_page_has_markup_the_policy_would_block(book):
    problems = []
    for page in html_pages(book):
        parser = BlockedMarkup()
        parser.feed(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(book)}: {f}" for f in parser.found]
    assert not problems, "\n".join(problems[:50])


# -- Theme stylesheet repairs (studybook.quality.themefix.CSS_FIXES) -------------------------------

def test_the_theme_stylesheet_fixes_still_match_and_are_applied(book):
    """Each fix finds its rule in the installed theme (else a theme upgrade made it moot,
    and the fix should go) and the built book's copy no longer has it."""
    import material

    from studybook.quality.themefix import CSS_FIXES
    theme = Path(material.__file__).parent / "templates"
    for files, fix in CSS_FIXES:
        sources = [p for p in theme.rglob("*.css") if files.fullmatch(p.relative_to(theme).as_posix())]
        assert sources, f"{fix.name}: no theme file matches {files.pattern}"
        for source in sources:
            assert fix.pattern.search(source.read_text(encoding="utf-8")), \
                f"{fix.name}: {source.name} no longer has the rule; remove the fix from studybook/quality/themefix.py"
            built = book / source.relative_to(theme)
            assert not fix.pattern.search(built.read_text(encoding="utf-8")), f"{fix.name}: not applied to {built}"
