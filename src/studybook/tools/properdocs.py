"""The ProperDocs check: does ``properdocs build`` still make the same book as ``mkdocs build``?

Material for MkDocs reaches end of life on 5 May 2027 and MkDocs 2.0 drops plugins.
ProperDocs (PyPI ``properdocs``) is a fork of MkDocs 1.x that keeps the plugin system. This
check keeps it a drop-in for the book, so that switching stays a small change:

1. It sets up a venv of its own, .cache/properdocs-venv: requirements.lock
   (``--require-hashes --no-deps``), properdocs from requirements-properdocs.lock (hashes),
   and the project in editable mode (``--no-deps --no-build-isolation -e .``, as the
   Makefile does for .venv), then ``pip check``. The venv is reused while
   requirements.lock, requirements-properdocs.lock, pyproject.toml and the Python
   version are unchanged (a digest of them is kept in .cache/properdocs-venv/.installed).
2. It builds the book twice, at the same time, into two temporary directories (never
   site/): ``properdocs build --strict`` from that venv and ``mkdocs build --strict`` from the
   project's venv (the one that runs this module), with the same environment
   (SOURCE_DATE_EPOCH fixed, NO_MKDOCS_2_WARNING=1).
3. It compares the two trees file by file, ignoring only the ``<meta name="generator">``
   tag (ProperDocs renders ``mkdocs_version`` as "ProperDocs 1.6.7"). It exits 0 with a
   one-line summary when they match, and 1 listing the differing files (the first
   differing line of each, at most 10 files) when they do not. A missing lock file, a pip
   failure or a build failure exits 1 with a message: the check never passes silently.

Why a venv of its own: mike 2.2.0 (mike/mkdocs_utils.py) looks for an installed
``properdocs`` distribution and, when there is one, runs ``properdocs`` instead of
``mkdocs`` and reads properdocs.yml first. Installed into .venv, ProperDocs would quietly
change how ``make publish`` builds every edition; so it never goes there.

What would move if the book switched (read in the properdocs 1.6.7 wheel and sdist):

- Plugins: nothing. ``properdocs.plugins.get_plugins`` reads the entry-point groups
  ``mkdocs.plugins`` and ``properdocs.plugins`` (properdocs' wins on a name clash; entries
  whose value starts with ``mkdocs.``, MkDocs' own built-ins, are skipped); themes come from
  ``mkdocs.themes`` and ``properdocs.themes``. Our ``[project.entry-points."mkdocs.plugins"]``
  stays, and Material's theme and plugins are found as they are.
- Imports: nothing. ``properdocs.__main__`` imports ``properdocs.replacement``, which sets
  ``sys.modules["mkdocs"]`` to properdocs and maps every ``mkdocs.*`` import to
  ``properdocs.*``: our ``from mkdocs.plugins import BasePlugin``, ``mkdocs.exceptions``
  and so on get ProperDocs' modules, and the ``mkdocs`` logger is hung under
  ``properdocs``'s, so our warnings still fail ``--strict``. The mkdocs package stays
  installed (Material requires ``mkdocs>=1.6,<2``) but is not imported.
- Configuration: mkdocs.yml is read as is. Without ``-f`` ProperDocs tries properdocs.yml,
  properdocs.yaml, mkdocs.yml, mkdocs.yaml; on falling back to mkdocs.yml it logs (INFO,
  not a warning) that the file should be renamed or passed with ``-f`` and that the
  fallback "will eventually be removed". This check passes ``-f mkdocs.yml``; a switch
  would rename the file or keep ``-f``.
- Commands: the same names, under ``properdocs``: build, serve, gh-deploy, get-deps, new
  (``properdocs build --strict --clean --site-dir site``; ``python -m properdocs``). What
  would change: the Makefile's ``$(BIN)/mkdocs`` and the ``python -m mkdocs`` of
  tests/conftest.py and studybook.tools.bench; pyproject.toml gains ``properdocs==1.6.7``
  (mike then builds with it, on purpose), and mkdocs-redirects may go to 1.2.3, which
  requires properdocs. Material's end-of-life banner only prints under the ``mkdocs``
  command, so NO_MKDOCS_2_WARNING would no longer be needed.

Usage: ``.venv/bin/python -m studybook.tools.properdocs [--keep]`` (``make check-properdocs``).
"""
from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from studybook.errors import format_error

