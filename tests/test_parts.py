"""Long lists go on over numbered pages past `parts.PAGE_SIZE` entries, with working links.

Drawn with a page size of 4 from the real data, so that every split list has several pages; the
renderer is used directly (build_pages keeps its result for the same data and code).
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from otsc_site import parts
from otsc_site.checks import load_data
from otsc_site.pages import Renderer


@pytest.fixture(scope="module")
def short_pages():
    data = load_data(ROOT / "data")
    saved, parts.PAGE_SIZE = parts.PAGE_SIZE, 4
    try:
        pages = Renderer(ROOT / "templates").render_all(data)
    finally:
        parts.PAGE_SIZE = saved
    return data, {p.page: p for p in pages}


def test_membres_stays_in_the_menu_and_goes_on_over_numbered_pages(short_pages):
    data, pages = short_pages
    states = list(data.members.states)
    count = -(-len(states) // 4)
    assert count >= 3
    names = ["membres.md"] + [f"membres-{n}.md" for n in range(2, count + 1)]
    assert [p for p in pages if p.startswith("membres")] == names
    assert pages["membres.md"].in_nav and not any(pages[n].in_nav for n in names[1:])
    first, second = pages["membres.md"].markdown, pages["membres-2.md"].markdown
    assert '<figure class="carte"' in first and '<figure class="carte"' not in second  # the map, once
    for n, name in enumerate(names):
        markdown = pages[name].markdown
        shown = re.findall(r"^## .+ \{ #([a-z0-9-]+) \}$", markdown, re.M)
        assert [s.id for s in states[4 * n : 4 * n + 4]] == [
            i for i in shown if i not in ("frise", "tableau", "carte")
        ]
    assert f"# Membres, page 2 sur {count}" in second
    assert "[← Membres, page 1 sur" in second and "(membres.md){ rel=prev }" in second
    assert "(membres-3.md){ rel=next }" in second


def test_links_to_a_state_follow_it_to_its_page(short_pages):
    data, pages = short_pages
    page_of = {
        s.id: ("membres.md" if i < 4 else f"membres-{i // 4 + 1}.md")
        for i, s in enumerate(data.members.states)
    }
    assert page_of["armenie"] == "membres.md" and "membres-2.md" in page_of.values()
    links = [
        (page, target, anchor)
        for page, p in pages.items()
        for target, anchor in re.findall(r"\]\((membres(?:-\d+)?\.md)#([a-z0-9-]+)\)", p.markdown)
    ]
    on_later_pages = [link for link in links if page_of.get(link[2], "membres.md") != "membres.md"]
    assert on_later_pages, "aucun lien vers un État des pages suivantes : le test ne prouve rien"
    for page, target, anchor in links:
        if anchor in page_of:
            assert target == page_of[anchor], (page, target, anchor)


def test_sources_and_periods_split_the_same_way(short_pages):
    _, pages = short_pages
    assert "sources-presse-2.md" in pages and "chronologie-kazakhstan-armenie-2.md" in pages
    assert "presse, page 2 sur" in pages["sources-presse-2.md"].markdown
