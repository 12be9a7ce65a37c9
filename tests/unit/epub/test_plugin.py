"""studybook-epub in mini sites: the EPUB it writes, and the bad input that stops the build."""
import zipfile

CONFIG = """use_directory_urls: false   # as the offline build (studybook-offline) sets it
plugins:
  - studybook-edition
  - studybook-epub:
      enabled: true
      authors: ["In-Kon Yeo: the analysis"]
"""
NAV = "nav:\n  - index.md\n  - chapters/index.md\n  - chapters/one.md\n  - bibliography.md\n"
PAGES = {
    "index.md": "# Home\n\n<!-- studybook:edition -->\n",
    "chapters/index.md": "# Chapters\n",
    "chapters/one.md": ("# One { #one }\n\n## Start { #start }\n\nA paragraph.[^a]\n{: #p-abcd }\n\n"
                        "![A map of the rail link](../map.svg)\n\n[^a]: A note.\n"),
    "bibliography.md": "# Bibliography\n\nSee [one](chapters/one.md#p-abcd).\n",
    "map.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Map</title></svg>',
}


def test_a_mini_book_becomes_an_epub_with_its_ids_notes_and_figure(mini_site):
    build = mini_site(PAGES, CONFIG + NAV)
    assert build.ok, build.output
    with zipfile.ZipFile(build.site / "book.epub") as zf:
        names = zf.namelist()
        chapter = zf.read("EPUB/text/chapters-one.xhtml").decode()
        bibliography = zf.read("EPUB/text/bibliography.xhtml").decode()
    assert names[0] == "mimetype" and "EPUB/map.svg" in names and "EPUB/images/cover.svg" in names
    assert '<p id="p-abcd">' in chapter and 'src="../map.svg"' in chapter
    assert 'epub:type="noteref"' in chapter and '<aside id="fn:a"' in chapter
    assert 'href="chapters-one.xhtml#p-abcd"' in bibliography


def test_a_chapter_missing_from_the_reading_order_stops_the_build(mini_site):
    build = mini_site({**PAGES, "chapters/two.md": "# Two\n"}, CONFIG + NAV)
    assert not build.ok
    assert "docs/chapters/two.md: this chapter is not in the reading order (nav in mkdocs.yml)" in build.output
    assert "Fix: add 'chapters/two.md' to nav in mkdocs.yml" in build.output


def test_an_image_without_a_text_alternative_stops_the_build(mini_site):
    pages = {**PAGES, "chapters/one.md": "# One\n\nText.\n\n![](../map.svg)\n"}
    build = mini_site(pages, CONFIG + NAV)
    assert not build.ok
    assert "docs/chapters/one.md:5: the image map.svg has no text alternative" in build.output
    assert "Fix: write what the image shows between the brackets" in build.output


def test_a_paragraph_id_in_two_documents_stops_the_build(mini_site):
    pages = {**PAGES, "bibliography.md": "# Bibliography\n\nCopied.\n{: #p-abcd }\n"}
    build = mini_site(pages, CONFIG + NAV)
    assert not build.ok
    assert ("docs/bibliography.md:4: the paragraph id p-abcd is also used in docs/chapters/one.md, "
            "so a link to #p-abcd would name two places in the EPUB") in build.output
    assert "run `make ids`" in build.output


def test_the_online_build_writes_no_epub(mini_site):
    build = mini_site(PAGES, CONFIG.replace("enabled: true", "enabled: false") + NAV)
    assert build.ok, build.output
    assert not (build.site / "book.epub").exists()
