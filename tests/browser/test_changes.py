"""Changes in this edition, on the real book published three times with `make publish` (mike).

1.0 is the book as it is; 1.1 rewords a paragraph, adds one, moves one within
its chapter, renames a heading and changes only the quotes of another; 1.2
moves a paragraph to the next chapter (declared in redirects.yml) and moves a
page (with its redirect). Each edition's changes page must say what changed,
the first that there is nothing to compare, and publishing must leave the
earlier editions byte-identical.
"""
import re

import pytest
from playwright.sync_api import expect

from conftest import add_changelog_entry, commit_all, copy_repo, export_pages, free_port, git, publish, serve

CH5 = "docs/chapters/treaty-with-pyongyang.md"
CH6 = "docs/chapters/summit-and-pyongyang-visit.md"
EDITED, EDIT_OLD, EDIT_NEW = "p-yhys", "did not meet Kim Jong Il himself", "never met Kim Jong Il in person"
QUOTES_ONLY = "p-vv7j"          # its apostrophes become straight ones: not a change
SWAPPED = ("p-2nsr", "p-kq3h")  # p-2nsr moves below p-kq3h, within chapter 5
TO_CH6 = "p-8jqi"               # moves to chapter 6 in 1.2, id kept, move declared
ADDED = "p-zz01"


def blocks(text):
    return text.split("\n\n")


def block_of(parts, pid):
    [i] = [i for i, b in enumerate(parts) if b.rstrip().endswith(f"{{ #{pid} }}")]
    return i


def edit_11(repo):
    path = repo / CH5
    text = path.read_text(encoding="utf-8")
    assert EDIT_OLD in text
    text = text.replace(EDIT_OLD, EDIT_NEW)
    text = text.replace("## Ivanov in Pyongyang { #ivanov-in-pyongyang }",
                        "## Igor Ivanov's visit to Pyongyang { #ivanov-in-pyongyang }")
    parts = blocks(text)
    q = block_of(parts, QUOTES_ONLY)
    parts[q] = parts[q].replace("’", "'")
    a, b = block_of(parts, SWAPPED[0]), block_of(parts, SWAPPED[1])
    parts[a], parts[b] = parts[b], parts[a]
    parts.insert(block_of(parts, EDITED) + 1,
                 f"This sentence is new in edition 1.1, added by the test.\n{{ #{ADDED} }}")
    path.write_text("\n\n".join(parts), encoding="utf-8")
    add_changelog_entry(repo, "1.1", "2026-12-02", "Chapter 5 edited.")
    commit_all(repo, "Edition 1.1")


def edit_12(repo):
    ch5, ch6 = repo / CH5, repo / CH6
    parts = blocks(ch5.read_text(encoding="utf-8"))
    moved = parts.pop(block_of(parts, TO_CH6))
    ch5.write_text("\n\n".join(parts), encoding="utf-8")
    six = blocks(ch6.read_text(encoding="utf-8"))
    heading = next(i for i, b in enumerate(six) if b.startswith("## "))
    six.insert(heading + 1, moved)
    ch6.write_text("\n\n".join(six), encoding="utf-8")
    git(repo, "mv", "docs/teaching/essay-prompts.md", "docs/teaching/essays.md")
    for f in [*repo.glob("docs/**/*.md"), repo / "mkdocs.yml"]:
        t = f.read_text(encoding="utf-8")
        if "essay-prompts.md" in t:
            f.write_text(t.replace("essay-prompts.md", "essays.md"), encoding="utf-8")
    (repo / "redirects.yml").write_text(
        "pages:\n  teaching/essay-prompts.md: teaching/essays.md\nanchors:\n"
        f"  chapters/treaty-with-pyongyang.md#{TO_CH6}: chapters/summit-and-pyongyang-visit.md#{TO_CH6}\n")
    add_changelog_entry(repo, "1.2", "2026-12-03", "A paragraph moved to chapter 6; essay prompts moved.")
    commit_all(repo, "Edition 1.2")


