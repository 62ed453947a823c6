"""Find the head noun phrase of a name and work out how each of its words declines.

`head_zone` finds where the phrase starts, `plan` decides the readings and grammemes
of the modifiers (adjectives, participles, ordinals in digits), the head and a name after
a generic word («город X»), and `inflect_word` produces one word. See
docs/reference/russian.md §1 (steps 3–8) and §3 (pitfalls).
"""

from __future__ import annotations

from typing import NamedTuple

from . import ordinals, places, spelling
from .cases import InflectionFailed
from .morph import parse
from .readings import (
    ADJ,
    HYPHENS,
    NOUN_OR_ADJ,
    PROPER,
    Step,
    adjective_grammemes,
    agree,
    first_part,
    form_of,
    from_dictionary,
    is_adverb,
    last_part,
    readings,
    split_hyphens,
)
from .tokens import DASH, NUMBER, OPAQUE, ORDINAL, PUNCT, SPACE, WORD, Token

_PHRASE_WORDS = (WORD, ORDINAL)


class NoHead(Exception):
    """The text does not start with a noun phrase in the nominative (Russian message)."""


class Plan(NamedTuple):
    """The steps of a head phrase; `head` is its index, `tag` and `animate` its head's."""

    steps: dict[int, Step]
    head: int
    tag: object = None
    animate: bool = False


def head_zone(tokens: list[Token]) -> list[int] | None:
    """Return the indexes of the contiguous words that may form the head phrase.

    Leading numbers and adverbs («2023/2024», «2023–2026», «временно») are skipped. None means the
    text is invariant: it starts with an abbreviation or a quoted name. Raises `NoHead`
    when no word is left to decline. The zone runs on across commas; `plan` keeps the
    words after a comma only if they are modifiers of a noun head.
    """
    i = 0
    while i < len(tokens) and (
        tokens[i].kind in (SPACE, NUMBER)
        or tokens[i].kind in (PUNCT, DASH)
        and tokens[i].text in "/№–—-"
        and (tokens[i].kind == PUNCT or i > 0 and tokens[i - 1].kind == NUMBER)
        or tokens[i].kind == WORD
        and is_adverb(tokens[i].text)
    ):
        i += 1
    if i < len(tokens) and tokens[i].kind == OPAQUE:
        return None
    if i == len(tokens) or tokens[i].kind not in _PHRASE_WORDS:
        raise NoHead("нет слова, которое можно склонять")
    if tokens[i].kind == WORD and _is_abbreviation(tokens, i):
        city = places.is_agreeing_abbreviation(tokens[i].text) and _dot_after(tokens, i)
        return [i] if city else None
    zone = [i]
    j = i + 1
    while j + 1 < len(tokens):
        if tokens[j].kind == PUNCT and tokens[j].text == ",":
            j += 1  # -- «образовательные, культурные и …»: `plan` decides --
        if not (j + 1 < len(tokens) and tokens[j].kind == SPACE):
            break
        if tokens[j + 1].kind not in _PHRASE_WORDS:
            break
        zone.append(j + 1)
        j += 2
    return zone


def plan(tokens: list[Token], zone: list[int], case: str) -> Plan:
    """Return the declension steps for the head phrase made of the words at `zone`.

    Modifiers separated by commas belong to the head phrase only when a noun head follows
    them all («образовательные, культурные и спортивные учреждения»); otherwise the phrase
    ends at the first comma («обучающиеся, нуждающиеся в …»). Raises `NoHead` when the
    zone does not start with a nominative noun phrase.
    """
    cut = next(
        (zone[: n + 1] for n in range(len(zone) - 1) if _comma_between(tokens, *zone[n : n + 2])),
        zone,
    )
    if len(cut) < len(zone):
        try:
            found = _plan(tokens, zone, case)
            if found.head > cut[-1] and found.steps[found.head].readings[-1].tag.POS == "NOUN":
                return found
        except NoHead:
            pass
    return _plan(tokens, cut, case)


