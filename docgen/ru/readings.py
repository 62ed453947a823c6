"""Word readings shared by the phrase rules: nominative readings, agreement, declension steps.

A `Step` says how one word of a phrase declines; `adjective_grammemes` gives the grammemes
of a word that agrees with a noun (adjective, participle, ordinal) in a case.
"""

from __future__ import annotations

from typing import NamedTuple

from . import morph
from .adjectives import Borrowed, borrowed_readings
from .morph import parse

ADJ = frozenset({"ADJF", "PRTF"})
NOUN_OR_ADJ = frozenset({"NOUN", "ADJF", "PRTF"})
PROPER = frozenset({"Geox", "Name", "Surn", "Patr", "Fixd", "Abbr", "Orgn", "Trad", "Init"})
FUNCTION_WORDS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO"})
HYPHENS = "-\u2010\u2011"


class Step(NamedTuple):
    """How to decline one token: `readings` (one per declined part), `grammemes`, `mode`.

    `mode` is ``word`` (the whole word), ``last`` (only the part after the last hyphen),
    ``first`` (only the part before the first hyphen: «Ростов-на-Дону»), ``both`` (every
    hyphen part: «педагог-наставник»), ``ordinal`` («1-й» → «1-го»), or ``suffix`` (add
    `grammemes`, a plain ending, to a town pymorphy does not know: «Ях» → «Яха»).
    """

    readings: tuple
    grammemes: frozenset[str] | str
    mode: str


def form_of(reading, grammemes) -> str | None:
    """Return the form of `reading` (pymorphy's, or a borrowed one) with `grammemes`, or None."""
    if isinstance(reading, Borrowed):
        return reading.form(grammemes)
    return morph.inflect(reading, grammemes)


def readings(word: str, pos: frozenset[str] | set[str]) -> list:
    """Return nominative readings of `word` (its last part if hyphenated) with POS in `pos`.

    A word read first as a preposition, conjunction or pronoun («о», «и») has none; a
    place-name adjective known only as a surname gets borrowed adjective readings.
    """
    last = last_part(word)[1]
    found_all = parse(last.lower())
    if not found_all or found_all[0].tag.POS in FUNCTION_WORDS:
        return []
    found = [p for p in found_all if p.tag.case == "nomn" and p.tag.POS in pos]
    if "ADJF" in pos and not any(p.tag.POS in ADJ for p in found):
        found += borrowed_readings(last)  # «Каменский» is only a surname to pymorphy
    return found


def agree(a, b) -> bool:
    """Say whether tags `a` and `b` agree in number, and in gender for the singular."""
    if a.number != b.number:
        return False
    if a.number != "sing" or not a.gender or not b.gender or a.gender == b.gender:
        return True
    # -- compare as strings: pymorphy's gender raises on «ms-f», which it does not list --
    genders = {str(a.gender), str(b.gender)}
    return "ms-f" in genders and bool(genders & {"masc", "femn"})


def adjective_grammemes(case: str, head_tag, reading, animate: bool) -> frozenset[str]:
    """Return the grammemes for a word agreeing in `case` with a head tagged `head_tag`."""
    grammemes = {case, head_tag.number}
    if head_tag.number == "sing":
        gender = head_tag.gender if head_tag.gender in ("masc", "femn", "neut") else None
        grammemes.add(gender or reading.tag.gender)
    # -- pymorphy returns None for animacy anywhere except these two accusatives --
    if case == "accs" and (head_tag.number == "plur" or "masc" in grammemes):
        grammemes.add("anim" if animate else "inan")
    return frozenset(grammemes)


def from_dictionary(p) -> bool:
    """Say whether reading `p` comes from the dictionary itself, not from a guess."""
    stack = p.methods_stack
    return len(stack) == 1 and type(stack[0][0]).__name__ == "DictionaryAnalyzer"


def is_adverb(word: str) -> bool:
    found = parse(word.lower())
    return bool(found) and found[0].tag.POS == "ADVB" and not any(h in word for h in HYPHENS)


def split_hyphens(word: str) -> list[str]:
    parts, current = [], ""
    for ch in word:
        if ch in HYPHENS:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [*parts, current]


def last_part(word: str) -> tuple[str, str]:
    """Return (prefix with its hyphen, last part) of a hyphenated `word`."""
    cut = max(word.rfind(h) for h in HYPHENS)
    return word[: cut + 1], word[cut + 1 :]


def first_part(word: str) -> tuple[str, str]:
    """Return (first part, the rest with its hyphen) of a hyphenated `word`."""
    cut = min((i for i in (word.find(h) for h in HYPHENS) if i >= 0), default=len(word))
    return word[:cut], word[cut:]
