"""Every page of the built book in Chromium, once per session: accessible, self-contained, quiet.

One sweep opens each page (tests/test_site.py lists the same pages) and records:
- requests to any host but the book's (the ``Reader`` guard of tests/conftest.py),
- Content-Security-Policy violations (a ``securitypolicyviolation`` listener),
- console errors,
- axe-core's WCAG 2.0/2.1/2.2 A and AA violations in the light scheme, and then the
  colour rules again in the dark scheme.
The tests below assert on that record, so axe runs once per page, not once per test.

axe-core comes from node_modules (npm ``axe-core``, pinned in package.json) as an init
script, which Chromium runs outside the page's policy. Requests made after axe starts
are the harness's, not the book's, and are left out of the third-party check. Two tabs
(in two contexts, so two renderer processes) take turns, so that one page loads while
axe reads the other: the machine has two cores.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import REPO, Reader

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Collect policy violations from the first moment of every document.
WATCH_POLICY = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`
  + (e.sample ? ` (${e.sample})` : '')));
"""
# Material fades colours over 0.25 s when the scheme changes. A constructed style sheet
# (outside the page's policy, like the init scripts) turns transitions off, so that axe
# reads the colours a reader ends up seeing, not a frame of the fade.
NO_TRANSITIONS = """
const sheet = new CSSStyleSheet();
sheet.replaceSync('*, *::before, *::after { transition: none !important; }');
document.adoptedStyleSheets = [sheet];
"""
# Start axe without waiting for it (the result is fetched later), so the other tab can work.
START_AXE = """([tags, rules]) => {
  const only = rules ? {type: 'rule', values: rules} : {type: 'tag', values: tags};
  window.__axe = axe.run(document, {runOnly: only, resultTypes: ['violations']}).then(result =>
    result.violations.map(v => ({id: v.id, help: v.help,
      nodes: v.nodes.map(n => `${n.target.join(' ')}: ${n.failureSummary}`)})));
}"""
AXE_RESULT = "() => window.__axe"
# The rules whose result depends on colour, for the second (dark) pass.
COLOUR_RULES = """tags => axe.getRules(tags).map(r => r.ruleId)
  .filter(id => /contrast|color|link-in-text-block/.test(id))"""
# What Material's palette toggle does: the dark palette is scheme "slate" (mkdocs.yml).
TO_DARK = """() => { const before = getComputedStyle(document.body).backgroundColor;
  document.body.setAttribute('data-md-color-scheme', 'slate');
  return [before, getComputedStyle(document.body).backgroundColor]; }"""


@dataclass
class PageRecord:
    path: str
    outside: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    axe_light: list[dict] = field(default_factory=list)
    axe_dark: list[dict] = field(default_factory=list)


def book_pages(site: Path) -> list[str]:
    """Every page of the built book, as a path below its address."""
    paths = []
    for page in sorted(site.rglob("*.html")):
        rel = str(page.relative_to(site))
        paths.append(rel.removesuffix("index.html"))
    return paths


def visit(reader: Reader, url: str, record: PageRecord):
    """Check one page in steps; each ``yield`` leaves axe running while the other tab works."""
    page = reader.page
    seen_outside, seen_errors = len(reader.outside), len(reader.console_errors)
    page.goto(url)
    record.outside = reader.outside[seen_outside:]
    record.csp = page.evaluate("window.__cspViolations")
    record.console_errors = reader.console_errors[seen_errors:]
    page.evaluate(START_AXE, [WCAG_TAGS, None])
    yield
    record.axe_light = page.evaluate(AXE_RESULT)
    light, dark = page.evaluate(TO_DARK)
    assert light != dark, f"{url}: the dark scheme did not apply"
    page.evaluate(START_AXE, [WCAG_TAGS, page.evaluate(COLOUR_RULES, WCAG_TAGS)])
    yield
    record.axe_dark = page.evaluate(AXE_RESULT)


@pytest.fixture(scope="module")
def sweep(browser, book_server) -> list[PageRecord]:
    assert AXE.exists(), "node_modules/axe-core is missing: run `npm ci` (make test does)"
    todo = [PageRecord(path) for path in book_pages(book_server.root)]
    lanes = []
    for _ in range(2):
        context = browser.new_context(service_workers="block")
        for script in (WATCH_POLICY, NO_TRANSITIONS):
            context.add_init_script(script)
        context.add_init_script(path=str(AXE))
        lanes.append([Reader(context), None])
    try:
        queue = list(todo)
        while queue or any(step for _, step in lanes):
            for lane in lanes:
                reader, step = lane
                if step is None and queue:
                    record = queue.pop(0)
                    step = lane[1] = visit(reader, book_server.url + record.path, record)
                if step is not None:
                    try:
                        next(step)
                    except StopIteration:
                        lane[1] = None
    finally:
        for reader, _ in lanes:
            reader.context.close()
    return todo


def report(records: list[PageRecord], attr: str) -> str:
    lines = []
    for r in records:
        for item in getattr(r, attr):
            if isinstance(item, dict):
                lines.append(f"/{r.path}: {item['id']} ({item['help']}), {len(item['nodes'])} node(s)")
                lines += [f"    {n.splitlines()[0]}" for n in item["nodes"][:3]]
            else:
                lines.append(f"/{r.path}: {item}")
    return "\n".join(lines[:80])


def test_the_sweep_saw_every_page(sweep, book_server):
    assert len(sweep) == len(book_pages(book_server.root)) > 50


def test_the_harness_reports_a_violation(browser, book_server):
    """The sweep's axe set-up finds a real problem: an image without a text alternative."""
    context = browser.new_context()
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    try:
        page.goto(book_server.url)
        page.evaluate("""() => { const img = document.createElement('img');
          img.src = 'assets/favicon.svg'; document.querySelector('article').prepend(img); }""")
        page.evaluate(START_AXE, [WCAG_TAGS, None])
        assert "image-alt" in [v["id"] for v in page.evaluate(AXE_RESULT)]
    finally:
        context.close()


def test_every_page_passes_axe_in_the_light_scheme(sweep):
    failing = [r for r in sweep if r.axe_light]
    assert not failing, "axe-core (WCAG 2.2 AA), light scheme:\n" + report(failing, "axe_light")


def test_every_page_passes_axe_colour_rules_in_the_dark_scheme(sweep):
    failing = [r for r in sweep if r.axe_dark]
    assert not failing, "axe-core colour rules, dark scheme:\n" + report(failing, "axe_dark")


def test_no_page_requests_another_host(sweep):
    failing = [r for r in sweep if r.outside]
    assert not failing, "requests that left the book:\n" + report(failing, "outside")


def test_no_page_violates_its_content_security_policy(sweep):
    failing = [r for r in sweep if r.csp]
    assert not failing, "Content-Security-Policy violations:\n" + report(failing, "csp")


def test_no_page_logs_a_console_error(sweep):
    failing = [r for r in sweep if r.console_errors]
    assert not failing, "console errors:\n" + report(failing, "console_errors")
