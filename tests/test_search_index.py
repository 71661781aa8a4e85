"""The extra fields of the search index: forms a reader may type that Material would not find."""

from __future__ import annotations

import json
import re

from otsc_site.search import PreviewIndex, enrich, other_number


def test_other_number_adds_only_what_a_prefix_search_cannot_reach():
    assert other_number("membre") == "membres" and other_number("exercice") == "exercices"
    assert other_number("général") == "généraux" and other_number("généraux") == "général"
    assert other_number("bureau") == "bureaux"
    # Plurals reach their singular by prefix; words in -s, -x, -z do not change: no junk.
    for word in ("pays", "fois", "membres", "prix", "bureaux", "faux", "ota"):
        assert other_number(word) is None, word


def test_the_index_gets_folded_words_and_missing_numbers_without_junk():
    index = {
        "docs": [
            {
                "location": "x/",
                "title": "Les États membres",
                "text": "<p>Le pays et les pays, deux fois ; un général, comme un contingent.</p>",
            },
            {"location": "y/", "title": "Les généraux", "text": "<p>Des contingents.</p>"},
        ]
    }
    doc = json.loads(enrich(json.dumps(index)))["docs"][0]
    assert doc["ftitle"] == "etats"
    assert doc["ftext"] == "general"
    numbers = doc["fnombre"].split()
    assert "membre" not in numbers  # « membres » already finds it, by prefix
    assert {"généraux", "generaux", "contingents"} <= set(numbers)
    assert not {"pay", "foi", "etat", "état"} & set(numbers)
    # A form no page of the site has is not guessed: « commes » (a fifth of the index, once).
    assert "commes" not in numbers and "contingents" in json.dumps(index["docs"][1])


def test_a_tag_is_found_without_its_accents_too():
    """A state's page is tagged with its name (templates/etat.md.j2): « armenie » must weigh as much."""
    docs = [
        {"location": "etats/armenie/", "title": "L’Arménie et l’OTSC", "text": "", "tags": ["Arménie"]},
        {"location": "etats/russie/", "title": "La Russie et l’OTSC", "text": "", "tags": ["Russie"]},
    ]
    armenie, russie = json.loads(enrich(json.dumps({"docs": docs})))["docs"]
    assert armenie["ftags"] == "armenie"
    assert "ftags" not in russie  # « Russie » is found by `tags` as typed


def test_a_preview_keeps_every_page_in_the_index_after_a_partial_build():
    """Under `make serve` (`mkdocs serve --dirty`), Material indexes only the pages built again and
    keeps the entries of one of them only: with two rebuilt, the other's old entries stay. Run with
    Material's own index: a Material that writes its index otherwise fails here."""
    from material.plugins.search.plugin import SearchIndex

    config = {"lang": ["fr"], "separator": " ", "pipeline": [], "fields": {}}

    def index(pages: dict[str, list[str]], prev=None) -> tuple[SearchIndex, str]:
        built = SearchIndex(**config)
        for url, sections in pages.items():  # a page's own entry, then its sections
            built.entries += [{"location": url, "title": url, "text": ""}]
            built.entries += [{"location": f"{url}#{s}", "title": s, "text": ""} for s in sections]
        return built, built.generate_search_index(prev)

    first, written = index({"": ["a"], "b/": ["b1", "b2"], "c/": ["c1"], "d/": []})
    preview = PreviewIndex()
    whole = preview.whole(written, ["", "b/", "c/", "d/"], ["", "b/", "c/", "d/"])
    assert [d["location"] for d in json.loads(whole)["docs"]] == [
        d["location"] for d in json.loads(written)["docs"]
    ]
    # b/ loses a section, c/ gains one, d/ is gone: Material keeps c/'s old entries and d/'s.
    _, written = index({"b/": ["b1"], "c/": ["c1", "c2"]}, prev=first)
    assert [d["location"] for d in json.loads(written)["docs"]].count("c/#c1") == 2
    whole = preview.whole(written, ["b/", "c/"], ["", "b/", "c/"])
    assert [d["location"] for d in json.loads(whole)["docs"]] == [
        "",
        "#a",
        "b/",
        "b/#b1",
        "c/",
        "c/#c1",
        "c/#c2",
    ]


def test_figures_tables_and_script_only_forms_do_not_glue_words_in_the_index(built_site):
    """Material's search reads a page's text as it comes: an SVG figure's labels, a form's options or
    two table cells written side by side become one word (« sécuritécollective », « ÉtatPart »).
    Figures and forms that scripts show are out of the search (their text is in the page anyway),
    and cells are apart."""
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    for doc in docs:
        if doc["location"].split("#")[0] in (
            "organes/",
            "qui-decide/",
            "chronologie/",
            "depenses/",
            "fonctionnement/",
        ):
            glued = re.findall(r"\w*[a-zàâçéèêëîïôûùüœ]{3}[A-ZÀÂÇÉÈÊÎÔÛ]\w*", doc["text"])
            assert set(glued) <= {"JavaScript"}, (doc["location"], glued)
