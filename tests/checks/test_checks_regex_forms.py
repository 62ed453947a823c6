"""Regexes rewritten for speed find exactly what their readable forms find.

A pattern that starts with a lookbehind or ``\\b`` makes the regex engine try every
position; the same pattern with the assertion moved after a first literal character (or
character class) lets it skip ahead. Each pair below: the readable form (as gost.md gives
it), the pattern the rule uses; both must give the same matches on any text.
"""

from __future__ import annotations

import random
import re

import pytest

from docgen.checks.patterns import MONTHS, SP
from docgen.checks.rules import dates, typography

#: (readable form, compiled pattern the rule uses)
FORMS = {
    "T-02 years": (
        r"\b(?:19|20)\d{2}[ \u00a0]?[-\u2010\u2011][ \u00a0]?(?:19|20)\d{2}\b",
        typography._DASHES[1].regex,
    ),
    "T-02 numbers": (
        r"\b\d{1,4}[ \u00a0]?-[ \u00a0]?\d{1,4}(?=[ \u00a0]*(?:год|гг\.|г\.|%|лет|час|дн|мес))",
        typography._DASHES[2].regex,
    ),
    "T-02 spaced dash": (
        r"\b\d{1,4}(?:[ \u00a0][–—][ \u00a0]?|[–—][ \u00a0])\d{1,4}"
        r"(?=[ \u00a0]*(?:год|гг\.|г\.|%|лет))",
        typography._DASHES[3].regex,
    ),
    "T-02 hyphen for dash": (
        r"(?<=\S)[ \u00a0][-\u2010\u2011][ \u00a0](?=\S)",
        typography._DASHES[4].regex,
    ),
    "T-02 before a count": (
        r"(?<=[А-ЯЁа-яё])-(?=\d+[ \u00a0]+(?:единиц|ед\.|человек|чел\.|ставк|штатн))",
        typography._DASHES[5].regex,
    ),
    "T-02 before «не»": (r"(?<=[а-яё]{3})-(?=не[ \u00a0])", typography._DASHES[6].regex),
    "T-02 space after": (r"(?<=[А-Яа-яЁё»)\d])-(?=[ \u00a0])", typography._DASHES[7].regex),
    "T-02 space before": (r"(?<=[ \u00a0])-(?=[А-Яа-яЁё«\d])", typography._DASHES[8].regex),
    "T-05 surname": (
        r"(?<![А-ЯЁа-яё.])[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)? (?=[А-ЯЁ]\.[ \u00a0]?[А-ЯЁ]\.)",
        typography._NBSP[1].regex,
    ),
    "T-05 year": (r"(?<=\d) (?=гг?\.)", typography._NBSP[2].regex),
    "T-05 unit": (r"(?<=\d) (?=(?:%|руб\.|тыс\.|млн|млрд|чел\.|ед\.))", typography._NBSP[7].regex),
    "T-07 spaces": (r"(?<=\S) {2,}(?=\S)", typography._SPACES[0].regex),
    "T-07 before punctuation": (
        r"(?<=[^\s\d.])[ \u00a0]+(?=[.,;:!?)](?![\d.]))",
        typography._SPACES[3].regex,
    ),
    "T-06 word date": (
        rf"\b\d{{1,2}}{SP}+{MONTHS}{SP}+\d{{4}}{SP}*(?P<suffix>г\.|года?\b)",
        dates._WORD_DATE_RE,
    ),
    "T-06 reference date": (
        (
            rf"\bот{SP}+(?:(?P<digital>\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}})|"
            rf"(?P<words>\d{{1,2}}{SP}+{MONTHS}))"
        ),
        dates._REF_DATE_RE,
    ),
}
PIECES = [
    "0",
    "1",
    "2",
    "9",
    "19",
    "20",
    "2023",
    "12",
    " ",
    "  ",
    "\u00a0",
    "-",
    "\u2010",
    "\u2011",
    "–",
    "—",
    "год",
    "гг.",
    "г.",
    "%",
    "лет",
    "час",
    "дн",
    "мес",
    "единиц",
    "ед.",
    "чел.",
    "ставк",
    "не ",
    "»",
    ")",
    "«",
    "(",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "\n",
    "\t",
    "а",
    "я",
    "ё",
    "Ё",
    "А",
    "Я",
    "И.",
    "В.",
    "Носова",
    "x",
    "Z",
    "_",
    "мая",
    "декабря",
    "от",
    "кот",
    "руб.",
    "тыс.",
    "млн",
    "²",
    "٣",
]


def _matches(regex: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups()) for m in regex.finditer(text)]


@pytest.mark.parametrize("name", FORMS)
def test_fast_form_finds_what_the_readable_form_finds(name, base_text):
    readable, fast = FORMS[name]
    readable = re.compile(readable)
    rnd = random.Random(name)
    texts = base_text.splitlines()
    texts += ["".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 14))) for _ in range(6000)]
    for text in texts:
        assert _matches(fast, text) == _matches(readable, text), (name, text)
