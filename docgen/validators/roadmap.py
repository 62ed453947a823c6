"""Validators of the hmao-msms roadmap: deadlines inside the period, indicator years and series."""

from __future__ import annotations

import datetime as _dt
import itertools as _it
import re as _re
from collections.abc import Mapping
from typing import Any

from ..schema import UNKNOWN, value_at
from .registry import validator

_MONTHS_NOMN = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
_SP = r"[ \u00a0]"
_DASH = r"[-\u2010-\u2014]"
#: Deadlines with no year of their own: they recur inside the roadmap period.
RECURRING_DEADLINES = ("ежегодно", "ежеквартально", "ежемесячно", "постоянно")
_DEADLINE_FORMS: tuple[tuple[str, Any], ...] = (
    (rf"до{_SP}(?P<d>\d{{2}})\.(?P<m>\d{{2}})\.(?P<y>\d{{4}})", "date"),
    (r"(?P<d>\d{2})\.(?P<m>\d{2})\.(?P<y>\d{4})", "date"),
    (rf"(?P<month>{'|'.join(_MONTHS_NOMN)}){_SP}(?P<y>\d{{4}}){_SP}г\.", "month"),
    (rf"(?P<q>IV|III|II|I){_SP}квартал{_SP}(?P<y>\d{{4}}){_SP}г\.", "year"),
    (rf"(?P<y>\d{{4}}){_SP}г\.", "year"),
    (rf"(?P<y>\d{{4}}){_SP}?{_DASH}{_SP}?(?P<y2>\d{{4}}){_SP}гг\.", "range"),
)
DEADLINE_FORMS_HELP = (
    "«до 01.09.2024», «01.09.2024», «сентябрь 2024 г.», «IV квартал 2024 г.», "
    "«2024 г.», «2024–2026 гг.», " + ", ".join(f"«{w}»" for w in RECURRING_DEADLINES)
)


def parse_deadline(text: str) -> tuple[int, int] | None:
    """Return the (first, last) year a roadmap deadline covers; None for a recurring one.

    «до 01.09.2024» → (2024, 2024); «сентябрь 2024 г.» → (2024, 2024); «2024–2026 гг.» →
    (2024, 2026); «ежегодно», «постоянно» → None. Raise ValueError for any other form
    (G-45: deadlines are written uniformly) or an impossible date / reversed range.
    """
    value = " ".join(str(text).replace("\u00a0", " ").split())
    if value.lower() in RECURRING_DEADLINES:
        if value != value.lower():
            raise ValueError(f"срок «{text}» пишется со строчной буквы")
        return None
    for pattern, kind in _DEADLINE_FORMS:
        match = _re.fullmatch(pattern, value)
        if not match:
            continue
        year = int(match.group("y"))
        if kind == "date":
            try:
                _dt.date(year, int(match.group("m")), int(match.group("d")))
            except ValueError:
                raise ValueError(f"в сроке «{text}» несуществующая дата") from None
        if kind == "range":
            last = int(match.group("y2"))
            if last <= year:
                raise ValueError(f"в сроке «{text}» конец периода не позже начала")
            return year, last
        return year, year
    raise ValueError(f"срок «{text}» не по образцу (G-45): {DEADLINE_FORMS_HELP}")


def _known(value: Any) -> bool:
    return value is not None and value is not UNKNOWN


@validator("roadmap_deadlines")
def roadmap_deadlines(value: Any, data: Mapping[str, Any], path: str) -> list[str]:
    """Every roadmap deadline is in a known form and lies inside roadmap.start … roadmap.end."""
    if not isinstance(value, list) or not value:
        return []
    start, end = value_at(data, "roadmap.start"), value_at(data, "roadmap.end")
    if not (_known(start) and _known(end)):
        return [f"{path}: у дорожной карты не задан период (roadmap.start, roadmap.end)"]
    if start > end:
        return [f"roadmap.start: первый год {start} позже последнего {end}"]
    problems = []
    for i, group in enumerate(value):
        measures = group.get("measures") if isinstance(group, Mapping) else None
        for j, measure in enumerate(measures if isinstance(measures, list) else []):
            deadline = measure.get("deadline") if isinstance(measure, Mapping) else None
            if not _known(deadline):
                continue
            where = f"{path}[{i}].measures[{j}].deadline"
            try:
                years = parse_deadline(deadline)
            except ValueError as exc:
                problems.append(f"{where}: {exc}")
                continue
            if years and (years[0] < start or years[1] > end):
                problems.append(
                    f"{where}: срок «{deadline}» вне периода дорожной карты {start}\u2013{end}"
                )
    return problems + _indicator_refs(value, data, path)


