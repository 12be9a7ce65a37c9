"""studybook.glossary.keyterms: each chapter's "Key terms", made from the glossary, checked."""
import pytest

from studybook.errors import BookError
from studybook.glossary.keyterms import insert_section, linked_slugs, render_key_terms
from studybook.glossary.terms import Term


def term(slug, title):
    return Term(slug, f"docs/glossary/{slug}.md", title, f"The {title}, defined.", f"The {title}, defined.", 5)


TERMS = {"abm-treaty": term("abm-treaty", "ABM Treaty"), "tkr": term("tkr", "Trans-Korean Railway")}
SOURCE = "---\ntitle: One\nkey_terms: [abm-treaty, tkr]\n---\n\n"
BODY = ("# One { #one }\n\nThe [ABM Treaty](term:abm-treaty) and the [railway](../glossary/tkr.md).\n\n"
        "## Key takeaways { #key-takeaways }\n\n- One.\n\n## Discussion questions { #discussion-questions }\n\n1. Why?\n")


def test_the_section_follows_the_takeaways_in_the_listed_order():
    out = render_key_terms(BODY, {"key_terms": ["tkr", "abm-treaty"]}, TERMS, "chapters/one.md", SOURCE + BODY)
    takeaways, terms_at, questions = (out.index(s) for s in ("## Key takeaways", "## Key terms", "## Discussion"))
    assert takeaways < terms_at < questions
    section = out[terms_at:questions]
    assert section.index("[Trans-Korean Railway](term:tkr)") < section.index("[ABM Treaty](term:abm-treaty)")
    assert ":   The ABM Treaty, defined." in section
    assert '<section class="sb-key-terms sb-generated" markdown="1"' in out


def test_linked_slugs_reads_term_links_and_plain_links():
    assert linked_slugs(BODY, "chapters/one.md") == {"abm-treaty", "tkr"}


@pytest.mark.parametrize("meta, body, message", [
    # (front matter, chapter text, the start of the error)
    ({}, BODY, "docs/chapters/one.md: the chapter has no key terms"),
    ({"key_terms": "abm-treaty"}, BODY, "docs/chapters/one.md:3: 'key_terms' must be a non-empty list"),
    ({"key_terms": []}, BODY, "docs/chapters/one.md:3: 'key_terms' must be a non-empty list"),
    ({"key_terms": ["tkr"] * 11}, BODY, "docs/chapters/one.md:3: 11 key terms (at most 10)"),
    ({"key_terms": ["tkr", "tkr"]}, BODY, "docs/chapters/one.md:3: key term 'tkr' is listed twice"),
    ({"key_terms": ["nmd"]}, BODY, "docs/chapters/one.md:3: key term 'nmd' has no glossary page"),
    ({"key_terms": ["tkr"]}, BODY.replace("[railway](../glossary/tkr.md)", "the railway"),
     "docs/chapters/one.md:3: key term 'tkr' is never linked in the chapter's text"),
    ({"key_terms": ["tkr"]}, BODY.replace("## Key takeaways { #key-takeaways }", "## Summary { #summary }"),
     "docs/chapters/one.md: the chapter has no 'Key takeaways' section"),
])
def test_bad_lists_stop_the_build_with_the_line_and_the_fix(meta, body, message):
    with pytest.raises(BookError) as err:
        render_key_terms(body, meta, TERMS, "chapters/one.md", SOURCE + body)
    assert str(err.value).startswith(message) and "\n  Fix: " in str(err.value)


def test_the_section_closes_a_chapter_that_ends_with_its_takeaways():
    out = insert_section("# One\n\n## Key takeaways { #key-takeaways }\n\n- One.\n", "BLOCK\n", "p")
    assert out.endswith("- One.\n\nBLOCK\n\n")


GLOSSARY = {
    "glossary/index.md": "# Glossary\n\n<!-- glossary-index -->\n",
    "glossary/abm-treaty.md": "# ABM Treaty { #abm-treaty }\n\nThe 1972 treaty limiting missile defences.\n",
}


def test_mini_site_lists_key_terms_without_previews_or_backlinks(mini_site):
    chapter = ("---\nkey_terms: [abm-treaty]\n---\n\n# One { #one }\n\n## Start { #start }\n\n"
               "The [ABM Treaty](term:abm-treaty) again.\n{ #p-aaaa }\n\n"
               "## Key takeaways { #key-takeaways }\n\n- One.\n")
    result = mini_site({"index.md": "# Home\n", "chapters/one.md": chapter, **GLOSSARY},
                       "plugins:\n  - studybook-glossary:\n      key_terms: true\n"
                       "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - def_list\n")   # replaces the mini list
    assert result.ok, result.output
    html = result.html("chapters/one/index.html")
    section = html[html.index('class="sb-key-terms'):]
    section = section[:section.index("</section>")]
    assert '<h2 id="key-terms">Key terms' in section
    assert '<dt><a href="../../glossary/abm-treaty/">ABM Treaty</a></dt>' in section      # plain: no preview
    assert "<dd>The 1972 treaty limiting missile defences.</dd>" in section
    backlinks = result.html("glossary/abm-treaty/index.html")
    assert backlinks.count('href="../../chapters/one/#start"') == 1
    assert "#key-terms" not in backlinks


def test_mini_site_requires_key_terms_when_told(mini_site):
    result = mini_site({"index.md": "# Home\n", "chapters/one.md": "# One { #one }\n", **GLOSSARY},
                       "plugins:\n  - studybook-glossary:\n      key_terms: true\n")
    assert not result.ok and "docs/chapters/one.md: the chapter has no key terms" in result.output
