"""One word of a personal name in a case: Розенталь's rules on top of pytrovich's.

pytrovich (petrovich rules) is asked first; its answer is corrected where Розенталь says
otherwise, with pymorphy's dictionary (common nouns, Surn readings) second:

* adjectival surnames (Долгий, Глухой, Строгая) decline as adjectives, by the ending
  table in surnames.yaml («Долгого», not «Долгия»; «Глухим», not «Глухым»);
* a man's surname that is a common noun declines like that noun («Кузнеца», not
  «Кузнца»); a vowel of the stem that the noun or pytrovich drops is kept by default
  («Заяца», «Кравеца», «Лева»), or dropped when the person's `fleeting_vowel` hint says
  so («Зайца», «Кравца», «Льва»);
* in a double surname only the parts that are surnames themselves decline
  («Мамина-Сибиряка», «Бонч-Бруевича»); in a Tuvan compound with a lower-case part
  («Кара-оол») only the last part declines («Кара-оола»);
* the last part of an East-Asian name declines for a man if it ends in a consonant
  («Ким Ир Сена», «Хо Ши Мина»), and nothing else of the name does;
* a woman's first name in a soft consonant declines («Гузели», «Гузелью»).

Returns lower-case words; the caller restores capitals and the «ё» policy.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from . import datafiles, morph
from .morph import parse
from .readings import PROPER, from_dictionary

_CASES = ("gent", "datv", "accs", "ablt", "loct")
_VOWELS = frozenset("аеёиоуыэюя")
_CONSONANTS = frozenset("бвгджзклмнпрстфхцчшщ")
_FLEETING = frozenset("еёоя")
_PYTROVICH_CASES = {
    "gent": "GENITIVE",
    "datv": "DATIVE",
    "accs": "ACCUSATIVE",
    "ablt": "INSTRUMENTAL",
    "loct": "PREPOSITIONAL",
}


class Tables(NamedTuple):
    adjectival: dict[str, dict[str, list[str]]]
    soft_female_first_name: list[str]
    consonant_name: list[str]
    surname_endings: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def tables() -> Tables:
    """Return the ending tables of surnames.yaml (read once)."""
    data = datafiles.load("surnames.yaml")
    adjectival = {
        gender: dict(sorted(table.items(), key=lambda kv: -len(kv[0])))
        for gender, table in data["adjectival"].items()
    }
    endings = {g: tuple(e) for g, e in data["surname_endings"].items()}
    return Tables(adjectival, data["soft_female_first_name"], data["consonant_name"], endings)


@lru_cache(maxsize=1)
def maker():
    """Return the shared pytrovich declension maker (its rules load once)."""
    from pytrovich.maker import PetrovichDeclinationMaker

    return PetrovichDeclinationMaker()


def decline(word: str, role: str, gender: str, case: str, fleeting: bool = False) -> str:
    """Return `word` of a name in `case` (gent, datv, accs, ablt, loct), in lower case.

    `role` is ``lastname``, ``firstname``, ``middlename`` or ``asian`` (the last part of
    an East-Asian name); `gender` is ``m`` or ``f``; `fleeting` drops a fleeting vowel of
    a surname («Зайца») instead of keeping it («Заяца»).
    """
    written, word = word, word.lower()
    if role == "asian":
        if gender != "m" or word[-1] not in _CONSONANTS:
            return word
        return word + tables().consonant_name[_CASES.index(case)]
    if role == "firstname" and gender == "f" and word.endswith("ь"):
        ending = tables().soft_female_first_name[_CASES.index(case)]
        return word[:-1] + ending
    if role != "lastname":
        return _pytrovich(role, word, gender, case)
    parts = word.split("-")
    if len(parts) == 1:
        return _surname(word, gender, case, fleeting)
    # -- «Кара-оол» (a lower-case part) is one compound; «Петров-Водкин» two surnames --
    compound = any(p[:1].islower() for p in written.split("-")[1:])
    out = [
        _surname(p, gender, case, fleeting)
        if i == len(parts) - 1 or not compound and is_surname(p, gender)
        else p
        for i, p in enumerate(parts)
    ]
    return "-".join(out)


def is_surname(word: str, gender: str) -> bool:
    """Say whether `word` is a surname itself: Russian ending, adjectival, or a dictionary Surn."""
    if word.endswith(tables().surname_endings["masc" if gender == "m" else "femn"]):
        return True
    if _adjectival_ending(word, gender):
        return True
    return any("Surn" in p.tag.grammemes and from_dictionary(p) for p in parse(word))


def _surname(word: str, gender: str, case: str, fleeting: bool) -> str:
    ending = _adjectival_ending(word, gender)
    if ending:
        endings = tables().adjectival["masc" if gender == "m" else "femn"][ending]
        return word[: -len(ending)] + endings[_CASES.index(case)]
    produced = _pytrovich("lastname", word, gender, case)
    if gender != "m" or produced == word or word.rstrip("ь")[-1:] not in _CONSONANTS:
        return produced  # -- women's, invariant (Гусь, Черных) and vowel-final surnames --
    noun = _common_noun(word)
    if noun is not None:
        produced = morph.inflect(noun, {"gent" if case == "accs" else case, "sing"}) or produced
    return produced if fleeting else _keep_vowel(word, produced)


def _adjectival_ending(word: str, gender: str) -> str | None:
    """Return the adjectival ending of surname `word` («Долгий» → «гий»), or None."""
    table = tables().adjectival["masc" if gender == "m" else "femn"]
    ending = next((e for e in table if word.endswith(e)), None)
    if ending is None or not _VOWELS & set(word[: -len(ending)]):
        return None  # -- «Цой»: no vowel before the ending --
    for p in parse(word):
        if p.tag.POS == "NOUN" and "Surn" not in p.tag.grammemes and from_dictionary(p):
            if p.tag.case == "nomn":
                return None  # -- «Герой», «Евгений»: a common noun or a first name --
    return ending


def _common_noun(word: str):
    """Return the dictionary reading of `word` as a masculine common noun, or None.

    None when the dictionary also knows `word` as a surname: pytrovich's answer stands.
    """
    found = parse(word)
    if any("Surn" in p.tag.grammemes for p in found):
        return None
    nouns = [
        p
        for p in found
        if p.tag.POS == "NOUN"
        and p.tag.case == "nomn"
        and p.tag.number == "sing"
        and p.tag.gender == "masc"
        and not PROPER & p.tag.grammemes
        and from_dictionary(p)
    ]
    if not nouns:
        return None
    return max(nouns, key=lambda p: ("anim" in p.tag.grammemes, p.score))


def _keep_vowel(word: str, produced: str) -> str:
    """Return `produced` with the vowel of the stem of `word` that it dropped put back.

    «кравец» + «кравца» → «кравеца»; «лев» + «льва» → «лева»; «заяц» + «зайцем» →
    «заяцем». After «ц» the ending «ом» becomes «ем»: with the vowel kept the stress stays
    on the stem, and an unstressed ending after «ц» is written «е» («Кравецем»).
    """
    core = word[:-1] if word.endswith("ь") else word
    if produced.startswith(core) or len(core) < 3 or core[-1] not in _CONSONANTS:
        return produced
    stem, vowel, consonant = core[:-2], core[-2], core[-1]
    if vowel not in _FLEETING:
        return produced
    for replacement in ("", "ь", "й"):
        shortened = stem + replacement + consonant
        if produced.startswith(shortened):
            ending = produced[len(shortened) :]
            if consonant == "ц" and ending == "ом":
                ending = "ем"
            return core + ending
    return produced


def _pytrovich(role: str, word: str, gender: str, case: str) -> str:
    from pytrovich.enums import Case, Gender, NamePart

    sex = Gender.MALE if gender == "m" else Gender.FEMALE
    target = getattr(Case, _PYTROVICH_CASES[case])
    return maker().make(getattr(NamePart, role.upper()), sex, target, word)
