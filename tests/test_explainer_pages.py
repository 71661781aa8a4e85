"""The complete explainer: members, organs, glossary tooltips, sources, contested points, OTAN, FAQ."""

from __future__ import annotations

import re

from conftest import page_html


def test_members_page_has_one_anchor_per_state_a_plain_table_and_two_pictures(built_site, data):
    html = page_html(built_site, "membres")
    for state in data.states:
        assert f'id="{state}"' in html
    assert re.search(
        r"<table class=\"tableau\">.*?Arménie.*?membre, participation gelée.*?</table>", html, re.S
    )
    map_svg = re.search(r'<figure class="carte".*?</figure>', html, re.S).group(0)
    # a group of links to the states' pages, named by its title (an « img » could not hold links)
    assert (
        'role="group" aria-labelledby="carte-titre carte-desc"' in map_svg
        and "<title" in map_svg
        and "<desc" in map_svg
    )
    assert "Arménie" in re.search(r"<desc[^>]*>(.*?)</desc>", map_svg, re.S).group(1)
    assert "Natural Earth" in map_svg and "Crimée" in map_svg
    chart = re.search(r'<figure class="frise-membres".*?</figure>', html, re.S).group(0)
    assert len(re.findall(r'class="nom"', chart)) == len(data.states)
    assert "suspendu" in chart and "gelé" in chart  # words, not only colours


def test_organs_page_lists_every_secretary_general_through_masadykov(built_site, data):
    html = page_html(built_site, "organes")
    for secretary in data.organs.secretaries:
        assert secretary.name in html
    assert "Taalatbek Masadykov" in html and "31 décembre 2028" in html.replace("\u00a0", " ")
    for organ in (
        "cmae",
        "cmd",
        "cscs",
        "conseil-permanent",
        "secretariat",
        "etat-major-interarmees",
        "assemblee-parlementaire",
        "ksor",
        "forces-de-maintien-de-la-paix",
    ):
        assert f'id="{organ}"' in html


def test_every_acronym_gets_a_tooltip_where_it_first_appears_on_each_page(built_site, data):
    acronyms = [t.abbreviation for t in data.glossary.terms if t.abbreviation]
    assert len(data.glossary.terms) >= 25
    for html_file in built_site.rglob("index.html"):
        html = html_file.read_text(encoding="utf-8")
        article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
        if not article:
            continue
        # SVG titles cannot hold an <abbr>; the same words have their tooltip in the page text.
        body = re.sub(r"<svg.*?</svg>", " ", article.group(1), flags=re.S)
        text = re.sub(r"<abbr [^>]*>(.*?)</abbr>", r"«ABBR:\1»", body)
        text = re.sub(r"<[^>]+>", " ", text)
        tooltips = [m.span() for m in re.finditer(r"«ABBR:[^»]*»", text)]  # « AP OTSC » covers « OTSC »
        for acronym in acronyms:
            first = re.search(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text)
            if first:
                assert any(a <= first.start() < b for a, b in tooltips), (
                    f"{html_file}: la première occurrence de « {acronym} » n'a pas d'infobulle"
                )
                assert len(re.findall(rf"«ABBR:{re.escape(acronym)}»", text)) == 1
    assert '<abbr title="Organisation du traité de sécurité collective">OTSC</abbr>' in page_html(
        built_site, "a-propos"
    )


def test_sources_pages_list_every_source_once_with_tag_and_citing_pages(built_site, data):
    from conftest import PART_PAGES

    lists = {p: page_html(built_site, p.rstrip("/")) for p in PART_PAGES if p.startswith("sources-")}
    html = "".join(lists.values())
    for source_id in data.sources:
        assert html.count(f'<span id="{source_id}">') == 1, source_id
    assert html.count("Citée dans") == len(data.sources)
    assert 'href="https://fr.sputniknews.africa/' in html
    # Each list holds one kind, in alphabetical order of the titles.
    for name, kind in [
        ("sources-primaires/", "primaire"),
        ("sources-presse/", "presse"),
        ("sources-medias-d-etat/", "média d'État"),
    ]:
        ids = re.findall(r'<li>\s*(?:<p>)?<span id="([a-z0-9-]+)"></span>', lists[name])
        assert {data.sources[i].reliability for i in ids} == {kind}
        from otsc_site.french import fold

        titles = [fold(data.sources[i].title) for i in ids]
        assert titles == sorted(titles), name
    # « Citée dans » links lead to a page that cites the source.
    for link in re.findall(r'Citée dans : <a href="\.\./([a-z0-9-]+/)"', lists["sources-presse/"])[:20]:
        assert page_html(built_site, link.rstrip("/")).count('class="footnote-ref"')


