"""docgen.ru dates: digital, verbal, stand-alone month, year ranges (gost.md G-21, T-05, T-06)."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from docgen.ru import InflectionFailed, date_digital, date_long, month_year, to_date, years

NBSP = "\u00a0"
# gost.md §3: the DATE pattern the linter applies
MONTHS = r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
DATE_RE = re.compile(
    r"(?:\d{2}\.\d{2}\.\d{4}|\d{1,2}[\s\u00a0]" + MONTHS + r"[\s\u00a0]\d{4}[\s\u00a0](?:г\.|года))"
)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (date(2023, 5, 23), "23.05.2023"),
        (date(2024, 9, 1), "01.09.2024"),
        (datetime(2023, 11, 23, 14, 30), "23.11.2023"),
        ("2023-05-23", "23.05.2023"),
        ("2019-02-26T10:00:00", "26.02.2019"),
        ("26.02.2019", "26.02.2019"),
        ("1.9.2024", "01.09.2024"),
    ],
)
def test_date_digital(given, expected):
    assert date_digital(given) == expected
    assert DATE_RE.fullmatch(date_digital(given))


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (date(2023, 5, 23), f"23{NBSP}мая{NBSP}2023{NBSP}г."),
        (date(2019, 11, 5), f"5{NBSP}ноября{NBSP}2019{NBSP}г."),
        (date(2024, 9, 1), f"1{NBSP}сентября{NBSP}2024{NBSP}г."),
        ("2012-12-29", f"29{NBSP}декабря{NBSP}2012{NBSP}г."),
        (date(2023, 3, 8), f"8{NBSP}марта{NBSP}2023{NBSP}г."),
    ],
)
def test_date_long(given, expected):
    got = date_long(given)
    assert got == expected
    assert DATE_RE.fullmatch(got) and "\u202f" not in got


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (date(2024, 9, 1), f"сентябрь{NBSP}2024{NBSP}г."),
        (date(2025, 5, 31), f"май{NBSP}2025{NBSP}г."),
        ("2024-12-01", f"декабрь{NBSP}2024{NBSP}г."),
    ],
)
def test_month_year_is_stand_alone(given, expected):
    assert month_year(given) == expected


@pytest.mark.parametrize(
    ("period", "case", "expected"),
    [
        ((2023, 2026), "nomn", f"2023–2026{NBSP}годы"),
        ((2023, 2026), "accs", f"2023–2026{NBSP}годы"),
        ((2023, 2026), "loct", f"2023–2026{NBSP}годах"),
        ((2023, 2026), "gent", f"2023–2026{NBSP}годов"),
        ([2023, 2026], "datv", f"2023–2026{NBSP}годам"),
        ("2023–2026", "loct", f"2023–2026{NBSP}годах"),
        ("2023-2026", "nomn", f"2023–2026{NBSP}годы"),
        ("2023 - 2026", "ablt", f"2023–2026{NBSP}годами"),
        (2024, "nomn", f"2024{NBSP}год"),
        ("2024", "loc2", f"2024{NBSP}году"),
        (2024, "loct", f"2024{NBSP}годе"),
        ((2024, 2024), "gent", f"2024{NBSP}года"),
        (date(2024, 5, 1), "datv", f"2024{NBSP}году"),
    ],
)
def test_years(period, case, expected):
    assert years(period, case) == expected


@pytest.mark.parametrize("given", ["вчера", "2023-13-01", "31.02.2023", "", None, 20230523])
def test_not_a_date_raises(given):
    with pytest.raises(ValueError, match="не дата"):
        to_date(given)


@pytest.mark.parametrize("given", ["двадцать", "23", (2023, "x"), (1, 2, 3)])
def test_not_a_period_raises(given):
    with pytest.raises(ValueError):
        years(given)


def test_reversed_period_raises():
    with pytest.raises(InflectionFailed, match="раньше начала"):
        years((2026, 2023))
