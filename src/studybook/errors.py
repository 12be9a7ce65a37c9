"""The error our plugins raise on bad input: it names the file, the line and the fix.

MkDocs prints a ``PluginError`` and aborts the build, so nothing half-made is
published. Every check in this package raises ``BookError`` rather than
logging a warning and going on.
"""
from __future__ import annotations

from mkdocs.exceptions import PluginError


class BookError(PluginError):
    """A build-stopping problem in the book's sources."""

    def __init__(self, path: str, line: int | None, problem: str, fix: str):
        self.path, self.line, self.problem, self.fix = path, line, problem, fix
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}\n  Fix: {fix}")


def line_of(text: str, offset: int) -> int:
    """The 1-based line number of a character offset in ``text``."""
    return text.count("\n", 0, offset) + 1
