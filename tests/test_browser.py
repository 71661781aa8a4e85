"""The built site in a real browser (Debian's Chromium): every page, with the mouse and the keyboard."""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import ARTEFACTS, ROOT
from playwright.sync_api import Page, expect

from otsc_site.pages import Renderer


def visit(page: Page, url: str) -> dict:
    """Open `url`, recording console errors and every request sent to another host."""
    seen = {"errors": [], "foreign": []}
    host = urlsplit(url).netloc
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on(
        "request",
        lambda r: (
            urlsplit(r.url).netloc != host and not r.url.startswith("data:") and seen["foreign"].append(r.url)
        ),
    )
    page.goto(url, wait_until="networkidle")
    return seen


def test_skip_link_then_navigation_with_the_keyboard(page: Page, site_url):
    visit(page, site_url)
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text(re.compile("Aller au contenu"))
    link = page.locator(".md-nav--primary a", has_text="Chronologie").first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/chronologie/")
    expect(page.locator("h1")).to_have_text(re.compile("Chronologie"))


def test_table_of_contents_leads_to_its_section(page: Page, site_url):
    visit(page, site_url + "fonctionnement/")
    page.locator(".md-sidebar--secondary a", has_text="Le financement").first.click()
    page.wait_for_url("**#financement")
    expect(page.locator("#financement")).to_be_in_viewport()


def test_dark_mode_toggles_with_the_mouse_and_the_keyboard(page: Page, site_url):
    visit(page, site_url)

    def scheme():
        return page.locator("body").get_attribute("data-md-color-scheme")

    first = scheme()
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", first)
    second = scheme()
    page.locator("input.md-option:not(:checked)").first.focus()
    page.keyboard.press("Space")
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", second)


def test_timeline_filters_search_every_period_load_on_demand_and_are_shareable(page: Page, site_url):
    from conftest import ROOT

    from otsc_site.checks import load_data

    events = load_data(ROOT / "data").timeline.events
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    visit(page, site_url + "chronologie/")
    form = page.locator("#filtres")
    expect(form).to_be_visible()
    assert not [u for u in requested if u.endswith("evenements.json")], "liste chargée avant toute recherche"
    expect(form.locator(".resultats li")).to_have_count(0)

    for box in form.locator("input[name=categorie]").all():  # keep only the summits, by keyboard
        if box.get_attribute("value") != "sommet":
            box.focus()
            page.keyboard.press("Space")
    summits = [e for e in events if e.category == "sommet"]
    expect(form.locator(".resultats li")).to_have_count(len(summits))
    expect(form.locator(".compte")).to_have_text(f"{len(summits)} événements trouvés sur {len(events)}")
    assert "categorie=sommet" in page.url
    assert len([u for u in requested if u.endswith("evenements.json")]) == 1
    # Summits of every period, each link to its period's page.
    periods = {link.get_attribute("href").split("#")[0] for link in form.locator(".resultats a").all()}
    assert len(periods) >= 3 and all(p.startswith("/chronologie-") for p in periods)

    form.locator("select[name=etat]").select_option("armenie")
    wanted = [e.id for e in summits if "armenie" in e.states]
    expect(form.locator(".resultats li")).to_have_count(len(wanted))
    assert [a.get_attribute("href").split("#")[1] for a in form.locator(".resultats a").all()] == wanted

    shared = page.url
    page.goto(shared, wait_until="networkidle")
    expect(form.locator(".resultats li")).to_have_count(len(wanted))
    form.locator(".resultats a").first.click()
    page.wait_for_url(re.compile(r"/chronologie-[a-z0-9-]+/#" + wanted[0]))
    expect(page.locator("#" + wanted[0])).to_be_in_viewport()

    page.go_back()
    page.locator("#filtres button[type=reset]").click()
    expect(page.locator("#filtres .resultats li")).to_have_count(0)
    assert "?" not in page.url


