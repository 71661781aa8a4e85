"""What search engines and feed readers read: JSON-LD blocks and the Atom feed, from the data.

Nothing here knows about MkDocs. The hook puts each page's JSON-LD in its head and publishes the
feed at /feed.xml; every page links to it.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from .french import FuzzyDate, date_fr, typography
from .parts import anchors_file

if TYPE_CHECKING:
    from .checks import Data

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
FEED_TITLE = "L'OTSC expliquée : chronologie et corrections"
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"[*_`]")


def plain(text: str) -> str:
    """A data text without Markdown, in French typography: for JSON-LD and the feed."""
    return typography(_MARKS.sub("", _LINK.sub(r"\1", " ".join(text.split()))))


def page_url(site_url: str, page: str) -> str:
    """`chronologie.md` → `https://…/chronologie/`; `index.md` → the site's address."""
    stem = page.removesuffix(".md")
    return site_url if stem == "index" else f"{site_url}{stem}/"


def json_ld(pages: list[str], data: Data, site_url: str, moved: dict[str, str]) -> dict[str, str]:
    """Each page's JSON-LD, ready for a <script> element (no « </ » inside), or "" if it has none.

    Each period page of the chronology describes its own events (`moved`: where each event is)."""
    periods = {new.split("#")[0] for old, new in moved.items() if old.startswith("chronologie.md#")}
    return {page: _json_ld(page, data, site_url, moved, page in periods) for page in pages}


def _json_ld(page: str, data: Data, site_url: str, moved: dict[str, str], period: bool) -> str:
    if period:
        block = _events(data, site_url, page, moved)
    else:
        build = {"index.md": _organisation, "faq.md": _faq}.get(page)
        if build is None:
            return ""
        block = build(data, site_url)
    # Inside <script>, « < », « > » and « & » could close the element or open a comment: JSON escapes.
    text = json.dumps(block, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _organisation(data: Data, site_url: str) -> dict:
    o = data.organisation
    charter = next((m for m in o.founding if m.id == "charte-signee"), o.founding[0])
    organisation = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": o.names.fr.name,
        "alternateName": [
            o.names.fr.acronym,
            o.names.en.name,
            o.names.en.acronym,
            o.names.ru.name,
            o.names.ru.acronym,
        ],
        "description": plain(o.nature.text),
        "foundingDate": charter.date.iso,
        "member": [{"@type": "Country", "name": data.states[s].name} for s in o.members],
        "url": site_url,
        "mainEntityOfPage": site_url,
    }
    if charter.place:
        organisation["foundingLocation"] = {"@type": "Place", "name": charter.place}
    return organisation


def _faq(data: Data, site_url: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "url": page_url(site_url, "faq.md"),
        "mainEntity": [
            {
                "@type": "Question",
                "name": plain(q.question),
                "acceptedAnswer": {"@type": "Answer", "text": " ".join(plain(f.text) for f in q.answer)},
            }
            for q in data.faq.questions
        ],
    }


def event_url(site_url: str, event_id: str, moved: dict[str, str], overview: str = "chronologie.md") -> str:
    """The address of an entry on the page that now holds it: an event on its period's page, a
    correction on its page of the corrections (`overview` = « corrections.md »)."""
    page, _, anchor = moved.get(f"{overview}#{event_id}", f"{overview}#{event_id}").partition("#")
    return f"{page_url(site_url, page)}#{anchor}"


def _events(data: Data, site_url: str, page: str, moved: dict[str, str]) -> dict:
    from .pages import past_due

    graph = []
    for e in data.timeline.events:
        if not moved.get(f"chronologie.md#{e.id}", "").startswith(page + "#"):
            continue
        event = {
            "@type": "Event",
            "name": plain(e.title),
            "startDate": e.date.iso,
            "url": event_url(site_url, e.id, moved),
            "organizer": {"@type": "Organization", "name": data.organisation.names.fr.name},
        }
        if e.end:
            event["endDate"] = e.end.iso
        if e.text:
            event["description"] = plain(e.text)
        if e.states:
            event["location"] = [{"@type": "Country", "name": data.states[s].name} for s in e.states]
        if e.status == "annoncé" and not past_due(e):  # past its date, nobody says what happened
            event["eventStatus"] = "https://schema.org/EventScheduled"
        graph.append(event)
    return {"@context": "https://schema.org", "@graph": graph}


