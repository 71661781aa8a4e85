"""Every statement in the data cites at least one existing source, and every source is cited."""

from __future__ import annotations

from otsc_site.checks import walk

# Fields that state a fact in our words: the item that holds one must cite its sources.
STATEMENT_FIELDS = {"text", "summary", "definition", "meaning", "claim", "explanation", "note", "value"}
# Items whose statements are sourced by the item that contains them.
SOURCED_BY_PARENT = {"Name"}


# Items whose statement fields are sourced elsewhere, and where (load_data enforces the citations
# themselves: unknown or uncited sources are refused, see test_data_errors).
SOURCED_ELSEWHERE = {
    "Name": "the names block cites its sources (Names.sources)",
    "Source": "a source is what the others cite (its note says what it is)",
    "StoryPart": "its `text` must have `sources` (StoryPart._one_kind); "
    "its other kinds show items sourced where they are",
}


def _models():
    import inspect

    from otsc_site import model

    return [
        cls
        for _, cls in inspect.getmembers(model, inspect.isclass)
        if issubclass(cls, model.Model) and cls.__module__ == model.__name__
    ]


def test_every_kind_of_statement_must_cite_a_source():
    """The schema, not the data: a model with a field that states a fact cannot be written without
    `sources`, at least one. A new model that forgets it fails here before any data uses it."""
    unsourced = []
    for cls in _models():
        fields = cls.model_fields
        if not STATEMENT_FIELDS & set(fields) or cls.__name__ in SOURCED_ELSEWHERE:
            continue
        sources = fields.get("sources")
        if (
            sources is None
            or not sources.is_required()
            or not any(getattr(m, "min_length", 0) for m in sources.metadata)
        ):
            unsourced.append(cls.__name__)
    assert unsourced == [], f"modèles qui énoncent un fait sans exiger de source : {unsourced}"


def test_the_data_walk_reaches_every_statement(data):
    """What the checks walk through: every item that states something, in every file."""
    found = {
        type(item).__name__
        for model in data.files.values()
        for _, item in walk(model)
        if any(getattr(item, f, None) for f in STATEMENT_FIELDS if f in type(item).model_fields)
    }
    assert {"Event", "Fact", "Term", "Variant", "Verdict", "Period"} <= found


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