def _indicator_refs(groups: list, data: Mapping[str, Any], path: str) -> list[str]:
    """A measure's «indicator» names a row of indicators.rows (1-based)."""
    rows = value_at(data, "indicators.rows")
    if rows is UNKNOWN:
        return []  # -- the indicators are not known yet: a reference cannot be judged --
    count = len(rows) if isinstance(rows, list) else 0
    problems = []
    for i, group in enumerate(groups):
        measures = group.get("measures") if isinstance(group, Mapping) else None
        for j, measure in enumerate(measures if isinstance(measures, list) else []):
            ref = measure.get("indicator") if isinstance(measure, Mapping) else None
            if _known(ref) and not 1 <= ref <= count:
                problems.append(
                    f"{path}[{i}].measures[{j}].indicator: показателя № {ref} "
                    f"нет (в indicators.rows их {count})"
                )
    return problems


@validator("indicator_years")
def indicator_years(value: Any, data: Mapping[str, Any], path: str) -> list[str]:
    """The indicator years go up one by one and lie inside the roadmap period (when set)."""
    if not isinstance(value, list) or not value:
        return []
    years = [y for y in value if _known(y)]
    problems = []
    if any(b != a + 1 for a, b in _it.pairwise(years)):
        problems.append(
            f"{path}: годы должны идти по возрастанию без пропусков и повторов: "
            f"{', '.join(map(str, years))}"
        )
    start, end = value_at(data, "roadmap.start"), value_at(data, "roadmap.end")
    if years and _known(start) and _known(end) and (years[0] < start or years[-1] > end):
        problems.append(
            f"{path}: годы показателей {years[0]}\u2013{years[-1]} выходят за период "
            f"дорожной карты {start}\u2013{end}"
        )
    return problems


def _figure(text: Any) -> float:
    value = str(text).replace("\u00a0", "").replace(" ", "").replace(",", ".").rstrip("%")
    if not _re.fullmatch(r"\d+(?:\.\d+)?", value):
        raise ValueError
    return float(value)


@validator("indicator_series")
def indicator_series(value: Any, data: Mapping[str, Any], path: str) -> list[str]:
    """One value per year column; values are numbers; a cumulative series never decreases."""
    if not isinstance(value, list) or not value:
        return []
    years = value_at(data, "indicators.years")
    if years is UNKNOWN:
        return []  # -- the years are not known yet: the series cannot be judged --
    if not isinstance(years, list) or not years:
        return [f"{path}: для показателей не заданы годы (indicators.years)"]
    problems = []
    for i, row in enumerate(value):
        if not isinstance(row, Mapping):
            continue
        figures = row.get("figures")
        if not isinstance(figures, list):
            continue
        where = f"{path}[{i}]"
        if len(figures) != len(years):
            problems.append(
                f"{where}.figures: значений {len(figures)}, а лет "
                f"{len(years)} ({', '.join(map(str, years))}) — нужно ровно "
                "одно значение на каждый год"
            )
            continue
        numbers = []
        for j, figure in enumerate(figures):
            if not _known(figure):
                numbers.append(None)
                continue
            try:
                numbers.append(_figure(figure))
            except ValueError:
                problems.append(f"{where}.figures[{j}]: «{figure}» — не число")
                numbers.append(None)
        cumulative = row.get("cumulative")
        if cumulative is None or not _known(cumulative):
            cumulative = "нарастающим итогом" in " ".join(str(row.get("name", "")).split())
        if cumulative:
            known = [(y, n) for y, n in zip(years, numbers, strict=False) if n is not None]
            for (y1, a), (y2, b) in _it.pairwise(known):
                if b < a:
                    problems.append(
                        f"{where}: значение нарастающим итогом убывает: "
                        f"{y1} — {figures[years.index(y1)]}, "
                        f"{y2} — {figures[years.index(y2)]}"
                    )
    return problems
