"""studybook.themefix: each repair of Material's markup, before and after."""
import pytest

from studybook.themefix import FIXES, fix_theme_html


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
