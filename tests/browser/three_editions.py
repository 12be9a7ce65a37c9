"""Three editions of the real book, published with `make publish` (mike), for the changes tests.

1.0 is the book as it is; 1.1 rewords a paragraph, adds one, moves one within
its chapter, renames a heading and changes only the quotes of another; 1.2
moves a paragraph to the next chapter (declared in redirects.yml) and moves a
page (with its redirect). ``publish_three`` publishes them and serves gh-pages;
the session fixture ``three`` (tests/conftest.py) calls it once for every test
module that needs it.
"""
from __future__ import annotations

import re

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


def publish_three(tmp_path_factory):
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
    return repo, server, site_url, first, second


def page(repo, version):
    return git(repo, "show", f"gh-pages:{version}/changes/index.html")


def text_of(html):
    i = html.index("md-content__inner")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[i:html.index("</article>", i)]))