def test_every_old_timeline_address_is_mapped_to_its_event(built_site):
    """/chronologie/#id, as published before the chronology was split: the overview's script sends
    each id where chronologie/evenements.json says, and there every event stands."""
    import json

    from conftest import ROOT

    from otsc_site.checks import load_data

    data = load_data(ROOT / "data")
    ancres = json.loads((built_site / "chronologie" / "evenements.json").read_text(encoding="utf-8"))[
        "ancres"
    ]
    assert set(ancres) == {e.id for e in data.timeline.events}
    for event_id, target in ancres.items():
        html = (built_site / target.removeprefix("../") / "index.html").read_text(encoding="utf-8")
        assert f'id="{event_id}"' in html, (event_id, target)


def test_old_timeline_addresses_reach_their_event_and_no_other_key(page: Page, site_url):
    """The script itself, in Chromium: the first event of each period; and « #constructor », a key
    every JavaScript object has, stays on the overview instead of leading to a missing page."""
    from conftest import ROOT

    from otsc_site.checks import load_data

    data = load_data(ROOT / "data")
    visit(page, site_url + "chronologie/")
    for period in data.timeline.periods:
        event = next(e for e in data.timeline.events if period.start <= e.date.year <= period.end)
        page.goto(site_url + "chronologie/#" + event.id, wait_until="commit")
        page.wait_for_url(f"{site_url}chronologie-{period.id}/#{event.id}")
        expect(page.locator(f"article[id='{event.id}']")).to_be_in_viewport()
    for key in ("constructor", "toString", "__proto__"):
        page.goto(site_url + "chronologie/#" + key)
        page.wait_for_load_state("networkidle")
        assert page.url == f"{site_url}chronologie/#{key}", page.url


def test_old_source_addresses_reach_their_list(page: Page, site_url, data):
    renderer = Renderer(ROOT / "templates")
    renderer.split(data)
    for source, kind in [
        ("tass-2022-01-13", "medias-d-etat"),
        ("otsc-historique", "primaires"),
        ("24-kg-2019-11-28", "presse"),
    ]:
        target = renderer.moved[f"sources.md#{source}"].split(".md#")[0]  # its list, or a page of it
        assert target.startswith(f"sources-{kind}")
        page.goto(site_url + "sources/#" + source, wait_until="commit")
        page.wait_for_url(f"{site_url}{target}/#{source}")
        expect(page.locator(f"[id='{source}']")).to_be_attached()


def test_timeline_strip_leads_to_the_event(page: Page, site_url):
    visit(page, site_url + "chronologie/")
    page.locator(".frise-chronologie a[href='../chronologie-sans-armenie/#armenie-gel']").dispatch_event(
        "click"
    )
    page.wait_for_url(re.compile(r"/chronologie-sans-armenie/#armenie-gel$"))
    expect(page.locator("#armenie-gel")).to_be_in_viewport()


def test_acronym_tooltips_show_with_the_mouse_and_the_keyboard(page: Page, site_url):
    visit(page, site_url + "membres/")
    abbr = page.locator("article abbr", has_text="OTSC").first
    abbr.hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_contain_text("Organisation du traité de sécurité collective")
    page.mouse.move(0, 0)
    abbr.focus()
    expect(page.locator(".md-tooltip2--active")).to_contain_text(
        "Organisation du traité de sécurité collective"
    )
    assert page.locator("article abbr[tabindex='0']", has_text="OTSC").count() == 1


# mkdocs.yml's search separator: where the search cuts a query into words.
SEARCH_SEPARATOR = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"][0]["search"][
    "separator"
]

SEARCHES = [
    ("sécurité", "securite"),
    ("Tokaïev", "tokaiev"),
    ("États", "etats"),
    ("Arménie", "armenie"),
    ("défense", "defense"),
    ("Ouzbékistan", "ouzbekistan"),
    ("l'Arménie", "l'armenie"),
]


class Found(NamedTuple):
    paths: list[str]  # the pages of the result list, as Material first shows it (its first ten)
    marks: int  # words highlighted in the list
    count: int  # « N documents trouvés »: every entry that matched, shown or not


