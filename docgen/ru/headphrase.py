"""Find the head noun phrase of a name and work out how each of its words declines.

`head_zone` finds where the phrase starts, `plan` decides the readings and grammemes
of the modifiers, the head and a «город X» apposition, and `inflect_word` produces one
word. See shared/spec/russian.md §1 (steps 3–8) and §3 (pitfalls).
"""

from __future__ import annotations

from typing import NamedTuple

from . import morph, spelling
from .adjectives import borrowed_readings
from .cases import InflectionFailed
from .morph import parse
from .tokens import NUMBER, OPAQUE, PUNCT, SPACE, WORD, Token

_ADJ = frozenset({"ADJF", "PRTF"})
_NOUN_OR_ADJ = frozenset({"NOUN", "ADJF", "PRTF"})
_PROPER = frozenset({"Geox", "Name", "Surn", "Patr", "Fixd", "Abbr", "Orgn", "Trad", "Init"})
_FUNCTION_WORDS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO"})
_HYPHENS = "-\u2010\u2011"
_CITY_WORDS = frozenset({"город", "г"})
_INVARIANT_CITY_ENDINGS = tuple("оеиыуэю")
_HARD_CONSONANTS = frozenset("бвгдзклмнпрстфх")
_CITY_ENDINGS = {
    "nomn": "",
    "gent": "а",
    "datv": "у",
    "accs": "",
    "ablt": "ом",
    "loct": "е",
    "loc2": "е",
}


class NoHead(Exception):
    """The text does not start with a noun phrase in the nominative (Russian message)."""


class Step(NamedTuple):
    """How to decline one word: `readings` (one per declined part), `grammemes`, `mode`.

    `mode` is ``word`` (the whole word), ``last`` (only the part after the last hyphen),
    ``both`` (every hyphen part: «педагог-наставник») or ``suffix`` (add `grammemes`,
    a plain ending, for a town pymorphy does not know: «Ях» → «Яха»).
    """

    readings: tuple
    grammemes: frozenset[str] | str
    mode: str


class Plan(NamedTuple):
    steps: dict[int, Step]
    head: int


def head_zone(tokens: list[Token]) -> list[int] | None:
    """Return the indexes of the contiguous words that may form the head phrase.

    Leading numbers and adverbs («2023/2024», «временно») are skipped. None means the
    text is invariant: it starts with an abbreviation or a quoted name. Raises `NoHead`
    when no word is left to decline.
    """
    i = 0
    while i < len(tokens) and (
        tokens[i].kind in (SPACE, NUMBER)
        or tokens[i].kind == PUNCT
        and tokens[i].text in "/№"
        or tokens[i].kind == WORD
        and _is_adverb(tokens[i].text)
    ):
        i += 1
    if i < len(tokens) and tokens[i].kind == OPAQUE:
        return None
    if i == len(tokens) or tokens[i].kind != WORD:
        raise NoHead("нет слова, которое можно склонять")
    if _is_abbreviation(tokens, i):
        return [i] if tokens[i].text.lower() == "г" and _dot_after(tokens, i) else None
    zone = [i]
    j = i + 1
    while j + 1 < len(tokens) and tokens[j].kind == SPACE and tokens[j + 1].kind == WORD:
        zone.append(j + 1)
        j += 2
    return zone


def plan(tokens: list[Token], zone: list[int], case: str) -> Plan:
    """Return the declension steps for the head phrase made of the words at `zone`.

    Raises `NoHead` when the zone does not start with a nominative noun phrase.
    """
    first = zone[0]
    if tokens[first].text.lower() == "г" and _dot_after(tokens, first):  # «г. Кызыл»
        steps: dict[int, Step] = {}
        if first + 3 < len(tokens) and tokens[first + 2].kind == SPACE:
            _city_name(steps, tokens, first + 3, case)
        return Plan(steps, first)
    mods: list[tuple[int, list]] = []
    k = 0
    while k < len(zone):
        index, word = zone[k], tokens[zone[k]].text
        if word.lower() == "и" and mods and k + 1 < len(zone):
            k += 1
            continue
        after = k + 2 if k + 2 < len(zone) and tokens[zone[k + 1]].text.lower() == "и" else k + 1
        adjectives = _readings(word, _ADJ)
        if adjectives and after < len(zone):
            following = _readings(tokens[zone[after]].text, _NOUN_OR_ADJ)
            agreeing = [a for a in adjectives if any(_agree(a.tag, f.tag) for f in following)]
            if agreeing:
                mods.append((index, agreeing))
                k += 1
                continue
        return _with_head(tokens, index, mods, case)
    raise NoHead("после определений нет определяемого слова")


