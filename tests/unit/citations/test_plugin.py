"""studybook.citations.plugin: mini-site builds with the plugin, and each bad input stops the build with its message."""
import re
from pathlib import Path

import pytest

FIXTURE = (Path(__file__).parents[2] / "fixtures" / "sources.bib").read_text()
ALL_KEYS = ["joo-2001", "yeo-2001", "treaty-2000", "perry-report-1999", "fbis-sov-2000-0209-arrival",
            "constitution-rf-1993", "fixture-online"]


def site_config(**options) -> str:
    """Extra mkdocs.yml text for build_mini_site: two more extensions, then the plugin."""
    options.setdefault("listed", [])
    lines = ["  - admonition", "  - smarty",          # continues build_mini_site's markdown_extensions
             "plugins:", "  - studybook-citations:"]
    lines += [f"      {k}: {v}" for k, v in options.items()]
    return "\n".join(lines) + "\n"


BIBLIOGRAPHY = "# Bibliography { #bibliography }\n\n<!-- bibliography -->\n"
CHAPTER = """---
title: "A chapter"
---

# A chapter { #a-chapter }

Opening claim [@joo-2001, p. 110].
A slip in the article[^slip].

[^slip]: The upper house is the Federation Council [@constitution-rf-1993, art. 95].

## The treaty { #the-treaty }

- Article 2 [@treaty-2000, art. 2; @yeo-2001].

!!! note "Box"
    Again [@joo-2001, p. 112].

Code stays code: `[@not-a-key]`.

```
[@not-a-key-either]
```
"""


def build(mini_site, pages=None, bib=FIXTURE, **options):
    options.setdefault("listed", "[perry-report-1999, fbis-sov-2000-0209-arrival, fixture-online]")
    pages = pages if pages is not None else {"chapters/a.md": CHAPTER, "bibliography.md": BIBLIOGRAPHY}
    pages.setdefault("index.md", "# Home\n")
    return mini_site(pages, site_config(**options), files={"bibliography/sources.bib": bib})


def notes(html):
    """The text of every note, in list order."""
    block = html[html.index('<div class="footnote">'):]
    return [re.sub(r"<[^>]+>|&#160;|&#8617;", "", li).strip()
            for li in re.findall(r"<li id=\"fn:[^\"]+\">(.*?)</li>", block, re.S)]


def test_chapter_gets_chicago_notes_in_reading_order(mini_site):
    result = build(mini_site)
    assert result.ok, result.output
    html = result.html("chapters/a/index.html")
    assert re.findall(r'class="footnote-ref" href="#fn:[^"]+">(\d+)<', html) == ["1", "2", "3", "4"]
    assert notes(html) == [
        "Seung-Ho Joo, “Russia and Korea: The Summit and After,” The Korean Journal of Defense Analysis 13, "
        "no. 1 (2001): 110, https://doi.org/10.1080/10163270109464003.",
        "The upper house is the Federation Council (Constitution of the Russian Federation (1993), art. 95).",
        "Treaty of Friendship, Good-Neighbourliness and Cooperation Between the Russian Federation and the "
        "Democratic People’s Republic of Korea, February 9, 2000, art. 2; In-Kon Yeo, “Putin’s Pragmatic "
        "Approach to the Korean Peninsula,” Fixture Journal, 2001.",
        "Joo, “Russia and Korea,” 112.",
    ]
    # The marker follows the full stop; code is left as written.
    assert re.search(r'claim\.<sup id="fnref:cite-1">', html)
    assert "<code>[@not-a-key]</code>" in html and "[@not-a-key-either]" in html


def test_bibliography_page_groups_anchors_and_cited_in(mini_site):
    result = build(mini_site)
    assert result.ok, result.output
    html = result.html("bibliography/index.html")
    groups = re.findall(r'<h2 id="([^"]+)"', html)
    assert groups == ["primary-documents", "press-and-broadcast-reports", "scholarly-works", "reference-works"]
    for key in ALL_KEYS:
        assert html.count(f'id="{key}"') == 1, key
    assert ('<p class="bib-entry" id="joo-2001">Joo, Seung-Ho. “Russia and Korea: The Summit and After.” '
            "<em>The Korean Journal of Defense Analysis</em> 13, no. 1 (2001): 103–27.") in html
    joo = html[html.index('id="joo-2001"'):html.index('id="yeo-2001"')]
    assert 'href="../chapters/a/#a-chapter">A chapter</a>' in joo
    treaty = html[html.index('id="treaty-2000"'):]
    assert 'href="../chapters/a/#the-treaty">A chapter — The treaty</a>' in treaty.split("</p>", 2)[1]
    # A citation inside our note counts where the note's marker stands.
    constitution = html[html.index('id="constitution-rf-1993"'):]
    assert 'href="../chapters/a/#a-chapter"' in constitution


