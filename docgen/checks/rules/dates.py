"""Dates (T-06) and the act's date and registration number (G-21, G-22)."""

from __future__ import annotations

import re

from ..memo import text_memo
from ..model import DocModel, Para
from ..patterns import DATE_BLANK, MONTHS, MONTHS_GENITIVE, SP, UNFILLED_RE
from ..registry import issue, rule
from ._common import ERROR, WARNING, pattern, patterns, scan, text_paras, unquoted

_YEARS = (".19", ".20")
_DIGIT_DOT = re.compile(r"\d\.\d\d\.\d\d")
_ZERO_DAY = re.compile(r"0\d[ \u00a0]")
_DATES = patterns(
    pattern(
        r"\b\d{2}\.\d{2}\.\d{4}[ \u00a0]*(?:г\.|года?\b)",
        "после цифровой даты «г.»/«года»",
        "«23.05.2023» без «г.»",
        needles=_YEARS,
    ),
    pattern(
        r"(?<![\d.])(?:0[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])\.\d{2}(?!\d|\.\d)",
        "год записан двумя цифрами",
        "«23.11.2023»",
        guard=lambda t: _DIGIT_DOT.search(t) is not None,
    ),
    pattern(
        r"(?<![\d.])(?:\d\.\d{1,2}|\d{2}\.\d)\.(?:19|20)\d{2}\b",
        "в цифровой дате нет ведущего нуля",
        "«05.06.2023»",
        needles=_YEARS,
    ),
    pattern(
        rf"\b0\d[ \u00a0]+{MONTHS}",
        "в словесной дате день с ведущим нулём",
        "«1 февраля 2019 г.»",
        needles=MONTHS_GENITIVE,
        guard=lambda t: _ZERO_DAY.search(t) is not None,
    ),
    pattern(
        DATE_BLANK,
        "дата в форме пустого бланка «« 23 » ноября»",
        "«23.11.2023» или «23 ноября 2023 г.»",
        WARNING,
        needles=("«",),
    ),
)
_WORD_DATE_RE = re.compile(rf"\d(?<!\w\d)\d?{SP}+{MONTHS}{SP}+\d{{4}}{SP}*(?P<suffix>г\.|года?\b)")
_REF_DATE_RE = re.compile(
    rf"о(?<!\wо)т{SP}+(?:(?P<digital>\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}})|"
    rf"(?P<words>\d{{1,2}}{SP}+{MONTHS}))"
)


@text_memo
def _word_dates(text: str) -> tuple[tuple[str, str], ...]:
    """Return (suffix «г.»/«года», date) of each word date with a suffix in `text`."""
    for month in MONTHS_GENITIVE:
        if month in text:
            break
    else:
        return ()
    return tuple(
        ("г." if m.group("suffix") == "г." else "года", m.group(0))
        for m in _WORD_DATE_RE.finditer(text)
    )


@text_memo
def _mixed_references(text: str) -> bool:
    """Return True when `text` refers to acts with both digital and word dates.

    Dates inside the quoted title of a cited act are its own wording and do not count.
    """
    if "от" not in text:
        return False
    text = unquoted(text) if "«" in text else text
    kinds = {("digital" if m.group("digital") else "words") for m in _REF_DATE_RE.finditer(text)}
    return len(kinds) == 2


@rule(
    "T-06",
    ERROR,
    "text",
    "Даты: «г.» после цифровой даты, год из двух цифр, ведущие нули, единообразие",
    also=(WARNING,),
)
def dates(doc: DocModel, profile):
    forms: dict[str, list[tuple[Para, str]]] = {"г.": [], "года": []}
    for para in text_paras(doc):
        yield from scan(para, _DATES)
        for suffix, text in _word_dates(para):
            forms[suffix].append((para, text))
        if para.role in ("preamble", "clause", "text", "item") and _mixed_references(para):
            yield issue(
                para,
                "в одном абзаце ссылки с цифровыми и словесными датами",
                "одна форма дат",
                severity=WARNING,
            )
    if forms["г."] and forms["года"]:
        minority, majority = sorted(forms.values(), key=len)
        word = "г." if minority is forms["г."] else "года"
        other = "года" if word == "г." else "г."
        for para, text in minority:
            yield issue(
                para,
                f"словесная дата с «{word}», а в остальных {len(majority)} — с «{other}»",
                f"одна форма: «{other}»",
                quote=text,
                severity=WARNING,
            )


_STRICT_DATE_RE = re.compile(
    rf"(?:^|\bот{SP}+|^)(?:(?P<digital>(?:0[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])\.(?:19|20)\d{{2}})"
    rf"(?![\d.])(?!{SP}*(?:г\.|год))|(?P<words>[1-9]\d?{SP}{MONTHS}{SP}(?:19|20)\d{{2}}{SP}г\.))"
)


def _act_datenum(doc: DocModel):
    for part in doc.parts:
        if part.kind == "act":
            yield part, part.role("datenum")


@rule("G-21", ERROR, "text", "Дата акта: «ДД.ММ.ГГГГ» или «5 июня 2023 г.», без «года»")
def act_date(doc: DocModel, profile):
    for part, lines in _act_datenum(doc):
        dated = [p for p in lines if re.search(rf"\d{{1,2}}(?:\.\d|\s*»?{SP}*{MONTHS})", p.clean)]
        if not dated:
            if not any(UNFILLED_RE.search(p.text) for p in lines):
                where = lines[0] if lines else part.paras[0]
                yield issue(where, f"у {part.genitive} нет даты документа", "«от 23.05.2023 № 233»")
            continue
        para = dated[0]
        if not _STRICT_DATE_RE.search(para.clean):
            yield issue(
                para,
                "дата документа не по ГОСТ Р 7.0.97 (п. 5.10)",
                "«23.05.2023» (без «г.») или «23 мая 2023 г.» (день без нуля)",
            )


def _same_row(a: Para, b: Para) -> bool:
    return a.in_table and b.in_table and (a.table, a.row) == (b.table, b.row)


@rule("G-22", WARNING, "text", "Дата и регистрационный номер акта — в одной строке, «№ 233-р»")
def act_number(doc: DocModel, profile):
    for _part, lines in _act_datenum(doc):
        if not lines:
            continue
        with_number = [p for p in lines if "№" in p.clean or re.search(r"\bN\s?\d", p.clean)]
        with_date = [p for p in lines if re.search(rf"\d\.\d|{MONTHS}", p.clean)]
        if not with_number:
            yield issue(lines[0], "нет регистрационного номера акта", "«от 23.05.2023 № 233»")
        elif (
            with_date
            and with_date[0] is not with_number[0]
            and not _same_row(with_date[0], with_number[0])
        ):
            yield issue(
                with_number[0],
                "дата и номер акта в разных строках",
                "одна строка: «от 23.05.2023 № 233» или дата слева, номер справа (табулятор)",
            )
