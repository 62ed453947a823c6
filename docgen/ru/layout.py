"""Which word of a personal name is what: surname, first name, patronymic, initials.

Layouts: «Фамилия Имя Отчество» (also «… Исмаил оглы» and «Фамилия Имя»), «Имя Отчество
Фамилия», «И.О. Фамилия», «Фамилия И.О.» and a three-part East-Asian name («Ким Ир Сен»,
«Хо Ши Мин»: three one-syllable words, none a patronymic). Also guesses the gender from
the name itself where it shows (patronymic, first name, a plainly Russian surname).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .cases import InflectionFailed

TURKIC = ("оглы", "улы", "уулу", "оолу", "кызы", "гызы", "кыз")
ASIAN = "asian"
_INITIALS = re.compile(r"(?:[A-ZА-ЯЁ]\.)+")
_WORDS = re.compile(r"\S+")
_VOWELS = frozenset("аеёиоуыэюяАЕЁИОУЫЭЮЯ")
# -- plainly Russian surname endings; pytrovich's detector must agree as well («Цой» stays unknown)
_MALE_SURNAME = re.compile(r"(?:[оеё]в|[иы]н|[сц]кий|[сц]кой)$")
_FEMALE_SURNAME = re.compile(r"(?:[оеё]ва|[иы]на|[сц]кая)$")


def words_of(text: str) -> list[str]:
    return _WORDS.findall(text)


def analyse(text: str, case: str) -> tuple[list[str], list[str | None]]:
    """Return the words of `text` and the part each one is (None: kept as written).

    Parts are pytrovich's ``lastname``, ``firstname``, ``middlename``, or ``asian`` for
    the last word of an East-Asian name. Raises `InflectionFailed` for what is not a name.
    """
    words = _WORDS.findall(text)
    wrong = InflectionFailed(text, case, "ожидается «Фамилия Имя Отчество» или «И.О. Фамилия»")
    if not words:
        raise InflectionFailed(text, case, "пустое имя")
    inits = [bool(_INITIALS.fullmatch(w)) for w in words]
    if any(inits):
        if (
            inits.count(False) != 1
            or not (inits[0] or inits[-1])
            or not _is_name(words[inits.index(False)])
        ):
            raise wrong
        return words, [None if i else "lastname" for i in inits]
    if not all(_is_name(w) for w in words):
        raise wrong
    if len(words) == 4 and words[-1].lower() in TURKIC:
        return words, ["lastname", "firstname", None, None]
    if is_east_asian(words):
        return words, [None, None, ASIAN]
    if len(words) == 3 and is_patronymic(words[1]) and not is_patronymic(words[2]):
        return words, ["firstname", "middlename", "lastname"]
    if len(words) in (2, 3):
        return words, ["lastname", "firstname", "middlename"][: len(words)]
    raise wrong


def is_east_asian(words: list[str]) -> bool:
    """Say whether `words` are a three-part East-Asian name: one syllable each, no patronymic."""
    return (
        len(words) == 3
        and not any(is_patronymic(w) for w in words)
        and all(sum(ch in _VOWELS for ch in w) == 1 and "-" not in w for w in words)
    )


def _is_name(word: str) -> bool:
    return re.fullmatch(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*", word) is not None


def is_patronymic(word: str) -> bool:
    low = word.lower()
    return low.endswith(("вич", "ич", "вна", "ична", "инична")) or low in TURKIC


def guess_gender(words: list[str], roles: list[str | None]) -> str | None:
    """Return the gender the name itself shows (patronymic, first name, surname) or None."""
    part = dict(zip(roles, words, strict=False))
    if roles[-1] is None and "firstname" in roles:  # «Исмаил оглы» / «… кызы»
        return "f" if words[-1].lower() in ("кызы", "гызы", "кыз") else "m"
    if "lastname" not in part:
        return None  # -- an East-Asian name does not show it --
    found_by = detector()
    for role in ("middlename", "firstname"):
        if role in part:
            found = found_by.detect(**{role: part[role]}).name
            if found in ("MALE", "FEMALE"):
                return found[0].lower()
    surname = part["lastname"].lower()
    found = found_by.detect(lastname=surname).name
    if _MALE_SURNAME.search(surname) and found == "MALE":
        return "m"
    if _FEMALE_SURNAME.search(surname) and found == "FEMALE":
        return "f"
    return None


@lru_cache(maxsize=1)
def detector():
    """Return the shared pytrovich gender detector (its rules load once)."""
    from pytrovich.detector import PetrovichGenderDetector

    return PetrovichGenderDetector()
