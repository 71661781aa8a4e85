"""The built site in a real browser (Debian's Chromium): every page, with the mouse and the keyboard."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from conftest import ARTEFACTS, PAGES


def visit(page: Page, url: str) -> dict:
    """Open `url`, recording console errors and every request sent to another host."""
    seen = {"errors": [], "foreign": []}
    host = urlsplit(url).netloc
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: urlsplit(r.url).netloc != host and not r.url.startswith("data:")
            and seen["foreign"].append(r.url))
    page.goto(url, wait_until="networkidle")
    return seen


@pytest.mark.parametrize("path", PAGES)
def test_every_page_loads_cleanly_and_stays_usable_on_a_phone(page: Page, site_url, path):
    name = path.strip("/") or "accueil"
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    seen = visit(page, site_url + path)
    assert seen["errors"] == []
    assert seen["foreign"] == []
    assert page.locator("html").get_attribute("lang") == "fr"
    page.screenshot(path=ARTEFACTS / f"{name}-bureau.png", full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload(wait_until="networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{path} : la page déborde de {overflow} px à 390 px"
    page.screenshot(path=ARTEFACTS / f"{name}-telephone.png", full_page=True)
    assert page.context.cookies() == []


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
    scheme = lambda: page.locator("body").get_attribute("data-md-color-scheme")
    first = scheme()
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", first)
    second = scheme()
    page.locator("input.md-option:not(:checked)").first.focus()
    page.keyboard.press("Space")
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", second)


def test_timeline_filters_work_are_shareable_and_count_what_they_show(page: Page, site_url):
    visit(page, site_url + "chronologie/")
    form = page.locator("#filtres")
    expect(form).to_be_visible()
    total = page.locator("article.evenement").count()
    expect(form.locator(".compte")).to_have_text(f"{total} événements affichés")

    for box in form.locator("input[name=categorie]").all():  # keep only the summits, by keyboard
        if box.get_attribute("value") != "sommet":
            box.focus()
            page.keyboard.press("Space")
    summits = page.locator("article.evenement[data-categorie=sommet]").count()
    expect(page.locator("article.evenement:visible")).to_have_count(summits)
    expect(form.locator(".compte")).to_have_text(f"{summits} événements affichés sur {total}")
    assert "categorie=sommet" in page.url

    form.locator("select[name=etat]").select_option("armenie")
    shown = page.locator("article.evenement:visible")
    assert 0 < shown.count() < summits
    for article in shown.all():
        assert "armenie" in article.get_attribute("data-etats").split()

    shared = page.url
    page.goto(shared, wait_until="networkidle")
    expect(page.locator("article.evenement:visible")).to_have_count(shown.count())
    form.locator("button[type=reset]").click()
    expect(page.locator("article.evenement:visible")).to_have_count(total)


def test_timeline_anchor_lands_on_its_event(page: Page, site_url):
    visit(page, site_url + "chronologie/#kazakhstan-retrait")
    expect(page.locator("#kazakhstan-retrait")).to_be_in_viewport()
    page.locator(".frise-chronologie a[href='#armenie-gel']").dispatch_event("click")
    expect(page.locator("#armenie-gel")).to_be_in_viewport()


def test_acronym_tooltips_show_with_the_mouse_and_the_keyboard(page: Page, site_url):
    visit(page, site_url + "membres/")
    abbr = page.locator("article abbr", has_text="OTSC").first
    abbr.hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_contain_text("Organisation du traité de sécurité collective")
    page.mouse.move(0, 0)
    abbr.focus()
    expect(page.locator(".md-tooltip2--active")).to_contain_text("Organisation du traité de sécurité collective")
    assert page.locator("article abbr[tabindex='0']", has_text="OTSC").count() == 1


SEARCHES = [("sécurité", "securite"), ("Tokaïev", "tokaiev"), ("États", "etats"), ("Arménie", "armenie"),
            ("défense", "defense"), ("Ouzbékistan", "ouzbekistan"), ("l'Arménie", "l'armenie")]


def search(page: Page, query: str) -> tuple[list[str], int]:
    page.keyboard.press("Escape")
    field = page.locator("input.md-search__input")
    field.click()
    field.fill("")
    field.press_sequentially(query, delay=10)
    meta = page.locator(".md-search-result__meta")
    expect(meta).not_to_have_text(re.compile("Taper pour démarrer"))
    expect(meta).to_have_text(re.compile(r"\d+ documents? trouvés?"))
    hrefs: list = []
    for _ in range(20):  # the list settles a few hundred milliseconds after the last key
        page.wait_for_timeout(150)
        now = [a.get_attribute("href") for a in page.locator(".md-search-result__item > a").all()]
        if now and now == hrefs:
            break
        hrefs = now
    marks = page.locator(".md-search-result mark").count()
    return [urlsplit(h).path for h in hrefs], marks


@pytest.mark.parametrize("accented, plain", SEARCHES)
def test_queries_without_accents_find_the_same_first_page(page: Page, site_url, accented, plain):
    visit(page, site_url)
    with_accents, _ = search(page, accented)
    without, marks = search(page, plain)
    assert without and with_accents and without[0] == with_accents[0]
    assert marks > 0, "les mots trouvés sans accents doivent être surlignés"


@pytest.mark.parametrize("query, expected", [
    ("otsc", "/"), ("kazakhstan", "/chronologie/"), ("masadykov", "/organes/"), ("consensus", "/fonctionnement/"),
    ("membres", "/membres/"), ("glossaire", "/glossaire/"), ("etat-major", "/organes/"), ("KSOR", "/organes/"),
])
def test_search_finds_the_expected_page(page: Page, site_url, query, expected):
    visit(page, site_url)
    paths, _ = search(page, query)
    assert expected in paths[:5], paths[:5]


@pytest.mark.parametrize("singular, plural", [("exercice", "exercices"), ("observateur", "observateurs"),
                                               ("contingent", "contingents")])
def test_singular_and_plural_find_the_same_pages(page: Page, site_url, singular, plural):
    visit(page, site_url)
    one, _ = search(page, singular)
    many, _ = search(page, plural)
    assert set(one) == set(many)


def test_search_index_loads_only_when_the_reader_starts_a_search(page: Page, site_url):
    """The index (≈ 90 KB compressed) and the search worker wait for the search field's focus."""
    requested: list[str] = []
    page.context.on("request", lambda r: requested.append(urlsplit(r.url).path))
    visit(page, site_url + "membres/")
    page.wait_for_timeout(500)
    assert not [p for p in requested if "search" in p], requested
    with page.expect_request(re.compile(r"search/search_index\.json$")):
        paths, _ = search(page, "Arménie")
    assert "/membres/" in paths
    assert any("/workers/search." in p for p in requested) and any("lunr.fr" in p for p in requested), requested


def test_a_page_opened_from_a_search_result_highlights_at_once(page: Page, site_url):
    with page.expect_request(re.compile(r"search/search_index\.json$")):
        visit(page, site_url + "membres/?h=arménie")
    expect(page.locator("mark").first).to_be_visible()


@pytest.mark.parametrize("path", ["chronologie/", "faq/", "sources/"])
def test_pages_print_without_navigation_with_link_addresses_and_whole_events(page: Page, site_url, path):
    visit(page, site_url + path)
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", ".md-content__button"):
        assert not page.locator(hidden).first.is_visible(), hidden
    link = page.locator(".md-typeset a[href^='https://']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("href") in after
    assert page.locator(".footnote li").count() > 3 and page.locator(".footnote li").first.is_visible()
    if path == "chronologie/":
        assert not page.locator("form.filtres").is_visible() and not page.locator(".frise-chronologie").is_visible()
        assert page.locator("article.evenement").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    pdf = page.pdf(format="A4", print_background=False)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / f"impression-{path.strip('/')}.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type/Page\n") + pdf.count(b"/Type /Page ") >= 1
