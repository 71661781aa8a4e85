"""French dates, numbers and typography, as the pages print them."""

import pytest

from otsc_site.french import NBSP, NNBSP, FuzzyDate, date_fr, fold, number_fr, typography


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2002-10-07", f"7{NBSP}octobre{NBSP}2002"),
        ("2026-01-01", f"1er{NBSP}janvier{NBSP}2026"),
        ("1992-05", f"mai{NBSP}1992"),
        ("1993", "1993"),
        (1993, "1993"),
    ],
)
def test_dates_are_written_the_french_way_at_their_precision(raw, expected):
    assert date_fr(FuzzyDate.parse(raw)) == expected


@pytest.mark.parametrize("raw", ["2022-02-30", "2023-13", "22-01-01", "2022/01/05", "", True])
def test_impossible_or_malformed_dates_are_refused(raw):
    with pytest.raises(ValueError):
        FuzzyDate.parse(raw)


def test_dates_know_their_precision_and_iso_form():
    assert FuzzyDate.parse("1992-05").precision == "mois"
    assert FuzzyDate.parse("1992-05").iso == "1992-05"
    assert FuzzyDate.parse("1993") < FuzzyDate.parse("1993-06") < FuzzyDate.parse("1993-06-02")


def test_numbers_use_a_narrow_no_break_space():
    assert number_fr(2030) == f"2{NNBSP}030"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Quoi ? Enfin !", f"Quoi{NNBSP}? Enfin{NNBSP}!"),
        ("a ; b", f"a{NNBSP}; b"),
        ("règle : pratique", f"règle{NBSP}: pratique"),
        ("« format limité »", f"«{NBSP}format limité{NBSP}»"),
        ("2 030 militaires", f"2{NNBSP}030 militaires"),
        ("50 %", f"50{NNBSP}%"),
        ("l'OTSC", "l\u2019OTSC"),
    ],
)
def test_typography_adds_french_spaces(raw, expected):
    assert typography(raw) == expected


def test_typography_leaves_addresses_and_years_alone():
    assert typography("voir https://example.org:8080/a?b") == "voir https://example.org:8080/a?b"
    assert typography("en 1992 et 2002") == "en 1992 et 2002"


@pytest.mark.parametrize(
    "raw",
    [
        "[Wikipédia](https://fr.wikipedia.org/wiki/%C3%89tat)",
        "[Loi](https://base.garant.ru/70257058?page=2&x=1:2) et [l'article](https://example.org/l'article)",
        "[100 %](https://example.org/a?b=100%25)",
    ],
)
def test_typography_never_touches_the_address_of_a_link(raw):
    import re

    targets = re.findall(r"\]\(([^)]*)\)", raw)
    assert re.findall(r"\]\(([^)]*)\)", typography(raw)) == targets


def test_typography_still_sets_the_words_around_a_link():
    assert (
        typography("[l'OTSC](https://example.org/) : oui")
        == f"[l\u2019OTSC](https://example.org/){NBSP}: oui"
    )


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("en 2022 150 soldats", "en 2022 150 soldats"),  # a year, then a number: two numbers
        ("10 700 sources", f"10{NNBSP}700 sources"),
        ("1 234 567 habitants", f"1{NNBSP}234{NNBSP}567 habitants"),
    ],
)
def test_only_real_thousands_groups_are_joined(raw, expected):
    assert typography(raw) == expected


def test_folding_drops_accents_and_case():
    assert fold("États Tokaïev Ouzbékistan ОДКБ") == "etats tokaiev ouzbekistan одкб"
