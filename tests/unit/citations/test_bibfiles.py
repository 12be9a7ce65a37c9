"""studybook.citations.bibfiles: the .bib files load, and every kind of bad entry stops the build with file, line and key."""
from pathlib import Path

import pytest

from studybook.citations.bibfiles import GROUPS, REQUIRED, anchor_id, key_problem, load_bibliography, parse_bib
from studybook.errors import BookError

FIXTURE = Path(__file__).parents[2] / "fixtures" / "sources.bib"
GOOD = "@book{kunadze-1999,\n  title = {X}, author = {Kunadze, G.},\n  date = {1999},\n  keywords = {scholarly},\n}\n"


def test_fixture_loads_with_groups_and_lines():
    bib = load_bibliography([FIXTURE], FIXTURE.parent)
    assert set(bib.entries) == {"joo-2001", "yeo-2001", "treaty-2000", "perry-report-1999",
                                "fbis-sov-2000-0209-arrival", "constitution-rf-1993", "fixture-online"}
    joo = bib.entries["joo-2001"]
    assert (joo.file, joo.line, joo.type, joo.group) == ("sources.bib", 5, "article", "scholarly")
    assert joo.fields["author"] == "Joo, Seung-Ho"
    assert {e.group for e in bib.entries.values()} == set(GROUPS)


def test_digest_changes_with_content(tmp_path):
    a = tmp_path / "a.bib"
    a.write_text(GOOD)
    first = load_bibliography([a], tmp_path).digest
    a.write_text(GOOD.replace("{X}", "{Y}"))
    assert load_bibliography([a], tmp_path).digest != first


@pytest.mark.parametrize(
    "text, where, problem",
    [
        # (file text, "file:line" the message starts with, words the message must contain)
        # An unclosed brace names the entry where it opens, not the end of the file.
        (GOOD + "\n@book{b,\n  title = {Unclosed,\n  date = {2000},\n}\n\n@book{c, title={Y}, date={1}}\n",
         "a.bib:7", "malformed entry 'b' (@book): a '{' is never closed"),
        # A stray "}" ends an entry early; BibTeX would silently drop what follows.
        (GOOD + "@book{d, title = {X}},\n  date = {2000}}\n", "a.bib:6",
         "malformed entry 'd' (@book): stray text after the entry's last '}' (an extra '}'?): ', date = {2000}}'"),
        # pybtex's own syntax errors carry its line and the entry around it.
        ("\n@book{e, title = {X} date = {1999}}\n", "a.bib:2", "malformed BibTeX in entry 'e'"),
        ("@book{f, title = X}\n", "a.bib:1", "malformed BibTeX in entry 'f'"),
        # Keys.
        # Keys: what a citation [@key] cannot name, with a key that can.
        ("@book{Yeo!2001, title={X}, date={1}, keywords={scholarly}}\n", "a.bib:1",
         "entry key 'Yeo!2001' is not allowed: it contains '!', which a citation [@key] cannot hold\n"
         "  Fix: rename it and its citations, e.g. 'Yeo-2001'"),
        ("@book{Yeo<2001>, title={X}, date={1}, keywords={scholarly}}\n", "a.bib:1", "it contains '<'"),
        ("@book{yeo--2001, title={X}, date={1}, keywords={scholarly}}\n", "a.bib:1",
         "entry key 'yeo--2001' is not allowed: it has '--': two marks in a row"),
        ("@book{yeo-2001., title={X}, date={1}, keywords={scholarly}}\n", "a.bib:1",
         "it ends with '.', which pandoc would leave out of [@yeo-2001.]"),
        ("@book{:yeo, title={X}, date={1}, keywords={scholarly}}\n", "a.bib:1", "it starts with ':'"),
        # BibTeX takes keys that differ only in case for one key.
        (GOOD + GOOD.replace("kunadze-1999", "Kunadze-1999"), "a.bib:6",
         "duplicate key 'Kunadze-1999': it is already defined on line 1 as 'kunadze-1999' (BibTeX takes keys"),
        # Two keys, one id on the bibliography page.
        (GOOD.replace("kunadze-1999", "Kunadze:1999") + GOOD, "a.bib:6",
         "entry keys 'Kunadze:1999' (a.bib:1) and 'kunadze-1999' (a.bib:6) would both have the id "
         "'kunadze-1999' on the bibliography page"),
        ("@book{, title={X}}\n", "a.bib:1", "an @book entry has no key"),
        (GOOD + GOOD.replace("{X}", "{Y}"), "a.bib:6", "duplicate key 'kunadze-1999': it is already defined on line 1"),
        # Types and required fields.
        ("@patent{p, title={X}, date={1}, keywords={primary}}\n", "a.bib:1",
         "entry 'p' has the type @patent, which the book does not use"),
        ("@article{izvestiya,\n date={2000}, keywords={press}}\n", "a.bib:1",
         "entry 'izvestiya' (@article) has none of the fields 'title', 'journaltitle', 'journal'"),
        ("@article{yeo-2001,\n titel={X}, author={Yeo, In-Kon}, date={2001}, keywords={scholarly}}\n", "a.bib:1",
         "entry 'yeo-2001' (@article) has none of the fields 'title', 'journaltitle', 'journal'"),
        ("@online{mid,\n title={X}, date={2000}, keywords={primary}}\n", "a.bib:1",
         "entry 'mid' (@online) has none of the fields 'url', 'organization', 'author'"),
        ("@inproceedings{kunadze-1999,\n title={X}, eventtitle={Y}, keywords={scholarly}}\n", "a.bib:1",
         "entry 'kunadze-1999' (@inproceedings) has none of the fields 'date', 'year', 'eventdate'"),
        ("@legal{treaty-2000, title={X}, keywords={primary}}\n", "a.bib:1",
         "entry 'treaty-2000' (@legal) has none of the fields 'date', 'year'"),
        ("@book{k, title={X}, author={A}, year={1999}}\n", "a.bib:1",
         "entry 'k' needs exactly one bibliography group in 'keywords' (found none)"),
        ("@book{k, title={X}, author={A}, year={1999}, keywords={primary, press}}\n", "a.bib:1",
         "needs exactly one bibliography group in 'keywords' (found 'primary, press')"),
    ],
)
def test_bad_entries_name_file_line_and_key(tmp_path, text, where, problem):
    path = tmp_path / "a.bib"
    path.write_text(text)
    with pytest.raises(BookError) as err:
        load_bibliography([path], tmp_path)
    message = str(err.value)
    assert message.startswith(where + ": "), message
    assert problem in message
    assert "Fix:" in message


