"""The organisation chart of the Organes page (issue 22): drawn from data/organs.yml, every organ in
its row, boxes inside the figure and apart, and the list below as its text equivalent."""

from __future__ import annotations

import itertools
import re

import pytest
from conftest import page_html

from otsc_site import load_data
from otsc_site.errors import DataError
from otsc_site.model import TIERS
from otsc_site.orgchart import LEFT, WIDTH, org_chart


def test_every_organ_has_one_box_in_its_row_inside_the_figure_and_apart(data):
    chart = org_chart(data.organs.organs)
    boxes = [b for row in chart.rows for b in row.boxes]
    assert [b.organ.id for b in boxes] == [o.id for t in TIERS for o in data.organs.organs if o.tier == t]
    assert chart.top.organ.tier == "suprême"
    for row in chart.rows:
        assert all(b.organ.tier == row.tier for b in row.boxes)
        for a, b in itertools.pairwise(row.boxes):
            assert a.x + a.width < b.x  # side by side, apart
        assert row.boxes[0].x >= LEFT and row.boxes[-1].x + row.boxes[-1].width <= WIDTH
    for upper, lower in itertools.pairwise(chart.rows):
        assert upper.boxes[0].y + upper.boxes[0].height < lower.y - 12  # the next row's caption below
    assert chart.height >= boxes[-1].y + boxes[-1].height


def test_the_chart_and_its_text_equivalent_name_the_same_organs(built_site, data):
    html = page_html(built_site, "organes")
    figure = html.split('<figure class="organigramme"', 1)[1].split("</figure>", 1)[0]
    for organ in data.organs.organs:
        assert f'<a href="#{organ.id}"' in figure
        assert f'id="{organ.id}"' in html.split("</figure>", 1)[1]  # its section, with its sources
        section = html.split(f'id="{organ.id}"', 1)[1]
        assert organ.seats.replace("'", "’") in section.split("<h3", 1)[0].replace("\u2019", "’")
    assert re.search(r'<svg[^>]*role="group" aria-labelledby="organigramme-titre organigramme-desc"', figure)


def test_an_unknown_tier_is_refused_with_the_allowed_ones(project):
    project.replace("data/organs.yml", "    tier: entre les sessions", "    tier: intersession")
    with pytest.raises(DataError) as err:
        load_data(project.path("data"))
    (problem,) = err.value.problems
    assert problem.file == "data/organs.yml" and problem.line and "tier" in str(problem)
    assert "entre les sessions" in str(problem)
