"""The benchmark behind ``make bench``: build time, page weight and Lighthouse, against budgets.

In one run, side by side:

- Build time: the book's full build against the same Markdown built by bare Material
  (a generated config that INHERITs mkdocs.yml with the plugins cut to ``search``, so no
  citations, glossary or quality plugins), interleaved, the median of several runs; a
  profile of the full build by plugin (each plugin's event handlers, timed by a wrapper)
  and by package (cProfile, own time grouped by top-level module); and one cold build
  with an empty pandoc cache.
- Page weight: a chapter's first load (bytes on the wire with gzip, and requests) and the
  next chapter after it with a warm cache, served the way GitHub Pages serves (gzip,
  ``Cache-Control: max-age=600``); the search index, raw and gzipped; the offline zip
  and PDF when the Makefile can make them.
- Lighthouse 12.2.3 on the cover, a chapter, a glossary page, the bibliography and the
  assignment builder, mobile and desktop: the median of each category and of total
  blocking time over five runs. In the same run, the same chapter built by bare Material
  (the baseline above, served the same way) is measured too, and the report gives the
  ratio of the book's total blocking time to the baseline's.
- Changes between editions: what the comparison adds to ``make publish``. A scratch
  copy of the repository publishes the book's edition, then a second one, for real
  (downloads, build, guard, mike): the second publish's time is the denominator. The
  comparison's own cost is timed apart, interleaved: the reading of the previous
  edition from gh-pages (``studybook.changes.inputs``) and the book built with and
  without that input, every tenth paragraph of the input reworded so that word
  differences are computed. Overhead = (reading + the difference of the build
  medians) / (the second publish - that cost). ``texts.json``'s gzipped size is
  reported with it.

It prints a table, writes bench/results.json, and exits 1 if a budget (BUDGETS) fails.
Usage: ``python -m studybook.tools.bench [--runs 5] [--lighthouse-runs 5] [--skip-offline]``.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import functools
import gzip
import http.server
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[3]
CHROMIUM = "/usr/bin/chromium"
CHAPTER, NEXT_CHAPTER = "chapters/putin-in-seoul/", "chapters/prospects/"
LIGHTHOUSE_PAGES = {"cover": "", "chapter": CHAPTER, "glossary": "glossary/abm-treaty/",
                    "bibliography": "bibliography/", "builder": "teaching/assignments/"}
FORMS = ("mobile", "desktop")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BUDGETS = {
    "first_load_kib": 160,        # a chapter's first load, compressed, at most
    "first_load_requests": 15,    # and at most this many requests
    "lighthouse_min": 98,         # every category, mobile and desktop, at least
    "build_ratio": 2.0,           # full build / bare-Material build, at most
    "changes_overhead": 0.20,     # the comparison's share of make publish, at most
    "texts_kib": 60,              # texts.json, gzipped, at most
}
# Types GitHub Pages compresses (and so does our test server).
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml",
              "application/xml")
# STUDYBOOK_NODE_MODULES: a scratch copy of the repository uses this checkout's npm packages.
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1",
           STUDYBOOK_NODE_MODULES=str(REPO / "node_modules"))


# -- Pure helpers (tests/unit/tools/test_bench.py) ----------------------------------------

def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def package_of(filename: str) -> str:
    """Group a cProfile entry by what it belongs to: a top-level package, one of our features, or 'python'."""
    path = Path(filename)
    parts = path.parts
    if "site-packages" in parts:
        rest = parts[parts.index("site-packages") + 1:]
        return rest[0].removesuffix(".py") if rest else "python"
    if "studybook" in parts:
        rest = parts[parts.index("studybook") + 1:]
        return "studybook." + (rest[0] if len(rest) > 1 else path.stem)   # the feature package
    return "python"


def bare_config(raw: dict, repo: Path) -> dict:
    """The baseline: mkdocs.yml with the plugins cut to search, nothing strict."""
    search = next((p for p in raw.get("plugins", []) if p == "search" or (isinstance(p, dict) and "search" in p)),
                  "search")
    return {"INHERIT": str(repo / "mkdocs.yml"), "plugins": [search], "strict": False,
            "validation": {"nav": {"omitted_files": "info", "not_found": "info", "absolute_links": "info"},
                           "links": {"not_found": "info", "anchors": "info", "absolute_links": "info",
                                     "unrecognized_links": "info"}}}


def cold_config(raw: dict, repo: Path, cache_dir: str) -> dict:
    """The book with the citation cache pointed at an empty folder."""
    plugins = []
    for p in raw.get("plugins", []):
        if isinstance(p, dict) and "studybook-citations" in p:
            p = {"studybook-citations": dict(p["studybook-citations"] or {}, cache_dir=cache_dir)}
        plugins.append(p)
    return {"INHERIT": str(repo / "mkdocs.yml"), "plugins": plugins}


def check_budgets(results: dict) -> list[str]:
    """Every budget the results break, as a sentence."""
    failures = []
    first = results.get("page_weight", {}).get("first_load")
    if first:
        if first["kib"] > BUDGETS["first_load_kib"]:
            failures.append(f"chapter first load {first['kib']:.1f} KiB > {BUDGETS['first_load_kib']} KiB")
        if first["requests"] > BUDGETS["first_load_requests"]:
            failures.append(f"chapter first load {first['requests']} requests > {BUDGETS['first_load_requests']}")
    for name, forms in results.get("lighthouse", {}).items():
        for form, scores in forms.items():
            for category, score in scores.items():
                if score is None or score < BUDGETS["lighthouse_min"]:
                    failures.append(f"Lighthouse {name} {form} {category} {score} < {BUDGETS['lighthouse_min']}")
    changes = results.get("changes", {})
    if changes.get("overhead", 0) > BUDGETS["changes_overhead"]:
        failures.append(f"the comparison adds {changes['overhead']:.0%} to a publish > "
                        f"{BUDGETS['changes_overhead']:.0%}")
    if changes.get("texts_gzip_bytes", 0) / 1024 > BUDGETS["texts_kib"]:
        failures.append(f"texts.json {changes['texts_gzip_bytes'] / 1024:.1f} KiB gzipped > {BUDGETS['texts_kib']} KiB")
    build = results.get("build", {})
    if build.get("ratio", 0) > BUDGETS["build_ratio"]:
        failures.append(f"build {build['ratio']:.2f}x the bare-Material build > {BUDGETS['build_ratio']}x")
    return failures


def table(rows: list[tuple[str, str]]) -> str:
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"  {k.ljust(width)}  {v}" for k, v in rows)


# -- Build time ------------------------------------------------------------------

def load_raw_config() -> dict:
    from mkdocs.utils.yaml import yaml_load
    with open(REPO / "mkdocs.yml", encoding="utf-8") as f:
        return yaml_load(f)


def write_config(name: str, config: dict) -> Path:
    """Generated configs live beside mkdocs.yml: our plugins resolve paths from there."""
    path = REPO / f".bench-{name}.yml"
    path.write_text("# Generated by studybook.tools.bench; deleted after the run.\n" + yaml.safe_dump(config),
                    encoding="utf-8")
    return path


def timed_build(config: Path, site_dir: Path, site_url: str | None = None, extra_env: dict | None = None) -> float:
    env = dict(ENV, **({"SITE_URL": site_url} if site_url else {}), **(extra_env or {}))
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                             "-d", str(site_dir)], cwd=config.parent, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"bench: {config.name} failed to build:\n{result.stdout}{result.stderr}")
    return seconds


def profile_build(out: Path) -> None:
    """One full build in this process: time per plugin (event handlers) and per package."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(out / "site"))
    names = {id(plugin): name for name, plugin in config.plugins.items()}
    by_plugin: dict[str, float] = defaultdict(float)

    def wrap(method, name):
        @functools.wraps(method)
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                by_plugin[name] += time.perf_counter() - start
        return timed

    for event, methods in config.plugins.events.items():
        config.plugins.events[event] = [
            wrap(m, names.get(id(getattr(m, "__self__", None)), getattr(m, "__module__", "?")))
            for m in methods]
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    profiler.disable()
    total = time.perf_counter() - start
    by_package: dict[str, float] = defaultdict(float)
    for (filename, _, _), row in pstats.Stats(profiler).stats.items():
        by_package[package_of(filename)] += row[2]       # own time (tottime)
    (out / "profile.json").write_text(json.dumps({
        "total_s": total, "plugins_s": dict(by_plugin), "packages_s": dict(by_package)}))


