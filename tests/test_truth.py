"""Truth and currency: corrected facts, one reliability rule, computed flags, dated announcements."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT, note_of, page_html

from otsc_site import DataError, load_data
from otsc_site.model import Citation
from otsc_site.notes import STATE_MEDIA_FLAG
from otsc_site.pages import Renderer, build_date, past_due

# « date passée », the build date, what was checked when: run again with the clock moved.
pytestmark = pytest.mark.horloge


NB = "[\u00a0\u202f ]"
ATOM = "{http://www.w3.org/2005/Atom}"


def text(markup: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\u00a0\u202f]", " ", re.sub(r"<[^>]+>", "", markup)))


def block(markup: str, anchor: str) -> str:
    """The HTML of the element whose id is `anchor`, up to the end of its article, row or section."""
    start = markup.index(f'id="{anchor}"')
    return markup[start : start + 4000]


# ---------------------------------------------------------------- the five errors of the review


def test_the_foreign_bases_protocol_is_dated_20_december_2011(built_site):
    event = text(
        block(page_html(built_site, "chronologie-forces-et-departs"), "veto-bases-etrangeres").split(
            "</article>"
        )[0]
    )
    assert "20 décembre 2011" in event and "21 décembre" not in event
    assert "Moscou" in event and "4 octobre 2012" in event


def test_the_session_of_28_october_2022_was_held_by_videoconference(built_site):
    rows = re.findall(r"<tr>.*?</tr>", page_html(built_site, "fonctionnement"), flags=re.S)
    row = text(next(r for r in rows if 'datetime="2022-10-28"' in r))
    assert "visioconférence" in row and "Pachinian" in row and "Moscou" not in row


def test_five_extraordinary_sessions_in_2022_not_three(built_site):
    page = text(page_html(built_site, "fonctionnement"))
    assert "cinq sessions extraordinaires" in page and "trois en 2022" not in page


def test_the_kazakhstan_toll_verdict_follows_its_explanation(built_site):
    page = text(page_html(built_site, "sputnik-verifie"))
    verdict = re.search(r"plus de 230 morts et 4 500 blessés\. (\w+)", page)
    assert verdict and verdict.group(1) == "Exact", verdict and verdict.group(0)
    contested = text(page_html(built_site, "points-contestes"))
    assert "238 morts" in contested and "4 353 blessés" in contested


def test_osh_2010_was_a_meeting_of_the_security_council_secretaries(built_site):
    power = text(block(page_html(built_site, "competences"), "maintien-de-la-paix"))
    assert "Comité des secrétaires des conseils de sécurité" in power and "14 juin" in power


# ---------------------------------------------------------------- one reliability rule


@pytest.mark.parametrize(
    "source_id",
    [
        "urdupoint-2022-01-06",  # a reprint of Sputnik
        "reseau-international-2023-08",  # reprints Sputnik
        "southfront-2022-01",  # sanctioned by the US Treasury as a Russian intelligence outlet
        "kopyl-belta-2023-08",  # an administration's page reprinting BelTA
        "armradio-2017-01-19",
        "armradio-2022-01-13",
        "armenpress-2018-12-13",  # Armenian public radio, state agency
        "haqqin-az-2025-12-11",
        "caliber-az-2024",
        "1news-az-2025-11-27",
        "azernews-2025-11-25",
        "news-az-2025-12-11",
        "trend-2025-11-27",  # Azerbaijani government-controlled outlets
    ],
)
def test_the_review_cases_are_state_media(data, source_id):
    source = data.sources[source_id]
    assert source.reliability == "média d'État" and source.outlet, source_id


def test_the_policy_is_shown_on_the_sources_page_with_each_state_outlet(built_site, data):
    page = page_html(built_site, "sources")
    assert 'id="fiabilite"' in page
    for rule in data.files["sources"].policy:
        assert text(rule.rule)[:40].replace("'", "’") in text(page)
    # On whichever page of the state-media list it falls (editors adding sources move it).
    parts = built_site.glob("sources-medias-d-etat*/index.html")
    listed = " ".join(text(p.read_text(encoding="utf-8")) for p in parts)
    assert "Reprise de Sputnik, média d’État" in listed


def test_a_reprint_of_state_media_labelled_press_is_refused(project):
    project.replace(
        "data/sources.yml",
        'title: "Armenia Accepts Russian Veto On Foreign Military Cooperation"',
        'title: "Armenia Accepts Russian Veto (TASS)"',
    )
    with pytest.raises(DataError) as caught:
        load_data(project.path("data"))
    [problem] = caught.value.problems
    assert problem.file == "data/sources.yml" and problem.field.endswith(".reliability")
    assert "est ou reprend TASS" in problem.message and "outlet: tass" in problem.message


def test_state_media_needs_its_outlet_and_no_other_label_may_have_one(project):
    text_ = project.read("data/sources.yml")
    first_outlet = re.search(r"\n    outlet: [a-z0-9-]+\n", text_).group(0)
    project.write("data/sources.yml", text_.replace(first_outlet, "\n", 1))
    with pytest.raises(DataError) as caught:
        load_data(project.path("data"))
    assert any("demande le média en cause" in p.message for p in caught.value.problems)


# ---------------------------------------------------------------- computed flags


def test_a_claim_backed_only_by_state_media_is_flagged(project):
    def first_essential() -> tuple[str, str | None]:
        data = load_data(project.path("data"))
        markdown = next(
            p.markdown
            for p in Renderer(project.path("templates")).render_all(data)
            if p.page == "chronologie.md"
        )
        line = next(line for line in markdown.splitlines() if "1992–1999" in line)
        tass = data.sources["tass-2022-01-13"].url
        return line, note_of(markdown, tass).split(":")[0] if f"]({tass})" in markdown else None

    assert "Seuls des médias d’État" not in first_essential()[0]
    # Plant: the first essential point of the timeline now cites only TASS.
    text_ = project.read("data/timeline.yml")
    # its whole `sources` list (ids or citations with their excerpts), up to the next essential point
    first = re.compile(r"(\n    sources:)(\n      .*)+").search(text_, text_.index("essentials:"))
    tass = "\n      - id: tass-2022-01-13\n        sans_extrait: essai"
    project.write("data/timeline.yml", text_[: first.start()] + first.group(1) + tass + text_[first.end() :])
    line, tass_call = first_essential()
    assert line.count("Seuls des médias d’État") == 1
    assert f"{tass_call}</span> [Seuls des médias d’État](sources.md#fiabilite)" in line


def test_a_claim_with_one_independent_source_is_not_flagged(data):
    from otsc_site.notes import Notes

    notes = Notes(data, {})
    tass, otsc = Citation(id="tass-2022-01-13"), Citation(id="otsc-historique")
    assert STATE_MEDIA_FLAG not in notes.cite([tass, otsc])
    assert STATE_MEDIA_FLAG in notes.cite([tass])
    assert STATE_MEDIA_FLAG not in notes.cite([tass], flag=False)


def test_the_built_site_flags_state_media_only_claims(built_site, data):
    # The arrival of the first contingents in Kazakhstan rests on state media only (see its sources).
    event = block(page_html(built_site, "chronologie-kazakhstan-armenie"), "kazakhstan-deploiement").split(
        "</article>"
    )[0]
    assert all(
        data.sources[c.id].reliability == "média d'État"
        for e in data.timeline.events
        if e.id == "kazakhstan-deploiement"
        for c in e.sources
    )
    assert re.search(
        r'<a class="etat-seul" href="\.\./sources/#fiabilite">Seuls des médias d’État</a>', event
    )


# ---------------------------------------------------------------- past-due announcements


def test_build_date_comes_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    assert build_date() == dt.date(2026, 1, 1)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date() == dt.date.today()


@pytest.mark.parametrize(
    "epoch, shown", [("1767225600", False), ("1795000000", True)]
)  # 2026-01-01, 2026-11-18
def test_an_announcement_whose_date_is_over_says_date_passee(monkeypatch, data, epoch, shown):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    pages = Renderer(ROOT / "templates").render_all(data)
    markdown = next(p.markdown for p in pages if p.page == "chronologie-sans-armenie.md")
    article = re.search(r'<article[^>]*id="sommet-de-moscou-2026".*?</article>', markdown, flags=re.S).group(
        0
    )
    assert ("date passée" in article) is shown
    assert ("ne disent ni si cela a eu lieu" in article) is shown
    assert "annoncé" in article


def test_past_due_needs_an_announcement_and_a_date_before_the_build(data):
    event = next(e for e in data.timeline.events if e.id == "sommet-de-moscou-2026")
    done = next(e for e in data.timeline.events if e.status == "fait")
    assert past_due(event, dt.date(2026, 11, 12)) and not past_due(event, dt.date(2026, 11, 11))
    assert not past_due(done, dt.date(2030, 1, 1))


# ---------------------------------------------------------------- corrections


def test_every_correction_is_listed_with_its_date_and_both_versions(built_site, data):
    pages = sorted(built_site.glob("corrections*/index.html"))
    assert pages[0].parent.name == "corrections"
    page = "".join(p.read_text(encoding="utf-8") for p in pages)  # the newest first, then older pages
    for correction in data.corrections.corrections:
        item = text(block(page, correction.id).split("</article>")[0])
        assert "Le site disait" in item and "Il dit désormais" in item
        assert text(correction.now)[:30].replace("'", "’") in item


def test_the_feed_carries_the_corrections(built_site, data):
    feed = ET.fromstring((built_site / "feed.xml").read_bytes())
    ids = [entry.find(f"{ATOM}id").text for entry in feed.findall(f"{ATOM}entry")]
    for correction in data.corrections.corrections:
        assert any(i.endswith(f"/corrections/#{correction.id}") for i in ids), correction.id