REPO = Path(__file__).resolve().parents[3]
VENV = REPO / ".cache" / "properdocs-venv"
PROJECT_LOCK = "requirements.lock"
PROPERDOCS_LOCK = "requirements-properdocs.lock"
# What the venv is made from: change one and the venv is made anew.
VENV_INPUTS = (PROJECT_LOCK, PROPERDOCS_LOCK, "pyproject.toml")
# Any fixed time will do (2026-01-01 00:00 UTC): both builds stamp the same date
# (sitemap.xml, the gzip header of sitemap.xml.gz).
SOURCE_DATE_EPOCH = "1767225600"
MAX_LISTED = 10
NAMES = ("mkdocs", "properdocs")
PIP = ("-m", "pip", "install", "--quiet", "--disable-pip-version-check")

# The one thing allowed to differ: <meta name="generator" content="mkdocs-1.6.1, ...">.
GENERATOR = re.compile(rb"""<meta\s[^>]*?(?<![\w-])name\s*=\s*["']?generator(?=["'\s/>])[^>]*>""",
                       re.IGNORECASE)
GENERATOR_PLACEHOLDER = b'<meta name="generator">'


class CheckFailed(Exception):
    """The check could not run, or the builds differ; the message says which and what to do."""


# -- Pure parts (tests/unit/tools/test_properdocs.py) ---------------------------------

def normalise(data: bytes) -> bytes:
    """``data`` with every ``<meta name="generator" ...>`` tag made the same."""
    return GENERATOR.sub(GENERATOR_PLACEHOLDER, data)


def excerpt(line: str, column: int, before: int = 40, after: int = 60) -> str:
    """The part of ``line`` around ``column``, with ... where it was cut."""
    start, end = max(0, column - before), column + after
    return ("..." if start else "") + line[start:end] + ("..." if end < len(line) else "")


def first_difference(left: bytes, right: bytes, names: tuple[str, str] = NAMES) -> str:
    """Where two different files first differ: ``line N: a: ... | b: ...`` (or bytes, if binary)."""
    try:
        left_lines = left.decode("utf-8").splitlines()
        right_lines = right.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        at = next((i for i, (x, y) in enumerate(zip(left, right)) if x != y), min(len(left), len(right)))
        return f"binary, first difference at byte {at} ({len(left)} vs {len(right)} bytes)"
    for number, (x, y) in enumerate(zip(left_lines, right_lines), start=1):
        if x != y:
            column = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
            return (f"line {number}: {names[0]}: {excerpt(x, column)!r} | "
                    f"{names[1]}: {excerpt(y, column)!r}")
    number = min(len(left_lines), len(right_lines)) + 1
    if len(left_lines) == len(right_lines):   # same lines: line endings or a final newline
        return f"line {number}: same text, different line endings or final newline"
    longer, lines = (names[0], left_lines) if len(left_lines) > len(right_lines) else (names[1], right_lines)
    return f"line {number}: only {longer} has it: {excerpt(lines[number - 1], 0)!r}"


@dataclass
class Comparison:
    compared: int = 0                                    # files in either tree
    differences: list[tuple[str, str]] = field(default_factory=list)   # (path, what differs)


