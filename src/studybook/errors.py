"""The one error our code raises on bad input: ``path:line: problem``, then ``Fix: ...``.

Every check in this package stops the build (or the command) with a
``BookError`` rather than logging a warning and going on. MkDocs prints a
``PluginError`` and aborts, so nothing half-made is published; the command
line tools (``make publish``, ``make offline``, the anchor guard) print the
same message and exit 1. The message always has the same two parts::

    docs/glossary/abm-treaty.md:3: front matter is not valid YAML (...)
      Fix: correct the YAML between the two --- lines

- ``path`` is the file to open (``docs/...``, ``mkdocs.yml``, ``redirects.yml``,
  a ``.bib`` file), or for a command the thing it was reading (``gh-pages``);
- ``line`` is 1-based, or None when the problem is the file as a whole;
- ``fix`` says what to change, in words a first-time maintainer can act on.

Helpers here turn the outside world's errors into that form: ``yaml_error``
for a YAML parser's complaint, ``not_utf8`` and ``read_text`` for a source
file that is not UTF-8 text (or cannot be read), ``config_error`` for a
``mkdocs.yml`` problem (it finds the plugin's or option's line).
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError


class BookError(PluginError):
    """A build-stopping problem in the book's sources or set-up."""

    def __init__(self, path: str, line: int | None, problem: str, fix: str):
        self.path, self.line, self.problem, self.fix = path, line, problem, fix
        super().__init__(format_error(path, line, problem, fix))


def format_error(path: str, line: int | None, problem: str, fix: str) -> str:
    """The one message format: ``path:line: problem`` and an indented ``Fix:`` line."""
    where = f"{path}:{line}" if line else path
    return f"{where}: {problem}\n  Fix: {fix}"


def line_of(text: str, offset: int) -> int:
    """The 1-based line number of a character offset in ``text``."""
    return text.count("\n", 0, offset) + 1


def yaml_error(exc: Exception, path: str, first_line: int = 1) -> BookError:
    """A YAML parser's error as a ``BookError`` at the line it points to.

    ``first_line`` is the file line of the YAML text's first line (2 for front
    matter, which starts after the opening ``---``).
    """
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = first_line + mark.line if mark is not None else None
    problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
    return BookError(path, line, f"not valid YAML ({problem})",
                     "correct the YAML at that line: check its indentation, its colons, "
                     "and quote any value that contains ': ' or starts with a special character")


def not_utf8(path: str, data: bytes, exc: UnicodeDecodeError) -> BookError:
    """A file that is not UTF-8 text, at the line of its first bad byte."""
    return BookError(path, data.count(b"\n", 0, exc.start) + 1,
                     f"not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read)",
                     "save the file as UTF-8 (your editor's 'encoding' setting), "
                     "or retype the character on this line")


def read_text(path: str | Path, shown: str | None = None) -> str:
    """A source file's text; a file that is not UTF-8 or cannot be read is a ``BookError``.

    ``shown`` is how the message names the file (default: ``path``).
    """
    shown = str(path) if shown is None else shown
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise BookError(shown, None, f"cannot be read ({exc.strerror or exc})",
                        "check that the file exists and that you may read it") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise not_utf8(shown, data, exc) from None


# -- mkdocs.yml --------------------------------------------------------------

CONFIG = "mkdocs.yml"


def config_line(config_file: str | Path | None, name: str, option: str | None = None) -> int | None:
    """The line of ``mkdocs.yml`` that lists plugin (or extension) ``name``, or its ``option``.

    Text search, not YAML: it is only used to point a reader at a line.
    """
    try:
        lines = Path(config_file).read_text(encoding="utf-8").split("\n") if config_file else []
    except OSError:
        return None
    item = re.compile(rf"^(\s*)-\s+['\"]?{re.escape(name)}['\"]?\s*(:|$|#)")   # - name
    key = re.compile(rf"^(\s*){re.escape(name)}\s*:")                               # name:
    found = [(n, m) for n, m in ((n, item.match(t)) for n, t in enumerate(lines, 1)) if m] or \
            [(n, m) for n, m in ((n, key.match(t)) for n, t in enumerate(lines, 1)) if m]
    for n, m in found[:1]:
        if option is None:
            return n
        indent = len(m.group(1))
        for k in range(n, len(lines)):
            sub = lines[k]
            if sub.strip() and not sub.lstrip().startswith("#") and len(sub) - len(sub.lstrip()) <= indent:
                break
            if re.match(rf"^\s+['\"]?{re.escape(option)}['\"]?\s*:", sub):
                return k + 1
        return n
    return None


def config_error(config, name: str, problem: str, fix: str, option: str | None = None) -> BookError:
    """A ``BookError`` at the ``mkdocs.yml`` line of plugin ``name`` (or its ``option``)."""
    config_file = config.get("config_file_path") if config is not None else None
    shown = Path(config_file).name if config_file else CONFIG
    return BookError(shown, config_line(config_file, name, option), problem, fix)