def test_rebuild_with_unchanged_inputs_runs_pandoc_zero_times(mini_site):
    first = build(mini_site)
    assert "studybook-citations: 2 pandoc run(s)" in first.output, first.output
    second = build(mini_site)
    assert "studybook-citations: 0 pandoc run(s)" in second.output, second.output


def test_ten_citations_on_a_page_take_one_pandoc_run(mini_site):
    body = "\n".join(f"Claim {n} [@joo-2001, p. {100 + n}]." for n in range(10))
    pages = {"chapters/a.md": f"# A {{ #a }}\n\n{body}\n", "bibliography.md": BIBLIOGRAPHY}
    result = build(mini_site, pages, listed="[" + ", ".join(ALL_KEYS) + "]")
    assert result.ok, result.output
    assert "studybook-citations: 2 pandoc run(s)" in result.output      # the page, and the bibliography
    assert notes(result.html("chapters/a/index.html"))[9] == "Joo, “Russia and Korea,” 109."


@pytest.mark.parametrize(
    "page, problem",
    [
        # (chapter text, the message: page and line, then the problem)
        ("---\ntitle: X\n---\n\n# X\n\nText [@joo-2010, p. 1].\n",
         "docs/chapters/a.md:7: unknown citation key '@joo-2010' (did you mean joo-2001"),
        # Keys are case-sensitive, as pandoc's are.
        ("# X\n\nText [@Joo-2001].\n", "docs/chapters/a.md:3: unknown citation key '@Joo-2001': the entry's "
         "key is 'joo-2001' (keys are case-sensitive)\n  Fix: write @joo-2001"),
        ("# X\n\nText [@joo--2001].\n", "docs/chapters/a.md:3: malformed citation '[@joo--2001]'"),
        ("# X\n\nText[^n].\n", "docs/chapters/a.md:3: note '[^n]' has no definition"),
    ],
)
def test_bad_citations_stop_the_build(mini_site, page, problem):
    result = build(mini_site, {"chapters/a.md": page, "bibliography.md": BIBLIOGRAPHY}, check_orphans="false")
    assert not result.ok
    assert problem in result.output


def test_orphan_entry_names_key_and_file(mini_site):
    result = build(mini_site, listed="[]")
    assert not result.ok
    assert ("bibliography/sources.bib:32: entry 'perry-report-1999' is never cited; nor are "
            "'fbis-sov-2000-0209-arrival' (bibliography/sources.bib:40), "
            "'fixture-online' (bibliography/sources.bib:55)") in result.output
    assert "`listed:`" in result.output


def test_orphan_check_can_be_switched_off(mini_site):
    assert build(mini_site, listed="[]", check_orphans="false").ok


def test_listed_key_must_exist(mini_site):
    result = build(mini_site, listed="[no-such-key]")
    assert not result.ok
    assert "studybook-citations lists 'no-such-key', which no .bib file defines" in result.output


@pytest.mark.parametrize(
    "bib, problem",
    [
        (FIXTURE.replace("  volume       = {13},", "  volume       = {13"),
         "bibliography/sources.bib:5: malformed entry 'joo-2001' (@article): a '{' is never closed"),
        (FIXTURE.replace("  title        = {A Fixture Web Page},\n", ""),
         "bibliography/sources.bib:55: entry 'fixture-online' (@online) has no 'title' field"),
        (FIXTURE + "\n@book{joo-2001, title={X}, author={A}, date={2001}, keywords={scholarly}}\n",
         "bibliography/sources.bib:63: duplicate key 'joo-2001': it is already defined on line 5"),
    ],
)
def test_bad_bib_stops_the_build(mini_site, bib, problem):
    result = build(mini_site, bib=bib)
    assert not result.ok
    assert problem in result.output


def test_duplicate_key_across_files(mini_site):
    extra = "@book{joo-2001, title={X}, author={A}, date={2001}, keywords={scholarly}}\n"
    result = mini_site({"chapters/a.md": CHAPTER, "bibliography.md": BIBLIOGRAPHY, "index.md": "# Home\n"},
                       site_config(listed="[perry-report-1999, fbis-sov-2000-0209-arrival, fixture-online]"),
                       files={"bibliography/sources.bib": FIXTURE, "bibliography/zz-extra.bib": extra})
    assert not result.ok
    assert ("bibliography/zz-extra.bib:1: duplicate key 'joo-2001': it is already defined in "
            "bibliography/sources.bib:5") in result.output


def test_bibliography_page_needs_its_marker(mini_site):
    result = build(mini_site, {"chapters/a.md": CHAPTER, "bibliography.md": "# Bibliography\n"})
    assert not result.ok
    assert "docs/bibliography.md: the bibliography page has no '<!-- bibliography -->' line" in result.output