def _with_head(tokens: list[Token], index: int, mods: list, case: str) -> Plan:
    word = tokens[index].text
    fits = [(r, how) for r, how in _noun_readings(word) if _agrees_with_all(r[-1].tag, mods)]
    if fits:
        readings, mode = max(fits, key=lambda f: f[0][-1].score)
        tag = readings[-1].tag
        animate = "anim" in tag.grammemes
        grammemes = {case} if tag.grammemes & {"Pltm", "Sgtm"} else {case, tag.number}
        steps = {index: Step(readings, frozenset(grammemes), mode)}
    else:
        adjectives = [a for a in _readings(word, _ADJ) if _agrees_with_all(a.tag, mods)]
        if not adjectives:
            raise NoHead(
                f"слово «{word}» не существительное в именительном падеже "
                "и не согласуется с соседними словами"
            )
        head = max(adjectives, key=lambda a: a.score)  # «заведующий», «обучающиеся»
        tag, animate = head.tag, True
        steps = {index: Step((head,), _adjective_grammemes(case, tag, head, True), "last")}
    for mod_index, readings in mods:
        best = max((r for r in readings if _agree(r.tag, tag)), key=lambda r: r.score)
        steps[mod_index] = Step((best,), _adjective_grammemes(case, tag, best, animate), "last")
    if steps[index].readings[-1].normal_form in _CITY_WORDS and tag.number == "sing":
        if index + 2 < len(tokens) and tokens[index + 1].kind == SPACE:
            _city_name(steps, tokens, index + 2, case)
    return Plan(steps, index)


def _adjective_grammemes(case: str, head_tag, reading, animate: bool) -> frozenset[str]:
    """Return the grammemes for an adjective agreeing with a head tagged `head_tag`."""
    grammemes = {case, head_tag.number}
    if head_tag.number == "sing":
        gender = head_tag.gender if head_tag.gender in ("masc", "femn", "neut") else None
        grammemes.add(gender or reading.tag.gender)
    # pymorphy returns None for animacy anywhere except these two accusatives
    if case == "accs" and (head_tag.number == "plur" or "masc" in grammemes):
        grammemes.add("anim" if animate else "inan")
    return frozenset(grammemes)


def _city_name(steps: dict[int, Step], tokens: list[Token], index: int, case: str) -> None:
    """Add a step declining the town X in «город X», if X is one declinable noun."""
    if tokens[index].kind != WORD:
        return
    name = tokens[index].text
    if not name[:1].isupper() or name.lower().endswith(_INVARIANT_CITY_ENDINGS):
        return
    whole = [p for p in parse(name.lower()) if p.tag.case == "nomn"]
    if whole and whole[0].tag.POS in _ADJ:  # «Сосновый Бор»: a two-word name stays
        return
    mode = "word"
    if any(h in name for h in _HYPHENS) and not any(_from_dictionary(p) for p in whole):
        # an unknown «Кош-Агач»: only the last part declines, as in «Пыть-Ях»
        mode, whole = (
            "last",
            [p for p in parse(_last_part(name)[1].lower()) if p.tag.case == "nomn"],
        )
    nouns = [p for p in whole if p.tag.POS == "NOUN" and p.tag.number == "sing"]
    if nouns:
        best = max(nouns, key=lambda p: ("Geox" in p.tag.grammemes, p.score))
        steps[index] = Step((best,), frozenset({case, "sing"}), mode)
    elif name[-1].lower() in _HARD_CONSONANTS:
        steps[index] = Step((), _CITY_ENDINGS[case], "suffix")


def repeats_previous_case(before: list[Token], head_text: str) -> bool:
    """Say whether the word before a dash is oblique and the head after it may share its case.

    «… автономного округа – Югры» must stay, «комитета – начальник отдела» declines.
    """
    words = [t.text for t in before if t.kind == WORD]
    if not words:
        return False
    cases = {p.tag.case for p in parse(words[-1].lower())}
    if "nomn" in cases:
        return False
    return any(p.tag.case in cases for p in parse(_last_part(head_text)[1].lower()))


