"""Compare two editions' texts (texts.json): what was added, removed, moved, changed, renamed.

Pure: two texts.json documents and the declared moves (redirects.yml) in, a
``Report`` out; ``render`` (in ``page``) turns it into HTML.

How units are matched:

- pages by source file, following the page moves of redirects.yml;
- headings by id within their page;
- paragraphs with an id (chapters) by id across the whole book, so a
  paragraph that moved to another chapter is found there;
- paragraphs and table rows without an id (glossary, people, timeline) by
  their words within their page (difflib), a replaced one reported changed.

A paragraph is *moved* when it is on another page, in another section, or out
of order among the paragraphs both editions share (the longest common run is
kept in place). It is *changed* when its words differ beyond whitespace and
quote shapes (``diff.same``). A removed paragraph carries its declared move.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from studybook.anchors.redirects import Redirects
from studybook.changes import diff


@dataclass
class Place:
    """A unit in one edition: its page and id (or, without an id, its section) and words."""

    src: str
    path: str
    id: str | None
    section: str | None
    text: str
    kind: str = "paragraph"    # "heading", "paragraph" or "row"

    @property
    def anchor(self) -> str | None:
        return self.id or self.section


@dataclass
class Item:
    """One change: ``kind`` is added, removed, moved, changed or renamed."""

    kind: str
    unit: str                     # "heading", "paragraph" or "row"
    old: Place | None = None
    new: Place | None = None
    ops: list | None = None       # word diff (diff.word_diff) when the words changed
    declared: tuple[str, str] | None = None   # a removed unit's move in redirects.yml (src, id)
    order: float = 0.0            # position on the page, for reading order


@dataclass
class PageChanges:
    src: str
    path: str
    title: str
    kind: str
    number: int | None
    status: str = "kept"          # kept, added, removed, moved (its address changed)
    old_path: str | None = None
    old_title: str | None = None
    items: list[Item] = field(default_factory=list)


@dataclass
class Report:
    old: str
    new: str
    pages: list[PageChanges]

    def count(self, kind: str) -> int:
        return sum(1 for p in self.pages for i in p.items if i.kind == kind)

    @property
    def changed_pages(self) -> list[PageChanges]:
        return [p for p in self.pages if p.items or p.status != "kept"]


def _places(page: dict) -> list[Place]:
    return [Place(page["src"], page["path"], u.get("id"), u.get("section"), u.get("text", ""), u["kind"])
            for u in page.get("units", [])]


def _unique_ids(pages: list[dict]) -> dict[str, Place]:
    """Paragraph id -> place, for ids used once in the edition (chapters' p- ids)."""
    seen: dict[str, list[Place]] = {}
    for page in pages:
        for place in _places(page):
            if place.kind == "paragraph" and place.id:
                seen.setdefault(place.id, []).append(place)
    return {i: ps[0] for i, ps in seen.items() if len(ps) == 1}


def _changed(kind: str, old: Place, new: Place, order: float) -> Item | None:
    if diff.same(old.text, new.text):
        return None
    return Item(kind, new.kind, old, new, diff.word_diff(old.text, new.text), order=order)


def compare(old_doc: dict, new_doc: dict, redirects: Redirects | None = None,
            skip: frozenset[str] = frozenset()) -> Report:
    """What changed from ``old_doc`` to ``new_doc`` (texts.json), page by page in the new reading order.

    ``skip``: source files left out of the comparison (the changes page itself).
    """
    r = redirects or Redirects()
    old_pages = [p for p in old_doc.get("pages", []) if p["src"] not in skip]
    new_pages = [p for p in new_doc.get("pages", []) if p["src"] not in skip]
    new_by_src = {p["src"]: p for p in new_pages}
    old_for_new: dict[str, dict] = {}
    removed_pages = []
    for page in old_pages:
        now = page["src"] if page["src"] in new_by_src else r.resolve_page(page["src"])
        if now in new_by_src and now not in old_for_new:
            old_for_new[now] = page
        else:
            removed_pages.append(page)
    old_ids, new_ids = _unique_ids(old_pages), _unique_ids(new_pages)
    # A removed paragraph whose declared move lands on a new id reports that id too.
    declared_targets: set[tuple[str, str]] = set()
    for (_src, aid), (to_src, to_id) in r.anchors.items():
        if aid in old_ids and aid not in new_ids:
            declared_targets.add((r.resolve_page(to_src), to_id))

    report: list[PageChanges] = []
    for page in new_pages:
        old = old_for_new.get(page["src"])
        pc = PageChanges(page["src"], page["path"], page["title"], page["kind"], page.get("number"))
        if old is None:
            pc.status = "added"
        else:
            if old["src"] != page["src"]:
                pc.status, pc.old_path = "moved", old["path"]
            if old.get("title") != page["title"]:
                pc.old_title = old.get("title")
            if "units" in page or "units" in old:
                pc.items = _page_items(old, page, old_ids, new_ids, old_for_new, r, declared_targets)
        report.append(pc)
    for page in removed_pages:
        pc = PageChanges(page["src"], page["path"], page["title"], page["kind"], page.get("number"),
                         status="removed")
        # Its paragraphs that went elsewhere are reported where they arrived.
        pc.items = [_removed(p, i, new_ids, r) for i, p in enumerate(_places(page))
                    if p.kind == "paragraph" and p.id and p.id not in new_ids]
        report.append(pc)
    return Report(str(old_doc.get("edition", "")), str(new_doc.get("edition", "")), report)


def _removed(place: Place, order: float, new_ids: dict[str, Place], r: Redirects) -> Item:
    move = r.anchors.get((place.src, place.id)) or r.anchors.get((r.resolve_page(place.src), place.id))
    item = Item("removed", place.kind, old=place, order=order)
    if move:
        item.declared = (r.resolve_page(move[0]), move[1])
        target = new_ids.get(move[1])
        if target is not None and target.src == item.declared[0]:
            item.new = target
            if not diff.same(place.text, target.text):
                item.ops = diff.word_diff(place.text, target.text)
    return item


def _page_items(old: dict, new: dict, old_ids, new_ids, old_for_new, r, declared_targets) -> list[Item]:
    old_places, new_places = _places(old), _places(new)
    items: list[Item] = []
    new_pos = {id(p): i for i, p in enumerate(new_places)}
    old_sections = {p.id for p in old_places if p.kind == "heading"}

    # Headings, by id within the page.
    old_heads = {p.id: p for p in old_places if p.kind == "heading" and p.id}
    new_heads = {p.id: p for p in new_places if p.kind == "heading" and p.id}
    for i, p in enumerate(new_places):
        if p.kind != "heading" or not p.id:
            continue
        if p.id in old_heads:
            if not diff.same(old_heads[p.id].text, p.text):
                items.append(Item("renamed", "heading", old_heads[p.id], p,
                                  diff.word_diff(old_heads[p.id].text, p.text), order=i))
        else:
            items.append(Item("added", "heading", new=p, order=i))

    # Paragraphs with ids, by id across the book.
    old_src_of_page = old["src"]
    shared_here = []          # ids on this page in both editions, in new order
    for i, p in enumerate(new_places):
        if p.kind != "paragraph" or not p.id:
            continue
        before = old_ids.get(p.id)
        if before is None:
            if (new["src"], p.id) not in declared_targets:
                items.append(Item("added", "paragraph", new=p, order=i))
            continue
        came_from = old_for_new.get(new["src"])
        if came_from is None or before.src != old_src_of_page:
            item = Item("moved", "paragraph", before, p, order=i)
            if not diff.same(before.text, p.text):
                item.ops = diff.word_diff(before.text, p.text)
            items.append(item)
            continue
        shared_here.append(p)
    shared_ids = [p.id for p in shared_here]
    old_order = [p.id for p in old_places if p.kind == "paragraph" and p.id in set(shared_ids)]
    matcher = difflib.SequenceMatcher(None, old_order, shared_ids, autojunk=False)
    in_place = {shared_ids[j] for block in matcher.get_matching_blocks()
                for j in range(block.b, block.b + block.size)}
    for now in shared_here:
        aid = now.id
        before = old_ids[aid]
        order = new_pos[id(now)]
        section_moved = before.section != now.section and before.section in old_sections
        if aid not in in_place or section_moved:
            item = Item("moved", "paragraph", before, now, order=order)
            if not diff.same(before.text, now.text):
                item.ops = diff.word_diff(before.text, now.text)
            items.append(item)
        else:
            changed = _changed("changed", before, now, order)
            if changed:
                items.append(changed)

    # Removed headings and paragraphs with ids, placed after what preceded them.
    for i, p in enumerate(old_places):
        gone_heading = p.kind == "heading" and p.id and p.id not in new_heads
        gone_para = p.kind == "paragraph" and p.id and p.id not in new_ids
        if not (gone_heading or gone_para):
            continue
        order = _after(old_places[:i], new_places, new_pos) + 0.5
        if gone_heading:
            items.append(Item("removed", "heading", old=p, order=order))
        else:
            item = _removed(p, order, new_ids, r)
            items.append(item)

    # Units without ids (glossary and people paragraphs, timeline rows): by their words.
    old_free = [p for p in old_places if p.kind != "heading" and not p.id]
    new_free = [p for p in new_places if p.kind != "heading" and not p.id]
    matcher = difflib.SequenceMatcher(None, [diff.normalize(p.text) for p in old_free],
                                      [diff.normalize(p.text) for p in new_free], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(pairs):
            a, b = old_free[i1 + k], new_free[j1 + k]
            items.append(Item("changed", b.kind, a, b, diff.word_diff(a.text, b.text),
                              order=new_pos[id(b)]))
        for b in new_free[j1 + pairs:j2]:
            items.append(Item("added", b.kind, new=b, order=new_pos[id(b)]))
        for a in old_free[i1 + pairs:i2]:
            at = new_pos[id(new_free[j1 - 1])] + 0.5 if j1 > 0 else -0.5
            items.append(Item("removed", a.kind, old=a, order=at))
    items.sort(key=lambda item: item.order)
    return items


def _after(old_before: list[Place], new_places: list[Place], new_pos) -> float:
    """The new position of the nearest unit before a removed one that is still on the page."""
    by_id = {p.id: p for p in new_places if p.id}
    for p in reversed(old_before):
        if p.id and p.id in by_id:
            return float(new_pos[id(by_id[p.id])])
    return -1.0