def measure_build(runs: int, work: Path) -> dict:
    raw = load_raw_config()
    bare = write_config("bare", bare_config(raw, REPO))
    cold = write_config("cold", cold_config(raw, REPO, str(work / "empty-cache")))
    try:
        full_s, bare_s = [], []
        for i in range(runs):                      # interleaved: drift hits both alike
            full_s.append(timed_build(REPO / "mkdocs.yml", work / "full"))
            bare_s.append(timed_build(bare, work / "bare"))
            print(f"  build run {i + 1}/{runs}: book {full_s[-1]:.2f} s, bare Material {bare_s[-1]:.2f} s",
                  flush=True)
        cold_s = timed_build(cold, work / "cold")
    finally:
        bare.unlink(missing_ok=True)
        cold.unlink(missing_ok=True)
    subprocess.run([sys.executable, "-m", "studybook.tools.bench", "--profile-build", str(work)],
                   cwd=REPO, env=ENV, check=True, capture_output=True)
    profile = json.loads((work / "profile.json").read_text())
    return {"runs": runs, "book_s": full_s, "bare_s": bare_s, "book_median_s": median(full_s),
            "bare_median_s": median(bare_s), "ratio": median(full_s) / median(bare_s),
            "cold_book_s": cold_s, "profile": profile}


