"""A locked-down page: every page carries a strict Content-Security-Policy that the site itself obeys."""

from __future__ import annotations

import re

import pytest
from conftest import PAGES, PLANTED_SCRIPT
from playwright.sync_api import Page, expect
from test_every_page import WATCH_CSP as WATCH


def policy(html: str) -> str:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert match, "pas de Content-Security-Policy"
    return match.group(1)


@pytest.mark.parametrize("path", PAGES + ["404.html"])
def test_every_page_allows_only_itself_and_no_inline_script_without_its_hash(built_site, path):
    html = (built_site / (path if path.endswith(".html") else path + "index.html")).read_text(
        encoding="utf-8"
    )
    rules = dict(rule.strip().split(" ", 1) for rule in policy(html).split(";"))
    assert rules["default-src"] == "'self'" and rules["object-src"] == "'none'"
    assert "unsafe-inline" not in rules["script-src"] and "unsafe-eval" not in rules["script-src"]
    assert re.fullmatch(r"'self'( 'sha256-[A-Za-z0-9+/]+=*')+", rules["script-src"])
    assert html.index("Content-Security-Policy") < html.index("<script")


def test_search_filters_tooltips_and_theme_switch_run_under_the_policy(page: Page, site_url):
    page.add_init_script(WATCH)
    page.goto(site_url + "chronologie/", wait_until="networkidle")
    page.locator("#filtres select[name=etat]").select_option("armenie")
    expect(page.locator("#filtres .compte")).not_to_have_text("")
    page.locator("abbr[title]").first.hover()
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.locator(".md-search__input").focus()
    page.locator(".md-search__input").press_sequentially("armenie")
    expect(page.locator(".md-search-result__list li").first).to_be_visible()
    assert page.evaluate("window.__violations") == []


def test_an_inline_script_planted_in_a_page_is_blocked(hostile_build, page: Page):
    """conftest.hostile_build: an inline script in a page written by hand gets no hash in the policy."""
    assert hostile_build.result.returncode == 0, hostile_build.result.stderr
    built = hostile_build.root / "site" / "a-propos" / "index.html"
    assert PLANTED_SCRIPT in built.read_text(encoding="utf-8")
    page.add_init_script(WATCH)
    page.goto(built.as_uri(), wait_until="load")
    assert page.evaluate("window.__plante") is None
    assert any(v.startswith("script-src") for v in page.evaluate("window.__violations"))


def test_an_open_data_download_still_works(page: Page, site_url):
    page.add_init_script(WATCH)
    page.goto(site_url + "donnees/", wait_until="networkidle")
    status = page.evaluate("fetch('otsc.json').then(r => r.status)")
    assert status == 200
    with page.expect_navigation():
        page.locator("a[href$='otsc.json']").first.click()
    assert page.evaluate("document.body.innerText").lstrip().startswith("{")
    assert page.evaluate("window.__violations") == []
