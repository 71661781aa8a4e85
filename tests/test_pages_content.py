"""Each generated page carries the facts it exists for, and data text cannot become markup."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, note_of

from otsc_site import build_pages
from otsc_site.markdown_text import literal
from otsc_site.pages import Renderer

NB = "[\u00a0\u202f ]"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {p.page: p.markdown for p in build_pages(ROOT).pages}


def periods(pages: dict[str, str]) -> str:
    """Every period page of the chronology, in order."""
    return "\n".join(markdown for page, markdown in pages.items() if page.startswith("chronologie-"))


def plain(markdown: str) -> str:
    """Text without tags, with every kind of space made ordinary."""
    return re.sub(r"[\u00a0\u202f]", " ", re.sub(r"<[^>]+>", "", markdown))


@pytest.mark.parametrize(
    "page, facts",
    [
        (
            "index.md",
            [
                "15 mai 1992",
                "Tachkent",
                "20 avril 1994",
                "7 octobre 2002",
                "Chișinău",
                "18 septembre 2003",
                "Moscou",
                "Taalatbek Masadykov",
                "Arménie](etats/armenie.md) (participation gelée)",
                "Article 4 du Traité",
                "ОДКБ",
                "CSTO",
                "Sources vérifiées jusqu’au {checked}",
            ],
        ),
        (
            "competences.md",
            [
                "Veiller à l’application du Traité",
                "Article 2 du Traité",
                "Article 4 du Traité",
                "règlement du Conseil",
                "6 juillet 1992",
                "Tokaïev",
                "Texte ancien",
            ],
        ),
        (
            "fonctionnement.md",
            [
                "consensus",
                "format limité",
                "50 %",
                "10 %",
                "Contredit",
                "article 13 de la Charte",
                "2026 | Russie",
                "Décision au consensus",
            ],
        ),
        (
            "chronologie.md",
            [
                "Signature du Traité de sécurité collective à Tachkent",
                "Arrivée des premiers contingents",
                "L’Arménie déclare geler sa participation",
                "annoncé",
                "{events} événements",
            ],
        ),
        (
            "chronologie-kazakhstan-armenie.md",
            [
                "Tokaïev demande l’aide de l’OTSC",
                "Arrivée des premiers contingents",
                "{events_kazakhstan_armenie} événements",
                "Le Kazakhstan, puis la rupture arménienne (2022–2023)",
            ],
        ),
        (
            "sources-presse.md",
            ["230 погибших (Asylov)", "Citée dans : [Le Kazakhstan, puis la rupture arménienne"],
        ),
    ],
)
def test_each_page_states_its_key_facts(pages, data, page, facts):
    # What grows with the data (counts, the day the sources were checked) is read from it: an editor
    # adding an event does not break this test.
    from otsc_site.french import date_fr, number_fr
    from otsc_site.parts import period_events

    grows = {
        "checked": date_fr(data.organisation.sources_checked_until),
        "events": number_fr(len(data.timeline.events)),
        **{
            f"events_{p.id.replace('-', '_')}": number_fr(len(period_events(data, p)))
            for p in data.timeline.periods
        },
    }
    text = plain(pages[page])
    for fact in facts:
        fact = plain(fact.format(**grows))
        assert fact in text, f"{fact!r} manque dans {page}"


def test_every_page_has_lede_reading_time_checked_date_and_notes(pages):
    for name, markdown in pages.items():
        assert re.search(r"Temps de lecture : \d+ min", plain(markdown)), name
        cited = set(re.findall(r"\[\^([a-z0-9-]+)\](?!:)", markdown))
        defined = set(re.findall(r"^\[\^([a-z0-9-]+)\]:", markdown, flags=re.M))
        assert cited == defined, name
        # Only a list of sources that cites none (no state outlet to describe) has no notes.
        assert ("///Footnotes Go Here///" in markdown and cited) or (
            name.startswith("sources-") and not cited
        ), name


@pytest.mark.horloge  # reads page dates, git history or the build date
def test_the_timeline_has_thirty_dated_events_with_stable_anchors(pages):
    events = re.findall(r'<article class="evenement[^"]*" id="([a-z0-9-]+)"', periods(pages))
    assert len(events) >= 30 and len(events) == len(set(events))
    assert "<article" not in pages["chronologie.md"]  # the overview: summaries and key events only
    # Every event id ever published (any commit of data/timeline.yml) still leads to an event.
    import subprocess

    import yaml

    commits = subprocess.run(
        ["git", "rev-list", "HEAD", "--", "data/timeline.yml"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    published = set()
    for commit in commits:
        old = subprocess.run(
            ["git", "show", f"{commit}:data/timeline.yml"], cwd=ROOT, capture_output=True, text=True
        )
        published |= {e["id"] for e in (yaml.safe_load(old.stdout) or {}).get("events", [])}
    assert commits and published, "pas d'historique git"
    assert published - set(events) == set(), "ancres publiées disparues"
    assert re.search(
        r'id="kazakhstan-deploiement".*?<time datetime="2022-01-06">6.janvier.2022</time>',
        pages["chronologie-kazakhstan-armenie.md"],
        flags=re.S,
    )


def test_announced_events_are_never_shown_as_done(pages):
    block = re.search(r'<article[^>]*id="sommet-de-moscou-2026"[^>]*>(.*?)</article>', periods(pages), re.S)
    assert 'data-statut="annoncé"' in block.group(0)
    assert "statut-annonce" in block.group(1)


def test_state_media_sources_say_so_in_the_notes(pages, data):
    note = note_of(pages["index.md"], data.sources["sputnik-afrique-2023-11-23"].url)
    assert "média d’État" in note or "média d'État" in note


def test_data_text_cannot_inject_markup(project):
    hostile = "<script>alert(1)</script> *x*{: onclick=alert(1) } &amp; \n# titre"
    project.replace(
        "data/timeline.yml", "    text: Elles partent de la hausse du prix du gaz liquéfié.", "    text: ok"
    )
    from otsc_site.checks import load_data

    data = load_data(project.path("data"))
    event = data.timeline.events[[e.id for e in data.timeline.events].index("kazakhstan-manifestations")]
    object.__setattr__(event, "text", hostile)  # bypass the schema, as if a check had been forgotten
    markdown = next(
        p.markdown
        for p in Renderer(project.path("templates")).render_all(data)
        if 'id="kazakhstan-manifestations"' in p.markdown
    )
    assert "<script>" not in markdown
    assert "{:" not in markdown and "onclick=alert(1) }" not in markdown
    assert "\n# titre" not in markdown


def test_literal_titles_cannot_open_markdown_links():
    assert str(literal("a [b](https://x) *c*")) == r"a \[b\](https://x) \*c\*"