def inflect_word(text: str, step: Step, yo: str, phrase: str, case: str) -> str:
    """Return `text` declined as `step` says, spelled like `text` (capitals, «ё»)."""
    if step.mode == "suffix":
        return text + (step.grammemes.upper() if text.isupper() else step.grammemes)
    forms = [morph.inflect(r, step.grammemes) for r in step.readings]
    if any(f is None for f in forms):
        raise InflectionFailed(
            phrase,
            case,
            f"словарь не даёт формы слова «{text}» ({', '.join(sorted(step.grammemes))})",
        )
    if step.mode == "word":
        return spelling.restore_surface(text, forms[0].word, yo)
    if step.mode == "last":
        prefix, last = _last_part(text)
        return prefix + spelling.restore_surface(last, forms[0].word, yo)
    parts = _split_hyphens(text)
    out = [spelling.restore_surface(p, f.word, yo) for p, f in zip(parts, forms, strict=False)]
    seps = [ch for ch in text if ch in _HYPHENS]
    result = out[0]
    for sep, piece in zip(seps, out[1:], strict=False):
        result += sep + piece
    return result


def _noun_readings(word: str) -> list[tuple[tuple, str]]:
    """Return (readings, mode) pairs for `word` read as a nominative noun."""
    if not any(h in word for h in _HYPHENS):
        return [((p,), "word") for p in _readings(word, {"NOUN"})]
    whole = [
        p
        for p in parse(word.lower())
        if p.tag.case == "nomn" and p.tag.POS == "NOUN" and _from_dictionary(p)
    ]
    if whole:  # «Пыть-Ях», «Санкт-Петербург» are in the dictionary as one word
        return [((p,), "word") for p in whole]
    parts = _split_hyphens(word)
    lasts = _readings(parts[-1], {"NOUN"})
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
                and not _PROPER & p.tag.grammemes
            ]
            heads.append(same[0] if same else None)
        common = not _PROPER & last.tag.grammemes and all(heads)
        out.append(((*heads, last), "both") if common else ((last,), "last"))
    return out


def _readings(word: str, pos: frozenset[str] | set[str]) -> list:
    """Return nominative readings of `word` (its last part if hyphenated) with POS in `pos`.

    A word read first as a preposition, conjunction or pronoun («о», «и») has none; a
    place-name adjective known only as a surname gets borrowed adjective readings.
    """
    last = _last_part(word)[1]
    readings = parse(last.lower())
    if not readings or readings[0].tag.POS in _FUNCTION_WORDS:
        return []
    found = [p for p in readings if p.tag.case == "nomn" and p.tag.POS in pos]
    if "ADJF" in pos and not any(p.tag.POS in _ADJ for p in found):
        found += borrowed_readings(last)  # «Каменский» is only a surname to pymorphy
    return found


def _agree(a, b) -> bool:
    """Say whether tags `a` and `b` agree in number, and in gender for the singular."""
    if a.number != b.number:
        return False
    if a.number != "sing" or not a.gender or not b.gender or a.gender == b.gender:
        return True
    return "ms-f" in (a.gender, b.gender) and bool({a.gender, b.gender} & {"masc", "femn"})


def _agrees_with_all(tag, mods: list) -> bool:
    return all(any(_agree(r.tag, tag) for r in readings) for _, readings in mods)


def _is_adverb(word: str) -> bool:
    readings = parse(word.lower())
    return bool(readings) and readings[0].tag.POS == "ADVB" and not any(h in word for h in _HYPHENS)


def _dot_after(tokens: list[Token], i: int) -> bool:
    return i + 1 < len(tokens) and tokens[i + 1].text == "."


def _is_abbreviation(tokens: list[Token], i: int) -> bool:
    """Say whether the word at `i` is an abbreviation («МБУДО», «ГАОУ», «и.о.», «г.»)."""
    word = tokens[i].text
    if _dot_after(tokens, i) and len(word) <= 4:
        return True
    letters = "".join(_split_hyphens(word))
    if len(letters) < 2 or not letters.isupper():
        return False
    if any(t.kind == WORD and not t.text.isupper() for t in tokens):
        return True  # all caps among ordinary words: «МБУДО «…»», «ГАОУ ДПО …»
    return not any(
        p.tag.POS in _NOUN_OR_ADJ and not _PROPER & p.tag.grammemes and _from_dictionary(p)
        for p in parse(word.lower())
    )


def _from_dictionary(p) -> bool:
    """Say whether reading `p` comes from the dictionary itself, not from a guess."""
    stack = p.methods_stack
    return len(stack) == 1 and type(stack[0][0]).__name__ == "DictionaryAnalyzer"


def _split_hyphens(word: str) -> list[str]:
    parts, current = [], ""
    for ch in word:
        if ch in _HYPHENS:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [*parts, current]


def _last_part(word: str) -> tuple[str, str]:
    """Return (prefix with its hyphen, last part) of a hyphenated `word`."""
    cut = max(word.rfind(h) for h in _HYPHENS)
    return word[: cut + 1], word[cut + 1 :]
