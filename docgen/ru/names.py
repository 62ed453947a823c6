"""Personal names: «Фамилия Имя Отчество» and «И.О. Фамилия» in any case, and initials.

Each part is declined by pytrovich (petrovich rules) with the gender given, as
shared/spec/russian.md §1.9 and pitfalls 10–12 require. The gender comes from the
argument, else `Person.gender`, else from the patronymic (or a first name, or a
plainly Russian surname ending). When it is still unknown and the two genders would
decline differently («Ковальчук»), `InflectionFailed` asks for it in the variable set.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache

from . import spelling
from .cases import InflectionFailed, explicit_form, normalize_case

NBSP = "\u00a0"
_GENDERS = {
    "m": "m",
    "м": "m",
    "male": "m",
    "муж": "m",
    "мужской": "m",
    "f": "f",
    "ж": "f",
    "female": "f",
    "жен": "f",
    "женский": "f",
}
_TURKIC = ("оглы", "улы", "уулу", "оолу", "кызы", "гызы", "кыз")
_INITIALS = re.compile(r"(?:[A-ZА-ЯЁ]\.)+")
_WORDS = re.compile(r"\S+")
# plainly Russian surname endings; pytrovich's detector must agree as well («Цой» stays unknown)
_MALE_SURNAME = re.compile(r"(?:[оеё]в|[иы]н|[сц]кий|[сц]кой)$")
_FEMALE_SURNAME = re.compile(r"(?:[оеё]ва|[иы]на|[сц]кая)$")


class Person(str):
    """A personal name as written in the variable set, with `gender` and the municipality's `forms`.

    ``Person("Носова Ирина Викторовна", gender="f")``; ``Person("И.В. Носова", "f")``.
    """

    gender: str | None
    forms: dict[str, str]

    def __new__(
        cls, value: str, gender: str | None = None, forms: Mapping[str, str] | None = None
    ) -> Person:
        obj = super().__new__(cls, value)
        obj.gender = normalize_gender(gender)
        obj.forms = {normalize_case(k): str(v) for k, v in (forms or {}).items()}
        return obj

    @classmethod
    def from_parts(
        cls,
        surname: str,
        name: str = "",
        patronymic: str = "",
        gender: str | None = None,
        forms: Mapping[str, str] | None = None,
    ) -> Person:
        """Return the `Person` «Фамилия Имя Отчество» built from structured parts."""
        return cls(" ".join(p for p in (surname, name, patronymic) if p), gender, forms)

    @classmethod
    def coerce(cls, value: str | Mapping) -> Person:
        """Return a `Person` from a string or a YAML mapping.

        Keys: ``fio`` (or ``nomn``), or ``surname``/``name``/``patronymic``; ``gender``;
        any case code with an explicit form.
        """
        if isinstance(value, Person):
            return value
        if not isinstance(value, Mapping):
            return cls(str(value))
        data = dict(value)
        gender = data.pop("gender", None)
        parts = [data.pop(k, "") for k in ("surname", "name", "patronymic")]
        text = data.pop("fio", None) or " ".join(p for p in parts if p)
        forms = {normalize_case(k): v for k, v in data.items()}
        text = forms.pop("nomn", None) or text
        if not text:
            raise ValueError("у лица не указаны ни ФИО (fio), ни фамилия (surname)")
        return cls(text, gender, forms)


def normalize_gender(gender: str | None) -> str | None:
    """Return ``'m'``, ``'f'`` or None for `gender` given as m/f, м/ж, male/female."""
    if gender is None or gender == "":
        return None
    code = _GENDERS.get(str(gender).strip().lower())
    if code is None:
        raise ValueError(f"род лица должен быть m или f (м или ж), а не {gender!r}")
    return code


def inflect_name(full_name: str, case: str, gender: str | None = None) -> str:
    """Return `full_name` in `case`: «Носова Ирина Викторовна» → «Носовой Ирине Викторовне».

    Keeps the layout and spaces of the input («И.В. Носова» → «И.В. Носовой»). An explicit
    form in ``full_name.forms`` wins. Raises `InflectionFailed` if the gender is needed
    and unknown, or the text is not a name.
    """
    code = normalize_case(case)
    explicit = explicit_form(full_name, code)
    if explicit is not None:
        return explicit
    text = str(full_name)
    gender = normalize_gender(gender) or getattr(full_name, "gender", None)
    if code == "nomn":
        _analyse(text, code)  # still reject what is not a name
        return text
    return _inflect_cached(text, code, gender, spelling.YO_POLICY)


def initials(full_name: str, case: str = "nomn", gender: str | None = None) -> str:
    """Return «И.О.\u00a0Фамилия» for `full_name`: «Носова Ирина Викторовна» → «И.В.\u00a0Носова».

    With `case` the surname is declined: ``initials(p, "datv")`` → «И.В.\u00a0Носовой».
    """
    code = normalize_case(case)
    text = str(full_name)
    words, roles = _analyse(text, code)
    if "firstname" in roles:
        first = roles.index("firstname")
        patronymic = roles.index("middlename") if "middlename" in roles else first + 1
        letters = "".join(words[i][0].upper() + "." for i in (first, patronymic) if i < len(words))
    else:
        letters = "".join(w for w, r in zip(words, roles, strict=False) if r is None)
    declined = inflect_name(full_name, code, gender)
    surname = [w for w, r in zip(_WORDS.findall(declined), roles, strict=False) if r == "lastname"]
    if len(surname) != 1:
        raise InflectionFailed(
            text, code, "в форме, заданной в наборе переменных, не найдена фамилия"
        )
    return letters + NBSP + surname[0]


@lru_cache(maxsize=4096)
def _inflect_cached(text: str, case: str, gender: str | None, yo: str) -> str:
    words, roles = _analyse(text, case)
    if gender is None:
        gender = _guess_gender(words, roles)
    if gender is None:
        male = _decline(text, roles, case, "m", yo)
        if male == _decline(text, roles, case, "f", yo):
            return male  # «А.Н. Шевченко», «О.И. Сорока»: the same either way
        raise InflectionFailed(
            text,
            case,
            "нужно указать род лица (gender: m или f) в наборе "
            "переменных: по написанию имени он не определяется",
        )
    return _decline(text, roles, case, gender, yo)


def _analyse(text: str, case: str) -> tuple[list[str], list[str | None]]:
    """Return the words of `text` and the pytrovich part of each (None: kept as is).

    Layouts: «Фамилия Имя Отчество» (also «… Исмаил оглы» and «Фамилия Имя»),
    «Имя Отчество Фамилия», «И.О. Фамилия» and «Фамилия И.О.».
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
    if len(words) == 4 and words[-1].lower() in _TURKIC:
        return words, ["lastname", "firstname", None, None]
    if len(words) == 3 and _is_patronymic(words[1]) and not _is_patronymic(words[2]):
        return words, ["firstname", "middlename", "lastname"]
    if len(words) in (2, 3):
        return words, ["lastname", "firstname", "middlename"][: len(words)]
    raise wrong


