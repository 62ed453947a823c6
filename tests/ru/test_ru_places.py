"""Proper names after generic words (places.py, generic_words.yaml) and ordinals in digits."""

from __future__ import annotations

import pytest

from docgen.ru import InflectionFailed, inflect, places


@pytest.mark.parametrize(
    ("given", "case", "expected"),
    [
        # -- one noun after город/село/деревня/посёлок agrees, in every case --
        ("город Гатчина", "accs", "город Гатчину"),
        ("город Кингисепп", "ablt", "городом Кингисеппом"),
        ("село Ивановка", "loct", "селе Ивановке"),
        ("деревня Лопухинка", "datv", "деревне Лопухинке"),
        ("поселок Металлострой", "gent", "поселка Металлостроя"),
        ("г. Гатчина", "gent", "г. Гатчины"),
        # -- across an attribute such as «федерального значения» --
        ("город федерального значения Москва", "loct", "городе федерального значения Москве"),
        ("посёлок городского типа Мга", "gent", "посёлка городского типа Мги"),
        # -- «X-на-Y»: the part before the preposition declines --
        ("город Ростов-на-Дону", "ablt", "городом Ростовом-на-Дону"),
        ("город Славянск-на-Кубани", "gent", "города Славянска-на-Кубани"),
    ],
)
def test_name_after_agreeing_generic_word_declines(given, case, expected):
    assert inflect(given, case) == expected


@pytest.mark.parametrize(
    ("given", "case", "expected"),
    [
        ("город Тосно", "gent", "города Тосно"),  # -о
        ("деревня Горбунки", "ablt", "деревней Горбунки"),  # plural
        ("село Старая Ладога", "datv", "селу Старая Ладога"),  # adjective + noun
        ("Республика Карелия", "gent", "Республики Карелия"),
        ("Республика Северная Осетия – Алания", "datv", "Республике Северная Осетия – Алания"),
        (
            "Правительство Республики Северная Осетия – Алания",
            "ablt",
            "Правительством Республики Северная Осетия – Алания",
        ),
        ("городской округ Королёв", "gent", "городского округа Королёв"),
        ("городской округ город Уфа", "loct", "городском округе город Уфа"),
        ("муниципальный район Кировский", "gent", "муниципального района Кировский"),
    ],
)
def test_name_after_other_generic_words_stays(given, case, expected):
    assert inflect(given, case) == expected


@pytest.mark.parametrize(
    ("given", "case", "expected"),
    [
        # -- a dash right after the generic word: an apposition to it, which agrees --
        ("Кемеровская область – Кузбасс", "gent", "Кемеровской области – Кузбасса"),
        (
            "Ханты-Мансийский автономный округ – Югра",
            "ablt",
            "Ханты-Мансийским автономным округом – Югрой",
        ),
    ],
)
def test_dash_after_the_generic_word_itself_agrees(given, case, expected):
    assert inflect(given, case) == expected


def test_table_is_data_with_the_words_of_the_issue():
    table = places.table()
    assert {"город", "село", "деревня", "посёлок"} <= table.agree
    assert {"республика", "область", "край", "округ", "район", "поселение"} <= table.never
    assert not table.agree & table.never
    assert ("федерального", "значения") in table.between


@pytest.mark.parametrize(
    ("given", "case", "expected"),
    [
        ("1-й отдел", "gent", "1-го отдела"),
        ("1-й отдел", "loct", "1-м отделе"),
        ("3-я школа", "gent", "3-й школы"),
        ("3-я школа", "accs", "3-ю школу"),
        ("3-я школа", "ablt", "3-й школой"),
        ("5-е отделение", "datv", "5-му отделению"),
        ("5-е классы", "ablt", "5-ми классами"),
        ("5-е классы", "gent", "5-х классов"),
        ("3-и классы", "gent", "3-х классов"),
        ("13-й участок", "datv", "13-му участку"),
        ("23-я сессия", "accs", "23-ю сессию"),
        ("2-й заместитель", "accs", "2-го заместителя"),
        ("2-й кабинет", "accs", "2-й кабинет"),
        ("100-я годовщина", "loct", "100-й годовщине"),
    ],
)
def test_ordinal_in_digits_takes_the_ending_of_its_case(given, case, expected):
    assert inflect(given, case) == expected


@pytest.mark.parametrize(
    "given",
    [
        "1-го отдела",  # not a nominative ending
        "5-х классов",
        "3-й",  # no noun
        "1-й группа",  # does not agree
    ],
)
def test_ordinal_without_a_nominative_noun_phrase_raises(given):
    with pytest.raises(InflectionFailed):
        inflect(given, "gent")


@pytest.mark.parametrize(
    ("given", "case", "expected"),
    [
        ("5-летний план", "gent", "5-летнего плана"),
        ("2023–2026 годы", "loct", "2023–2026 годах"),
        ("2023-2026 годы", "gent", "2023-2026 годов"),
    ],
)
def test_numbers_with_hyphens_that_are_no_ordinals(given, case, expected):
    assert inflect(given, case) == expected
