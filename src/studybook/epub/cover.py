"""The cover, drawn at build time as SVG from the title and the edition (no outside files, no fonts).

A 1600 x 2400 page (2:3, the shape most book apps expect): the title in
large type, wrapped to the width, the subtitle, the byline, and the edition
with its date at the foot. It uses the reader's own serif and sans-serif
fonts, so nothing is embedded. Pure: ``cover_svg`` returns the SVG text.
"""
from __future__ import annotations

import textwrap

from studybook.templating import environment

TEMPLATES = environment(__file__)
WIDTH, HEIGHT = 1600, 2400
TITLE_CHARS = 18        # a title line holds about this many characters at TITLE_SIZE
TITLE_SIZE, TITLE_LEADING = 120, 150


def title_lines(title: str, width: int = TITLE_CHARS) -> list[str]:
    """The title wrapped into lines of at most ``width`` characters (a longer word keeps its own line)."""
    return textwrap.wrap(title, width=width, break_long_words=False) or [title]


def cover_svg(*, title: str, subtitle: str, byline: str, version: str, date_text: str) -> str:
    lines = title_lines(title)
    top = 520
    return TEMPLATES.get_template("cover.svg").render(
        width=WIDTH, height=HEIGHT, lines=[(top + i * TITLE_LEADING, line) for i, line in enumerate(lines)],
        title_size=TITLE_SIZE, subtitle_y=top + len(lines) * TITLE_LEADING + 80, title=title,
        subtitle=subtitle, byline=byline, version=version, date_text=date_text)