def looks_like_person(text: str) -> bool:
    """Say whether `text` is plainly a personal name: «И.В. Носова», «Носова Ирина Викторовна».

    «Фамилия Имя» without a patronymic is not recognised: it may be anything.
    """
    words = _WORDS.findall(text)
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() or w in _TURKIC for w in words):
        return False
    try:
        _, roles = _analyse(text, "nomn")
    except InflectionFailed:
        return False
    if "firstname" not in roles or roles[-1] is None:  # «И.В. Носова», «… Исмаил оглы»
        return True
    return "middlename" in roles and _is_patronymic(words[roles.index("middlename")])


def _is_name(word: str) -> bool:
    return re.fullmatch(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*", word) is not None


def _is_patronymic(word: str) -> bool:
    low = word.lower()
    return low.endswith(("вич", "ич", "вна", "ична", "инична")) or low in _TURKIC


def _guess_gender(words: list[str], roles: list[str | None]) -> str | None:
    """Return the gender the name itself shows (patronymic, first name, surname) or None."""
    part = dict(zip(roles, words, strict=False))
    if roles[-1] is None and "firstname" in roles:  # «Исмаил оглы» / «… кызы»
        return "f" if words[-1].lower() in ("кызы", "гызы", "кыз") else "m"
    detector = _detector()
    for role in ("middlename", "firstname"):
        if role in part:
            found = detector.detect(**{role: part[role]}).name
            if found in ("MALE", "FEMALE"):
                return found[0].lower()
    surname = part["lastname"].lower()
    found = detector.detect(lastname=surname).name
    if _MALE_SURNAME.search(surname) and found == "MALE":
        return "m"
    if _FEMALE_SURNAME.search(surname) and found == "FEMALE":
        return "f"
    return None


def _decline(text: str, roles: list[str | None], case: str, gender: str, yo: str) -> str:
    from pytrovich.enums import Case, Gender, NamePart

    target = getattr(Case, _PYTROVICH_CASES[case])
    sex = Gender.MALE if gender == "m" else Gender.FEMALE
    out, pos = [], 0
    for match, role in zip(_WORDS.finditer(text), roles, strict=False):
        out.append(text[pos : match.start()])
        word = match.group()
        if role is not None:
            produced = maker().make(getattr(NamePart, role.upper()), sex, target, word)
            word = spelling.restore_surface(word, produced, yo)
        out.append(word)
        pos = match.end()
    return "".join(out) + text[pos:]


_PYTROVICH_CASES = {
    "nomn": "NOMINATIVE",
    "gent": "GENITIVE",
    "datv": "DATIVE",
    "accs": "ACCUSATIVE",
    "ablt": "INSTRUMENTAL",
    "loct": "PREPOSITIONAL",
    "loc2": "PREPOSITIONAL",
}


@cache
def maker():
    """Return the shared pytrovich declension maker (its rules load once)."""
    from pytrovich.maker import PetrovichDeclinationMaker

    return PetrovichDeclinationMaker()


@cache
def _detector():
    from pytrovich.detector import PetrovichGenderDetector

    return PetrovichGenderDetector()