def _timestamp(date: FuzzyDate) -> str:
    return f"{date.first_day.isoformat()}T00:00:00Z"


def atom_feed(data: Data, site_url: str, moved: dict[str, str] | None = None) -> str:
    """Timeline additions and corrections as one Atom feed, newest first.

    An event counts as added on `added`, else on its date, or when the sources were last checked if
    it is announced for later; a correction, on its date. An entry's id stays the address it was
    first published under (`/chronologie/#id`, the overview sends it on); its link is the event's page.
    """
    moved = moved or {}
    ET.register_namespace("", ATOM)
    url = page_url(site_url, "chronologie.md")
    corrections_url = page_url(site_url, "corrections.md")
    checked = data.organisation.sources_checked_until
    categories = {c.id: c.label for c in data.timeline.categories}
    entries = []  # (updated, date for ties, (id, link), title, category, summary)
    for e in data.timeline.events:
        title = ("Annoncé : " if e.status == "annoncé" else "") + plain(e.title)
        summary = (plain(e.text) + " " if e.text else "") + f"Date : {e.date.iso}."
        entries.append(
            (
                e.added or min(e.date, checked),
                e.date,
                (f"{url}#{e.id}", event_url(site_url, e.id, moved)),
                title,
                (e.category, categories[e.category]),
                summary,
            )
        )
    for c in data.corrections.corrections:
        summary = f"Le site disait : {plain(c.was)} Il dit désormais : {plain(c.now)}"
        entries.append(
            (
                c.date,
                c.date,
                (f"{corrections_url}#{c.id}", event_url(site_url, c.id, moved, "corrections.md")),
                f"Correction : {plain(c.now)}",
                ("correction", "Correction"),
                summary,
            )
        )
    entries.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})

    def child(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    child(feed, "id", site_url + FEED_PATH)
    child(feed, "title", typography(FEED_TITLE))
    child(
        feed,
        "subtitle",
        "Les événements ajoutés à la chronologie de l’OTSC et les corrections du site, "
        "chacun daté et sourcé.",
    )
    child(feed, "link", href=site_url + FEED_PATH, rel="self", type="application/atom+xml")
    child(feed, "link", href=url, rel="alternate", type="text/html")
    child(feed, "updated", _timestamp(max([checked, *(entry[0] for entry in entries)])))
    author = child(feed, "author")
    child(author, "name", "L’OTSC expliquée")
    child(feed, "rights", "CC BY 4.0")
    for updated, _, (entry_id, link), title, (term, label), summary in entries:
        entry = child(feed, "entry")
        child(entry, "id", entry_id)
        child(entry, "title", title)
        child(entry, "link", href=link, rel="alternate", type="text/html")
        child(entry, "updated", _timestamp(updated))
        child(entry, "category", term=term, label=label)
        child(entry, "summary", summary)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"


def chronology_index(data: Data, moved: dict[str, str]) -> str:
    """`chronologie/evenements.json`, read by the overview's script only when the reader filters or
    follows an old link: where each event now is (`ancres`), and what the filters show of it."""
    ancres = anchors_file("chronologie/", moved, "chronologie.md")
    periods = {
        e.id: p.id
        for p in data.timeline.periods
        for e in data.timeline.events
        if p.start <= e.date.year <= p.end
    }
    events = [
        {
            "id": e.id,
            "date": date_fr(e.date) + (f" – {date_fr(e.end)}" if e.end else ""),
            "titre": plain(e.title),
            "categorie": e.category,
            "etats": e.states,
            "statut": e.status,
            "periode": periods[e.id],
        }
        for e in data.timeline.events
    ]
    return json.dumps({"ancres": ancres, "evenements": events}, ensure_ascii=False, separators=(",", ":"))


def anchors_index(overview: str, moved: dict[str, str]) -> str:
    """`sources/ancres.json`, `corrections/ancres.json`: where each entry of the old single page now is."""
    return json.dumps(
        {"ancres": anchors_file(overview.removesuffix(".md") + "/", moved, overview)},
        ensure_ascii=False,
        separators=(",", ":"),
    )
