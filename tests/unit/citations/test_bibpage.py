"""studybook.citations.bibpage: groups in a fixed order, an anchor per entry, "cited in" links to sections."""
import re
from pathlib import Path

import pytest

from studybook.citations.bibfiles import load_bibliography
from studybook.citations.bibpage import PLACEHOLDER, Place, entry_placeholder, placeholder_key, render
from studybook.errors import BookError

FIXTURE = Path(__file__).parents[2] / "fixtures" / "sources.bib"
BIB = load_bibliography([FIXTURE], FIXTURE.parent)
ORDER = ["constitution-rf-1993", "fbis-sov-2000-0209-arrival", "joo-2001", "perry-report-1999",
         "treaty-2000", "yeo-2001"]
SEOUL = Place("chapters/putin-in-seoul.md", "Putin in Seoul, February 2001", "the-abm-dispute", "The ABM dispute")
TREATY = Place("chapters/treaty-with-pyongyang.md", "A new treaty with Pyongyang, 2000", "treaty-with-pyongyang", None)


def test_groups_come_in_order_each_sorted_as_given():
    md = render(BIB, ORDER, {}, "bibliography.md")
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Primary documents { #primary-documents }",
        "## Press and broadcast reports { #press-and-broadcast-reports }",
        "## Scholarly works { #scholarly-works }",
        "## Reference works { #reference-works }",
    ]
    primary = md[md.index("#primary-documents"):md.index("#press-and")]
    assert primary.index("{ #perry-report-1999 .bib-entry }") < primary.index("{ #treaty-2000 .bib-entry }")


def test_every_entry_has_its_key_as_anchor():
    md = render(BIB, ORDER, {}, "bibliography.md")
    for key in ORDER:
        assert f"{entry_placeholder(key)}\n{{ #{key} .bib-entry }}" in md


def bib_of(tmp_path, *keys):
    path = tmp_path / "k.bib"
    path.write_text("".join(f"@book{{{k}, title={{X}}, date={{2001}}, keywords={{scholarly}}}}\n" for k in keys))
    return load_bibliography([path], tmp_path)


def test_keys_as_reference_managers_write_them_get_safe_ids(tmp_path):
    keys = ["Yeo2001", "doi:10.1000/xyz", "Kim:2001", "Lee&Park_2002"]
    md = render(bib_of(tmp_path, *keys), keys, {}, "bibliography.md")
    ids = re.findall(r"\{ #(\S+) \.bib-entry \}", md)
    assert ids == ["yeo2001", "doi-10-1000-xyz", "kim-2001", "lee-park_2002"]
    # The placeholder carries the key in a form Markdown leaves alone ("_" and "&" would not be).
    assert [placeholder_key(m) for m in PLACEHOLDER.finditer(md)] == keys
    assert re.fullmatch(r"⟦bib:[0-9a-f]+⟧", entry_placeholder("Lee&Park_2002"))


@pytest.mark.parametrize(
    "key, taken, problem",
    [
        # (an entry's key, ids the page already has, the message)
        ("Scholarly-Works", set(), "entry 'Scholarly-Works' would have the id 'scholarly-works' on the "
         "bibliography page, which the heading 'Scholarly works' has"),
        ("Bibliography", {"bibliography"}, "entry 'Bibliography' would have the id 'bibliography' on the "
         "bibliography page, which a heading of the page ({ #bibliography }) has"),
    ],
)
def test_an_entry_id_may_not_be_an_id_the_page_has(tmp_path, key, taken, problem):
    with pytest.raises(BookError) as err:
        render(bib_of(tmp_path, key), [key], {}, "bibliography.md", taken)
    assert str(err.value).startswith("k.bib:1: " + problem), str(err.value)


def test_cited_in_links_point_at_sections_once_each():
    md = render(BIB, ORDER, {"treaty-2000": [TREATY, SEOUL, SEOUL]}, "bibliography.md")
    assert ("Cited in: [A new treaty with Pyongyang, 2000](chapters/treaty-with-pyongyang.md#treaty-with-pyongyang); "
            "[Putin in Seoul, February 2001 — The ABM dispute](chapters/putin-in-seoul.md#the-abm-dispute).") in md
    # An entry nobody cites (a deliberately listed one) has no "cited in" line.
    joo = md[md.index("{ #joo-2001"):md.index("{ #yeo-2001")]
    assert "Cited in" not in joo


def test_links_are_relative_to_the_bibliography_page():
    md = render(BIB, ORDER, {"joo-2001": [SEOUL]}, "back/bibliography.md")
    assert "](../chapters/putin-in-seoul.md#the-abm-dispute)" in md


def test_link_text_is_escaped():
    place = Place("a.md", "Title with [brackets] and *stars*", None, None)
    md = render(BIB, ORDER, {"joo-2001": [place]}, "bibliography.md")
    assert r"[Title with \[brackets\] and \*stars\*](a.md)" in md
