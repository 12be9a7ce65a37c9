"""Guards on the book's content (issue 3): the study apparatus, nav, timeline, people, the article's notes.

These read the Markdown sources; the strict build checks links and anchors as well.
"""
import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
CHAPTERS = sorted(p for p in (DOCS / "chapters").glob("*.md") if p.name != "index.md")


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring its !ENV and !!python tags."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def nav_pages() -> list[str]:
    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=_Loader)
    found: list[str] = []

    def walk(node):
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(config["nav"])
    return found


def section(text: str, heading_id: str) -> str:
    """The Markdown of the level-2 section with this id, up to the next level-2 heading."""
    m = re.search(rf"^## .*\{{ #{heading_id} \}}\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert m, f"no section {{ #{heading_id} }}"
    return m.group(1)


def items(markdown: str, marker: str) -> int:
    return len(re.findall(rf"^\s*{marker}\s", markdown, re.M))


@pytest.mark.parametrize("page", CHAPTERS, ids=lambda p: p.stem)
def test_every_chapter_has_the_study_apparatus(page):
    text = page.read_text(encoding="utf-8")
    assert re.search(r"^description: .+", text, re.M), "front matter needs a description"
    assert re.search(rf"^# .+\{{ #{page.stem}\b[^}}]*\}}\s*$|^# .+\{{ #[a-z0-9-]+ \}}\s*$", text, re.M), \
        "the title needs a fixed id"
    objectives = re.search(r'^!!! abstract "Learning objectives"\n(.*?)(?=^\S)', text, re.M | re.S)
    assert objectives, "learning objectives admonition missing"
    assert 3 <= items(objectives.group(1), "-") <= 5, "3-5 learning objectives"
    assert 3 <= items(section(text, "key-takeaways"), "-") <= 6, "3-6 key takeaways"
    assert 3 <= items(section(text, "discussion-questions"), r"\d+\.") <= 6, "3-6 discussion questions"
    body_sections = re.findall(r"^## .+\{ #[a-z0-9-]+ \}\s*$", text, re.M)
    assert len(body_sections) >= 4, "the body is in titled sections with fixed ids"


def test_every_chapter_is_in_nav_in_the_articles_order():
    nav = [p for p in nav_pages() if p.startswith("chapters/") and p != "chapters/index.md"]
    assert sorted(nav) == sorted(f"chapters/{p.name}" for p in CHAPTERS)
    assert nav[0] == "chapters/introduction.md" and nav[-1] == "chapters/afterword.md"


def test_the_afterword_is_marked_as_ours():
    text = (DOCS / "chapters" / "afterword.md").read_text(encoding="utf-8")
    opening = text.split("\n## ", 1)[0]
    assert re.search(r"not Yeo", opening), "the afterword must say at the top that it is ours, not Yeo's"


def anchors_of(page: Path) -> set[str]:
    return set(re.findall(r"\{:?\s*#([A-Za-z][\w-]*)", page.read_text(encoding="utf-8")))


def test_timeline_links_resolve_to_chapter_sections():
    text = (DOCS / "timeline.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\((chapters/[a-z0-9-]+\.md)#([\w-]+)\)", text)
    assert len(links) >= 40, "the timeline links at least 40 events to chapter sections"
    for target, anchor in links:
        assert anchor in anchors_of(DOCS / target), f"timeline links to missing {target}#{anchor}"


def test_timeline_has_forty_dated_events_from_the_article():
    text = (DOCS / "timeline.md").read_text(encoding="utf-8")
    article_part = text.split("\n## After the article", 1)[0]
    years = re.findall(r"\b(19[6-9]\d|200[01])\b", article_part)
    assert "1961" in years and "2001" in years
    rows = [line for line in article_part.splitlines() if line.startswith("|") and re.search(r"\d{4}", line)]
    assert len(rows) >= 40


PEOPLE = sorted(p for p in (DOCS / "people").glob("*.md") if p.name != "index.md")


@pytest.mark.parametrize("page", PEOPLE, ids=lambda p: p.stem)
def test_every_person_page_links_to_a_chapter(page):
    assert re.search(r"\]\(\.\./chapters/[a-z0-9-]+\.md(#[\w-]+)?\)", page.read_text(encoding="utf-8"))


# Where each of the article's 31 notes stands in the book: (note, chapter, what must be there).
# Citation notes appear as their BibTeX key; explanatory notes (1, 3, 9, 25, 31) as our own notes
# carrying their facts; note 24, missing from the source, as our note saying so.
ARTICLE_NOTES = [
    (1, "yeltsin-and-the-two-koreas", "US$23.54 million"),
    (2, "yeltsin-and-the-two-koreas", "@kunadze-1999, pp. 5–8"),
    (3, "yeltsin-and-the-two-koreas", "@rok-russia-declaration-1994"),
    (4, "putins-principles", "@foreign-policy-concept-2000"),
    (5, "putins-principles", "@fedorov-1999, pp. 47–52"),
    (6, "putins-principles", "@foreign-policy-concept-2000, p. 12"),
    (7, "treaty-with-pyongyang", "@fbis-sov-2000-0209-arrival, p. 1"),
    (8, "treaty-with-pyongyang", "@fbis-sov-2000-0209-message, p. 1"),
    (9, "treaty-with-pyongyang", "30 October 2000"),
    (10, "treaty-with-pyongyang", "@yonhap-2000-treaty-text"),
    (11, "treaty-with-pyongyang", "@fbis-sov-2000-0209-new-stage, p. 1"),
    (12, "treaty-with-pyongyang", "@fbis-sov-2000-0208-spokesman, p. 1"),
    (13, "treaty-with-pyongyang", "@fbis-eas-2000-0210-chill, p. 1"),
    (14, "treaty-with-pyongyang", "@fbis-eas-2000-0209-rok-interests, p. 1"),
    (15, "summit-and-pyongyang-visit", "@fbis-eas-2000-0614-moscow-hopes, p. 1"),
    (16, "summit-and-pyongyang-visit", "@russian-broadcasting-2000-06-16"),
    (17, "summit-and-pyongyang-visit", "@fbis-sov-2000-0720-kcna-declaration"),
    (18, "summit-and-pyongyang-visit", "@fbis-sov-2000-0719-booster, p. 1"),
    (19, "tripartite-cooperation", "@trade-office-moscow-1994, pp. 128–130"),
    (20, "tripartite-cooperation", "@izvestiya-2000-07-25"),
    (21, "tripartite-cooperation", "@fbis-eas-2001-0318-railway, p. 1"),
    (22, "putin-in-seoul", "@fbis-sov-2001-0228-arms, p. 1"),
    (23, "putin-in-seoul", "@fbis-eas-2001-0227-joint-statement, p. 1"),
    (24, "putin-in-seoul", "@putin-assembly-speech-2001"),
    (25, "putin-in-seoul", "@start-ii-facts"),
    (26, "putin-in-seoul", "@hankooki-2001-missile-shield"),
    (27, "putin-in-seoul", "@hankooki-2001-kim-bush"),
    (28, "putin-in-seoul", "@russiatoday-2001-kremlin-pleased, p. 2"),
    (29, "putin-in-seoul", "@fbis-sov-2001-0223-lng"),
    (30, "prospects", "@afanasiev-1998, p. 26"),
    (31, "prospects", "@joongang-2001-06-26"),
]


def test_the_table_covers_all_31_notes():
    assert [n for n, _, _ in ARTICLE_NOTES] == list(range(1, 32))


@pytest.mark.parametrize("note, chapter, needle", ARTICLE_NOTES, ids=lambda v: str(v))
def test_each_article_note_is_represented(note, chapter, needle):
    text = (DOCS / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")
    assert needle in text, f"article note {note} should appear in chapters/{chapter}.md as {needle!r}"


def test_note_24_is_marked_missing_where_it_would_stand():
    text = (DOCS / "chapters" / "putin-in-seoul.md").read_text(encoding="utf-8")
    assert re.search(r"^\[\^[\w-]+\]:.*note 24[^.]*missing", text, re.M), \
        "our note must say that the article's note 24 is missing from the source"


# -- The book's own words -----------------------------------------------------------

SOURCE_OVERLAP = REPO.parent / "shared" / "tools" / "source-overlap"


@pytest.mark.parametrize("mode", [[], ["--near"]], ids=["repeats", "close-paraphrases"])
def test_the_book_does_not_repeat_or_closely_follow_the_article(mode):
    """The shared tool's own thresholds: no 12-word repeat, no line that mostly follows one sentence."""
    import subprocess
    import sys

    assert SOURCE_OVERLAP.is_file(), f"{SOURCE_OVERLAP} is missing: the check cannot run, so it fails"
    result = subprocess.run([sys.executable, str(SOURCE_OVERLAP), str(DOCS), *mode],
                            capture_output=True, text=True, cwd=REPO)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "no passage of 12+ words repeats the article" in report, report
    if mode:
        assert "no close paraphrase" in report, report
