"""The Treaty and the Charter, article by article (issue 22): every article has its anchor and says
whether its own words were read; the rules of Compétences and Fonctionnement lead to their article."""

from __future__ import annotations

import re

import pytest
from conftest import page_html

from otsc_site import load_data
from otsc_site.errors import DataError


def test_every_article_has_its_anchor_and_says_what_the_summary_rests_on(built_site, data):
    html = page_html(built_site, "traite-et-charte")
    assert "pas des traductions officielles" in html
    for text in data.texts.texts:
        assert [a.number for a in text.articles] == list(range(1, len(text.articles) + 1))
        for article in text.articles:
            section = html.split(f'id="{text.id}-article-{article.number}"', 1)[1].split("<h3", 1)[0]
            quoted = any(c.extrait for c in article.sources)
            if article.read:
                assert "Résumé du texte de l’article" in section, (text.id, article.number)
            elif quoted:
                assert "Texte de l’article non lu" in section, (text.id, article.number)
            else:  # nothing read: the page says so, and says nothing else
                assert "Texte de l’article" not in section and "trouvé" in section, (text.id, article.number)
            for amendment in article.amendments:
                assert str(amendment.date.year) in section
        for source_id in text.official:
            assert data.sources[source_id].url.replace("&", "&amp;") in html
    for expected in ("traite-article-4", "charte-article-13", "charte-article-19"):
        assert f'id="{expected}"' in html


def test_the_rules_lead_to_their_article(built_site, data):
    competences = page_html(built_site, "competences")
    for power in data.powers.powers:
        for number in re.findall(r"Article (\d+) du Traité", power.basis):
            assert f'href="../traite-et-charte/#traite-article-{number}"' in competences, power.id
    fonctionnement = page_html(built_site, "fonctionnement")
    assert 'href="../traite-et-charte/#charte-article-13"' in fonctionnement
    assert 'href="../traite-et-charte/#charte-article-19"' in fonctionnement


def test_a_gap_in_the_articles_is_refused_on_its_line(project):
    project.replace("data/texts.yml", "      - number: 10\n", "      - number: 12\n", 1)
    with pytest.raises(DataError) as err:
        load_data(project.path("data"))
    (problem,) = err.value.problems
    assert problem.file == "data/texts.yml" and problem.line
    assert "article 12 à la place de l'article 10" in str(problem)
