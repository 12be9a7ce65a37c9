"""studybook.glossary.abbreviations: includes/abbreviations.md is generated from, and checked against, the pages."""
import re

import pytest

from studybook.errors import BookError
from studybook.glossary.abbreviations import HEADER, check, collect, main, parse, render
from studybook.glossary.terms import parse_term


def term(slug, abbreviations):
    lines = "".join(f'  {k}: "{v}"\n' for k, v in abbreviations.items())
    return parse_term(f"---\ntitle: {slug}\nabbreviations:\n{lines}---\n# {slug}\n\nA term.\n", slug)


TERMS = {
    "abm-treaty": term("abm-treaty", {"ABM": "Anti-Ballistic Missile"}),
    "g8": term("g8", {"G-8": "Group of Eight", "G-7": "Group of Seven"}),
    "dprk": term("dprk", {}),
}
GOOD = HEADER + "*[ABM]: Anti-Ballistic Missile\n*[G-7]: Group of Seven\n*[G-8]: Group of Eight\n"


def test_render_sorts_every_abbreviation_under_the_header():
    assert render(TERMS) == GOOD


def test_parse_reads_the_entries():
    assert parse(GOOD) == {"ABM": "Anti-Ballistic Missile", "G-7": "Group of Seven", "G-8": "Group of Eight"}


def test_a_matching_file_passes():
    check(GOOD, TERMS, "includes/abbreviations.md")


@pytest.mark.parametrize(
    "text, expected",
    [
        # (file content, words the error must contain)
        (GOOD.replace("*[ABM]: Anti-Ballistic Missile\n", ""),
         "'ABM' is declared in docs/glossary/abm-treaty.md but missing here"),
        (GOOD + "*[TKR]: Trans-Korean Railway\n", "'TKR' is here but no glossary page declares it"),
        (GOOD.replace("Group of Eight", "Group of 8"),
         "'G-8' is 'Group of 8' here but 'Group of Eight' in docs/glossary/g8.md"),
        (GOOD.replace(HEADER, ""), "its layout differs from the generated file"),
        (None, "the abbreviations file is missing"),
    ],
)
def test_a_disagreeing_file_stops_the_build(text, expected):
    with pytest.raises(BookError) as err:
        check(text, TERMS, "includes/abbreviations.md")
    message = str(err.value)
    # The line of the first entry that differs; a missing file has none.
    where = r"includes/abbreviations\.md: " if text is None else r"includes/abbreviations\.md:\d+: "
    assert re.match(where, message), message
    assert expected in message
    assert "Fix: run `make abbreviations`" in message


def test_an_abbreviation_owned_twice_names_both_pages():
    terms = dict(TERMS, nmd=term("nmd", {"TMD": "Theater Missile Defense"}),
                 tmd=term("tmd", {"TMD": "Theatre Missile Defence"}))
    with pytest.raises(BookError) as err:
        collect(terms)
    message = str(err.value)
    assert message.startswith("docs/glossary/tmd.md:4: abbreviation 'TMD' is already owned by docs/glossary/nmd.md:4")
    assert "exactly one glossary page" in message


def test_command_line_writes_then_checks(tmp_path, capsys):
    docs = tmp_path / "docs" / "glossary"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Glossary\n")
    (docs / "tkr.md").write_text('---\nabbreviations:\n  TKR: "Trans-Korean Railway"\n---\n# TKR\n\nA line.\n')
    out = tmp_path / "includes" / "abbreviations.md"
    assert main([str(tmp_path / "docs"), str(out)]) == 0
    assert out.read_text().endswith("*[TKR]: Trans-Korean Railway\n")
    assert main(["--check", str(tmp_path / "docs"), str(out)]) == 0
    (docs / "tkr.md").write_text('---\nabbreviations:\n  TKR: "Trans-Korean Rail"\n---\n# TKR\n\nA line.\n')
    assert main(["--check", str(tmp_path / "docs"), str(out)]) == 1
    assert "'TKR' is 'Trans-Korean Railway' here but 'Trans-Korean Rail'" in capsys.readouterr().err
