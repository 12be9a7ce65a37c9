"""bibliography/*.bib: every planned key exists once, and every entry follows the conventions.

The conventions (CONTRIBUTING.md, "Add a source"): a key is one the build
accepts (``bibfiles.KEY``: ``yeo-2001``, also ``Yeo2001`` or ``Kim:2001`` as
reference managers write them), and a planned key, lowercase with hyphens, is
its own id on the bibliography page (classroom links point at those ids);
`keywords` is exactly one of the four groups of the bibliography page; an FBIS item carries
its Daily Report identifier in `series` (Chicago prints it after the report title; `number`
would print as "nos. …").
"""
import re
from collections import Counter
from pathlib import Path

import pytest
from pybtex.database import parse_file

from studybook.citations.bibfiles import anchor_id, key_problem

BIB_DIR = Path(__file__).resolve().parents[3] / "bibliography"
BIB_FILES = sorted(BIB_DIR.glob("*.bib"))
ENTRIES = [(path.name, key, entry) for path in BIB_FILES for key, entry in parse_file(str(path)).entries.items()]

KEYWORDS = {"primary", "press", "scholarly", "reference"}
FBIS_NUMBER = re.compile(r"^FBIS-(SOV|EAS|CHI)-\d{4}-\d{4}$")

# The keys chapter writers cite, as listed in the shared plan ("Bibliography keys").
PLANNED_KEYS = (
    # Scholarly works
    "yeo-2001", "joo-2001", "kunadze-1999", "afanasiev-1998", "fedorov-1999",
    # Press and broadcast reports cited in the article's notes (note number in the comment)
    "fbis-sov-2000-0209-arrival",           # 7
    "fbis-sov-2000-0209-message",           # 8
    "yonhap-2000-treaty-text",              # 10
    "fbis-sov-2000-0209-new-stage",         # 11
    "fbis-sov-2000-0208-spokesman",         # 12
    "fbis-eas-2000-0210-chill",             # 13
    "fbis-eas-2000-0209-rok-interests",     # 14
    "fbis-eas-2000-0614-moscow-hopes",      # 15
    "russian-broadcasting-2000-06-16",      # 16
    "fbis-sov-2000-0720-kcna-declaration",  # 17
    "fbis-sov-2000-0719-booster",           # 18
    "trade-office-moscow-1994",             # 19
    "izvestiya-2000-07-25",                 # 20
    "fbis-eas-2001-0318-railway",           # 21
    "fbis-sov-2001-0228-arms",              # 22
    "fbis-eas-2001-0227-joint-statement",   # 23
    "hankooki-2001-missile-shield",         # 26
    "hankooki-2001-kim-bush",               # 27
    "russiatoday-2001-kremlin-pleased",     # 28
    "fbis-sov-2001-0223-lng",               # 29
    "joongang-2001-06-26",                  # 31
    # Primary documents
    "foreign-policy-concept-2000", "treaty-1961", "treaty-1992", "treaty-2000",
    "rok-russia-declaration-1994", "declaration-2000", "statement-2001",
    "denuclearization-declaration-1992", "agreed-framework-1994", "june-15-declaration-2000",
    "perry-report-1999", "putin-assembly-speech-2001",
    # Reference works for the article's slips
    "constitution-rf-1993", "start-ii-facts",
)


def test_the_bibliography_files_exist():
    names = {path.name for path in BIB_FILES}
    assert {"article-sources.bib", "primary-documents.bib", "reference.bib"} <= names


@pytest.mark.parametrize("key", PLANNED_KEYS)
def test_planned_key_is_defined_exactly_once(key):
    where = [name for name, k, _ in ENTRIES if k == key]
    assert len(where) == 1, f"{key}: defined in {where or 'no file'}; it must be defined exactly once"


@pytest.mark.parametrize("key", PLANNED_KEYS)
def test_planned_key_is_its_own_id(key):
    assert anchor_id(key) == key, f"{key}: its bibliography id would change to {anchor_id(key)!r}"


def test_no_key_is_defined_in_two_files():
    counts = Counter(key for _, key, _ in ENTRIES)
    assert not [key for key, n in counts.items() if n > 1]


@pytest.mark.parametrize("name, key, entry", ENTRIES, ids=[key for _, key, _ in ENTRIES])
def test_entry_follows_the_conventions(name, key, entry):
    assert key_problem(key) is None, f"{name}: key {key!r} is not allowed: {key_problem(key)}"
    keywords = entry.fields.get("keywords", "")
    assert keywords in KEYWORDS, f"{name}: {key} has keywords {keywords!r}; use exactly one of {sorted(KEYWORDS)}"
    if key.startswith("fbis-") or "FBIS" in entry.fields.get("journaltitle", ""):
        number = entry.fields.get("series", "")
        assert FBIS_NUMBER.match(number), f"{name}: {key} needs its FBIS identifier in series, got {number!r}"
