"""Dates and year ranges as acts write them (docs/reference/gost.md G-21, G-45, T-05, T-06).

Month names come from babel's CLDR data for ``ru`` (genitive «мая» in the format
context, nominative «сентябрь» stand-alone). The strings are assembled here rather
than with babel's ``long`` format, which puts U+202F before «г.»
(docs/reference/russian.md, pitfall 14).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from .cases import InflectionFailed, normalize_case

NBSP = "\u00a0"
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?")
_DIGITAL = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_RANGE = re.compile(r"\s*(\d{4})\s*(?:[-\u2010-\u2014/]|\.\.)\s*(\d{4})\s*")
_YEAR = {  # «год» after a number: singular for one year, plural for a range
    "sing": {
        "nomn": "год",
        "gent": "года",
        "datv": "году",
        "accs": "год",
        "ablt": "годом",
        "loct": "годе",
        "loc2": "году",
    },
    "plur": {
        "nomn": "годы",
        "gent": "годов",
        "datv": "годам",
        "accs": "годы",
        "ablt": "годами",
        "loct": "годах",
        "loc2": "годах",
    },
}


@lru_cache(maxsize=4)  # -- two contexts: «format» and «stand-alone» --
def _months(context: str) -> tuple[str, ...]:
    from babel.dates import get_month_names

    names = get_month_names("wide", context=context, locale="ru")
    return tuple(names[m] for m in range(1, 13))


def to_date(value: date | datetime | str) -> date:
    """Return `value` as a `date`; accepts date, datetime, «2023-05-23» and «23.05.2023»."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    m = _ISO.fullmatch(text)
    parts = (m.group(1), m.group(2), m.group(3)) if m else None
    if parts is None and (m := _DIGITAL.fullmatch(text)):
        parts = (m.group(3), m.group(2), m.group(1))
    if parts is not None:
        try:
            return date(*map(int, parts))
        except ValueError:
            pass
    raise ValueError(f"не дата: {value!r} (ожидается ГГГГ-ММ-ДД или ДД.ММ.ГГГГ)")


def date_digital(value: date | datetime | str) -> str:
    """Return the digital date: 2023-05-23 → «23.05.2023» (no «г.» after it, G-21)."""
    d = to_date(value)
    return f"{d.day:02d}.{d.month:02d}.{d.year:04d}"


def date_long(value: date | datetime | str) -> str:
    """Return the verbal date: 2023-05-23 → «23\u00a0мая\u00a02023\u00a0г.» (no leading zero)."""
    d = to_date(value)
    return f"{d.day}{NBSP}{_months('format')[d.month - 1]}{NBSP}{d.year}{NBSP}г."


def month_year(value: date | datetime | str) -> str:
    """Return the stand-alone month for deadlines: 2024-09-01 → «сентябрь\u00a02024\u00a0г.»."""
    d = to_date(value)
    return f"{_months('stand-alone')[d.month - 1]}{NBSP}{d.year}{NBSP}г."


def years(period, case: str = "nomn") -> str:
    """Return a year or a range of years with «год» in `case`: (2023, 2026) → «2023–2026 годы».

    `period` is a (start, end) pair, «2023–2026» (any dash or hyphen), or one year.
    ``years(p, 'loct')`` → «2023–2026 годах» («в 2023–2026 годах»); one year:
    ``years(2024, 'loc2')`` → «2024 году» («в 2024 году»), ``'loct'`` → «2024 годе».
    The space before «год» is a no-break space.
    """
    code = normalize_case(case)
    start, end = _period(period)
    if end is None or end == start:
        return f"{start}{NBSP}{_YEAR['sing'][code]}"
    if end < start:
        raise InflectionFailed(f"{start}–{end}", code, "конец периода раньше начала")
    return f"{start}\u2013{end}{NBSP}{_YEAR['plur'][code]}"


def _period(period) -> tuple[int, int | None]:
    if isinstance(period, (date, datetime)):
        return period.year, None
    if isinstance(period, (tuple, list)) and len(period) == 2:
        return _year(period[0]), _year(period[1])
    if isinstance(period, int) and not isinstance(period, bool):
        return _year(period), None
    text = str(period)
    if m := _RANGE.fullmatch(text):
        return int(m.group(1)), int(m.group(2))
    return _year(text), None


def _year(value) -> int:
    if isinstance(value, (date, datetime)):
        return value.year
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError(f"не год: {value!r} (ожидается четырехзначный год или пара годов)")
    return int(text)