def reword(texts: dict, every: int = 10) -> dict:
    """The previous edition, made different: every ``every``-th paragraph loses its first word."""
    n = 0
    for page in texts.get("pages", []):
        for unit in page.get("units", []):
            if unit.get("kind") == "paragraph":
                n += 1
                if n % every == 0 and " " in unit["text"]:
                    unit["text"] = unit["text"].split(" ", 1)[1]
    return texts


def scratch_repository(dest: Path) -> Path:
    """The working tree (tracked and new files) as a fresh git repository, with the citation cache."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for rel in [*filter(None, listed), *(f".cache/citations/{f.name}" for f in (REPO / ".cache" / "citations").glob("*"))]:
        if (REPO / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, dest / rel)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "bench"]):
        subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *args],
                       cwd=dest, check=True, capture_output=True)
    return dest


def timed_publish(repo: Path, version: str, site_url: str) -> float:
    env = dict(ENV, SITE_URL=site_url)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "studybook.editions.publish", version], cwd=repo, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"bench: make publish {version} failed:\n{result.stdout}{result.stderr}")
    return time.perf_counter() - start


def next_edition(repo: Path, version: str) -> str:
    """Head the scratch copy's changelog with the edition after ``version``; commit."""
    major, minor = version.split(".")
    following = f"{major}.{int(minor) + 1}"
    changelog = repo / "docs" / "changelog.md"
    text = changelog.read_text(encoding="utf-8")
    first = text.index("\n## ") + 1
    entry = f"## {following} — 2026-12-31 {{ #v{following.replace('.', '-')} }}\n\n- Bench edition.\n\n"
    changelog.write_text(text[:first] + entry + text[first:], encoding="utf-8")
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-qam",
                    following], cwd=repo, check=True, capture_output=True)
    return following


def measure_changes(runs: int, work: Path, site: Path) -> dict:
    """What "Changes in this edition" adds to a publish (see the module docstring)."""
    from studybook.changes.inputs import read_previous
    from studybook.changes.plugin import ENV as CHANGES_ENV
    from studybook.edition import read_entry

    repo = scratch_repository(work / "scratch")
    first = read_entry(repo / "docs", None).version
    timed_publish(repo, first, "http://127.0.0.1:8000/")
    second = next_edition(repo, first)
    publish_s = timed_publish(repo, second, "http://127.0.0.1:8000/")
    read_s, with_s, without_s = [], [], []
    for i in range(runs):                         # what the comparison costs, compared with itself
        start = time.perf_counter()
        data = read_previous(repo, "gh-pages", "", second)
        read_s.append(time.perf_counter() - start)
        data["texts"] = reword(data["texts"])
        given = work / "changes-input.json"
        given.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        with_s.append(timed_build(repo / "mkdocs.yml", work / "with", extra_env={CHANGES_ENV: str(given)}))
        without_s.append(timed_build(repo / "mkdocs.yml", work / "without", extra_env={CHANGES_ENV: ""}))
        print(f"  changes run {i + 1}/{runs}: read {read_s[-1]:.2f} s, build with {with_s[-1]:.2f} s, "
              f"without {without_s[-1]:.2f} s", flush=True)
    compared = (work / "with" / "changes" / "index.html").read_text(encoding="utf-8")
    if "Paragraph changed" not in compared:
        raise SystemExit("bench: the changes page of the timed build lists no changed paragraph")
    cost = median(read_s) + median(with_s) - median(without_s)
    texts = (site / "texts.json").read_bytes()
    return {"runs": runs, "publish_s": publish_s, "read_s": read_s, "with_s": with_s, "without_s": without_s,
            "cost_s": cost, "overhead": cost / (publish_s - cost),
            "texts_raw_bytes": len(texts), "texts_gzip_bytes": gzip_size(texts)}


