"""Proper names after generic words: «города Кызыла» agrees, «Республики Марий Эл» stays.

Which generic words make the name after them agree, which attributes may stand between
(«город федерального значения Севастополь») and which endings keep a name unchanged are
data: generic_words.yaml, with its sources and the documented exceptions.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from . import datafiles
from .morph import parse
from .readings import ADJ, HYPHENS, Step, first_part, from_dictionary, last_part, split_hyphens
from .tokens import SPACE, WORD, Token

_HARD_CONSONANTS = frozenset("бвгдзклмнпрстфх")
_ENDINGS = {"nomn": "", "gent": "а", "datv": "у", "accs": "", "ablt": "ом", "loct": "е"}


class Table(NamedTuple):
    agree: frozenset[str]
    abbreviations: frozenset[str]
    never: frozenset[str]
    between: tuple[tuple[str, ...], ...]
    invariant_endings: tuple[str, ...]
    prepositions: frozenset[str]


@lru_cache(maxsize=1)
def table() -> Table:
    """Return the generic-word table from generic_words.yaml (read once)."""
    data = datafiles.load("generic_words.yaml")
    return Table(
        agree=frozenset(data["agree"]),
        abbreviations=frozenset(a for abbrs in data["agree"].values() for a in abbrs),
        never=frozenset(data["never"]),
        between=tuple(tuple(p.split()) for p in data["between"]),
        invariant_endings=tuple(data["invariant_endings"]),
        prepositions=frozenset(data["prepositions"]),
    )


def name_agrees_after(lemma: str) -> bool:
    """Say whether a name after the generic word `lemma` («город») agrees with it."""
    return lemma in table().agree


def is_agreeing_abbreviation(word: str) -> bool:
    """Say whether `word` (written with a dot) abbreviates an agreeing generic word («г.»)."""
    return word.lower() in table().abbreviations


def name_step(tokens: list[Token], index: int, case: str) -> tuple[int, Step] | None:
    """Return (token index, step) declining the name that starts at `index`, or None.

    `index` is the first token after the generic word and its space. Attributes listed in
    `between` are skipped; the name declines only if it is one word, a noun in the
    singular, and not of an invariant kind (see generic_words.yaml).
    """
    index = _skip_between(tokens, index)
    if index >= len(tokens) or tokens[index].kind != WORD:
        return None
    name = tokens[index].text
    parts = split_hyphens(name)
    before_preposition = any(p.lower() in table().prepositions for p in parts[1:-1])
    ending_word = parts[0] if before_preposition else parts[-1]
    if not name[:1].isupper() or ending_word.lower().endswith(table().invariant_endings):
        return None
    whole = [p for p in parse(name.lower()) if p.tag.case == "nomn"]
    if whole and whole[0].tag.POS in ADJ:  # «Сосновый Бор», «Старая Ладога» stay
        return None
    mode = "word"
    hyphenated = any(h in name for h in HYPHENS)
    if hyphenated and not any(from_dictionary(p) for p in whole):
        # -- an unknown «Кош-Агач» declines its last part, «X-на-Y» its first --
        mode = "first" if before_preposition else "last"
        part = first_part(name)[0] if before_preposition else last_part(name)[1]
        whole = [p for p in parse(part.lower()) if p.tag.case == "nomn"]
    nouns = [p for p in whole if p.tag.POS == "NOUN" and p.tag.number == "sing"]
    if nouns:
        best = max(nouns, key=lambda p: ("Geox" in p.tag.grammemes, p.score))
        return index, Step((best,), frozenset({case, "sing"}), mode)
    if mode == "word" and name[-1].lower() in _HARD_CONSONANTS:
        return index, Step((), _ENDINGS.get(case, "е"), "suffix")
    return None


def _skip_between(tokens: list[Token], index: int) -> int:
    """Return the index after an attribute such as «федерального значения» at `index`."""
    for phrase in table().between:
        end = index + 2 * len(phrase)  # -- words at index, index + 2, …; spaces between --
        if end >= len(tokens) or tokens[end - 1].kind != SPACE:
            continue
        words = tokens[index:end:2]
        spaces = tokens[index + 1 : end : 2]
        if all(t.kind == SPACE for t in spaces) and [t.text.lower() for t in words] == list(phrase):
            return end
    return index


def continues_name(before: list[Token]) -> bool:
    """Say whether `before` (the text up to a dash) ends in a name after a non-agreeing word.

    «Республика Северная Осетия – Алания», «Парламент Республики Северная Осетия –
    Алания»: the part after the dash is part of the name, which stays in the nominative.
    «Кемеровская область – Кузбасс»: no name between the generic word and the dash.
    """
    words = [t.text for t in before if t.kind == WORD]
    names = 0
    for word in reversed(words):
        lemmas = {p.normal_form for p in parse(word.lower())}
        if lemmas & table().never:
            return names > 0
        if not word[:1].isupper():
            return False
        names += 1
    return False
