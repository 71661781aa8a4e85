"""Every statement in the data cites at least one existing source, and every source is cited."""

from __future__ import annotations

import pytest

from otsc_site import load_data
from otsc_site.checks import _walk

from conftest import ROOT

# Fields that state a fact in our words: the item that holds one must cite its sources.
STATEMENT_FIELDS = {"text", "summary", "definition", "meaning", "claim", "explanation", "note", "value"}
# Items whose statements are sourced by the item that contains them.
SOURCED_BY_PARENT = {"Name"}


walk = _walk  # every model in a file, with its path


@pytest.fixture(scope="module")
def data():
    return load_data(ROOT / "data")


def test_every_statement_cites_an_existing_source(data):
    checked = 0
    for name, model in data.files.items():
        for path, item in walk(model):
            states_something = any(getattr(item, f, None) for f in STATEMENT_FIELDS if f in type(item).model_fields)
            if not states_something or type(item).__name__ in SOURCED_BY_PARENT:
                continue
            assert getattr(item, "sources", None), f"data/{name}.yml {path}: aucune source"
            for source_id in item.sources:
                assert source_id in data.sources, f"data/{name}.yml {path}: source inconnue {source_id}"
            checked += 1
    assert checked > 300


def test_every_source_is_cited_somewhere(data):
    cited = set()
    for model in data.files.values():
        for _, item in walk(model):
            for field in type(item).model_fields:
                if field.endswith("sources"):
                    cited.update(getattr(item, field) or [])
    assert set(data.sources) <= cited
    assert len(data.sources) >= 150


def test_sources_carry_the_four_reliability_tags(data):
    tags = {s.reliability for s in data.sources.values()}
    assert tags == {"primaire", "référence", "presse", "média d'État"}


def test_the_timeline_covers_1992_to_february_2026_and_shows_the_announced_summit(data):
    events = data.timeline.events
    done = [e for e in events if e.status == "fait"]
    assert len(done) >= 45
    assert done[0].date.year == 1992 and (done[-1].date.year, done[-1].date.month) == (2026, 2)
    summit = next(e for e in events if e.id == "sommet-de-moscou-2026")
    assert summit.status == "annoncé" and summit.date.iso == "2026-11-11"


def test_contested_points_have_variants_and_a_retained_value(data):
    points = data.contested.points
    assert len(points) >= 8
    toll = next(p for p in points if p.id == "bilan-kazakhstan-2022")
    values = " ".join(v.value for v in toll.variants)
    for figure in ("164", "225", "227", "230", "238"):
        assert figure in values
    assert "238" in toll.retained
