"""Small HTML templates for the blocks our plugins write ("Cite this page", the print cover).

Each feature keeps its templates in a ``templates/`` folder beside its
modules and loads them with ``environment(__file__)``. Values are escaped
with the ``h`` filter (``{{ title|h }}``), which is ``html.escape``: the same
escaping as the rest of our HTML, so a template writes the same bytes the
code it replaced did. A value that is already HTML is written as it is
(``{{ chicago }}``); a missing value is an error (``StrictUndefined``).
"""
from __future__ import annotations

import html
from pathlib import Path

import jinja2


def environment(module_file: str) -> jinja2.Environment:
    """The templates in the ``templates/`` folder beside ``module_file``."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(module_file).with_name("templates")),
        autoescape=False, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters["h"] = html.escape
    return env
