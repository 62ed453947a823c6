"""Targets, deadlines and indicator years lie after the act's date (G-56).

What counts as a term the act sets: «к 2024 году», «до конца 2024 года», «в 2024 году»,
«до 01.09.2024», «не позднее 1 сентября 2024 г.», «на 2023–2026 годы», «декабрь 2023 г.»,
indicator values by year «2024 г. – 10», a table cell holding only a year («2024 г.» in a
deadline column, «2024» heading a year column). What does not: dates of cited acts
(«от 21.07.2020 № 474» — no target word before them), anything in quotes (titles such as
«… на период до 2030 года»), periods of validity («на период до 2030 года», «на срок
до …»), the repeal clause. An undated act (a draft) is judged against today.
"""

from __future__ import annotations

import datetime as dt
import re

from ..model import DocModel
from ..patterns import MONTH_NUMBERS, SP
from ..registry import issue, rule
from ._common import WARNING, as_date, day_label, found_in, judged_on, sparse, unquoted

#: A year; a digit before it is checked apart (a leading look-behind would slow the scan).
_YEAR_RE = re.compile(r"(?:19|20)\d{2}(?!\d)")
#: What may follow a year: «году», «гг.», «г. – 10».
_AFTER_YEAR_RE = re.compile(rf"{SP}*(?:году|года|год|г\.)")
_AFTER_RANGE_RE = re.compile(rf"{SP}*(?:гг\.|годы|годах|годов|года)")
_AFTER_VALUE_RE = re.compile(rf"{SP}*(?:г\.|год){SP}*[–—-]{SP}*\d+(?:[.,]\d+)?")
_DIGITAL_HEAD_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.")
_RANGE_HEAD_RE = re.compile(r"(?:19|20)\d{2}[–—-]?|[–—-]")
#: A month, nominative or prepositional (a month of a year, not of a date).
_MONTH_RE = re.compile(
    r"(?:январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?"
    r"|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])"
)
#: Each month's stem with its number: the genitive without its last letter («январ», «ма»),
#: in calendar order («март» is tried before «ма»).
_MONTH_STEMS = tuple((name[:-1], number) for name, number in MONTH_NUMBERS.items())
_GENITIVES = tuple(MONTH_NUMBERS)
#: Words before a date that make it a deadline; before a year, a target.
_DEADLINE_WORDS = ("до", "позднее")
_TARGET_WORDS = ("к", "до", "в", "по")
_TARGET_PARTS = ("концу", "началу", "конца", "начала", "течение")
#: Words before «до» that make it a period of validity («на период до 2030 года»).
_VALIDITY = ("период", "срок", "действ")
#: A table cell that is only a year: a deadline «2024 г.» or a year column «2024».
_YEAR_CELL_RE = re.compile(r"^(?P<year>(?:19|20)\d{2})(?:[ \u00a0]*(?:г\.|год))?$")
_SKIP_ROLES = ("blank", "kind", "datenum", "sign", "mark", "extra", "empty")
_REPEAL_RE = re.compile(r"утративш\w*\s+силу", re.IGNORECASE)
_WINDOW = 48

#: A term: (year, month or 0, day or 0, quote).
Term = tuple[int, int, int, str]


@sparse("terms")
def _terms(text: str) -> tuple[Term, ...]:
    """Return the terms (targets, deadlines, indicator years) `text` sets.

    Each year is judged by the few words right before it and what follows it, so the
    dates of cited acts («от 29 декабря 2012 г.») cost a look each.
    """
    if "19" not in text and "20" not in text:
        return ()
    # -- most years are dates of cited acts: quotes are blanked only when one is not --
    for match in _YEAR_RE.finditer(text):
        if not _cited(text, match.start()):
            break
    else:
        return ()
    plain = unquoted(text)
    if "тратив" in plain and _REPEAL_RE.search(plain):
        return ()
    out: list[Term] = []
    for match in _YEAR_RE.finditer(plain):
        if _cited(plain, match.start()):
            continue
        found = _term(plain, match.start(), match.end())
        if found is not None:
            term, words, right = found
            left = match.start() - len(words)
            out.append((*term, plain[left:right].strip(" \u00a0([«")))
    return tuple(out)


def _cited(text: str, start: int) -> bool:
    """Return True for a year that cannot set a term: part of a longer number, or of the
    date of a cited act («от 29 декабря 2012 г.», «от 11.05.2023»), not of a deadline."""
    if start and text[start - 1].isdigit():
        return True
    near = text[max(0, start - 26) : start]
    if "до" in near or "До" in near or "позднее" in near:
        return False
    return near.endswith(".") or near.rstrip(" \u00a0").endswith(_GENITIVES)


def _words(text: str, start: int) -> list[str]:
    """Return the last words before `start` (a window), lower case, brackets stripped."""
    return [w.strip("(«[").lower() for w in text[max(0, start - _WINDOW) : start].split()[-4:]]