@pytest.mark.parametrize(
    "key, anchor",
    [
        # (a key as a reference manager or a maintainer writes it, its id on the bibliography page)
        ("yeo-2001", "yeo-2001"),                       # the book's own keys are their own ids
        ("fbis-sov-2000-0209-arrival", "fbis-sov-2000-0209-arrival"),
        ("1999report", "1999report"),
        ("Yeo2001", "yeo2001"),                         # JabRef, Zotero
        ("yeo2001putin", "yeo2001putin"),               # Google Scholar
        ("Yeo_2001", "yeo_2001"),
        ("Kim:2001", "kim-2001"),
        ("doi:10.1000/xyz", "doi-10-1000-xyz"),         # a DOI-style key
        ("Lee&Park+2002?", None),                       # ends with a mark: refused
        ("Lee&Park+2002", "lee-park-2002"),
        ("Müller2001", "muller2001"),                   # accents dropped in the id only
    ],
)
def test_keys_as_reference_managers_write_them(key, anchor):
    if anchor is None:
        assert key_problem(key)
        return
    assert key_problem(key) is None
    entry = parse_bib(f"@book{{{key}, title={{X}}, date={{2001}}, keywords={{scholarly}}}}\n", "x.bib")[0]
    assert (entry.key, entry.anchor) == (key, anchor)
    assert anchor_id(key) == anchor


def test_duplicate_key_across_files_names_both(tmp_path):
    (tmp_path / "a.bib").write_text(GOOD)
    (tmp_path / "b.bib").write_text("\n\n" + GOOD)
    with pytest.raises(BookError) as err:
        load_bibliography([tmp_path / "a.bib", tmp_path / "b.bib"], tmp_path)
    assert str(err.value).startswith("b.bib:3: duplicate key 'kunadze-1999': it is already defined in a.bib:1")


@pytest.mark.parametrize(
    "text",
    [
        # Entries with only what can be verified still load.
        "@article{a, title={X}, journal={J}, year={2001}, keywords={scholarly, fbis}}",     # BibTeX aliases
        "@article{a, author={Yeo, In-Kon}, title={X}, date={2001}, keywords={scholarly}}",  # journal unknown
        "@inproceedings{a, title={X}, eventtitle={Y}, eventdate={1999-10-28}, keywords={scholarly}}",
        "@online{a, title={X}, url={https://example.org}, urldate={2024-05-01}, keywords={press}}",
        "@online{a, title={X}, organization={Yonhap News}, keywords={press}}",             # address unknown
        "@article{a, entrysubtype={newspaper}, journaltitle={Izvestiya}, date={2000-07-25}, keywords={press}}",
    ],
)
def test_minimal_verified_entries_are_accepted(text):
    assert parse_bib(text, "x.bib")[0].group in GROUPS


def test_every_type_requires_a_title_or_a_journal():
    assert all(any("title" in options for options in fields) for fields in REQUIRED.values())


def test_comments_and_strings_between_entries_are_fine():
    text = ("% Press items\n@string{fbis = {FBIS Daily Report}}\n\n@comment{anything {here}}\n"
            + GOOD + "% end\n")
    assert [e.key for e in parse_bib(text, "x.bib")] == ["kunadze-1999"]
    assert parse_bib(text, "x.bib")[0].line == 5


@pytest.mark.parametrize(
    "second, problem",
    [
        # (the second file's entry, after GOOD in a.bib: the message, which names both entries)
        (GOOD.replace("kunadze-1999", "Kunadze-1999"),
         "b.bib:3: duplicate key 'Kunadze-1999': it is already defined in a.bib:1 as 'kunadze-1999'"),
        (GOOD.replace("kunadze-1999", "kunadze:1999"),
         "b.bib:3: entry keys 'kunadze-1999' (a.bib:1) and 'kunadze:1999' (b.bib:3) would both have the id "
         "'kunadze-1999'"),
    ],
)
def test_keys_that_clash_across_files(tmp_path, second, problem):
    (tmp_path / "a.bib").write_text(GOOD)
    (tmp_path / "b.bib").write_text("\n\n" + second)
    with pytest.raises(BookError) as err:
        load_bibliography([tmp_path / "a.bib", tmp_path / "b.bib"], tmp_path)
    assert str(err.value).startswith(problem), str(err.value)
