"""Doubled punctuation (T-15): «г..», «,,», «;.», «:,» in a paragraph, and a lead-in ending
with «:» right before an operative word that has its own («…года»:» + «ПРИКАЗЫВАЮ:»).

A full stop after an abbreviation may be followed by «,», «;» or «:» («29 декабря 2012 г.,
№ 273-ФЗ», «и т.\u00a0д.;», «Н.А.:»), never by a second full stop: a sentence that ends
with «г.» takes no other stop.
"""

from __future__ import annotations

import re

from ..model import DocModel, Para
from ..registry import issue, rule
from ._common import ERROR, acts, found_in, pattern, patterns, scan, sparse

#: The word before a full stop that makes it an abbreviation's: short, an initial, a number.
_ABBREVIATED_RE = re.compile(r"(?:^|[^А-Яа-яЁёA-Za-z])(?:[а-яёa-z]{1,4}|[А-ЯЁA-Z]|\d+)\.$")


def _after_abbreviation(para: Para, match: re.Match) -> bool:
    """Keep «.,» only after a full word: «г.,», «И.О.,», «2.1.,» are the abbreviation's stop."""
    return bool(_ABBREVIATED_RE.search(para.text[: match.start() + 1]))


_DOUBLED = patterns(
    pattern(
        r"(?<![.…])\.\.(?![.…])",
        "две точки подряд",
        "одна точка: после «г.» в конце предложения вторая точка не ставится",
        needles=("..",),
    ),
    pattern(
        r"([,;:])\1",
        "знак препинания повторён",
        "один знак",
        needles=(",,", ";;", "::"),
    ),
    pattern(
        r"[,;:](?=[.,;:])",
        "два знака препинания подряд",
        "оставить один знак",
        needles=tuple(a + b for a in ",;:" for b in ".,;:" if a != b),
    ),
    pattern(
        r"\.(?=[,;:])",
        "точка и ещё один знак препинания подряд",
        "оставить один знак",
        skip=_after_abbreviation,
        needles=(".,", ".;", ".:"),
    ),
)


_ANY_RE = re.compile(r"[.,;:][.,;:]")


@sparse("doubled")
def _may_double(text: str) -> bool:
    """Return True when `text` has two marks in a row at all (most paragraphs have none)."""
    return _ANY_RE.search(text) is not None


@rule("T-15", ERROR, "text", "Двойные знаки препинания: «г..», «,,», «:» перед «ПРИКАЗЫВАЮ:»")
def doubled_punctuation(doc: DocModel, profile):
    for para, _ in found_in(doc, "doubled"):
        yield from scan(para, _DOUBLED)
    for part in acts(doc):
        body = [p for p in part.paras if p.clean and not p.in_table]
        for prev, para in zip(body, body[1:], strict=False):
            if (
                para.role == "order"
                and para.clean.endswith(":")
                and prev.role in ("preamble", "text", "item")
                and prev.clean.endswith(":")
            ):
                yield issue(
                    prev,
                    f"двоеточие в конце преамбулы и в «{para.clean}»",
                    f"преамбула перед «{para.clean}» кончается запятой",
                    quote=prev.clean[-40:],
                )
