"""axe-core finds no WCAG 2.1 AA violation in the open search dialog (every page: test_every_page.py),
and our copy of Material's search partial follows Material's."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect
from test_every_page import axe_violations as violations


def test_no_violation_in_the_open_search_dialog(page: Page, site_url):
    """In the light theme, then in the dark one: one tab, the search typed in each (Material keeps
    the palette of the first visit: the second starts without it, as the system asks)."""
    for scheme, name in (("light", "default"), ("dark", "slate")):
        page.emulate_media(color_scheme=scheme)
        page.goto(site_url, wait_until="load")
        page.evaluate("localStorage.clear()")
        page.reload(wait_until="load")
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", name)
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially("armenie", delay=10)
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        assert violations(page) == [], scheme


def test_our_search_partial_is_materials_plus_the_dialog_name():
    import material
    from conftest import ROOT

    theirs = (Path(material.__file__).parent / "templates/partials/search.html").read_text(encoding="utf-8")
    ours = (ROOT / "docs/overrides/partials/search.html").read_text(encoding="utf-8")

    def strip(text: str) -> str:
        return re.sub(r"\{#-.*?-#\}", "", text, count=1, flags=re.S)

    assert strip(ours).replace(" aria-label=\"{{ lang.t('search') }}\"", "", 1) == strip(theirs), (
        "Material a changé partials/search.html : recopiez-le dans docs/overrides/partials/ en gardant "
        "aria-label"
    )
