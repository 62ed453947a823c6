"""docgen.ru.typograph: quotes, dashes, hyphens, no-break spaces (gost.md T-01…T-07, T-14)."""

from __future__ import annotations

import re

import pytest

from docgen.ru import typograph

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        # T-01 quotes: «ёлочки», nested «ёлочки» by default, both closing marks written
        ('"Об образовании"', "«Об образовании»"),
        ("„лапки“ и “английские”", "«лапки» и «английские»"),
        ('«О внесении изменений в "Об образовании"»', "«О внесении изменений в «Об образовании»»"),
        ('О внесении в "Об образовании в "РФ""', "О внесении в «Об образовании в «РФ»»"),
        ("«О внесении „Об образовании“»", "«О внесении «Об образовании»»"),
        ("« Об образовании »", "«Об образовании»"),
        ('ООО"Ромашка"', "ООО«Ромашка»"),
        # T-02 dashes: NBSP before, space after; ranges with an en dash and no spaces
        ("округ - Югра", f"округ{NBSP}– Югра"),
        ("комитет — орган", f"комитет{NBSP}– орган"),
        (f"округ{NBSP}– Югра", f"округ{NBSP}– Югра"),
        ("(далее- ММС)", f"(далее{NBSP}– ММС)"),
        ("(далее-ММС )", f"(далее{NBSP}– ММС)"),
        ("2023-2026", "2023–2026"),
        ("в 2023 - 2026 годах", "в 2023–2026 годах"),
        ("на 10-15 дней", "на 10–15 дней"),
        # T-03 hyphens inside words stay (or become) hyphens
        ("Ханты-Мансийский", "Ханты-Мансийский"),
        ("Ханты–Мансийский", "Ханты-Мансийский"),
        ("Ханты\u2011Мансийский", "Ханты-Мансийский"),
        ("научно- и методический", "научно- и методический"),
        ("№ 1063-од", f"№{NBSP}1063-од"),
        # T-04, T-05 no-break spaces
        ("№5", f"№{NBSP}5"),
        ("от 23 мая 2023г.", f"от 23{NBSP}мая{NBSP}2023{NBSP}г."),
        ("2023 - 2026 гг.", f"2023–2026{NBSP}гг."),
        ("И.В. Носова", f"И.В.{NBSP}Носова"),
        ("И. В. Носова", f"И.В.{NBSP}Носова"),
        ("Носова И.В. подписала", f"Носова{NBSP}И.В. подписала"),
        ("30% и 5 %", f"30{NBSP}% и 5{NBSP}%"),
        # T-07 spaces
        (
            "Заместитель председателя комитета  И.В. Носова",
            f"Заместитель председателя комитета И.В.{NBSP}Носова",
        ),
        ("  два  пробела  ", "два пробела"),
        ("слово , слово", "слово, слово"),
        ("тел. 8 (81362) 00-000", "тел. 8 (81362) 00-000"),
    ],
)
def test_typograph(given, expected):
    assert typograph(given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("«О внесении изменений в «Об образовании»»", "«О внесении изменений в „Об образовании“»"),
        ('"О внесении "Об образовании""', "«О внесении „Об образовании“»"),
        ("«О внесении „Об образовании“»", "«О внесении „Об образовании“»"),
    ],
)
def test_nested_quotes_may_be_lapki(given, expected):
    assert typograph(given, nested="„“") == expected


SAMPLES = [
    '"Об образовании" и "дорожная карта" - 2023-2026 гг.',
    "Заместитель председателя комитета  И.В. Носова, №1063- од",
    "«О внесении „Об образовании“» (далее - ММС), 30%",
]


@pytest.mark.parametrize("given", SAMPLES)
@pytest.mark.parametrize("nested", ["«»", "„“"])
def test_typograph_is_idempotent(given, nested):
    once = typograph(given, nested)
    assert typograph(once, nested) == once


@pytest.mark.parametrize("given", SAMPLES)
def test_result_passes_the_linter_patterns(given):
    got = typograph(given)
    assert not re.search(r'["\u201c\u201d\u201e]', got)  # T-01
    assert got.count("«") == got.count("»")
    assert not re.search(r"(?<=\S) [-\u2010\u2011] (?=\S)", got)  # T-02
    assert not re.search(r"(?<=\S) (?=[–—]\s)", got)
    assert not re.search(r"№(?=\S)", got)  # T-04
    assert not re.search(r"(?<=\S) {2,}(?=\S)", got)  # T-07


def test_nbsp_in_input_is_kept():
    assert typograph(f"Комитет{NBSP}образования") == f"Комитет{NBSP}образования"


def test_bad_nested_pair_is_rejected():
    with pytest.raises(ValueError):
        typograph("x", nested="«")
