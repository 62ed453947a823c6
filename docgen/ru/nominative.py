"""The inverse of declension: a name found in an oblique case back in the nominative.

«комитетом образования администрации …» (ablt) → «комитет образования администрации …»:
the head phrase — the modifiers and the head noun at the start that stand in the given case
— goes to the nominative, the rest (the genitive tail, quotes, abbreviations) stays as
written. A proper name in apposition after the head declines with it («города Кызыла» →
«город Кызыл»). What the text cannot tell (a word pymorphy does not know in that case)
is left as it is; callers compare the result declined forward with what they found.
"""

from __future__ import annotations

import re

from . import morph, places
from .cases import normalize_case
from .morph import parse
from .readings import from_dictionary
from .spelling import restore_surface

_WORD_RE = re.compile(r"\S+|\s+")
_MODIFIERS = {"ADJF", "PRTF", "NUMR"}
_NAMES = frozenset({"Geox", "Name", "Surn", "Orgn"})
#: pymorphy's own cases that stand for ours («в саду» — loc2, «чашка чаю» — gen2).
_ALIASES = {"loct": {"loct", "loc2"}, "gent": {"gent", "gen2"}, "accs": {"accs", "acc2"}}


def nominative(phrase: str, case: str) -> str:
    """Return the name `phrase`, given in `case`, in the nominative.

    «муниципальной информационно-методической службе» (loct) → «муниципальная
    информационно-методическая служба»; «Кировского муниципального района Ленинградской
    области» (gent) → «Кировский муниципальный район Ленинградской области». Capitals are
    kept; a phrase that does not start with a word in `case` comes back unchanged.
    """
    case = normalize_case(case)
    if case == "nomn":
        return phrase
    cases = _ALIASES.get(case, {case})
    parts = _WORD_RE.findall(phrase)
    out = list(parts)
    pending: list[tuple[int, object]] = []
    head = None
    index = 0
    dashed = False
    for index, part in enumerate(parts):
        if part.isspace() or (head is not None and part in ("–", "—")):
            # -- «автономного округа – Югры»: a name after a dash stands in apposition --
            dashed = dashed or not part.isspace()
            continue
        if head is None and pending and part == "и":
            # -- «общего и профессионального образования»: modifiers joined by «и» --
            continue
        reading = _reading(part, cases, head)
        if reading is None:
            break
        if reading.tag.POS == "NOUN":
            if head is not None and not (
                _proper(part) and (dashed or _declined_name(part, reading, head))
            ):
                break
            out[index] = _inflect_noun(part, reading)
            if head is None:
                head = reading
                continue
            break
        if head is not None:
            break
        pending.append((index, reading))
    else:
        index = len(parts)
    if head is None:
        # -- the last word read as a modifier may be the head itself («главой …») --
        nouns = [
            (k, r)
            for k, (at, _) in enumerate(pending)
            for r in parse(parts[at].lower())
            if r.tag.POS == "NOUN" and r.tag.case in cases
        ]
        if not nouns:
            return phrase
        k, head = nouns[-1]
        at = pending[k][0]
        out[at] = _inflect_noun(parts[at], head)
        pending = pending[:k]
    for at, reading in pending:
        out[at] = _inflect_modifier(parts[at], reading, head)
    return "".join(out)


def _reading(word: str, cases: set[str], head):
    """Return the reading of `word` in one of `cases` that can belong to the head phrase."""
    lower = word.lower()
    if not re.fullmatch(r"[а-яё]+(?:-[а-яё]+)*", lower):
        return None
    found = [r for r in parse(lower) if r.tag.case in cases]
    if head is None:
        # -- «главного специалиста»: an adjective reading first, the noun after it heads --
        modifiers = [r for r in found if r.tag.POS in _MODIFIERS]
        nouns = [r for r in found if r.tag.POS == "NOUN"]
        return (modifiers or nouns or [None])[0]
    return next((r for r in found if r.tag.POS == "NOUN" and r.tag.number == head.tag.number), None)


def _inflect_noun(word: str, reading) -> str:
    """Return noun `word` in the nominative, spelled like `word` (capitals, «ё»)."""
    form = morph.inflect(reading, {"nomn", reading.tag.number or "sing"})
    return restore_surface(word, form or word.lower())


def _inflect_modifier(word: str, reading, head) -> str:
    """Return modifier `word` in the nominative agreeing with `head`, spelled like `word`."""
    number = head.tag.number or "sing"
    grammemes = {"nomn", number}
    if number == "sing":
        # -- a noun of common gender («специалист» ms-f) takes masculine modifiers --
        grammemes.add(head.tag.gender or "masc")
        # -- «главного» reads as neuter first: take the reading that agrees with the head --
        reading = next(
            (
                r
                for r in parse(word.lower())
                if r.tag.case == reading.tag.case and r.tag.gender in grammemes
            ),
            reading,
        )
    form = morph.inflect(reading, grammemes)
    if form is None and "-" in word:
        # -- «информационно-методической»: the first part does not decline --
        first, _, last = word.lower().rpartition("-")
        for tail in parse(last):
            if tail.tag.case == reading.tag.case and tail.tag.POS in _MODIFIERS:
                declined = morph.inflect(tail, grammemes)
                if declined is not None:
                    return restore_surface(word, f"{first}-{declined}")
    return restore_surface(word, form or word.lower())


def _declined_name(word: str, reading, head) -> bool:
    """Say whether the name `word` right after the noun `head` (no dash between: a name in
    apposition after a dash always declines) stands declined with it, so that it
    comes back to the nominative: never after «республика», «область» … (generic_words.yaml
    ``never``); after «город», «посёлок» … (``agree``) a name the dictionary does not know
    that ends like an indeclinable one is taken as written («посёлка Кугеси» → «посёлок
    Кугеси», not «Кугеся»), as the forward declension would leave it."""
    generic = places.table()
    if head.normal_form in generic.never:
        return False
    if head.normal_form in generic.agree and not from_dictionary(reading):
        return not word.lower().endswith(generic.invariant_endings)
    return True


def _proper(word: str) -> bool:
    """Return True for a capitalised word pymorphy knows as a name or a place."""
    if not word[:1].isupper():
        return False
    return any(_NAMES & r.tag.grammemes for r in parse(word.lower()))
