"""Load and check the book's BibTeX files (bibliography/*.bib).

Each file is parsed on its own with pybtex, the parser mkdocs-bibtex uses, so
that every problem can name its file and line. mkdocs-bibtex's own registry
merges all files into one dict, so a key defined twice silently loses one
entry; here a repeated key stops the build, also across files.

Checks, each a ``BookError`` naming the file, the line and the entry:

- the file parses (braces balance, ``key = {value}`` pairs are well formed);
- every key is one that a citation ``[@key]`` can name (``KEY``, below);
- no key is defined twice, in one file or across files, also not in two
  cases (``Yeo2001`` and ``yeo2001``): BibTeX and pybtex take those for one key;
- no two keys get the same id on the bibliography page (``anchor_id``);
- the entry type is one we support and has the fields that type needs
  (``REQUIRED``), plus a ``keywords`` field naming exactly one bibliography
  group (``GROUPS``).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError

from studybook.errors import BookError, read_text

# A citation key as pandoc's Markdown reads it without braces (and as reference
# managers write them: Yeo2001, yeo-2001, Kim:2001, doi:10.1000/xyz): letters of
# either case, digits and "_", with single punctuation marks between them. Of
# pandoc's internal punctuation, "# % < > ~" are left out: pandoc's BibTeX
# reader refuses them in a .bib key. A key must end with a letter, digit or
# "_", or pandoc would leave its last mark out of the citation.
KEY_PUNCTUATION = "-:./+?&$"
KEY = re.compile(rf"^\w+(?:[{re.escape(KEY_PUNCTUATION)}]\w+)*\Z")
KEY_FIX = ("keys may hold letters of either case, digits and '_', with one of "
           f"{' '.join(KEY_PUNCTUATION)} between two of them (Yeo2001, yeo-2001, Kim:2001, doi:10.1000/xyz)")
# The start of an entry: "@type{key," (or "@type(key,"), with its line.
ENTRY_HEAD = re.compile(r"^[ \t]*@(?P<type>[A-Za-z]+)[ \t]*[{(][ \t]*(?P<key>[^,\s{}()]*)", re.M)
NOT_ENTRIES = {"comment", "string", "preamble"}

# The bibliography page groups entries by their `keywords` field, in this order.
GROUPS = {
    "primary": "Primary documents",
    "press": "Press and broadcast reports",
    "scholarly": "Scholarly works",
    "reference": "Reference works",
}

# Fields each entry type must have: the least that identifies the source.
# A tuple means "one of these" (BibLaTeX name first; pandoc reads .bib files as
# BibLaTeX and also accepts the BibTeX aliases). Every type also needs
# `keywords` naming one of GROUPS. Fields that cannot be verified are left out
# (CONTRIBUTING.md), so the list is short on purpose: a newspaper item the
# article cites only by paper and date has no title, a web page known only by
# its publisher has no address, and an undated web page has no date.
TITLE, DATE = ("title",), ("date", "year")
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (("title", "journaltitle", "journal"), DATE),
    "book": (TITLE, DATE),
    "collection": (TITLE, DATE),
    "inbook": (TITLE, ("booktitle",), DATE),
    "incollection": (TITLE, ("booktitle",), DATE),
    "inproceedings": (TITLE, ("booktitle", "eventtitle"), ("date", "year", "eventdate")),
    "online": (TITLE, ("url", "organization", "author")),
    "report": (TITLE, ("institution", "organization", "author"), DATE),
    "thesis": (TITLE, ("author",), ("institution", "school"), DATE),
    "legal": (TITLE, DATE),            # treaties and declarations (CSL type "treaty")
    "legislation": (TITLE, DATE),      # laws and constitutions
    "jurisdiction": (TITLE, DATE),     # court decisions
    "misc": (TITLE,),
    "unpublished": (TITLE,),
    "manual": (TITLE,),
}


@dataclass
class Entry:
    """One BibTeX entry, with where it was defined."""

    key: str
    type: str
    file: str                 # as shown in messages, e.g. "bibliography/reference.bib"
    line: int
    fields: dict[str, str] = field(default_factory=dict)   # lower-case names; persons included as text

    @property
    def group(self) -> str:
        return next(k for k in keywords_of(self.fields.get("keywords", "")) if k in GROUPS)

    @property
    def anchor(self) -> str:
        """The entry's id on the bibliography page."""
        return anchor_id(self.key)


@dataclass
class Bibliography:
    """Every entry of the book's .bib files, checked."""

    files: list[Path]
    entries: dict[str, Entry]
    digest: str               # sha256 of the files' contents: part of the formatting cache key

    def __contains__(self, key: str) -> bool:
        return key in self.entries


def keywords_of(value: str) -> list[str]:
    return [k.strip().lower() for k in re.split(r"[,;]", value) if k.strip()]


