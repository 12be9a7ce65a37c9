"""studybook.anchors.citepage: "Cite this page" with the edition link, Chicago, APA and BibTeX."""
import datetime as dt
import html as htmllib
import re

from studybook.anchors.citepage import apa, bibtex, bibtex_key, chicago, cite_block, headline_case
from studybook.edition import Edition

ED = Edition("1.0", dt.date(2026, 11, 29), dt.date(2026, 12, 1))
SITE = "Putin's Pragmatic Approach to the Korean Peninsula: A Study Edition"
URL = "https://example.org/book/1.0/chapters/treaty-with-pyongyang/"
TEAM, YEO = "The study-edition team", "In-Kon Yeo"

# (chapter title as written, Chicago headline style)
TITLES = [
    ("A new treaty with Pyongyang, 2000", "A New Treaty with Pyongyang, 2000"),
    ("Yeltsin's three foreign-policy lines, 1991–1999", "Yeltsin's Three Foreign-Policy Lines, 1991–1999"),
    ("Yeltsin and the two Koreas: from a pro-Seoul tilt to balance",
     "Yeltsin and the Two Koreas: From a Pro-Seoul Tilt to Balance"),
    ("Putin's principles: the 2000 Foreign Policy Concept and pragmatic diplomacy",
     "Putin's Principles: The 2000 Foreign Policy Concept and Pragmatic Diplomacy"),
    ("Afterword: what happened next", "Afterword: What Happened Next"),
    ("What it all came to", "What It All Came To"),
]


def test_headline_case():
    for title, expected in TITLES:
        assert headline_case(title) == expected


def plain(fragment):
    return htmllib.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_chicago_and_apa():
    title = "Yeltsin and the two Koreas: from a pro-Seoul tilt to balance"
    site = SITE.replace("'", "’")                    # typographic apostrophe in HTML
    assert plain(chicago(title, SITE, ED, URL, TEAM, YEO)) == (
        "The study-edition team. “Yeltsin and the Two Koreas: From a Pro-Seoul Tilt to Balance.” "
        f"In {site}, edition 1.0. Analysis by In-Kon Yeo. November 29, 2026. {URL}.")
    assert plain(apa(title, SITE, ED, URL, TEAM, YEO)) == (
        "The study-edition team. (2026, November 29). "
        "Yeltsin and the two Koreas: From a pro-Seoul tilt to balance (Edition 1.0; analysis by In-Kon Yeo). "
        f"{site}. {URL}")
    assert "<em>" in chicago(title, SITE, ED, URL, TEAM, YEO)


def test_bibtex():
    key = bibtex_key("chapters/treaty-with-pyongyang.md", ED)
    assert bibtex(key, "A new treaty with Pyongyang, 2000", SITE, ED, URL, TEAM, YEO) == (
        "@misc{studyedition-treaty-with-pyongyang-1.0,\n"
        "  author       = {{The study-edition team}},\n"
        "  title        = {{A New Treaty with Pyongyang, 2000}},\n"
        "  howpublished = {In \\emph{Putin's Pragmatic Approach to the Korean Peninsula: A Study Edition}, edition 1.0},\n"
        "  year         = {2026},\n"
        "  month        = nov,\n"
        "  note         = {Analysis by In-Kon Yeo},\n"
        f"  url          = {{{URL}}}\n"
        "}")


def block(edition=ED, own_text=False, bibliography="../../bibliography/"):
    return cite_block(title="A new treaty with Pyongyang, 2000", site=SITE, edition=edition, url=URL,
                      key="k", authors=TEAM, analysis_by=YEO, bibliography_href=bibliography,
                      own_text=own_text)


def test_the_block_names_the_edition_and_yeo():
    b = block()
    assert '<h2 id="cite-this-page">Cite this page</h2>' in b
    assert 'class="sb-cite sb-generated" data-search-exclude' in b
    assert "This is edition 1.0 of the study edition, dated 29 November 2026." in b
    assert "The analysis retold in this chapter is In-Kon Yeo’s" in b
    assert '<a href="../../bibliography/">bibliography</a>' in b
    assert f'<a class="sb-cite__text" href="{URL}">' in b
    for form in ["link", "Chicago citation", "APA citation", "BibTeX entry"]:
        assert f'data-sb-copy="{form}"' in b


def test_our_own_chapter():
    own = block(own_text=True)
    assert "our own account" in own and "Analysis by" not in own and "retold" not in own


def test_chapters_end_with_the_block_and_list_it_in_the_toc(mini_site):
    pages = {"index.md": "# Home { #home }\n\n<!-- studybook:edition -->\n",
             "chapters/one.md": ("---\ntitle: One chapter\n---\n\n# One chapter { #one }\n\n"
                                 "## S { #s }\n\nText.[^n]\n\n[^n]: A note.\n")}
    result = mini_site(pages, "plugins:\n  - studybook-edition\n  - studybook-cite\n")
    assert result.ok, result.output
    html = result.html("chapters/one/index.html")
    assert html.index('class="footnote"') < html.index('id="cite-this-page"')   # after the notes
    assert 'href="#cite-this-page"' in html                                    # in the toc
    assert "“One Chapter.”" in html
    assert "cite-this-page" not in result.html("index.html")                  # chapters only
