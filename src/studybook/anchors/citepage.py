"""End every chapter with "Cite this page": the edition link, Chicago, APA and BibTeX.

The forms cite our study edition's page (authors "The study-edition team",
the page title, the edition, its date and the edition-pinned address) and say
that the analysis retold is In-Kon Yeo's. They are generated at build time
from the page title and the edition (``studybook.edition``), appended after
the page's notes, listed in the table of contents, and kept out of the
search index. ``docs/assets/js/anchors.js`` adds a copy button to each form;
in print the buttons and the BibTeX form are left out.
"""
from __future__ import annotations

import html
import posixpath
import re

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.toc import AnchorLink

from studybook.anchors.addresses import edition_url, page_path, public_root
from studybook.book import is_chapter
from studybook.edition import MONTHS, Edition, edition_of
from studybook.templating import environment

HEADING_ID = "cite-this-page"
TEMPLATES = environment(__file__)   # templates/cite-this-page.html
# Chicago headline style: these stay lower case unless first, last or after a colon.
MINOR = {"a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by",
         "in", "of", "off", "on", "per", "to", "up", "via", "with", "from", "into", "over",
         "between", "toward", "towards", "after", "before", "against", "about"}


def render(template: str, **values) -> str:
    """One of this package's HTML templates, filled in (studybook.templating)."""
    return TEMPLATES.get_template(template).render(**values)


class CiteConfig(Config):
    authors = opt.Type(str, default="The study-edition team")
    analysis_by = opt.Type(str, default="In-Kon Yeo")
    bibliography = opt.Type(str, default="bibliography.md")   # linked when the page exists
    # Chapters that are our own text, not a retelling of Yeo (the afterword).
    own_text = opt.Type(list, default=["chapters/afterword.md"])


def headline_case(title: str) -> str:
    """Chicago headline-style capitalization: "A new treaty with Pyongyang" -> "A New Treaty with Pyongyang"."""
    tokens = re.split(r"(\s+)", title)
    words = [i for i, t in enumerate(tokens) if t.strip()]
    out = list(tokens)
    after_colon = True
    for pos, i in enumerate(words):
        word = tokens[i]
        first_or_last = after_colon or pos == len(words) - 1
        parts = word.split("-")
        for k, part in enumerate(parts):
            bare = part.lower().strip("“”\"'‘’(),:;.")
            if (k == 0 and first_or_last) or bare not in MINOR or (k > 0 and bare):
                parts[k] = _capitalize(part)
        out[i] = "-".join(parts)
        after_colon = word.endswith(":")
    return "".join(out)


def sentence_case_after_colons(title: str) -> str:
    """APA keeps the author's sentence case but capitalizes the first word after a colon."""
    return re.sub(r":\s+(\w)", lambda m: m.group(0)[:-1] + m.group(1).upper(), title)


def _capitalize(word: str) -> str:
    for i, ch in enumerate(word):
        if ch.isalpha():
            return word[:i] + ch.upper() + word[i + 1:]
    return word


def curly(text: str) -> str:
    """Typographic apostrophes for the HTML forms, as smarty gives the rest of the book."""
    return text.replace("'", "’")


def esc(text: str) -> str:
    return html.escape(curly(text))


def us_date(d) -> str:
    """'November 29, 2026': the date as Chicago writes it in a citation."""
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def chicago(title: str, site: str, edition: Edition, url: str, authors: str, analysis_by: str) -> str:
    """Chicago bibliography entry (HTML)."""
    e = esc
    ed = f"edition {e(edition.version)}"
    analysis = f"Analysis by {e(analysis_by)}. " if analysis_by else ""
    return (f"{e(authors)}. “{e(headline_case(title))}.” In <em>{e(site)}</em>, {ed}. "
            f"{analysis}{us_date(edition.date)}. {html.escape(url)}.")


