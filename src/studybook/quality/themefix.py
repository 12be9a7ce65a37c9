"""Small repairs to the HTML and CSS that Material for MkDocs 9.8 writes, made as the book is built.

Each fix below is a markup problem that the accessibility or HTML checks report on every
page, sits in a theme partial that has no block to override (copying a whole partial into
overrides/ would freeze it at this theme version), and is repaired by a one-line change to
the finished HTML. A fix that no longer matches (because the theme fixed it) does nothing;
``tests/unit/quality/test_themefix.py`` shows each one before and after.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from mkdocs.plugins import BasePlugin


@dataclass(frozen=True)
class Fix:
    name: str
    why: str
    pattern: re.Pattern
    replacement: str
    # The fix applies only when this returns true for the whole page.
    applies: object = None


FIXES = [
    Fix("search-dialog-name",
        "The search overlay is role=dialog without a name (axe: aria-dialog-name).",
        re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")>'),
        r'\1 aria-label="Search the book">'),
    Fix("progressbar-name",
        "The instant-navigation progress bar is role=progressbar without a name "
        "(axe: aria-progressbar-name, WCAG 4.1.2).",
        re.compile(r'(<div class="md-progress" data-md-component="progress" role="progressbar")>'),
        r'\1 aria-label="Loading the page">'),
    Fix("empty-tabindex",
        'A section label in the navigation (navigation.sections) gets tabindex="", '
        "which is not a valid integer (Nu HTML Checker).",
        re.compile(r'(<label class="md-nav__link[^"]*" for="[^"]*" id="[^"]*") tabindex=""'),
        r"\1"),
    Fix("orphan-toc-label",
        'On a page outside the navigation (glossary, people) the table of contents label '
        'points at an input "__toc" that the page does not have (Nu HTML Checker).',
        re.compile(r'<label class="md-nav__title" for="__toc">'),
        '<label class="md-nav__title">',
        applies=lambda page_html: 'id="__toc"' not in page_html),
]


# Repairs to the theme's stylesheets: (file name pattern, Fix). They change what a page
# costs to load, not how it looks; ``make bench`` measures the effect.
CSS_FIXES = [
    (re.compile(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css"),
     Fix("palette-switching-restyle",
         "On every page load Material's palette script marks <body> data-md-color-switching "
         "and unmarks it a moment later. The only rule that reads the mark, "
         "'[data-md-color-switching] *' (and its ::before and ::after), turns transitions off "
         "while the colours change, so each mark and unmark restyles every element of the page: "
         "two whole-page style passes per load, inside Material's longest script tasks (a "
         "third of the chapter page's style work, by a Chromium trace). Without the rule the "
         "mark restyles nothing; the cost is that a scheme switch may fade a link or the header "
         "over Material's 125-250 ms transitions instead of changing at once.",
         re.compile(r"\[data-md-color-switching\] \*,\[data-md-color-switching\] :after,"
                    r"\[data-md-color-switching\] :before\{transition-duration:0s!important\}"),
         "")),
]


def fix_theme_css(src_uri: str, css: str) -> str:
    """Apply every stylesheet fix whose file pattern matches ``src_uri`` and whose rule is there."""
    for files, fix in CSS_FIXES:
        if files.fullmatch(src_uri):
            css = fix.pattern.sub(fix.replacement, css)
    return css


def fix_theme_html(page_html: str) -> str:
    """Apply every fix that matches."""
    for fix in FIXES:
        if fix.applies is None or fix.applies(page_html):
            page_html = fix.pattern.sub(fix.replacement, page_html)
    return page_html


class ThemeFixPlugin(BasePlugin):
    """Repair the theme's markup on every page (see FIXES) and its stylesheets (CSS_FIXES)."""

    def on_files(self, files, config):
        for file in files:
            if file.abs_src_path and any(p.fullmatch(file.src_uri) for p, _ in CSS_FIXES):
                # Written in place of the theme's copy.
                file.content_string = fix_theme_css(file.src_uri, file.content_string)
        return files

    def on_post_page(self, output, page, config):
        return fix_theme_html(output)

    def on_post_template(self, output_content, template_name, config):
        return fix_theme_html(output_content) if template_name.endswith(".html") else output_content