def anchor_id(key: str) -> str:
    """The id a key gets on the bibliography page (``bibliography/#yeo-2001``).

    Lowercase ASCII letters, digits, "-" and "_", so that a link to it needs
    no escaping in a URL or a classroom handout. Accents are dropped (``Müller`` ->
    ``muller``) and every other character becomes "-" (``doi:10.1000/xyz`` ->
    ``doi-10-1000-xyz``), so a lowercase-hyphen key is its own id and the
    book's links stay as they are.
    """
    letters = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9_-]", "-", letters.lower())


def key_problem(key: str) -> str | None:
    """Why ``key`` cannot be a citation key, or None if it can."""
    if KEY.match(key):
        return None
    bad = next((c for c in key if not (c.isalnum() or c == "_" or c in KEY_PUNCTUATION)), None)
    if bad is not None:
        shown = repr(bad) if bad.isprintable() and not bad.isspace() else f"U+{ord(bad):04X}"
        return f"it contains {shown}, which a citation [@key] cannot hold"
    if key[0] in KEY_PUNCTUATION:
        return f"it starts with '{key[0]}'; a key starts with a letter, a digit or '_'"
    if key[-1] in KEY_PUNCTUATION:
        return f"it ends with '{key[-1]}', which pandoc would leave out of [@{key}]"
    pair = re.search(rf"[{re.escape(KEY_PUNCTUATION)}]{{2,}}", key).group()
    return f"it has '{pair}': two marks in a row end the key in [@{key}]"


def suggest_key(key: str) -> str:
    """A key like ``key`` that is allowed: each run of other characters becomes one "-"."""
    allowed = re.escape(KEY_PUNCTUATION)
    out = re.sub(rf"[^\w{allowed}]+", "-", key)
    out = re.sub(rf"[{allowed}]{{2,}}", lambda m: m.group()[0] if len(set(m.group())) == 1 else "-", out)
    return out.strip(KEY_PUNCTUATION) or "yeo-2001"


def _chunk_problem(chunk: str) -> tuple[int, str] | None:
    """(offset, problem) if one entry's text is malformed: from its "@" to the next "@".

    The entry must close its first brace, and only blank lines or "%" comments
    may follow it: anything else is usually a stray "}" that ended it early.
    """
    opening = re.match(r"@\w+\s*([{(])", chunk)
    if not opening or opening.group(1) == "(":
        return None                              # "@type(...)": pybtex checks it
    depth = 0
    for m in re.finditer(r"\\.|[{}]", chunk[opening.start(1):]):
        depth += {"{": 1, "}": -1}.get(m.group(), 0)
        if depth == 0:
            end = opening.start(1) + m.end()
            break
    else:
        return 0, "a '{' is never closed" if depth == 1 else f"{depth} '{{' are never closed"
    offset = end
    for line in chunk[end:].split("\n"):
        if line.strip() and not line.strip().startswith("%"):
            at = offset + len(line) - len(line.lstrip())
            stray = " ".join(chunk[at:].split())
            stray = stray if len(stray) <= 40 else stray[:39] + "…"
            return at, f"stray text after the entry's last '}}' (an extra '}}'?): '{stray}'"
        offset += len(line) + 1
    return None


def _heads(text: str) -> list[tuple[str, str, int, int]]:
    """(type, key, line, offset) of every "@type{" in a .bib text, @string and @comment included."""
    return [(m.group("type").lower(), m.group("key"), text.count("\n", 0, m.start()) + 1, m.start())
            for m in ENTRY_HEAD.finditer(text)]


def parse_bib(text: str, shown: str) -> list[Entry]:
    """Parse and check one .bib file's text. ``shown`` is its path in messages."""
    all_heads = _heads(text)
    # 1. Each entry closes its braces and nothing stray follows it. Checked
    #    before pybtex, which reports an unclosed brace wherever the file ends
    #    and silently skips text between entries.
    for i, (etype, key, _line, start) in enumerate(all_heads):
        end = all_heads[i + 1][3] if i + 1 < len(all_heads) else len(text)
        chunk = text[start:end].lstrip()
        found = _chunk_problem(chunk)
        if found:
            offset, problem = found
            at = start + (len(text[start:end]) - len(chunk)) + offset
            name = f"entry '{key or '?'}' (@{etype})" if etype not in NOT_ENTRIES else f"@{etype}"
            raise BookError(shown, text.count("\n", 0, at) + 1, f"malformed {name}: {problem}",
                            "make every '{' match one '}'; an entry looks like "
                            "@type{key, field = {value}, field = {value}}")
    heads = [h for h in all_heads if h[0] not in NOT_ENTRIES]
    # 2. Keys: well formed and unique in this file (before pybtex, which
    #    stops at a repeated key without saying where the first one is).
    seen: dict[str, tuple[str, int]] = {}
    for etype, key, line, _ in heads:
        if not key:
            raise BookError(shown, line, f"an @{etype} entry has no key",
                            "write @type{key, ...} with a key such as 'yeo-2001'")
        problem = key_problem(key)
        if problem:
            raise BookError(shown, line, f"entry key '{key}' is not allowed: {problem}",
                            f"rename it and its citations, e.g. '{suggest_key(key)}'; {KEY_FIX}")
        first = seen.get(key.casefold())
        if first:
            raise BookError(shown, line, f"duplicate key '{key}': it is already defined on line {first[1]}"
                            + _case_note(key, first[0]), "keep one of the two entries, or give one a new key")
        seen[key.casefold()] = (key, line)
    # 3. Everything else pybtex finds (missing commas, '=', undefined macros...).
    try:
        data = Parser(encoding="UTF-8").parse_string(text)
    except PybtexError as err:
        lineno = getattr(err, "lineno", None)
        near = [k for _, k, ln, _ in heads if lineno and ln <= lineno]
        where = f" in entry '{near[-1]}'" if near else ""
        raise BookError(shown, lineno, f"malformed BibTeX{where}: {err}",
                        "each entry looks like @type{key, field = {value}, field = {value}}") from None
    lines = {key: line for _, key, line, _ in heads}
    entries = []
    for key, e in data.entries.items():
        fields = {name.lower(): str(value) for name, value in e.fields.items()}
        for role, persons in e.persons.items():
            fields[role.lower()] = " and ".join(str(p) for p in persons)
        entry = Entry(key, e.type.lower(), shown, lines.get(key, 0), fields)
        check_entry(entry)
        entries.append(entry)
    return entries


