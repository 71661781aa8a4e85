"""The extra fields of the search index: forms a reader may type that Material would not find."""

from __future__ import annotations

import json

from otsc_site.search import enrich, other_number


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
                "text": "<p>Le pays et les pays, deux fois ; un général.</p>",
            }
        ]
    }
    doc = json.loads(enrich(json.dumps(index)))["docs"][0]
    assert doc["ftitle"] == "etats"
    assert doc["ftext"] == "general"
    numbers = doc["fnombre"].split()
    assert "membre" not in numbers  # « membres » already finds it, by prefix
    assert {"généraux", "generaux"} <= set(numbers)
    assert not {"pay", "foi", "etat", "état"} & set(numbers)
