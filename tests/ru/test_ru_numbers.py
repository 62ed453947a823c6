"""docgen.ru numbers: agreement by CLDR category, numbers in words, decimals, percent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from docgen.ru import InflectionFailed, num_words, number, percent, plural

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("n", "noun", "case", "expected"),
    [
        (1, "год", "nomn", f"1{NBSP}год"),
        (2, "год", "nomn", f"2{NBSP}года"),
        (5, "год", "nomn", f"5{NBSP}лет"),  # pymorphy says «5 годов» (pitfall 13)
        (11, "год", "nomn", f"11{NBSP}лет"),
        (21, "год", "nomn", f"21{NBSP}год"),
        (22, "год", "nomn", f"22{NBSP}года"),
        (0, "год", "nomn", f"0{NBSP}лет"),
        (1.5, "год", "nomn", f"1,5{NBSP}года"),
        (Decimal("0.5"), "год", "nomn", f"0,5{NBSP}года"),
        (5, "год", "gent", f"5{NBSP}лет"),
        (1, "год", "datv", f"1{NBSP}году"),
        (5, "год", "ablt", f"5{NBSP}годами"),
        (5, "человек", "nomn", f"5{NBSP}человек"),  # not «5 людей»
        (2, "человек", "nomn", f"2{NBSP}человека"),
        (5, "человек", "datv", f"5{NBSP}человекам"),
        (30, "процент", "nomn", f"30{NBSP}процентов"),
        (31, "процент", "nomn", f"31{NBSP}процент"),
        (32, "процент", "nomn", f"32{NBSP}процента"),
        (30, "процент", "gent", f"30{NBSP}процентов"),
        (31, "процент", "datv", f"31{NBSP}проценту"),
        (1, "единица", "accs", f"1{NBSP}единицу"),
        (3, "единица", "accs", f"3{NBSP}единицы"),
        (14, "день", "nomn", f"14{NBSP}дней"),
        ("2,5", "процент", "nomn", f"2,5{NBSP}процента"),
        (12345, "рубль", "nomn", f"12{NBSP}345{NBSP}рублей"),
        (5, "день|дня|дней", "nomn", f"5{NBSP}дней"),
        (3, "рабочий день|рабочих дня|рабочих дней", "nomn", f"3{NBSP}рабочих дня"),
        (3, "Неделя", "nomn", f"3{NBSP}Недели"),
    ],
)
def test_plural(n, noun, case, expected):
    """The space between the number and the noun is a no-break one (gost.md T-05)."""
    assert plural(n, noun, case) == expected


@pytest.mark.parametrize(
    ("n", "noun", "case"),
    [
        (5, "абырвалгщ", "nomn"),
        (5, "день|дня|дней", "gent"),
        (5, "день|дней", "nomn"),
    ],
)
def test_plural_raises(n, noun, case):
    with pytest.raises(InflectionFailed):
        plural(n, noun, case)


@pytest.mark.parametrize(
    ("n", "case", "gender", "ordinal", "expected"),
    [
        (30, "nomn", "m", False, "тридцать"),
        (30, "gent", "m", False, "тридцати"),
        (23, "gent", "m", False, "двадцати трех"),  # num2words writes «трёх»
        (3, "ablt", "m", False, "тремя"),
        (1, "nomn", "f", False, "одна"),
        (2, "nomn", "ж", False, "две"),
        (2, "nomn", "n", False, "два"),
        (21, "accs", "f", False, "двадцать одну"),
        (2023, "gent", "m", True, "две тысячи двадцать третьего"),
        (3, "loct", "m", True, "третьем"),
        (0, "nomn", "m", False, "ноль"),
    ],
)
def test_num_words(n, case, gender, ordinal, expected):
    got = num_words(n, case, gender, ordinal)
    assert got == expected
    assert "ё" not in got


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (2023, "2023"),
        (1500, "1500"),
        (12345, f"12{NBSP}345"),
        (1234567.5, f"1{NBSP}234{NBSP}567,5"),
        ("0,25", "0,25"),
        (Decimal("12.5"), "12,5"),
        (-7, "-7"),
    ],
)
def test_number(given, expected):
    assert number(given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (30, f"30{NBSP}%"),
        (12.5, f"12,5{NBSP}%"),
        ("7", f"7{NBSP}%"),
        (100, f"100{NBSP}%"),
    ],
)
def test_percent_is_the_number_of_percent_with_nbsp(given, expected):
    assert percent(given) == expected


@pytest.mark.parametrize("given", ["abc", None, True, float("nan"), ""])
def test_not_a_number_raises(given):
    with pytest.raises(ValueError, match="не число"):
        number(given)