def _comma_between(tokens: list[Token], a: int, b: int) -> bool:
    return any(t.kind == PUNCT and t.text == "," for t in tokens[a + 1 : b])


def _plan(tokens: list[Token], zone: list[int], case: str) -> Plan:
    first = zone[0]
    if places.is_agreeing_abbreviation(tokens[first].text) and _dot_after(tokens, first):
        steps: dict[int, Step] = {}  # -- «г. Кызыл» --
        if first + 3 < len(tokens) and tokens[first + 2].kind == SPACE:
            found = places.name_step(tokens, first + 3, case)
            if found:
                steps[found[0]] = found[1]
        return Plan(steps, first)
    mods: list[tuple[int, list]] = []
    k = 0
    while k < len(zone):
        index, word = zone[k], tokens[zone[k]].text
        if word.lower() == "и" and mods and k + 1 < len(zone):
            k += 1
            continue
        after = k + 2 if k + 2 < len(zone) and tokens[zone[k + 1]].text.lower() == "и" else k + 1
        adjectives = _modifier_readings(tokens[index])
        if adjectives and after < len(zone):
            nxt = tokens[zone[after]]
            following = (
                ordinals.nominative_readings(nxt.text)
                if nxt.kind == ORDINAL
                else readings(nxt.text, NOUN_OR_ADJ)
            )
            agreeing = [a for a in adjectives if any(agree(a.tag, f.tag) for f in following)]
            if agreeing:
                mods.append((index, agreeing))
                k += 1
                continue
        if tokens[index].kind == ORDINAL:
            raise NoHead(f"после «{word}» нет определяемого слова")
        return _with_head(tokens, index, mods, case)
    raise NoHead("после определений нет определяемого слова")


def _modifier_readings(token: Token) -> list:
    """Return the nominative adjective readings of a word or of an ordinal such as «3-я»."""
    if token.kind == ORDINAL:
        return ordinals.nominative_readings(token.text)
    return readings(token.text, ADJ)


def _with_head(tokens: list[Token], index: int, mods: list, case: str) -> Plan:
    word = tokens[index].text
    fits = [(r, how) for r, how in _noun_readings(word) if _agrees_with_all(r[-1].tag, mods)]
    if fits:
        found, mode = max(fits, key=lambda f: f[0][-1].score)
        tag = found[-1].tag
        animate = "anim" in tag.grammemes
        grammemes = {case} if tag.grammemes & {"Pltm", "Sgtm"} else {case, tag.number}
        steps = {index: Step(found, frozenset(grammemes), mode)}
    else:
        adjectives = [a for a in readings(word, ADJ) if _agrees_with_all(a.tag, mods)]
        if not adjectives:
            raise NoHead(
                f"слово «{word}» не существительное в именительном падеже "
                "и не согласуется с соседними словами"
            )
        head = max(adjectives, key=lambda a: a.score)  # «заведующий», «обучающиеся»
        tag, animate = head.tag, True
        steps = {index: Step((head,), adjective_grammemes(case, tag, head, True), "last")}
    for mod_index, found in mods:
        best = max((r for r in found if agree(r.tag, tag)), key=lambda r: r.score)
        mode = "ordinal" if tokens[mod_index].kind == ORDINAL else "last"
        steps[mod_index] = Step((best,), adjective_grammemes(case, tag, best, animate), mode)
    lemma = steps[index].readings[-1].normal_form
    if places.name_agrees_after(lemma) and tag.number == "sing":
        if index + 2 < len(tokens) and tokens[index + 1].kind == SPACE:
            found_name = places.name_step(tokens, index + 2, case)
            if found_name:
                steps[found_name[0]] = found_name[1]
    return Plan(steps, index, tag, animate)


