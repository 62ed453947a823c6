"""Ordinals in digits («1-й», «3-я», «10-е»): what they agree with, their ending by case.

The ordinal agrees with its noun like an adjective; its written ending is then the end of
the ordinal word in that form, cut as Розенталь says («Наращение падежных окончаний при
порядковых числительных»): one letter if a vowel (or «ь», «й») precedes the last letter
(«5-й», «5-я», «5-е», «5-м», «5-х», «5-ю»), two if a consonant does («5-го», «5-му»,
«5-ми»). The ordinal word is modelled on «третий» for numbers ending in 3 (but not 13),
whose plural is «третьи» («3-и»), and on «пятый» for every other number: all other
ordinals share that paradigm («второй», «сотый», «тысячный»).
"""

from __future__ import annotations

import re

from . import morph

_SPLIT = re.compile(r"(\d+)([-\u2010\u2011])(\w+)")
# -- the written nominative ending → the model's nominative forms it can stand for --
_NOMINATIVE_HARD = {
    "й": ("пятый",),
    "ый": ("пятый",),
    "ой": ("пятый",),
    "я": ("пятая",),
    "ая": ("пятая",),
    "е": ("пятое", "пятые"),
    "ое": ("пятое",),
    "ые": ("пятые",),
}
_NOMINATIVE_THIRD = {
    "й": ("третий",),
    "ий": ("третий",),
    "я": ("третья",),
    "ья": ("третья",),
    "е": ("третье",),
    "ье": ("третье",),
    "и": ("третьи",),
    "ьи": ("третьи",),
}
_VOWELS = frozenset("аеёиоуыэюяьй")


def split(text: str) -> tuple[str, str, str]:
    """Return (digits, hyphen, written ending) of an ordinal token such as «23-я»."""
    m = _SPLIT.fullmatch(text)
    if m is None:
        raise ValueError(f"не порядковое числительное: {text!r}")
    return m.group(1), m.group(2), m.group(3)


def _third(digits: str) -> bool:
    n = int(digits)
    return n % 10 == 3 and n % 100 != 13


def nominative_readings(text: str) -> list:
    """Return the adjective readings the nominative ordinal `text` can have («5-е»: neut or plur).

    They are pymorphy readings of the model word («пятое», «пятые»), so they agree and
    inflect like any adjective. An ending that is not a nominative one gives [].
    """
    digits, _, ending = split(text)
    table = _NOMINATIVE_THIRD if _third(digits) else _NOMINATIVE_HARD
    out = []
    for model in table.get(ending.lower(), ()):
        out += [p for p in morph.parse(model) if p.tag.POS == "ADJF" and p.tag.case == "nomn"]
    return out


def written(text: str, reading, grammemes: frozenset[str]) -> str | None:
    """Return ordinal `text` with the written ending of `reading` in `grammemes` («1-й» → «1-го»).

    None if the model word has no such form.
    """
    digits, hyphen, ending = split(text)
    word = morph.inflect(reading, grammemes)
    if word is None:
        return None
    cut = 1 if len(word) < 2 or word[-2] in _VOWELS else 2
    tail = word[-cut:]
    return digits + hyphen + (tail.upper() if ending.isupper() else tail)
