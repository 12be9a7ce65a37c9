"""studybook.citations.citeproc: pandoc formats a page's notes in one run (full, then short, with locators), cached."""
import re
import shutil
from pathlib import Path

import pytest

from studybook.citations.bibfiles import load_bibliography
from studybook.citations.citeproc import (
    DEFAULT_STYLE,
    Formatter,
    page_document,
    read_bibliography_output,
    smarten,
    style_path,
    tidy_html,
)
from studybook.citations.scan import scan_page
from studybook.errors import BookError

FIXTURE = Path(__file__).parents[2] / "fixtures" / "sources.bib"
ROOT = Path(__file__).parents[3]


@pytest.fixture
def formatter(tmp_path):
    bib = load_bibliography([FIXTURE], FIXTURE.parent)
    return Formatter(bib, style_path(DEFAULT_STYLE, ROOT), tmp_path / "cache")


def text_of(html):
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize(
    "html, expected",
    [
        # (pandoc's HTML, what the reader gets)
        ('<span>“Putin’s Approach to the <span class="nocase">Korean</span> Peninsula,”</span> 3',
         "“Putin’s Approach to the Korean Peninsula,” 3"),
        ('<span class="citation" data-cites="a">X</span>', "X"),
        ('<span style="font-variant:small-caps;">Sc</span>', '<span style="font-variant:small-caps;">Sc</span>'),
        ('<em>A "Long" View</em>', "<em>A “Long” View</em>"),
        ("Russia's view, 'quoted'", "Russia’s view, ‘quoted’"),
        ("pp. 5--8, 1991---2001", "pp. 5–8, 1991—2001"),
        ('see <a href="https://x.org/a--b">https://x.org/a--b</a>', 'see <a href="https://x.org/a--b">https://x.org/a--b</a>'),
        ("<em>Title</em>\n(Press, 1999)", "<em>Title</em> (Press, 1999)"),
    ],
)
def test_tidy_html(html, expected):
    assert tidy_html(html) == expected


def test_bibliography_keys_come_back_unescaped():
    """Pandoc escapes the key in an entry's id; the key is what the .bib file says."""
    html = ('<div id="ref-Lee&amp;Park_2002" class="csl-entry" role="listitem">A.</div>\n'
            '<div id="ref-doi:10.1000/xyz" class="csl-entry" role="listitem">B.</div>')
    assert read_bibliography_output(html) == {"Lee&Park_2002": "A.", "doi:10.1000/xyz": "B."}


def test_smarten_uses_the_character_before():
    assert smarten('"x"', before="(") == "“x”"
    assert smarten('"', before="x") == "”"


PAGE = """# Page { #page }

First [@joo-2001, p. 110].
A note of ours[^ours].

[^ours]: Ours, citing [@treaty-2000, art. 2] and [@joo-2001, pp. 103–105].

Then [@treaty-2000, art. 3; @fbis-sov-2000-0209-arrival, p. 1].
Again [@joo-2001, p. 112].
"""


def test_one_pandoc_run_gives_full_then_short_notes_with_locators(formatter):
    scan = scan_page(PAGE, "docs/p.md")
    html = formatter.format_page(scan.slots(), "docs/p.md")
    notes = {n: text_of(h) for n, h in html.items()}
    assert formatter.calls == 1
    # 1: first citation of Joo on the page: the full note, with the page.
    assert notes[1] == ("Seung-Ho Joo, “Russia and Korea: The Summit and After,” The Korean Journal of "
                        "Defense Analysis 13, no. 1 (2001): 110, https://doi.org/10.1080/10163270109464003.")
    # 2, 3: inside our note, inline and in parentheses; the treaty is new here, Joo is not.
    assert notes[2].startswith("(Treaty of Friendship, Good-Neighbourliness and Cooperation")
    assert notes[2].endswith("February 9, 2000, art. 2)")
    assert notes[3] == "(Joo, “Russia and Korea,” 103–5)"
    # 4: the treaty again (short form, new article) and a first FBIS item (full).
    assert notes[4] == ("Treaty of Friendship, art. 3; “Ivanov Arrives in Pyongyang,” FBIS Daily Report: "
                        "Central Eurasia, FBIS-SOV-2000-0209, February 9, 2000, 1.")
    # 5: Joo again: author, short title, page.
    assert notes[5] == "Joo, “Russia and Korea,” 112."


@pytest.mark.parametrize(
    "locator, shown",
    [
        # (what the writer types after the key, how the short note ends): the locator always appears.
        ("p. 12", "12."), ("pp. 5–8", "5–8."), ("pp. 5-8", "5–8."), ("1", "1."), ("art. 2", "art. 2."),
        ("arts. 2–3", "arts. 2–3."), ("sec. 4", "sec. 4."), ("para. 3", "para. 3."), ("ch. 2", "ch. 2."),
        ("n. 24", "n. 24."), ("p. 12n5", "12n5."),
    ],
)
def test_every_locator_appears(formatter, locator, shown):
    page = f"First [@joo-2001].\nThen [@joo-2001, {locator}].\n"
    html = formatter.format_page(scan_page(page, "p").slots(), "p")
    assert text_of(html[2]).replace("\xa0", " ") == f"Joo, “Russia and Korea,” {shown}"   # "ch." takes a no-break space


