"""« L'OTSC en 10 minutes » and the members' military spending (issue 22)."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from conftest import page_html

from otsc_site import load_data
from otsc_site.errors import DataError
from otsc_site.spending import spending, years_of


def _text(html: str) -> str:
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    article = re.sub(r"<sup.*?</sup>", "", article, flags=re.S)
    return re.sub(r"[\u00a0\u202f]", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", article)))


def test_the_story_is_one_long_read_drawn_from_the_other_files(built_site, data):
    html = page_html(built_site, "en-10-minutes")
    story = _text(html).split("Notes et sources")[0]
    assert len(re.findall(r"\w+", story.split("Pour aller plus loin ¶")[0])) >= 1200
    minutes = int(re.search(r"Temps de lecture : (\d+) min", story).group(1))
    assert minutes >= 10
    sections = data.story.sections
    assert [s.id for s in sections] == re.findall(r'<h2 id="([a-z0-9-]+)"', html)[: len(sections)]
    linked = set()
    for section in sections:
        body = html.split(f'<h2 id="{section.id}"', 1)[1].split("<h2", 1)[0]
        assert 'class="footnote-ref"' in body or "footnote" in body, section.id  # every part has its notes
        more = body.split('class="plus-loin"', 1)[1]
        linked.update(re.findall(r'href="\.\./([a-z0-9/-]+)/', more))
    assert len(linked) >= 6, linked
    # the same words as the chronology and the members' page: a correction there shows here
    events = {e.id: e for e in data.timeline.events}
    for section in sections:
        for part in section.parts:
            for event_id in part.events:
                text = events[event_id].text or events[event_id].title
                assert " ".join(text.replace("'", "’").split()[:6]) in story, event_id
    assert 'href="en-10-minutes/"' in page_html(built_site, "")


def test_a_story_paragraph_names_items_that_exist_or_says_where_it_goes_wrong(project):
    project.replace(
        "data/story.yml",
        "events: [och-2010, ouzbekistan-suspendu]",
        "events: [och-2011, ouzbekistan-suspendu]",
    )
    project.replace(
        "data/story.yml",
        "      - power: consultations\n",
        "      - power: consultations\n        period: sans-armenie\n",
    )
    with pytest.raises(DataError) as err:
        load_data(project.path("data"))
    messages = "\n".join(str(p) for p in err.value.problems)
    assert "data/story.yml" in messages
    assert "exactement l'un de" in messages and "power, period" in messages
    project.replace("data/story.yml", "        period: sans-armenie\n", "")
    with pytest.raises(DataError) as err:
        load_data(project.path("data"))
    (problem,) = err.value.problems
    assert (
        problem.file == "data/story.yml" and problem.line and "événement « och-2011 » inconnu" in str(problem)
    )
    assert "och-2010" in str(problem)  # the likely intended id


def test_spending_totals_the_current_members_and_leaves_gaps_empty(data):
    sp = spending(data)
    series = data.spending.series.values
    members = set(data.organisation.members)
    assert set(sp.members) == members & set(series) and sp.members[0] == "russie"
    for year in sp.years:
        if all(year.year in series[s] for s in sp.members):
            assert year.total == pytest.approx(sum(series[s][year.year] for s in sp.members))
            assert year.share == pytest.approx(100 * series["russie"][year.year] / year.total)
        else:  # a member without a figure that year (Tajikistan, 2013): no total, no share
            assert year.total is None and year.share is None
    assert any(y.total is None for y in sp.years)
    assert sp.latest.year == max(y.year for y in sp.years if y.total)
    assert years_of(["1992-1994", 2018]) == {1992, 1993, 1994, 2018}
    assert sp.flags[("kirghizstan", 2024)] == "e" and ("armenie", 2024) not in sp.flags


def test_the_spending_page_shows_the_asymmetry_with_its_table_and_edition(built_site, data):
    sp = spending(data)
    html = page_html(built_site, "depenses")
    text = _text(html)
    last = sp.latest
    assert f"{last.share:.1f} %".replace(".", ",") in text
    assert data.spending.series.edition in text
    bars = re.findall(r'<rect x="130" y="[\d.]+" width="([\d.]+)"', html)
    values = [last.values[s] for s in sp.members]
    assert len(bars) == len(values)
    for width, value in zip(bars, values, strict=True):  # each bar to the scale of the biggest
        assert float(width) == pytest.approx(max(1.5, 360 * value / values[0]), abs=0.1)
    table = html.split('id="part"', 1)[1]
    for year in sp.years:
        assert f"<td>{year.year}</td>" in table, year.year
    assert "depenses/" in page_html(built_site, "etats/armenie")


def test_the_story_lists_ten_announced_events_at_most(data):
    """However long the chronology grows, « Ce qu'il faut surveiller » names ten announced events and
    leads to the chronology for the others."""
    import dataclasses

    from conftest import ROOT

    from otsc_site import Renderer

    announced = [e for e in data.timeline.events if e.status == "annoncé"]
    assert announced
    more = [e.model_copy(update={"id": f"{e.id}-{n}"}) for n in range(12) for e in announced]
    timeline = data.timeline.model_copy(update={"events": data.timeline.events + more})
    bigger = dataclasses.replace(data, files={**data.files, "timeline": timeline})
    story = next(
        p.markdown for p in Renderer(ROOT / "templates").render_all(bigger) if p.page == "en-10-minutes.md"
    )
    watch = story.split("{ #a-surveiller }", 1)[1]
    assert len(re.findall(r"^- .* · ", watch, flags=re.M)) == 10
    assert f"Et {len(announced) * 13 - 10} autres : [la chronologie](chronologie.md)" in watch
