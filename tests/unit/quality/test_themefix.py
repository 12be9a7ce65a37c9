"""studybook.quality.themefix: each repair of Material's markup, before and after."""
import pytest

from studybook.quality.themefix import CSS_FIXES, FIXES, fix_theme_css, fix_theme_html


@pytest.mark.parametrize("before, after", [
    # The search overlay gets a name (axe: aria-dialog-name).
    ('<div class="md-search" data-md-component="search" role="dialog">',
     '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search the book">'),
    # The progress bar gets a name (axe: aria-progressbar-name).
    ('<div class="md-progress" data-md-component="progress" role="progressbar"></div>',
     '<div class="md-progress" data-md-component="progress" role="progressbar" aria-label="Loading the page"></div>'),
    # An empty tabindex on a section label goes; a real one stays.
    ('<label class="md-nav__link " for="__nav_2" id="__nav_2_label" tabindex="">',
     '<label class="md-nav__link " for="__nav_2" id="__nav_2_label">'),
    ('<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="0">',
     '<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="0">'),
    # The table-of-contents label loses its for= when the page has no __toc input...
    ('<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">'),
])
def test_fix(before, after):
    assert fix_theme_html(before) == after


def test_toc_label_keeps_its_target_when_the_input_exists():
    page = '<input type="checkbox" id="__toc"><label class="md-nav__title" for="__toc">'
    assert fix_theme_html(page) == page


def test_every_fix_says_why():
    assert all(len(fix.why) > 20 for fix in FIXES)


PALETTE = ("[data-md-color-switching] *,[data-md-color-switching] :after,"
           "[data-md-color-switching] :before{transition-duration:0s!important}")


def test_palette_stylesheet_loses_the_switching_rule_only():
    css = "body{color:red}" + PALETTE + "[data-md-color-scheme=slate]{--x:1}"
    fixed = fix_theme_css("assets/stylesheets/palette.fb2fffe2.min.css", css)
    assert fixed == "body{color:red}[data-md-color-scheme=slate]{--x:1}"


def test_other_stylesheets_are_left_alone():
    assert fix_theme_css("assets/stylesheets/main.57a0d79d.min.css", PALETTE) == PALETTE
    assert fix_theme_css("assets/css/book.css", PALETTE) == PALETTE


def test_css_fixes_say_why():
    assert all(len(fix.why) > 20 for _, fix in CSS_FIXES)