def test_old_source_anchors_are_mapped_to_their_list(built_site, data):
    import json

    ancres = json.loads((built_site / "sources" / "ancres.json").read_text(encoding="utf-8"))["ancres"]
    assert set(ancres) == set(data.sources)
    for source_id, target in ancres.items():
        assert f'<span id="{source_id}">' in page_html(built_site, target.removeprefix("../").rstrip("/"))


def test_contested_page_lists_every_point_and_checks_every_seed_claim(built_site, data):
    html = page_html(built_site, "points-contestes")
    for point in data.contested.points:
        assert f'id="{point.id}"' in html
    claims = (
        len(data.organisation.seed)
        + len(data.powers.seed)
        + len(data.contested.seed)
        + sum(len(t.seed) for t in data.procedure.topics)
    )
    # The summary stays on the page (its published anchor); the table has its own page.
    assert f"sur {claims} affirmations" in html[html.index('id="verification-sputnik"') :]
    table = page_html(built_site, "sputnik-verifie")
    assert (
        table.count("<strong>Exact</strong>")
        + table.count("<strong>Contredit</strong>")
        + table.count("<strong>Dépassé</strong>")
        + table.count("<strong>Non vérifié</strong>")
        + table.count("<strong>Texte ancien</strong>")
        + table.count("<strong>Incomplet</strong>")
        == claims
    )
    assert claims >= 14


def test_contested_values_also_show_where_the_fact_is_used(built_site):
    html = page_html(built_site, "chronologie-kazakhstan-armenie")
    block = re.search(r'id="kazakhstan-retrait".*?</article>', html, re.S).group(0)
    assert (
        "Les sources divergent" in block
        and "238" in block
        and 'href="../points-contestes/#bilan-kazakhstan-2022"' in block
    )


def test_otan_comparison_and_do_not_confuse(built_site):
    html = re.sub("[\u00a0\u202f]", " ", page_html(built_site, "otsc-otan"))
    for words in ("Article 5", "Article 4", "4 avril 1949", "15 mai 1992", "Mark Rutte", "50 %"):
        assert words in html
    for anchor in ("ocs", "cei", "ueea", "qui-appartient-a-quoi"):
        assert f'id="{anchor}"' in html


def test_faq_answers_the_common_questions_with_a_link_to_details(built_site, data):
    assert 8 <= len(data.faq.questions) <= 12
    html = page_html(built_site, "faq")
    assert html.count("En savoir plus") == len(data.faq.questions)
    assert "L’Arménie a-t-elle quitté l’" in html


def test_timeline_filters_are_hidden_without_javascript_and_nothing_else_is(built_site, data):
    html = page_html(built_site, "chronologie")
    assert re.search(r'<form class="filtres avec-script" id="filtres"', html)  # hidden without scripts (CSS)
    # Without a script every event is on its period's page, each period page linked from the overview.
    events = []
    for period in data.timeline.periods:
        assert f'href="../chronologie-{period.id}/"' in html
        events += re.findall(
            r'<article class="evenement[^>]* id="([a-z0-9-]+)"',
            page_html(built_site, f"chronologie-{period.id}"),
        )
    assert events == [e.id for e in data.timeline.events]
    # The strip: one mark per category and year, each leading to the year's first event of its category.
    strip = re.search(r'<figure class="frise-chronologie".*?</figure>', html, re.S).group(0)
    marks = re.findall(r'<a href="\.\./(chronologie-[a-z0-9-]+)/#([a-z0-9-]+)"', strip)
    years = {(e.category, e.date.year) for e in data.timeline.events}
    assert len(marks) == len(years)
    for period_page, event in marks:
        assert f'id="{event}"' in page_html(built_site, period_page)


def test_every_page_has_essentials_reading_time_checked_date_related_pages_and_notes(built_site):
    for name in (
        "",
        "competences",
        "fonctionnement",
        "chronologie",
        "membres",
        "organes",
        "otsc-otan",
        "faq",
        "points-contestes",
        "glossaire",
        "sources",
    ):
        html = page_html(built_site, name)
        for words in (
            "L’essentiel",
            "Temps de lecture",
            "Sources vérifiées jusqu’au",
            "Pour aller plus loin",
            "Notes et sources",
            'class="footnote"',
        ):
            assert words in html, (name, words)
