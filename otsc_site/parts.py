"""Long lists cut into pages a reader can load: the chronology by period, the sources by kind.

The rule, said to readers on the overview pages: one page per period of the chronology (events in
date order) and one page per kind of source (sources in alphabetical order of their titles). A
period or a kind with more than PAGE_SIZE entries goes on over numbered pages, so that no page
holds more than PAGE_SIZE entries however much the data grows. The Membres page stays one page up
to PAGE_SIZE states (in the order of `data/members.yml`), then goes on over `membres-2.md`…; the
Corrections page likewise, newest first, its older corrections going on over `corrections-2.md`…

Editors keep writing `chronologie.md#event-id` and `sources.md#source-id`: `moved_anchors` says
where each of those anchors now lives, and the pages, the feed and the JSON-LD use the new
addresses. The overview pages send old links there (a small JSON file read by the site's script).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .french import fold

if TYPE_CHECKING:
    from .checks import Data

PAGE_SIZE = 200

# Each kind of source: its page's slug and the title of its list.
SOURCE_KINDS = {
    "primaire": ("primaires", "Textes primaires"),
    "référence": ("references", "Ouvrages de référence"),
    "presse": ("presse", "Presse"),
    "média d'État": ("medias-d-etat", "Médias d’État"),
}


@dataclass(frozen=True)
class Part:
    """One page of a split list."""

    page: str  # « chronologie-sans-armenie.md », « sources-presse-2.md »
    title: str  # the page's title, also used by links to it (« Citée dans »)
    group: Any  # the period (chronology) or the reliability label (sources)
    slug: str  # the group's slug: « sans-armenie », « presse »
    items: tuple  # the events or sources on this page
    number: int  # 1, 2… within the group
    count: int  # how many pages the group takes

    @property
    def url(self) -> str:
        """The page's address relative to the site's root, with directory URLs: `sources-presse/`."""
        return self.page.removesuffix(".md") + "/"


def _pages(
    pattern: str, slug: str, items: list, size: int | None, weight=lambda item: 1
) -> list[tuple[str, tuple, int, int]]:
    """`items` cut into pages of at most `size` entries, an item counting for `weight(item)` entries
    (never less than one item a page): (file, items, number, count)."""
    size = size or PAGE_SIZE  # read at each call: a test can make pages short
    chunks: list[tuple] = []
    chunk: list = []
    filled = 0
    for item in items:
        entries = weight(item)
        if chunk and filled + entries > size:
            chunks.append(tuple(chunk))
            chunk, filled = [], 0
        chunk.append(item)
        filled += entries
    chunks = chunks + [tuple(chunk)] if chunk or not chunks else chunks
    name = pattern.replace("*", slug)
    return [
        (name if n == 1 else name.replace(".md", f"-{n}.md"), chunk, n, len(chunks))
        for n, chunk in enumerate(chunks, start=1)
    ]


def _numbered(title: str, number: int, count: int) -> str:
    return title if count == 1 else f"{title}, page {number} sur {count}"


def period_events(data: Data, period) -> list:
    return [e for e in data.timeline.events if period.start <= e.date.year <= period.end]


def timeline_parts(data: Data, pattern: str, size: int | None = None) -> list[Part]:
    """One page per period of `data/timeline.yml`, or several for a period longer than `size`."""
    parts = []
    for period in data.timeline.periods:
        title = f"{period.title} ({period.start}–{period.end})"
        for page, items, number, count in _pages(pattern, period.id, period_events(data, period), size):
            parts.append(Part(page, _numbered(title, number, count), period, period.id, items, number, count))
    return parts


def source_parts(data: Data, pattern: str, size: int | None = None) -> list[Part]:
    """One page per kind of source, alphabetical, or several past half of `size` entries: a source
    counts for one entry and one per excerpt of it that its page quotes (proofs.py)."""
    from .proofs import claims

    excerpts: dict[str, int] = {}
    for claim in claims(data):
        for citation in claim.citations:
            if citation.extrait:
                excerpts[citation.id] = excerpts.get(citation.id, 0) + 1
    size = max(1, (size or PAGE_SIZE) // 2)
    parts = []
    for kind, (slug, heading) in SOURCE_KINDS.items():
        sources = sorted(
            (s for s in data.files["sources"].sources if s.reliability == kind),
            key=lambda s: (fold(s.title), s.id),
        )
        if not sources:
            continue
        for page, items, number, count in _pages(
            pattern, slug, sources, size, lambda s: 1 + excerpts.get(s.id, 0)
        ):
            parts.append(
                Part(
                    page,
                    _numbered(f"Sources : {heading[0].lower()}{heading[1:]}", number, count),
                    kind,
                    slug,
                    items,
                    number,
                    count,
                )
            )
    return parts


def state_parts(data: Data, pattern: str, size: int | None = None) -> list[Part]:
    """The Membres page, or several past `size` states: its own address first, then numbered pages."""
    page = data.files["members"].page
    return [
        Part(name, _numbered(page.title, number, count), None, "", items, number, count)
        for name, items, number, count in _pages(pattern, "", list(data.members.states), size)
    ]


def correction_parts(data: Data, pattern: str, size: int | None = None) -> list[Part]:
    """The Corrections page, newest first, then numbered pages past half of `size` entries: a
    correction counts for one entry and one per source it cites (its notes weigh as much as it)."""
    page = data.files["corrections"].page
    newest = sorted(data.corrections.corrections, key=lambda c: c.date, reverse=True)
    return [
        Part(name, _numbered(page.title, number, count), None, "", items, number, count)
        for name, items, number, count in _pages(
            pattern, "", newest, max(1, (size or PAGE_SIZE) // 2), lambda c: 1 + len(c.sources)
        )
    ]


@dataclass(frozen=True)
class StateView:
    """What every data file says of one state, joined once for its page (`etats/<id>.md`)."""

    state: Any
    events: tuple  # the chronology's events that name it, in date order
    secretaries: tuple  # the secretaries general it gave
    chairs: tuple  # the years it chaired the organisation
    share: Any  # its share of the budget (procedure.yml), or None
    memberships: Any  # its line of the « who belongs to what » table (comparison.yml), or None
    contested: tuple  # the contested points its history and its events raise, in order
    # The other states its page links to: all of them while they are few, else the ten around it in
    # the data's order (a page linking every other would grow with the square of their number).
    others: tuple


OTHER_STATES = 10  # at most, on a state's page: beyond, a link to the list of all


def state_page_parts(data: Data, pattern: str, size: int | None = None) -> list[Part]:
    """One page per state (`etats/armenie.md`): what the data says of it, gathered from every file.
    Its entries stay where they are (the Membres page keeps `#armenie`): no anchor moves."""
    events: dict[str, list] = {}
    for event in data.timeline.events:
        for state_id in event.states:
            events.setdefault(state_id, []).append(event)
    secretaries: dict[str, list] = {}
    for secretary in data.organs.secretaries:
        secretaries.setdefault(secretary.state, []).append(secretary)
    chairs: dict[str, list] = {}
    for chair in data.procedure.chairs:
        chairs.setdefault(chair.state, []).append(chair)
    shares = {share.state: share for share in data.procedure.shares}
    memberships = {row.state: row for row in data.comparison.memberships}
    parts = []
    states = data.members.states
    for i, state in enumerate(states):
        mine = events.get(state.id, [])
        around = states if len(states) <= OTHER_STATES + 1 else states[max(i - 5, 0) : i + 6]
        contested = [c for change in state.history for c in change.contested] + [
            c for e in mine for c in e.contested
        ]
        view = StateView(
            state,
            tuple(mine),
            tuple(secretaries.get(state.id, ())),
            tuple(sorted(chairs.get(state.id, ()), key=lambda c: c.year)),
            shares.get(state.id),
            memberships.get(state.id),
            tuple(dict.fromkeys(contested)),
            tuple(other for other in around if other is not state),
        )
        title = f"{state.with_article[0].upper()}{state.with_article[1:]} et l’OTSC".replace("'", "’")
        parts.append(Part(pattern.replace("*", state.id), title, view, state.id, (state,), 1, 1))
    return parts


SPLITTERS = {
    "periodes": timeline_parts,
    "sources": source_parts,
    "etats": state_parts,
    "corrections": correction_parts,
    "fiches": state_page_parts,
}
# The splitters whose entries leave the overview page for their part's page (moved_anchors).
MOVING = {"periodes", "sources", "etats", "corrections"}


def moved_anchors(overview: str, parts: list[Part]) -> dict[str, str]:
    """`chronologie.md#id` → `chronologie-periode.md#id` for every entry now on a part page."""
    return {f"{overview}#{item.id}": f"{part.page}#{item.id}" for part in parts for item in part.items}


_MD_LINK = re.compile(r"\]\(([a-z0-9-]+\.md#[a-z0-9-]+)\)")


def relink(markdown: str, moved: dict[str, str]) -> str:
    """Markdown links to a moved anchor point to its new page (other links are left alone)."""
    return _MD_LINK.sub(lambda m: f"]({moved.get(m.group(1), m.group(1))})", markdown)


_SITE_LINK = re.compile(r"\]\(([a-z0-9/-]+\.md(?:#[a-z0-9_-]+)?)\)")


def from_folder(markdown: str, page: str) -> str:
    """A page in a folder (`etats/armenie.md`): its Markdown links to the site's pages, written from the
    root as everywhere else (`membres.md#armenie`), climb out of the folder (`../membres.md#armenie`)."""
    up = "../" * page.count("/")
    return _SITE_LINK.sub(lambda m: f"]({up}{m.group(1)})", markdown) if up else markdown


def anchors_file(overview_url: str, moved: dict[str, str], overview: str) -> dict[str, str]:
    """For the overview's script: each moved anchor id → the address of its page, relative to the
    overview's own address (`chronologie/` → `../chronologie-sans-armenie/`)."""
    up = "../" * overview_url.count("/")
    return {
        old.split("#", 1)[1]: up + new.split("#", 1)[0].removesuffix(".md") + "/"
        for old, new in moved.items()
        if old.startswith(overview + "#") and not new.startswith(overview + "#")
    }


def year_marks(events: list, moved: dict[str, str], overview: str) -> list[dict]:
    """The chronology strip: one mark per category and year, however many events it stands for.

    Each mark: category, year, how many events, the first one (its link), whether all are announced,
    and up to three titles for its tooltip. A strip of marks per year stays the same size at 100×.
    """
    marks: dict[tuple[str, int], dict] = {}
    for e in events:
        mark = marks.setdefault(
            (e.category, e.date.year),
            {"category": e.category, "year": e.date.year, "events": [], "announced": True},
        )
        mark["events"].append(e)
        mark["announced"] = mark["announced"] and e.status == "annoncé"
    for mark in marks.values():
        first = mark["events"][0]
        mark["first"], mark["count"] = first, len(mark["events"])
        mark["href"] = moved[f"{overview}#{first.id}"]
        mark["events"] = mark["events"][:3]
    return list(marks.values())
