"""Regular expressions shared by the classifier and the rules, compiled once.

The rules are those of docs/reference/gost.md §3; the names follow it: ``MONTHS``,
``DATE`` (``<DATE>``), ``NUMBER`` (``<N>``), ``RE_NUM``. The words of the act kinds
(«РАСПОРЯЖЕНИЕ», «ПРИКАЗЫВАЮ:», «к распоряжению») are data: :mod:`docgen.checks.kinds`.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
#: A space as it may appear between words: ordinary or no-break.
SP = r"[ \u00a0]"
MONTHS = (
    r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября"
    r"|декабря)"
)
#: Month names in the genitive («5 июня»), in calendar order.
MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
MONTH_NUMBERS = {name: i for i, name in enumerate(MONTHS_GENITIVE, 1)}
DATE_DIGITAL = r"\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?![\d.])"
DATE_WORDS = rf"\d{{1,2}}{SP}+{MONTHS}{SP}+\d{{4}}(?:{SP}*(?:г\.|года?\b))?"
DATE_BLANK = rf"«\s*\d{{1,2}}\s*»\s*{MONTHS}\s+\d{{4}}(?:{SP}*(?:г\.|года?\b))?"
#: Any date docgen or a person may write, including the wrong forms the rules report.
DATE = rf"(?:{DATE_BLANK}|{DATE_WORDS}|{DATE_DIGITAL}(?:{SP}*(?:г\.|года?\b))?)"
NUMBER = r"[\dА-Яа-яЁёA-Za-z]+(?:\s?[-/]\s?[\dА-Яа-яЁёA-Za-z]+)*"
DATE_RE = re.compile(DATE)

#: A clause number at the start of a paragraph, optionally after a list marker (T-08).
CLAUSE_RE = re.compile(
    r"^[ \t\u00a0]*(?P<marker>[-–—•·][ \t\u00a0]*)?"
    r"(?P<num>\d{1,2}(?:\.\d{1,3}){0,6})\.(?=[\s\u00a0])"
)
#: A sub-item «1)», «а)» at the start of a paragraph, optionally after a marker.
SUBITEM_RE = re.compile(
    r"^[ \t\u00a0]*(?P<marker>[-–—•·][ \t\u00a0]*)?(?P<label>\d{1,2}|[а-я])\)[ \u00a0]"
)
#: A list marker at the start of a paragraph (T-12).
MARKER_RE = re.compile(r"^[ \t\u00a0]*(?P<marker>[-–—•·])(?P<space>[ \t\u00a0]?)(?=\S)")

INITIALS = r"[А-ЯЁ]\.[ \u00a0]?[А-ЯЁ]\."
SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
#: «И.О. Фамилия» with any spaces.
NAME_IOF = rf"{INITIALS}[ \u00a0]?{SURNAME}"
NAME_IOF_RE = re.compile(rf"(?<![А-ЯЁа-яё])(?P<ini>{INITIALS})[ \u00a0]?(?P<sur>{SURNAME})\b")
#: «Фамилия И.О.».
NAME_FIO_RE = re.compile(rf"\b(?P<sur>{SURNAME})[ \u00a0](?P<ini>{INITIALS})(?![А-ЯЁа-яё])")

#: The head word of an approved document (appendix heading), any case.
DOC_KINDS = (
    r"(?:примерн\w+\s+)?(?:положени\w*|порядо?к\w*|правил\w*|план\w*|комплекс\w*|"
    r"программ\w*|инструкци\w*|регламент\w*|состав\w*|дорожн\w+\s+карт\w*|"
    r"перечень|перечн\w+|концепци\w*|стратеги\w*|методик\w*|устав\w*)"
)
DOC_HEAD_RE = re.compile(rf"^{DOC_KINDS}(?=$|[\s\u00a0(«])", re.IGNORECASE)
#: Words that start an official position in a signature (G-38).
POSITION_RE = re.compile(
    r"^(?:Исполняющ\w*\s+обязанност\w*|И\.\s?о\.|Врио|Временно\s+исполняющ\w*|Председател\w*|"
    r"(?:Первый\s+)?[Зз]аместител\w*|Глава|Начальник\w*|Директор\w*|Руководител\w*|"
    r"Заведующ\w*|Министр\w*|Мэр\w*|Губернатор\w*|Ректор\w*|Главный|Генеральный|Управляющ\w*)\b"
)
#: Cities of federal significance (Constitution of the Russian Federation, art. 65): a place
#: of issue written without «г.».
FEDERAL_CITIES = ("Москва", "Санкт-Петербург", "Севастополь")
_PLACE_MARK = (
    r"(?:(?:г|гор|пос|п|с|д|ст-ца)\.|пгт|рп|р\.[ \u00a0]?п\.|город|поселок|посёлок|село|деревня"
    r"|станица)[ \u00a0]*(?=[А-ЯЁ][а-яё])"
)
_FEDERAL = "|".join(FEDERAL_CITIES)
#: A line of the blank that is the place of issue: «г. Кировск», «пгт Октябрьское» (G-23).
PLACE_LINE_RE = re.compile(rf"^(?:{_PLACE_MARK}|(?:{_FEDERAL})$)")
#: The place of issue anywhere in a line of the blank («23.05.2023\tг. Кировск\t№ 233»).
PLACE_RE = re.compile(rf"(?:^|(?<=[\t \u00a0]))(?:{_PLACE_MARK}|(?:{_FEDERAL})(?![\w-]))")
#: Artefacts of text extraction removed before classification (T-13 still reports them).
ARTEFACT_RE = re.compile(r"\*\*|\[bookmark:[^\]]*\]")
#: An unfilled field: «___» of a blank or docgen's draft placeholder «[не заполнено: …]».
UNFILLED_RE = re.compile(r"_{3,}|\[(?:не заполнено|проверить):")
#: A paragraph that is nothing but a draft's placeholder.
PLACEHOLDER_ONLY_RE = re.compile(r"\[(?:не заполнено|проверить): [^\]]*\]")
CONTACTS_RE = re.compile(
    r"\b(?:тел\.?|тел/факс|факс|e-mail|E-mail|эл\.\s?почта)\b|@\w+\.\w+|\bИНН\b|"
    r"\b[Уу]л\.\s|\bОГРН\b"
)


def strip_marks(text: str) -> str:
    """Return `text` without extraction artefacts and surrounding spaces (for classifying)."""
    return ARTEFACT_RE.sub("", text).strip(" \t\u00a0\n")


def squeeze(text: str) -> str:
    """Return `text` lower-cased, «ё» as «е», NBSP and runs of spaces as one space."""
    return " ".join(text.replace("\u00a0", " ").lower().replace("ё", "е").split())


def parse_date(text: str) -> tuple[int, int, int] | None:
    """Return (day, month, year) of the first date in `text`, or None.

    Two-digit years count as 20xx; «« 23 » ноября 2023 г.» is read too.
    """
    match = re.search(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d])", text)
    words = re.search(rf"(\d{{1,2}})\s*»?\s*({MONTHS})\s+(\d{{4}})", text)
    if match and (not words or match.start() < words.start()):
        year = int(match.group(3))
        return int(match.group(1)), int(match.group(2)), year + 2000 if year < 100 else year
    if words:
        return int(words.group(1)), MONTH_NUMBERS[words.group(2)], int(words.group(3))
    return None


def normalize_number(number: str) -> str:
    """Return a registration number without spaces, in lower case: «1063- од» → «1063-од»."""
    return re.sub(r"[\s\u00a0]", "", number).lower()


def quote_at(text: str, start: int, end: int, width: int = 24) -> str:
    """Return the fragment of `text` around [start:end] with up to `width` chars of context."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    piece = text[left:right].replace("\n", " ").replace("\t", "→")
    return ("…" if left else "") + piece.strip() + ("…" if right < len(text) else "")


def short(text: str, width: int = 60) -> str:
    """Return `text` cut to `width` characters for a finding's quote."""
    text = " ".join(text.replace("\t", " → ").split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