def check_entry(entry: Entry) -> None:
    """Raise ``BookError`` if the entry's type is unknown or a required field is missing."""
    where = (entry.file, entry.line or None)
    if entry.type not in REQUIRED:
        raise BookError(*where, f"entry '{entry.key}' has the type @{entry.type}, which the book does not use",
                        "use one of: " + ", ".join(f"@{t}" for t in sorted(REQUIRED)))
    for options in REQUIRED[entry.type]:
        if not any(entry.fields.get(name, "").strip() for name in options):
            missing = f"no '{options[0]}' field" if len(options) == 1 else \
                "none of the fields " + ", ".join(f"'{o}'" for o in options)
            needs = "; ".join(" or ".join(o) for o in REQUIRED[entry.type])
            raise BookError(*where, f"entry '{entry.key}' (@{entry.type}) has {missing}",
                            f"add {options[0]} = {{...}}; an @{entry.type} needs: {needs}; keywords "
                            "(if the data cannot be verified, choose the type that fits what is known)")
    groups = [k for k in keywords_of(entry.fields.get("keywords", "")) if k in GROUPS]
    if len(groups) != 1:
        found = f"'{entry.fields['keywords']}'" if entry.fields.get("keywords") else "none"
        raise BookError(*where, f"entry '{entry.key}' needs exactly one bibliography group in 'keywords' "
                        f"(found {found})",
                        "add keywords = {primary}, {press}, {scholarly} or {reference}")


def _case_note(key: str, other: str) -> str:
    """Why two keys that differ only in case are one key."""
    if key == other:
        return ""
    return f" as '{other}' (BibTeX takes keys that differ only in case for the same key)"


def _check_unique(entry: Entry, keys: dict[str, Entry], anchors: dict[str, Entry]) -> None:
    """``entry``'s key is new (in any case) and so is its id on the bibliography page."""
    first = keys.get(entry.key.casefold())
    if first:
        raise BookError(entry.file, entry.line, f"duplicate key '{entry.key}': it is already defined "
                        f"in {first.file}:{first.line}" + _case_note(entry.key, first.key),
                        "keys are unique across all .bib files: keep one entry, or rename yours "
                        "with your file's prefix (e.g. 'aw-', 'gl-')")
    clash = anchors.get(entry.anchor)
    if clash:
        raise BookError(entry.file, entry.line, f"entry keys '{clash.key}' ({clash.file}:{clash.line}) and "
                        f"'{entry.key}' ({entry.file}:{entry.line}) would both have the id '{entry.anchor}' "
                        "on the bibliography page",
                        "rename one of the two keys (an id is the key in lowercase, with each mark "
                        "other than '-' and '_' made '-')")


def load_bibliography(paths: list[Path], root: Path) -> Bibliography:
    """Parse and check every file; keys (and their ids) must be unique across all of them."""
    entries: dict[str, Entry] = {}
    keys: dict[str, Entry] = {}
    anchors: dict[str, Entry] = {}
    digest = hashlib.sha256()
    for path in paths:
        try:
            shown = str(path.relative_to(root))
        except ValueError:
            shown = str(path)
        text = read_text(path, shown)
        digest.update(shown.encode() + b"\0" + text.encode() + b"\0")
        for entry in parse_bib(text, shown):
            _check_unique(entry, keys, anchors)
            entries[entry.key] = keys[entry.key.casefold()] = anchors[entry.anchor] = entry
    return Bibliography(list(paths), entries, digest.hexdigest())
