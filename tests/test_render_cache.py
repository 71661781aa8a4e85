"""Under `make serve`, a rebuild draws again only the pages whose inputs changed (Renderer._page_key),
and what it gives is what a fresh build gives, whatever was edited."""

from __future__ import annotations

import pytest

from otsc_site.checks import load_data
from otsc_site.pages import Renderer


def rebuild(renderer: Renderer, project) -> dict:
    return {p.page: p for p in renderer.render_all(load_data(project.path("data")))}


def fresh(project) -> dict[str, str]:
    return {
        p.page: p.markdown
        for p in Renderer(project.path("templates")).render_all(load_data(project.path("data")))
    }


@pytest.mark.lent
def test_a_rebuild_keeps_unchanged_pages_and_matches_a_fresh_build_after_any_edit(project):
    renderer = Renderer(project.path("templates"))
    first = rebuild(renderer, project)
    again = rebuild(renderer, project)
    assert all(again[page] is first[page] for page in first)  # nothing changed: nothing drawn again

    # A timeline event: its pages change, a page that does not read the timeline is kept.
    project.replace("data/timeline.yml", "Sommet anniversaire à Moscou", "Sommet des trente ans à Moscou")
    after = rebuild(renderer, project)
    assert {p: m.markdown for p, m in after.items()} == fresh(project)
    assert "Sommet des trente ans à Moscou" in after["chronologie-kazakhstan-armenie.md"].markdown
    assert after["faq.md"] is again["faq.md"]
    # The source lists show the claims their excerpts prove: the list of the event's source is drawn
    # again, with the new title, and a list whose sources prove nothing of the event is kept.
    lists = [p for p in after if p.startswith("sources-")]
    proving = [p for p in lists if 'id="asia-plus-2022-05-17"' in after[p].markdown]
    assert len(proving) == 1 and "Sommet des trente ans à Moscou" in after[proving[0]].markdown
    assert any(after[p] is again[p] for p in lists)

    # The glossary gives every page its tooltips: every page is drawn again.
    project.replace(
        "data/glossary.yml", "Organisation des Nations unies", "Organisation des Nations unies (ONU)"
    )
    after_glossary = rebuild(renderer, project)
    assert {p: m.markdown for p, m in after_glossary.items()} == fresh(project)
    assert not any(after_glossary[p] is after[p] for p in after_glossary)

    # A template that every page imports: every page is drawn again.
    project.replace("templates/_macros.md.j2", "## Notes et sources", "## Notes et sources citées")
    after_template = rebuild(renderer, project)
    assert {p: m.markdown for p, m in after_template.items()} == fresh(project)
    assert all(
        "## Notes et sources citées" in m.markdown for p, m in after_template.items() if "[^" in m.markdown
    )
