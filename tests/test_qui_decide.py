"""« Qui décide ? »: the reader picks a decision and what each member does; the page says whether it
can pass, which body takes it, under which rule and basis. Everything comes from data/procedure.yml."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT
from playwright.sync_api import Page, expect

from otsc_site import load_data
from otsc_site.french import typography


@pytest.fixture(scope="module")
def who():
    return load_data(ROOT / "data").procedure.who_decides


def simulate(
    page: Page, site_url: str, decision: str, answers: dict[str, str] | None = None, preset: str | None = None
) -> str:
    page.goto(site_url + "qui-decide/", wait_until="networkidle")
    form = page.locator("#qui-decide-simulateur")
    expect(form).to_be_visible()
    form.locator("select[name=decision]").select_option(decision)
    if preset:
        form.locator(f"button[data-preset='{preset}']").click()
    for state, answer in (answers or {}).items():
        form.locator(f"select[name={state}]").select_option(answer)
    result = form.locator(".qd-resultat")
    expect(result).not_to_be_empty()
    return result.get_attribute("data-issue")


@pytest.mark.parametrize(
    "decision, answers, preset, expected",
    [
        ("budget", {}, None, "adoptee"),  # everyone agrees
        ("secretaire-general", {"armenie": "objection"}, None, "bloquee"),  # a single objection blocks (2018)
        ("budget", {}, "armenie-gelee", "format-limite"),  # Armenia frozen: limited format
        ("en-format-limite", {"kirghizstan": "non-concerne"}, None, "format-limite"),
        ("deploiement-article-4", {}, "armenie-gelee", "incertaine"),  # no source on limited format here
        ("declaration", {"russie": "abstention"}, None, "adoptee"),  # abstaining does not block
        (
            "admission",
            {
                s: "abstention"
                for s in ("armenie", "bielorussie", "kazakhstan", "kirghizstan", "russie", "tadjikistan")
            },
            None,
            "sans-soutien",
        ),
        ("budget", {"russie": "objection"}, "armenie-gelee", "bloquee"),  # limited format, still blocked
    ],
)
def test_scenarios_give_the_expected_outcome(tab: Page, site_url, decision, answers, preset, expected):
    assert simulate(tab, site_url, decision, answers, preset) == expected


def test_the_outcome_names_the_body_rule_basis_and_cites_its_sources(tab: Page, site_url, who):
    simulate(tab, site_url, "secretaire-general", {"armenie": "objection"})
    result = tab.locator("#qui-decide-simulateur .qd-resultat")
    kind = next(k for k in who.kinds if k.id == "secretaire-general")
    expect(result).to_contain_text("La décision est bloquée")
    expect(result).to_contain_text("Organe et règle : " + typography(kind.body))
    expect(result).to_contain_text("Base :")
    assert result.locator("a.footnote-ref").count() >= 3  # the rule, the basis and the precedents, each cited
    assert tab.evaluate("document.querySelectorAll('#qui-decide-simulateur [id]').length") == 0
    assert tab.evaluate(
        "new Set([...document.querySelectorAll('[id]')].map(e => e.id)).size"
        " === document.querySelectorAll('[id]').length"
    )


def test_the_script_knows_only_what_the_data_says(built_site, who):
    html = (built_site / "qui-decide" / "index.html").read_text(encoding="utf-8")
    rules = json.loads(
        re.search(
            r'<script type="application/json" id="qui-decide-regles">(.*?)</script>', html, flags=re.S
        ).group(1)
    )
    assert rules["effets"] == {r.id: r.effect for r in who.responses}
    assert rules["sansMembre"] == {k.id: k.limited_format for k in who.kinds}
    script = (built_site / "javascripts" / "qui-decide.js").read_text(encoding="utf-8")
    for kind in who.kinds:
        assert kind.id not in script  # no decision is hard-coded in the script


def test_without_javascript_the_table_tells_the_same(browser, site_url, who):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "qui-decide/")
    expect(page.locator("#qui-decide-simulateur")).to_be_hidden()
    rows = page.locator("table.qui-decide-tableau tbody tr")
    expect(rows).to_have_count(len(who.kinds))
    for kind in who.kinds:
        row = page.locator(f"tr[data-decision='{kind.id}']")
        expect(row).to_contain_text(typography(kind.body))
    for outcome in who.outcomes:
        expect(page.locator(f".qd-issue[data-issue='{outcome.id}']")).to_be_visible()
    context.close()


def test_the_published_address_on_fonctionnement_leads_to_the_tool(page: Page, site_url):
    """« Qui décide ? » was first published at /fonctionnement/#qui-decide: that section stays, short,
    and leads to the tool's own page."""
    page.goto(site_url + "fonctionnement/#qui-decide", wait_until="networkidle")
    section = page.locator("#qui-decide")
    expect(section).to_be_in_viewport()
    page.locator(".lien-outil a").click()
    page.wait_for_url(site_url + "qui-decide/")
    expect(page.locator("#qui-decide-simulateur")).to_be_visible()