def _head(text: str, start: int, count: int) -> str:
    """Return the text from the start of the `count`-th word before `start` up to `start`."""
    piece = text[max(0, start - _WINDOW) : start]
    for _ in range(count):
        piece = piece.rstrip(" \u00a0")
        cut = max(piece.rfind(" "), piece.rfind("\u00a0"))
        piece = piece[: cut + 1] if cut >= 0 else ""
    return text[max(0, start - _WINDOW) + len(piece) : start]


def _term(text: str, start: int, end: int):
    """Return ((year, month, day), text from the quote start to the year, quote end) when
    the year at text[start:end] sets a term, else None."""
    year = int(text[start:end])
    right = min(len(text), end + 24)
    words = _words(text, start)
    joined = text[start - 1] not in " \u00a0" if start else False
    last = words[-1] if words else ""
    before = words[:-1] if joined else words
    tail = _AFTER_YEAR_RE.match(text, end, right)
    quote_end = tail.end() if tail else end
    # -- a date: «до 01.09.2024», «не позднее 1 сентября 2024 г.»; else a cited act's --
    digital = _DIGITAL_HEAD_RE.fullmatch(last) if joined else None
    if digital is not None:
        day, month = int(digital.group(1)), int(digital.group(2))
        return _date_term(year, month, day, before, text, start, quote_end, 1)
    if not joined and len(words) >= 2 and last in MONTH_NUMBERS and words[-2].isdigit():
        day, month = int(words[-2]), MONTH_NUMBERS[last]
        return _date_term(year, month, day, words[:-2], text, start, quote_end, 2)
    # -- a period: «2023–2026 годы», «2023 – 2026 гг.» --
    span = _AFTER_RANGE_RE.match(text, end, right)
    if span is not None and last and _RANGE_HEAD_RE.fullmatch(last):
        count = 1 if last[:1].isdigit() else 2
        return (year, 0, 0), _head(text, start, count), span.end()
    # -- a month of a year: «декабрь 2023 г.», «в декабре 2023 года» --
    if not joined and _MONTH_RE.fullmatch(last) and not (len(words) > 1 and words[-2].isdigit()):
        number = next(n for stem, n in _MONTH_STEMS if last.startswith(stem))
        return (year, number, 0), _head(text, start, 1), quote_end
    # -- a target: «к 2024 году», «до конца 2024 года», «в течение 2024 года» --
    if tail is not None and not joined and last:
        count = 2 if last in _TARGET_PARTS and len(words) > 1 else 1
        pre = words[-count]
        if pre in _TARGET_WORDS:
            if pre == "до" and len(words) > count and words[-count - 1].startswith(_VALIDITY):
                return None
            return (year, 0, 0), _head(text, start, count), tail.end()
    # -- an indicator value by year: «2024 г. – 10» --
    value = _AFTER_VALUE_RE.match(text, end, right)
    if value is not None and (start == 0 or text[start - 1] not in ".–—-0123456789"):
        return (year, 0, 0), "", value.end()
    return None


def _date_term(year, month, day, before, text, start, quote_end, count):
    """Return the term of a full date when a deadline word stands before it, else None."""
    if not before or before[-1] not in _DEADLINE_WORDS or as_date(day, month, year) is None:
        return None
    count += 2 if before[-1] == "позднее" and len(before) > 1 and before[-2] == "не" else 1
    return (year, month, day), _head(text, start, count), quote_end


@sparse("lone_year")
def _lone_year(text: str) -> tuple[int, bool] | None:
    """Return (year, written with «г.»/«год») for a text that is only a year, else None."""
    if len(text) > 16:
        return None
    cell = _YEAR_CELL_RE.match(text.strip(" \t\u00a0"))
    return (int(cell.group("year")), "г" in cell.group(0)) if cell else None


def _before(term: tuple[int, int, int], day: dt.date) -> bool:
    """Return True when the whole term lies before `day` (a year before its year, …)."""
    year, month, mday = term
    if not month:
        return year < day.year
    if not mday:
        return (year, month) < (day.year, day.month)
    return (year, month, mday) < (day.year, day.month, day.day)


@rule("G-56", WARNING, "text", "Сроки, целевые значения и годы показателей — не раньше даты акта")
def past_terms(doc: DocModel, profile):
    day, own = judged_on(doc)
    if day is None:
        return
    found = [(p, terms) for p, terms in found_in(doc, "terms")]
    for para, (year, marked) in found_in(doc, "lone_year"):
        # -- a lone year in a cell: a deadline «2024 г.», or a year column in the header --
        if para.in_table and (para.row <= 1 or marked):
            found.append((para, ((year, 0, 0, para.clean),)))
    for para, terms in found:
        if para.role in _SKIP_ROLES:
            continue
        for year, month, mday, quote in terms:
            if _before((year, month, mday), day):
                yield issue(
                    para,
                    f"срок «{quote}» раньше {day_label(day, own)}",
                    "сроки и целевые годы — после даты акта",
                    quote=quote,
                )