def apa(title: str, site: str, edition: Edition, url: str, authors: str, analysis_by: str) -> str:
    """APA 7 reference (HTML): a page of a website by a group author."""
    e = esc
    d = edition.date
    ed = f"Edition {e(edition.version)}"
    if analysis_by:
        ed += f"; analysis by {e(analysis_by)}"
    return (f"{e(authors)}. ({d.year}, {MONTHS[d.month - 1]} {d.day}). "
            f"<em>{e(sentence_case_after_colons(title))}</em> ({ed}). "
            f"{e(site)}. {html.escape(url)}")


def bibtex_key(src_uri: str, edition: Edition) -> str:
    slug = posixpath.splitext(posixpath.basename(src_uri))[0]
    return f"studyedition-{slug}-{edition.version}"


def bibtex(key: str, title: str, site: str, edition: Edition, url: str, authors: str, analysis_by: str) -> str:
    """A BibTeX @misc entry (plain text)."""
    d = edition.date
    ed = f"edition {edition.version}"
    fields = [
        ("author", f"{{{authors}}}"),
        ("title", f"{{{headline_case(title)}}}"),
        ("howpublished", f"In \\emph{{{site}}}, {ed}"),
        ("year", str(d.year)),
        ("month", MONTHS[d.month - 1][:3].lower()),
        ("note", f"Analysis by {analysis_by}" if analysis_by else ""),
        ("url", url),
    ]
    fields = [(name, value) for name, value in fields if value]
    body = ",\n".join(f"  {name:<12} = {value if name == 'month' else '{' + value + '}'}"
                      for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}"


def cite_block(*, title: str, site: str, edition: Edition, url: str, key: str,
               authors: str, analysis_by: str, bibliography_href: str | None,
               own_text: bool = False) -> str:
    """The "Cite this page" section (HTML), from templates/cite-this-page.html."""
    e = esc
    args = (title, site, edition, url, authors, "")      # our own text: no "analysis by"
    about = (f"This is edition {e(edition.version)} of the study edition, dated {edition.date_text}. "
             "The link below opens this edition, so the words you cite will not change.")
    if own_text:
        whose = (f"This chapter is our own account of what happened after the article, "
                 f"not part of {e(analysis_by)}’s analysis.")
    else:
        whose = (f"The analysis retold in this chapter is {e(analysis_by)}’s: "
                 "if you use his argument, cite his article too.")
        if bibliography_href:
            whose += f' The <a href="{html.escape(bibliography_href)}">bibliography</a> lists it.'
        args = (title, site, edition, url, authors, analysis_by)
    return render("cite-this-page.html", heading_id=HEADING_ID, url=url,
                  about=about, whose=whose, chicago=chicago(*args), apa=apa(*args),
                  bibtex=bibtex(key, *args))


class CitePlugin(BasePlugin[CiteConfig]):
    """Append "Cite this page" to every chapter."""

    def on_files(self, files, config):
        self.edition = edition_of(config)      # reset on every (re)build
        self.root = public_root(config)
        self.bibliography = files.get_file_from_path(self.config.bibliography)
        return files

    def page_url(self, src_uri: str) -> str:
        return edition_url(self.root, self.edition.version, page_path(src_uri))

    def on_page_content(self, html_text, page, config, files):
        uri = page.file.src_uri
        if not is_chapter(uri):
            return html_text
        href = self.bibliography.url_relative_to(page.file) if self.bibliography else None
        block = cite_block(
            title=page.title or "", site=config.site_name, edition=self.edition,
            url=self.page_url(uri), key=bibtex_key(uri, self.edition),
            authors=self.config.authors, analysis_by=self.config.analysis_by,
            bibliography_href=href, own_text=uri in self.config.own_text)
        add_to_toc(page.toc)
        return html_text + block


def add_to_toc(toc) -> None:
    """List "Cite this page" last, beside the h2s (under the h1 when the toc has one)."""
    items = toc.items
    if len(items) == 1 and items[0].level == 1:
        items = items[0].children
    items.append(AnchorLink("Cite this page", HEADING_ID, 2))
