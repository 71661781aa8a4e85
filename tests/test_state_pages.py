"""A page per state, /etats/<id>/ (issue 22): what every data file says of it, and every way in."""

from __future__ import annotations

import dataclasses
import html as html_lib
import re

from conftest import page_html

from otsc_site.parts import from_folder, state_page_parts


def _text(html: str) -> str:
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    return _norm(html_lib.unescape(re.sub(r"<[^>]+>", "", article)))


def _norm(text: str) -> str:
    """Text as data has it and as a page shows it, compared: apostrophes, non-breaking spaces, note marks."""
    text = re.sub(r"\u2060\d+", "", text)
    return re.sub(r"[\u00a0\u202f]", " ", text.replace("'", "’"))


def test_each_state_page_gathers_its_history_events_people_and_disputes(built_site, data):
    for state in data.members.states:
        text = _text(page_html(built_site, f"etats/{state.id}"))
        assert text.count(state.name) >= 2, state.id
        for change in state.history:  # its dated status, every change
            assert _norm(change.text) in text, (state.id, change.text)
        chronology = text.split("Dans la chronologie", 1)[1]
        mine = [e for e in data.timeline.events if state.id in e.states]
        for event in mine:  # every event that names it, in date order
            assert _norm(event.title) in chronology, (state.id, event.id)
        assert f"{len(mine)} événement" in chronology, state.id
        organs = text.split("Dans les organes", 1)[1].split("Dans la chronologie", 1)[0]
        for secretary in data.organs.secretaries:  # the secretaries general it gave, and only those
            gave = any(s.name == secretary.name and s.state == state.id for s in data.organs.secretaries)
            assert (secretary.name in organs) == gave, (state.id, secretary.name)
        for chair in data.procedure.chairs:
            if chair.state == state.id:
                assert f"présidé l’OTSC en {chair.year}" in text or f", {chair.year}" in text, (
                    state.id,
                    chair.year,
                )
        for point in {c for h in state.history for c in h.contested}:
            assert _norm(next(p.question for p in data.contested.points if p.id == point)) in text, point


def test_the_join_reads_each_file_once_whatever_the_number_of_states(data):
    parts = state_page_parts(data, "etats/*.md")
    assert [p.page for p in parts] == [f"etats/{s.id}.md" for s in data.members.states]
    armenia = next(p.group for p in parts if p.slug == "armenie")
    assert [e.id for e in armenia.events] == [e.id for e in data.timeline.events if "armenie" in e.states]
    assert armenia.share.percent == next(s.percent for s in data.procedure.shares if s.state == "armenie")
    assert parts[0].title.startswith("L’Arménie") and "'" not in parts[0].title


def test_a_state_page_links_every_other_state_while_they_are_few_and_ten_beyond(data):
    """With the nine states of the data, each page links the eight others; with a hundred times as
    many, each links ten (and the list of all), not 899: its size stays the same."""
    views = [p.group for p in state_page_parts(data, "etats/*.md")]
    assert all({o.id for o in v.others} == {s.id for s in data.members.states} - {v.state.id} for v in views)
    many = [s.model_copy(update={"id": f"{s.id}-{n}"}) for n in range(100) for s in data.members.states]
    bigger = dataclasses.replace(
        data, files={**data.files, "members": data.members.model_copy(update={"states": many})}
    )
    views = [p.group for p in state_page_parts(bigger, "etats/*.md")]
    assert max(len(v.others) for v in views) == 10 and min(len(v.others) for v in views) == 5
    assert all(v.state not in v.others for v in views)


def test_pages_in_a_folder_link_out_of_it():
    markdown = "[a](membres.md#armenie) [b](etats/russie.md) [c](https://x.example/a.md) [d](#statut)"
    assert from_folder(markdown, "etats/armenie.md") == (
        "[a](../membres.md#armenie) [b](../etats/russie.md) [c](https://x.example/a.md) [d](#statut)"
    )
    assert from_folder(markdown, "membres.md") == markdown


def test_the_map_the_members_table_and_the_timeline_lead_to_the_state_pages(built_site, data):
    members = page_html(built_site, "membres")
    for state in data.members.states:
        link = f'href="../etats/{state.id}/"'
        table = members.split('id="tableau"', 1)[1].split("</table>", 1)[0]
        assert link in table, state.id
        assert f'id="{state.id}"' in members  # /membres/#<id> keeps working
    svg = members.split('id="carte"', 1)[1].split("</svg>", 1)[0]
    assert re.search(r'<a href="\.\./etats/armenie/" aria-label="Arménie\s:\s[^"]+"[^>]*><path', svg)
    chronology = "".join(p.read_text(encoding="utf-8") for p in built_site.glob("chronologie-*/index.html"))
    for state_id in {s for e in data.timeline.events for s in e.states}:
        assert f'<a href="../etats/{state_id}/">{data.states[state_id].name}</a>' in chronology, state_id


def _status_in(state, year: int) -> str:
    """What the data says a state was at the end of `year`: the page's script must draw the same."""
    css = {"membre": "membre", "gelé": "gele", "suspendu": "suspendu", "ancien membre": "ancien"}
    status = "autre"
    for change in state.history:
        if change.date.year <= year:
            status = css[change.status]
    return status


def test_the_year_control_redraws_the_map_and_its_legend(page, site_url, data):
    from playwright.sync_api import expect

    page.goto(site_url + "membres/", wait_until="networkidle")
    control = page.locator("#carte-annee-curseur")
    expect(control).to_be_visible()
    for year in (1992, 1993, 2000, 2008, 2013, 2024, data.organisation.sources_checked_until.year):
        control.fill(str(year))
        expect(page.locator("#carte-annee-valeur")).to_have_text(str(year))
        for state in data.members.states:
            expected = _status_in(state, year)
            for path in page.locator(f'#carte a[href="../etats/{state.id}/"] path').all():
                assert path.get_attribute("class") == (
                    "pays autre" if expected == "autre" else f"pays statut-{expected}"
                ), (year, state.id)
        members = sum(_status_in(s, year) == "membre" for s in data.members.states)
        expect(page.locator('#carte .legende li[data-statuts="membre"] .compte')).to_have_text(
            f" ({members})"
        )
        last = year == data.organisation.sources_checked_until.year  # a year not over: what the sources say
        expect(page.locator("#carte .carte-annee-etat")).to_contain_text(
            f"Selon les dernières sources ({year})" if last else f"Fin {year}"
        )
    control.fill("2000")  # the words say it too: Georgia had left, Belarus was in
    status = page.locator("#carte .carte-annee-etat")
    expect(status).to_contain_text("Biélorussie")
    assert "Géorgie" in status.inner_text().split("ancien membre", 1)[1]


def test_without_javascript_the_map_shows_today_and_no_control(browser, site_url, data):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "membres/")
    from playwright.sync_api import expect

    expect(page.locator(".carte-annee")).to_be_hidden()
    armenia = page.locator('#carte a[href="../etats/armenie/"] path').first
    assert armenia.get_attribute("class") == "pays statut-gele"
    context.close()