def test_an_unchanged_page_is_not_sent_to_pandoc_again(formatter, tmp_path):
    slots = scan_page(PAGE, "docs/p.md").slots()
    first = formatter.format_page(slots, "docs/p.md")
    # A new formatter (a new build) with the same cache folder: zero pandoc runs.
    again = Formatter(formatter.bib, formatter.csl, formatter.cache_dir)
    assert again.format_page(slots, "docs/p.md") == first
    assert (again.calls, again.hits) == (0, 1)
    # A changed citation list is a new run.
    again.format_page(scan_page(PAGE.replace("p. 112", "p. 113"), "docs/p.md").slots(), "docs/p.md")
    assert again.calls == 1


def test_changed_bib_content_misses_the_cache(formatter, tmp_path):
    slots = scan_page(PAGE, "docs/p.md").slots()
    formatter.format_page(slots, "docs/p.md")
    changed = tmp_path / "sources.bib"
    changed.write_text(FIXTURE.read_text().replace("The Summit and After", "The Summit"))
    other = Formatter(load_bibliography([changed], tmp_path), formatter.csl, formatter.cache_dir)
    assert "“Russia and Korea: The Summit,”" in other.format_page(slots, "docs/p.md")[1]
    assert other.calls == 1


def test_prefetch_runs_missing_pages_in_parallel_once(formatter):
    docs = [(page_document(scan_page(PAGE.replace("110", str(n)), "p").slots()), "p") for n in range(4)]
    formatter.prefetch(docs + docs)
    assert formatter.calls == 4
    formatter.prefetch(docs)
    assert formatter.calls == 4


def test_bibliography_lists_every_entry_sorted_by_the_style(formatter):
    entries = formatter.bibliography("docs/bibliography.md")
    assert len(entries) == 7
    assert text_of(entries["joo-2001"]).startswith("Joo, Seung-Ho. “Russia and Korea: The Summit and After.”")
    order = list(entries)
    assert order.index("joo-2001") < order.index("perry-report-1999") < order.index("yeo-2001")


def test_pandoc_failure_names_the_page(formatter):
    formatter.pandoc = shutil.which("false")
    with pytest.raises(BookError) as err:
        formatter.format_page(scan_page("x [@joo-2001]", "docs/x.md").slots(), "docs/x.md")
    assert str(err.value).startswith("docs/x.md: pandoc could not format the citations")


def test_unknown_style_is_a_config_error():
    with pytest.raises(BookError, match="CSL style 'chicago-nonsense' not found"):
        style_path("chicago-nonsense", ROOT)


PAPER = """@inproceedings{kunadze-1999,
  author     = {Kunadze, George F.},
  title      = {A Conference Paper},
  eventtitle = {{A Conference}},
  eventdate  = {1999-10-28},
  keywords   = {scholarly},
}
"""


def test_bibliography_lists_sources_the_chicago_style_would_leave_out(tmp_path):
    """CMOS 18 drops unpublished conference papers from a bibliography; our page lists every source."""
    (tmp_path / "paper.bib").write_text(PAPER)
    bib = load_bibliography([tmp_path / "paper.bib"], tmp_path)
    formatter = Formatter(bib, style_path(DEFAULT_STYLE, ROOT), tmp_path / "cache")
    # The style itself prints nothing for it: pandoc warns, and the build names the entry.
    with pytest.raises(BookError) as err:
        formatter.run("---\nnocite: '@*'\n---\n", "docs/bibliography.md", formatter.csl)
    assert str(err.value).startswith("paper.bib:1: entry 'kunadze-1999' (@inproceedings) prints nothing "
                                     "in the bibliography")
    # Pandoc runs with a copy of the style whose bibliography prints every entry.
    entries = formatter.bibliography("docs/bibliography.md")
    assert text_of(entries["kunadze-1999"]) == ("Kunadze, George F. “A Conference Paper.” "
                                                "Paper presented at A Conference, October 28, 1999.")
    copy = next((tmp_path / "cache").glob("chicago-notes-bibliography-every-entry-*.csl"))
    assert '<text macro="bibliography-notes"/>' in copy.read_text()


def test_every_entry_style_needs_a_bibliography_layout(tmp_path):
    from studybook.citations.citeproc import every_entry_style
    odd = tmp_path / "odd.csl"
    odd.write_text("<style><citation><layout/></citation></style>")
    with pytest.raises(BookError, match="cannot find the style's bibliography layout"):
        every_entry_style(odd, tmp_path)