def search(page: Page, query: str) -> Found:
    field = page.locator("input.md-search__input")
    # Focus opens the search as a click does, without waiting for the dialog's animation to end
    # (a click after the dialog closed waited 0.4 s for it to stand still).
    field.focus()
    field.fill("")
    field.fill(query)
    field.press("End")  # Material searches on a key going up: once, for the whole query
    meta = page.locator(".md-search-result__meta")
    expect(meta).not_to_have_text(re.compile("Taper pour démarrer"))
    expect(meta).to_have_text(re.compile(r"\d+ documents? trouvés?"))
    # The list is the final query's when its links carry that query (Material adds it as `?h=`,
    # lowercased, cut where the search cuts words, in alphabetical order): before, it may be a prefix's.
    words = sorted(w for w in re.split(SEARCH_SEPARATOR, query.lower()) if w)
    hrefs: list = []
    for _ in range(200):
        page.wait_for_timeout(20)
        # One read of the list: Material redraws it while results arrive, an element may go meanwhile.
        hrefs = page.locator(".md-search-result__item > a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        if any(sorted(parse_qs(urlsplit(h).query).get("h", [""])[0].split()) == words for h in hrefs):
            break
    marks = page.locator(".md-search-result mark").count()
    count = int(re.search(r"\d+", meta.inner_text()).group())
    return Found([urlsplit(h).path for h in hrefs], marks, count)


EXPECTED_FIRST_PAGES = [
    ("otsc", "/"),
    ("kazakhstan", "/chronologie/"),
    ("masadykov", "/organes/"),
    ("consensus", "/fonctionnement/"),
    ("membres", "/membres/"),
    ("glossaire", "/glossaire/"),
    ("etat-major", "/organes/"),
    ("KSOR", "/organes/"),
    # Not the source lists' « page 4 sur 4 » (their search weight is lowered: sources-liste.md.j2).
    ("article 4", "/traite-et-charte/"),
]
SINGULAR_PLURAL = [("exercice", "exercices"), ("observateur", "observateurs"), ("contingent", "contingents")]
# An elided article (l’, d’, qu’…) is left out of the search, with either apostrophe: « l » alone
# became « l* » and found every word in l. Other apostrophes still cut a word: « aujourd’hui ».
ELIDED = [
    ("l'Arménie", "Arménie"),
    ("l’OTSC", "OTSC"),
    ("d'Ouzbékistan", "Ouzbékistan"),
    ("jusqu’au Kazakhstan", "au Kazakhstan"),
]

# Each group of queries runs in one page: the index and the search worker load once, and every query
# that fails is named in the message.


def searched_pairs(tab: Page, site_url: str, pairs: list[tuple[str, str]]):
    """Each pair of queries, searched in turn on one page: both queries, then what each found."""
    visit(tab, site_url)
    for first, second in pairs:
        yield first, second, search(tab, first), search(tab, second)


def test_queries_without_accents_find_the_same_first_page(tab: Page, site_url):
    problems = []
    for accented, plain, with_accents, without in searched_pairs(tab, site_url, SEARCHES):
        if not (without.paths and with_accents.paths and without.paths[0] == with_accents.paths[0]):
            problems.append(f"{accented} → {with_accents.paths[:1]}, {plain} → {without.paths[:1]}")
        if without.marks == 0:
            problems.append(f"{plain} : les mots trouvés sans accents doivent être surlignés")
    assert problems == []


def test_search_finds_the_expected_page(tab: Page, site_url):
    visit(tab, site_url)
    problems = []
    for query, expected in EXPECTED_FIRST_PAGES:
        paths = search(tab, query).paths
        if expected not in paths[:5]:
            problems.append(f"{query} : {expected} absent de {paths[:5]}")
    assert problems == []


def test_a_states_name_finds_its_page_first_with_or_without_accents(tab: Page, site_url, data):
    """The page of a state repeats what other pages say of it, and weighs less for that; its name, a
    tag of the page, finds it first all the same (« Arménie » found five other pages before it)."""
    from otsc_site.french import fold

    visit(tab, site_url)
    problems = []
    for state in data.members.states:
        for query in dict.fromkeys((state.name, fold(state.name))):
            paths = search(tab, query).paths
            if paths[:1] != [f"/etats/{state.id}/"]:
                problems.append(f"{query} → {paths[:3]}")
    assert problems == []
    # The tag serves the search only: no chip under the result repeating its title (otsc.css).
    expect(tab.locator(".md-search-result .md-tags").first).to_be_hidden()


def test_singular_and_plural_find_the_same_pages(tab: Page, site_url):
    problems = []
    for singular, plural, one, many in searched_pairs(tab, site_url, SINGULAR_PLURAL):
        # The same entries match (the count), and the first pages of each are among the other's (the
        # ten pages shown first): pages that score alike may swap places across the tenth.
        first_one, first_many = list(dict.fromkeys(one.paths))[:5], list(dict.fromkeys(many.paths))[:5]
        crossed = set(first_one) <= set(many.paths) and set(first_many) <= set(one.paths)
        if one.count != many.count or not crossed:
            problems.append(f"{singular} → {one.count} : {first_one}, {plural} → {many.count} : {first_many}")
    assert problems == []


def test_an_elided_article_finds_what_the_word_alone_finds(tab: Page, site_url):
    problems = []
    for elided, word, with_article, alone in searched_pairs(tab, site_url, ELIDED):
        if with_article.paths != alone.paths or not with_article.marks:
            problems.append(
                f"{elided} → {with_article.paths[:3]} ({with_article.marks} mots surlignés), "
                f"{word} → {alone.paths[:3]}"
            )
    assert problems == []


def test_search_index_loads_only_when_the_reader_starts_a_search(page: Page, site_url):
    """The index (≈ 90 KB compressed) and the search worker wait for the search field's focus."""
    requested: list[str] = []
    page.context.on("request", lambda r: requested.append(urlsplit(r.url).path))
    visit(page, site_url + "membres/")
    page.wait_for_timeout(500)
    assert not [p for p in requested if "search" in p], requested
    with page.expect_request(re.compile(r"search/search_index\.json$")):
        paths = search(page, "Arménie").paths
    assert "/membres/" in paths
    assert any("/workers/search." in p for p in requested) and any("lunr.fr" in p for p in requested), (
        requested
    )


def test_a_page_opened_from_a_search_result_highlights_at_once(page: Page, site_url):
    with page.expect_request(re.compile(r"search/search_index\.json$")):
        visit(page, site_url + "membres/?h=arménie")
    expect(page.locator("mark").first).to_be_visible()


@pytest.mark.parametrize(
    "path, sheets", [("chronologie-kazakhstan-armenie/", 4), ("faq/", 3), ("sources-presse/", 10)]
)
def test_pages_print_without_navigation_with_link_addresses_and_whole_events(
    page: Page, site_url, path, sheets
):
    visit(page, site_url + path)
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", ".md-content__button"):
        assert not page.locator(hidden).first.is_visible(), hidden
    link = page.locator(".md-typeset a[href^='https://']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in after
    if path != "sources-presse/":
        assert page.locator(".footnote li").count() > 3 and page.locator(".footnote li").first.is_visible()
    if path.startswith("chronologie-"):
        assert (
            page.locator("article.evenement").first.evaluate("e => getComputedStyle(e).breakInside")
            == "avoid"
        )
        assert page.locator("article.evenement").last.is_visible()
    pdf = page.pdf(format="A4", print_background=False)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / f"impression-{path.strip('/')}.pdf").write_bytes(pdf)
    # The whole page is printed: at least as many A4 sheets as its text needs (not just the first screen).
    count = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pdf.startswith(b"%PDF") and count >= sheets, count