def files_of(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def compare_trees(left: Path, right: Path, names: tuple[str, str] = NAMES) -> Comparison:
    """Compare two built sites file by file, the generator tag aside."""
    left_files, right_files = files_of(left), files_of(right)
    result = Comparison(compared=len(left_files | right_files))
    for path in sorted(left_files | right_files):
        if path not in right_files:
            result.differences.append((path, f"only in the {names[0]} build"))
        elif path not in left_files:
            result.differences.append((path, f"only in the {names[1]} build"))
        else:
            a, b = (left / path).read_bytes(), (right / path).read_bytes()
            if a != b:
                a, b = normalise(a), normalise(b)
                if a != b:
                    result.differences.append((path, first_difference(a, b, names)))
    return result


def report(comparison: Comparison, limit: int = MAX_LISTED) -> tuple[int, str]:
    """The exit code and what to print for a comparison."""
    if comparison.compared == 0:
        return 1, "properdocs check: both builds are empty: nothing was compared"
    if not comparison.differences:
        return 0, (f"properdocs check: {comparison.compared} files compared: the properdocs build "
                   "matches the mkdocs build (generator tag aside)")
    shown = comparison.differences[:limit]
    lines = [f"properdocs check: {len(comparison.differences)} of {comparison.compared} files differ"
             + (f" (the first {limit} listed)" if len(comparison.differences) > limit else "") + ":"]
    lines += [f"  {path}: {detail}" for path, detail in shown]
    return 1, "\n".join(lines)


def venv_digest(contents: Iterable[bytes], python: str) -> str:
    """What the venv was made from, as one hash: the input files' contents and the Python version."""
    digest = hashlib.sha256(python.encode())
    for data in contents:
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def pinned_version(lock_text: str, name: str = "properdocs") -> str | None:
    """The version a requirements file pins ``name`` to (``name==X``), or None."""
    match = re.search(rf"^{re.escape(name)}==([^\s\\;]+)", lock_text, re.MULTILINE | re.IGNORECASE)
    return match.group(1) if match else None


def build_env(environ: Mapping[str, str]) -> dict[str, str]:
    """The one environment both builds run in."""
    return dict(environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, NO_MKDOCS_2_WARNING="1",
                PYTHONDONTWRITEBYTECODE="1")


# -- Setting up the venv and building ---------------------------------------------------

def tail(text: str, lines: int = 30) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def run(args: list[str | Path], what: str, fix: str) -> subprocess.CompletedProcess:
    """Run a command in the repository; on failure raise CheckFailed with the end of its output."""
    try:
        result = subprocess.run([str(a) for a in args], cwd=REPO, capture_output=True, text=True)
    except OSError as exc:
        raise CheckFailed(format_error(what, None, f"could not run {args[0]} ({exc})", fix)) from exc
    if result.returncode != 0:
        raise CheckFailed(format_error(what, None, f"`{' '.join(str(a) for a in args)}` exited "
                                       f"{result.returncode}:\n{tail(result.stdout + result.stderr)}", fix))
    return result


def ensure_venv(venv: Path = VENV) -> tuple[Path, bool]:
    """Make (or reuse) the ProperDocs venv; return its ``properdocs`` and whether it was made now."""
    contents = []
    for name in VENV_INPUTS:
        path = REPO / name
        if not path.is_file():
            raise CheckFailed(format_error(name, None, "missing: the ProperDocs venv is made from it",
                                           f"restore {name} (git log -- {name})"))
        contents.append(path.read_bytes())
    lock_text = (REPO / PROPERDOCS_LOCK).read_text(encoding="utf-8")
    version = pinned_version(lock_text)
    if version is None:
        raise CheckFailed(format_error(PROPERDOCS_LOCK, None, "pins no properdocs==VERSION",
                                       "pin properdocs with its hashes (see the file's header)"))
    digest = venv_digest(contents, sys.version)
    stamp, properdocs = venv / ".installed", venv / "bin" / "properdocs"
    if stamp.is_file() and stamp.read_text().strip() == digest and properdocs.exists():
        return properdocs, False

    where = str(venv.relative_to(REPO)) if venv.is_relative_to(REPO) else str(venv)
    print(f"properdocs check: making {where} (new, or its lock files changed)", file=sys.stderr, flush=True)
    shutil.rmtree(venv, ignore_errors=True)
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "venv", venv], where, "check that python3.11's venv module works")
    run([python, *PIP, "--require-hashes", "--no-deps", "-r", PROJECT_LOCK, "-r", PROPERDOCS_LOCK],
        where, f"check {PROJECT_LOCK} and {PROPERDOCS_LOCK} (every line pinned with its hashes) "
               "and that PyPI is reachable")
    run([python, *PIP, "--no-deps", "--no-build-isolation", "-e", "."], where,
        "check pyproject.toml; setuptools comes from requirements.lock")
    run([python, "-m", "pip", "check"], where,
        f"pin in {PROPERDOCS_LOCK} (with hashes) what properdocs needs that {PROJECT_LOCK} lacks")
    shown = run([properdocs, "--version"], where, f"check the properdocs pin in {PROPERDOCS_LOCK}").stdout
    if f"version {version}" not in shown:
        raise CheckFailed(format_error(where, None, f"`properdocs --version` says {shown.strip()!r}, "
                                       f"not {version}", f"check {PROPERDOCS_LOCK}"))
    stamp.write_text(digest + "\n")
    return properdocs, True