# -- Serving like GitHub Pages --------------------------------------------------------

class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip for text types and GitHub Pages' cache header."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()         # redirect to the slash
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()             # 404
        ctype = self.guess_type(str(path))
        data = path.read_bytes()
        packed = "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(COMPRESSED)
        if packed:
            data = gzip.compress(data, compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if packed:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(data)

    def log_message(self, *args):
        pass


def serve(root: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                            functools.partial(PagesHandler, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


# -- Page weight --------------------------------------------------------------------

def measure_weight(url: str, site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    def phase(page, action) -> dict:
        responses = []

        def record(response):
            responses.append(response)

        page.on("response", record)
        action()
        page.wait_for_load_state("networkidle")
        page.remove_listener("response", record)
        real = [r for r in responses if not r.url.startswith("data:")]
        body = header = 0
        for r in real:
            sizes = r.request.sizes()
            body += sizes["responseBodySize"]
            header += sizes["responseHeadersSize"]
        return {"requests": len(real), "bytes": body + header, "kib": (body + header) / 1024,
                "body_bytes": body, "urls": [r.url.removeprefix(url) for r in real]}

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context(service_workers="block").new_page()
        first = phase(page, lambda: page.goto(url + CHAPTER))
        second = phase(page, lambda: page.locator("a.md-footer__link--next").click())
        assert page.url == url + NEXT_CHAPTER, page.url
        browser.close()
    index = (site / "search" / "search_index.json").read_bytes()
    return {"first_load": first, "second_page_warm": second,
            "search_index": {"raw_bytes": len(index), "gzip_bytes": gzip_size(index)}}


def measure_offline(skip: bool) -> dict:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    if skip or "\noffline:" not in makefile:
        return {"note": "skipped" if skip else "no `make offline` on this branch"}
    result = subprocess.run(["make", "--no-print-directory", "offline"], cwd=REPO, env=ENV,
                            capture_output=True, text=True)
    if result.returncode != 0:
        return {"note": f"make offline failed: {result.stderr[-500:]}"}
    files = sorted((REPO / "dist").glob("*"), key=lambda p: p.stat().st_mtime)
    out = {}
    for suffix in (".zip", ".pdf"):
        made = [p for p in files if p.suffix == suffix]
        if made:
            out[suffix[1:]] = {"file": made[-1].name, "bytes": made[-1].stat().st_size}
    return out


# -- Lighthouse -----------------------------------------------------------------------

def lighthouse(url: str, form: str, out: Path) -> dict:
    cmd = [str(REPO / "node_modules" / ".bin" / "lighthouse"), url, "--quiet", "--output=json",
           f"--output-path={out}", "--only-categories=" + ",".join(CATEGORIES),
           "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"]
    if form == "desktop":
        cmd.append("--preset=desktop")
    subprocess.run(cmd, env=dict(ENV, CHROME_PATH=CHROMIUM), check=True, capture_output=True)
    report = json.loads(out.read_text())
    return {"scores": {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
            "tbt_ms": report["audits"]["total-blocking-time"]["numericValue"],
            "benchmark_index": report["environment"]["benchmarkIndex"],
            "failing": sorted({a for c in CATEGORIES for a in failing_audits(report, c)})}


def failing_audits(report: dict, category: str) -> list[str]:
    return [ref["id"] for ref in report["categories"][category]["auditRefs"]
            if ref["weight"] > 0 and (report["audits"][ref["id"]].get("score") or 1) < 1]


def measure_lighthouse(url: str, runs: int, work: Path, pages: dict[str, str] = LIGHTHOUSE_PAGES,
                       tag: str = "book") -> tuple[dict, dict]:
    scores, detail = {}, {}
    for name, path in pages.items():
        for form in FORMS:
            results = [lighthouse(url + path, form, work / f"lh-{tag}-{name}-{form}-{i}.json") for i in range(runs)]
            scores.setdefault(name, {})[form] = {c: median([r["scores"][c] for r in results]) for c in CATEGORIES}
            detail.setdefault(name, {})[form] = {
                "runs": [r["scores"] for r in results],
                "tbt_ms": [r["tbt_ms"] for r in results],
                "tbt_median_ms": median([r["tbt_ms"] for r in results]),
                "benchmark_index": median([r["benchmark_index"] for r in results]),
                "audits_below_1": sorted({a for r in results for a in r["failing"]})}
            print(f"  Lighthouse {tag} {name} {form}: {scores[name][form]}, total blocking time "
                  f"{detail[name][form]['tbt_median_ms']:.0f} ms", flush=True)
    return scores, detail


def tbt_ratio(book: dict, bare: dict) -> dict:
    """{form: the book's median total blocking time / bare Material's}, for the page both measured."""
    out = {}
    for form in FORMS:
        ours, theirs = book[form]["tbt_median_ms"], bare[form]["tbt_median_ms"]
        out[form] = round(ours / theirs, 2) if theirs else None
    return out


def measure_bare_lighthouse(runs: int, work: Path) -> dict:
    """The chapter built by bare Material (same Markdown, theme, overrides and scripts), served alike."""
    httpd = serve(work / "bare-served")
    url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    bare = write_config("bare", bare_config(load_raw_config(), REPO))
    try:
        shutil.rmtree(work / "bare-served", ignore_errors=True)
        timed_build(bare, work / "bare-served", site_url=url)
        scores, detail = measure_lighthouse(url, runs, work, {"chapter": CHAPTER}, tag="bare")
    finally:
        bare.unlink(missing_ok=True)
        httpd.shutdown()
        httpd.server_close()
    return {"scores": scores, "detail": detail}


# -- The run ---------------------------------------------------------------------------

def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "host": platform.node(), "cpu": cpu, "cores": os.cpu_count(),
            "load_average": os.getloadavg(), "python": platform.python_version(), "chromium": chromium}


def build_rows(b: dict) -> list[tuple[str, str]]:
    prof = b["profile"]
    plugins = sorted(prof["plugins_s"].items(), key=lambda kv: -kv[1])
    packages = sorted(prof["packages_s"].items(), key=lambda kv: -kv[1])[:8]
    return [
        ("Build, book (median)", f"{b['book_median_s']:.2f} s of {b['runs']} runs {[round(x, 2) for x in b['book_s']]}"),
        ("Build, bare Material", f"{b['bare_median_s']:.2f} s {[round(x, 2) for x in b['bare_s']]}"),
        ("Build ratio", f"{b['ratio']:.2f}x (budget {BUDGETS['build_ratio']}x)"),
        ("Build, cold pandoc cache", f"{b['cold_book_s']:.2f} s (once)"),
        ("Profiled build", f"{prof['total_s']:.2f} s with cProfile on"),
        ("  by plugin (handlers)", ", ".join(f"{k} {v:.2f}s" for k, v in plugins)),
        ("  by package (own time)", ", ".join(f"{k} {v:.2f}s" for k, v in packages)),
    ]


def report(results: dict) -> str:
    w = results["page_weight"]
    rows = [("Machine", f"{results['machine']['cpu']}, {results['machine']['cores']} cores, "
                        f"load {results['machine']['load_average'][0]:.1f}, {results['machine']['date']}")]
    if "build" in results:
        rows += build_rows(results["build"])
    rows += [
        ("Chapter, first load", f"{w['first_load']['kib']:.1f} KiB, {w['first_load']['requests']} requests "
                                f"(budget {BUDGETS['first_load_kib']} KiB, {BUDGETS['first_load_requests']})"),
        ("Next chapter, warm cache", f"{w['second_page_warm']['kib']:.1f} KiB, {w['second_page_warm']['requests']} requests"),
        ("Search index", f"{w['search_index']['raw_bytes'] / 1024:.0f} KiB raw, "
                         f"{w['search_index']['gzip_bytes'] / 1024:.0f} KiB gzip (loaded when a reader searches)"),
    ]
    off = results["offline"]
    rows.append(("Offline zip / PDF", off.get("note") or ", ".join(
        f"{k} {v['bytes'] / 1024 / 1024:.1f} MiB" for k, v in off.items())))
    detail = results.get("lighthouse_detail", {})
    for name, forms in results["lighthouse"].items():
        for form, scores in forms.items():
            tbt = detail.get(name, {}).get(form, {}).get("tbt_median_ms")
            rows.append((f"Lighthouse {name} {form}", " / ".join(f"{scores[c]:g}" for c in CATEGORIES)
                         + "  (perf / a11y / best practices / SEO)"
                         + (f", TBT {tbt:.0f} ms" if tbt is not None else "")))
    changes = results.get("changes")
    if changes:
        rows += [
            ("Changes: a second publish", f"{changes['publish_s']:.1f} s (downloads, build, guard, mike)"),
            ("Changes: read previous", f"{median(changes['read_s']):.2f} s (median of {changes['runs']})"),
            ("Changes: build with / without", f"{median(changes['with_s']):.2f} s / {median(changes['without_s']):.2f} s"),
            ("Changes: share of a publish", f"{changes['overhead']:.1%} (budget {BUDGETS['changes_overhead']:.0%})"),
            ("texts.json", f"{changes['texts_raw_bytes'] / 1024:.0f} KiB raw, {changes['texts_gzip_bytes'] / 1024:.1f} "
                           f"KiB gzip (budget {BUDGETS['texts_kib']} KiB)"),
        ]
    bare = results.get("lighthouse_bare")
    if bare:
        for form, scores in bare["scores"]["chapter"].items():
            rows.append((f"Bare Material chapter {form}", " / ".join(f"{scores[c]:g}" for c in CATEGORIES)
                         + f", TBT {bare['detail']['chapter'][form]['tbt_median_ms']:.0f} ms"))
        rows.append(("TBT ratio, book / bare", ", ".join(f"{k} {v}x" for k, v in bare["tbt_ratio"].items())))
    return table(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="build runs of each kind (median)")
    parser.add_argument("--lighthouse-runs", type=int, default=5, help="Lighthouse runs per page and form")
    parser.add_argument("--skip-offline", action="store_true", help="do not run `make offline`")
    parser.add_argument("--lighthouse-only", action="store_true",
                        help="page weight and Lighthouse only: no build timing, no offline copy")
    parser.add_argument("--profile-build", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.profile_build:
        profile_build(Path(args.profile_build))
        return 0

    results: dict = {"machine": machine(), "budgets": BUDGETS}
    with tempfile.TemporaryDirectory(prefix="studybook-bench-") as tmp:
        work = Path(tmp)
        if not args.lighthouse_only:
            print("Build time", flush=True)
            results["build"] = measure_build(args.runs, work)
        print("Page weight", flush=True)
        httpd = serve(work / "served")                # bound first: the book needs its address
        url = f"http://127.0.0.1:{httpd.server_address[1]}/"
        shutil.rmtree(work / "served", ignore_errors=True)
        timed_build(REPO / "mkdocs.yml", work / "served", site_url=url)
        try:
            if not args.lighthouse_only:
                print("Changes between editions", flush=True)
                results["changes"] = measure_changes(args.runs, work, work / "served")
            results["page_weight"] = measure_weight(url, work / "served")
            print("Lighthouse", flush=True)
            results["lighthouse"], results["lighthouse_detail"] = measure_lighthouse(
                url, args.lighthouse_runs, work)
        finally:
            httpd.shutdown()
            httpd.server_close()
        print("Lighthouse, bare Material", flush=True)
        results["lighthouse_bare"] = measure_bare_lighthouse(args.lighthouse_runs, work)
        results["lighthouse_bare"]["tbt_ratio"] = tbt_ratio(results["lighthouse_detail"]["chapter"],
                                                            results["lighthouse_bare"]["detail"]["chapter"])
    print("Offline copy", flush=True)
    results["offline"] = measure_offline(args.skip_offline or args.lighthouse_only)
    results["failures"] = check_budgets(results)
    out = REPO / "bench" / "results.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print("\n" + report(results))
    print(f"\nWrote {out.relative_to(REPO)}.")
    if results["failures"]:
        print("Over budget:\n  " + "\n  ".join(results["failures"]))
        return 1
    print("Every budget holds.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