def test_citation_in_a_snippet_stops_the_build(mini_site):
    """pymdownx.snippets inserts files after the plugin has run, so their citations would stay raw."""
    page = "# A { #a }\n\nText [@joo-2001].\n\n--8<-- \"includes/part.md\"\n"
    result = mini_site({"chapters/a.md": page, "bibliography.md": BIBLIOGRAPHY, "index.md": "# Home\n"},
                       "  - pymdownx.snippets\n" + site_config(check_orphans="false"),
                       files={"bibliography/sources.bib": FIXTURE, "includes/part.md": "More [@yeo-2001].\n"})
    assert not result.ok
    assert ("docs/chapters/a.md:5: the snippet 'includes/part.md' contains a citation, which would not be "
            "formatted") in result.output


# Keys as reference managers write them (JabRef and Zotero: Yeo2001; a DOI-style
# key; Kim:2001; "&" and "_"), end to end: note, bibliography entry and its id,
# "cited in" links.
MANAGER_BIB = """
@article{Yeo2001,
  author = {Yeo, In-Kon}, title = {Putin's Pragmatic Approach to the {Korean} Peninsula},
  journaltitle = {Fixture Journal}, date = {2001}, keywords = {scholarly},
}
@book{doi:10.1000/xyz,
  author = {Kim, Young-Sam}, title = {Memoirs}, publisher = {Fixture Press}, date = {2001},
  keywords = {primary},
}
@legal{Kim:2001,
  title = {Joint Statement}, date = {2001-02-27}, keywords = {primary},
}
@online{Lee&Park_2002,
  title = {A Web Page}, organization = {Fixture Ministry}, url = {https://example.org/x}, date = {2002},
  keywords = {press},
}
"""
MANAGER_CHAPTER = """# A chapter { #a-chapter }

Opening claim [@Yeo2001, p. 3].
A note of ours[^ours].

[^ours]: It cites [@{Kim:2001}, art. 2].

## Memoirs { #memoirs }

As he wrote [@doi:10.1000/xyz, p. 7; @Lee&Park_2002].
Again [@Yeo2001, p. 4].
"""


def test_keys_as_reference_managers_write_them(mini_site):
    pages = {"chapters/a.md": MANAGER_CHAPTER, "bibliography.md": BIBLIOGRAPHY}
    result = build(mini_site, pages, bib=MANAGER_BIB, listed="[]")
    assert result.ok, result.output
    # The notes: full form first, short after, the braced key read like the plain one.
    assert notes(result.html("chapters/a/index.html")) == [
        "In-Kon Yeo, “Putin’s Pragmatic Approach to the Korean Peninsula,” Fixture Journal, 2001, 3.",
        "It cites (Joint Statement, February 27, 2001, art. 2).",
        "Young-Sam Kim, Memoirs (Fixture Press, 2001), 7; “A Web Page,” Fixture Ministry, 2002, "
        "https://example.org/x.",
        "Yeo, “Putin’s Pragmatic Approach to the Korean Peninsula,” 4.",
    ]
    # The bibliography: each entry once, under an id made safe from its key, with its "cited in" links.
    html = result.html("bibliography/index.html")
    found = re.findall(r'<p class="bib-entry" id="([^"]+)">(.*?)</p>\s*<p class="bib-cited-in">(.*?)</p>', html, re.S)
    entries = {anchor: (entry, cited_in) for anchor, entry, cited_in in found}
    assert list(entries) == ["kim-2001", "doi-10-1000-xyz", "lee-park_2002", "yeo2001"]
    assert entries["yeo2001"] == (
        "Yeo, In-Kon. “Putin’s Pragmatic Approach to the Korean Peninsula.” <em>Fixture Journal</em>, 2001.",
        'Cited in: <a href="../chapters/a/#a-chapter">A chapter</a>; '
        '<a href="../chapters/a/#memoirs">A chapter — Memoirs</a>.')
    assert entries["doi-10-1000-xyz"] == (
        "Kim, Young-Sam. <em>Memoirs</em>. Fixture Press, 2001.",
        'Cited in: <a href="../chapters/a/#memoirs">A chapter — Memoirs</a>.')
    # A citation inside our note counts where the note's marker stands.
    assert entries["kim-2001"][1] == 'Cited in: <a href="../chapters/a/#a-chapter">A chapter</a>.'
    assert entries["lee-park_2002"][0].startswith("Fixture Ministry. “A Web Page.” 2002.")
    assert "\u27e6" not in html


def test_two_keys_with_one_id_stop_the_build(mini_site):
    bib = MANAGER_BIB + "@legal{kim-2001, title = {Another}, date = {2001}, keywords = {primary}}\n"
    pages = {"chapters/a.md": MANAGER_CHAPTER, "bibliography.md": BIBLIOGRAPHY}
    result = build(mini_site, pages, bib=bib, listed="[kim-2001]")
    assert not result.ok
    assert ("bibliography/sources.bib:17: entry keys 'Kim:2001' (bibliography/sources.bib:10) and 'kim-2001' "
            "(bibliography/sources.bib:17) would both have the id 'kim-2001' on the bibliography page") in result.output