def build_both(properdocs: Path, work: Path) -> tuple[Path, Path, float]:
    """Build the book with mkdocs and with properdocs, side by side; the two site dirs and the time."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    if not mkdocs.exists():
        raise CheckFailed(format_error(str(mkdocs), None, "missing: run this module with the project "
                                       "venv's python", "make .venv/.installed, then "
                                       ".venv/bin/python -m studybook.tools.properdocs"))
    env = build_env(os.environ)
    sites = {name: work / name for name in NAMES}
    commands = {"mkdocs": [mkdocs, "build", "--strict", "-f", "mkdocs.yml", "-d", sites["mkdocs"]],
                "properdocs": [properdocs, "build", "--strict", "-f", "mkdocs.yml", "-d", sites["properdocs"]]}
    started = time.monotonic()
    running = {}
    for name, command in commands.items():
        log = open(work / f"{name}.log", "w+", encoding="utf-8")  # noqa: SIM115 (closed after the wait below)
        running[name] = (subprocess.Popen([str(a) for a in command], cwd=REPO, env=env,
                                          stdout=log, stderr=subprocess.STDOUT), log)
    failed = []
    for name, (process, log) in running.items():
        code = process.wait()
        log.seek(0)
        output = log.read()
        log.close()
        if code != 0:
            failed.append(format_error("mkdocs.yml", None, f"`{name} build --strict` failed "
                                       f"(exit {code}):\n{tail(output)}",
                                       "fix what the build says" if name == "mkdocs" else
                                       "make build passes but properdocs does not: see the log above; "
                                       "ProperDocs is no longer a drop-in for the book"))
    if failed:
        raise CheckFailed("\n".join(failed))
    return sites["mkdocs"], sites["properdocs"], time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the two built trees and say where")
    args = parser.parse_args(argv)
    VENV.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="studybook-properdocs-"))
    try:
        # One setter-up at a time; others wait, then share the venv while they build.
        with open(VENV.parent / "properdocs-venv.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            started = time.monotonic()
            properdocs, made = ensure_venv()
            setup = time.monotonic() - started
            fcntl.flock(lock, fcntl.LOCK_SH)
            mkdocs_site, properdocs_site, build_time = build_both(properdocs, work)
        code, text = report(compare_trees(mkdocs_site, properdocs_site))
    except CheckFailed as exc:
        print(f"properdocs check failed: {exc}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    first, _, rest = text.partition("\n")
    note = f"venv made in {setup:.0f} s" if made else "venv reused"
    print(f"{first} ({note}; builds {build_time:.0f} s)" + (f"\n{rest}" if rest else ""))
    if args.keep:
        print(f"properdocs check: the trees are in {work}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