def repeats_previous_case(before: list[Token], head_text: str, number: bool = False) -> bool:
    """Say whether the word before a dash is oblique and the head after it may share its case.

    «… автономного округа – Югры» must stay, «комитета – начальник отдела» declines. With
    `number`, the head must share the number too (a bracket: «отдела (сектора)»).
    """
    words = [t.text for t in before if t.kind == WORD]
    if not words:
        return False
    previous = parse(words[-1].lower())
    if any(p.tag.case == "nomn" for p in previous):
        return False
    shown = {(p.tag.case, p.tag.number if number else None) for p in previous}
    return any(
        (p.tag.case, p.tag.number if number else None) in shown
        for p in parse(last_part(head_text)[1].lower())
    )


def inflect_word(text: str, step: Step, yo: str, phrase: str, case: str) -> str:
    """Return `text` declined as `step` says, spelled like `text` (capitals, «ё»)."""
    if step.mode == "suffix":
        return text + (step.grammemes.upper() if text.isupper() else step.grammemes)
    if step.mode == "ordinal":
        forms = [ordinals.written(text, step.readings[0], step.grammemes)]
    else:
        forms = [form_of(r, step.grammemes) for r in step.readings]
    if any(f is None for f in forms):
        raise InflectionFailed(
            phrase,
            case,
            f"словарь не даёт формы слова «{text}» ({', '.join(sorted(step.grammemes))})",
        )
    if step.mode == "ordinal":
        return forms[0]
    if step.mode == "word":
        return spelling.restore_surface(text, forms[0], yo)
    if step.mode == "last":
        prefix, last = last_part(text)
        return prefix + spelling.restore_surface(last, forms[0], yo)
    if step.mode == "first":
        head, rest = first_part(text)
        return spelling.restore_surface(head, forms[0], yo) + rest
    parts = split_hyphens(text)
    out = [spelling.restore_surface(p, f, yo) for p, f in zip(parts, forms, strict=False)]
    seps = [ch for ch in text if ch in HYPHENS]
    result = out[0]
    for sep, piece in zip(seps, out[1:], strict=False):
        result += sep + piece
    return result


def _noun_readings(word: str) -> list[tuple[tuple, str]]:
    """Return (readings, mode) pairs for `word` read as a nominative noun."""
    if not any(h in word for h in HYPHENS):
        return [((p,), "word") for p in readings(word, {"NOUN"})]
    whole = [
        p
        for p in parse(word.lower())
        if p.tag.case == "nomn" and p.tag.POS == "NOUN" and from_dictionary(p)
    ]
    if whole:  # «Пыть-Ях», «Санкт-Петербург» are in the dictionary as one word
        return [((p,), "word") for p in whole]
    parts = split_hyphens(word)
    lasts = readings(parts[-1], {"NOUN"})
    out = []
    for last in lasts:
        heads = []
        for part in parts[:-1]:
            same = [
                p
                for p in parse(part.lower())
                if p.tag.case == "nomn"
                and p.tag.POS == "NOUN"
                and p.tag.number == last.tag.number
                and not PROPER & p.tag.grammemes
            ]
            heads.append(same[0] if same else None)
        common = not PROPER & last.tag.grammemes and all(heads)
        out.append(((*heads, last), "both") if common else ((last,), "last"))
    return out


def _agrees_with_all(tag, mods: list) -> bool:
    return all(any(agree(r.tag, tag) for r in found) for _, found in mods)


def _dot_after(tokens: list[Token], i: int) -> bool:
    return i + 1 < len(tokens) and tokens[i + 1].text == "."


def _is_abbreviation(tokens: list[Token], i: int) -> bool:
    """Say whether the word at `i` is an abbreviation («МБУДО», «ГАОУ», «и.о.», «г.»)."""
    word = tokens[i].text
    if _dot_after(tokens, i) and len(word) <= 4:
        return True
    letters = "".join(split_hyphens(word))
    if len(letters) < 2 or not letters.isupper():
        return False
    if any(t.kind == WORD and not t.text.isupper() for t in tokens):
        return True  # all caps among ordinary words: «МБУДО «…»», «ГАОУ ДПО …»
    return not any(
        p.tag.POS in NOUN_OR_ADJ and not PROPER & p.tag.grammemes and from_dictionary(p)
        for p in parse(word.lower())
    )