def tree(repo, folder):
    return git(repo, "ls-tree", "-r", "gh-pages", "--", folder)


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    port = free_port()
    site_url = f"http://127.0.0.1:{port}/"
    repo = copy_repo(tmp_path_factory.mktemp("changes-repo"))
    publish(repo, "1.0", site_url=site_url)
    first = tree(repo, "1.0")
    edit_11(repo)
    publish(repo, "1.1", site_url=site_url)
    second = tree(repo, "1.1")
    edit_12(repo)
    publish(repo, "1.2", site_url=site_url)
    server = serve(export_pages(repo, tmp_path_factory.mktemp("changes-pages")), port)
    yield repo, server, site_url, first, second


def page(repo, version):
    return git(repo, "show", f"gh-pages:{version}/changes/index.html")


def text_of(html):
    i = html.index("md-content__inner")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[i:html.index("</article>", i)]))


@pytest.mark.slow
def test_earlier_editions_stay_byte_identical(three):
    repo, _, _, first, second = three
    assert tree(repo, "1.0") == first and tree(repo, "1.1") == second
    assert git(repo, "cat-file", "-e", "gh-pages:1.2/texts.json") == ""


@pytest.mark.slow
def test_the_first_edition_has_nothing_to_compare(three):
    assert "This is the first edition: there is no earlier edition to compare it with." in \
        text_of(page(three[0], "1.0"))


@pytest.mark.slow
def test_edition_11_lists_its_changes(three):
    repo, _, site_url = three[:3]
    html = page(repo, "1.1")
    text = text_of(html)
    assert "Chapter 5 edited." in text                                    # the editors' summary first
    assert text.index("Chapter 5 edited.") < text.index("In numbers")
    assert "[deleted: did not meet ]" in text.replace("did not meet Kim", "did not meet ") or \
        "[deleted: did not meet" in text
    assert "[inserted: never met" in text and "[inserted: in person" in text
    assert f'href="{site_url}1.0/chapters/treaty-with-pyongyang/#{EDITED}"' in html
    assert f'href="{site_url}1.1/chapters/treaty-with-pyongyang/#{EDITED}"' in html
    assert "Heading renamed" in text and "Igor Ivanov" in text
    assert "Paragraph added" in text and "This sentence is new in edition 1.1" in text
    # Two paragraphs swapped: one of them is reported moved (the other keeps its place).
    assert any(f"1.1/chapters/treaty-with-pyongyang/#{pid}" in html for pid in SWAPPED)
    assert "Paragraph moved" in text
    assert f"#{QUOTES_ONLY}" not in html                                 # quotes only: not listed
    assert "Paragraphs moved: 1" in text and "Headings renamed: 1" in text


@pytest.mark.slow
def test_edition_12_lists_the_declared_move_and_the_moved_page(three):
    repo, _, site_url = three[:3]
    html = page(repo, "1.2")
    text = text_of(html)
    assert "Chapter 6:" in text and "Paragraph moved from chapters/treaty-with-pyongyang/" in text
    assert f'href="{site_url}1.1/chapters/treaty-with-pyongyang/#{TO_CH6}"' in html
    assert f'href="{site_url}1.2/chapters/summit-and-pyongyang-visit/#{TO_CH6}"' in html
    assert "The page moved from teaching/essay-prompts/ to teaching/essays/" in text


@pytest.mark.slow
@pytest.mark.browser
def test_the_changes_page_reads_well_and_passes_axe(three, browser):
    from test_every_page import AXE, AXE_RESULT, NO_TRANSITIONS, WCAG_TAGS

    # axe on the page's own content: Material's version selector, shown only on published
    # editions, has a finding of its own (label-content-name-mismatch), not this page's.
    start_axe = """tags => { window.__axe = axe.run({include: [['.md-content']]},
      {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}).then(result =>
      result.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))); }"""

    site_url = three[2]
    for scheme in ("light", "dark"):
        for width, mobile in ((375, True), (1280, False)):
            context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=mobile,
                                          has_touch=mobile, color_scheme=scheme)
            context.add_init_script(path=str(AXE))
            context.add_init_script(NO_TRANSITIONS)
            tab = context.new_page()
            tab.goto(f"{site_url}1.1/changes/")
            expect(tab.locator("ins").first).to_be_visible()
            assert tab.evaluate("document.documentElement.scrollWidth") <= width
            tab.screenshot(path=f"/tmp/changes-{scheme}-{width}.png", full_page=False)
            tab.evaluate(start_axe, WCAG_TAGS)
            assert tab.evaluate(AXE_RESULT) == [], (scheme, width)
            context.close()
