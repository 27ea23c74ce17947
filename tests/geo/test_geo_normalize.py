from __future__ import annotations

import pytest

from spotrep.geo.normalize import fold, is_latin, name_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Deir ez-Zor", "Deir Ez Zor"),
        ("Deir ez-Zor", "deir-ez-zor"),
        ("Al-Hasakah", "Hasakah"),
        ("al-Hasakah", "El Hasakah"),
        ("the Gaza Strip", "Gaza Strip"),
        ("Mykolaïv", "Mykolaiv"),
        ("Ma'arrat al-Nu'man", "Maarrat an Numan"),
        ("Khan Yunis", "KHAN YUNIS"),
        ("St. Louis", "St Louis"),
        ("St. Petersburg", "Saint Petersburg"),
        ("Ft. Worth", "Fort Worth"),
        ("Mt. Hermon", "Mount Hermon"),
        ("U.S.", "U. S."),
    ],
)
def test_variants_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kharkiv", "Kharkov"),  # a real transliteration difference: left to the gazetteer
        ("Syria", "Syrian"),
        ("Niger", "Nigeria"),
        ("Sudan", "South Sudan"),
    ],
)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(
    ("text", "key"),
    [("Al", "al"), ("The Hague", "hague"), ("El Paso", "paso"), ("US", "us"), ("", "")],
)
def test_article_alone_is_kept(text: str, key: str) -> None:
    assert name_key(text) == key


@pytest.mark.parametrize(
    ("text", "latin"),
    [("Kraków", True), ("Dayr az Zawr", True), ("Харків", False), ("دير الزور", False)],
)
def test_is_latin(text: str, latin: bool) -> None:
    assert is_latin(text) is latin


def test_fold_strips_diacritics_and_case() -> None:
    assert fold("Şanlıurfa") == "sanlıurfa"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("St. Louis", "saint louis"),
        ("Ft. Worth", "fort worth"),
        ("Main St.", "main st"),  # only a first word is an abbreviated title
        ("St", "st"),
    ],
)
def test_abbreviated_first_words(text: str, key: str) -> None:
    assert name_key(text) == key
