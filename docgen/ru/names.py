"""Personal names: «Фамилия Имя Отчество» and «И.О. Фамилия» in any case, and initials.

Each word is declined by `surnames.decline` (pytrovich's petrovich rules, corrected where
Розенталь says otherwise) with the gender given, as docs/reference/russian.md §1.9 and
pitfalls 10–12 require. The gender comes from the argument, else `Person.gender`, else
from the name itself (`layout.guess_gender`). When it is still unknown and the two
genders would decline differently («Ковальчук»), `InflectionFailed` asks for it in the
variable set. Where usage varies, the person's own choice is given on the `Person`
(`indeclinable`, `fleeting_vowel`); the default follows Розенталь.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from . import spelling, surnames
from .cases import InflectionFailed, explicit_form, normalize_case
from .layout import ASIAN, TURKIC, analyse, guess_gender, is_patronymic, words_of

NBSP = "\u00a0"
_WORD = re.compile(r"\S+")
_GENDERS = {
    "m": "m",
    "м": "m",
    "male": "m",
    "masc": "m",
    "муж": "m",
    "мужской": "m",
    "f": "f",
    "ж": "f",
    "female": "f",
    "femn": "f",
    "жен": "f",
    "женский": "f",
}
_PARTS = {
    "surname": "lastname",
    "lastname": "lastname",
    "фамилия": "lastname",
    "name": "firstname",
    "firstname": "firstname",
    "имя": "firstname",
    "patronymic": "middlename",
    "middlename": "middlename",
    "отчество": "middlename",
}


class Person(str):
    """A personal name as written in the variable set, with `gender`, `forms` and usage hints.

    ``Person("Носова Ирина Викторовна", gender="f")``; ``Person("И.В. Носова", "f")``.
    `gender` is m/f (also м/ж, male/female and pymorphy's masc/femn). `forms` maps a case
    to an explicit form, which always wins.

    Where usage genuinely varies, the bearer's choice is given by keyword (the default
    follows Розенталь):

    * ``indeclinable`` — parts that stay as written in every case: ``True`` (the surname),
      or ``"surname"``, ``"name"``, ``"patronymic"`` (also ``"фамилия"``, ``"имя"``,
      ``"отчество"``) or a collection of them.
      ``Person("Кузнец Андрей Петрович", "m", indeclinable=True)`` → «Кузнец Андрея
      Петровича»; ``Person("Гарипова Гузель Ринатовна", "f", indeclinable="name")`` →
      «Гариповой Гузель Ринатовны» (by default «Гузели»).
    * ``fleeting_vowel`` — the surname drops the vowel of its stem as the common noun
      does: ``Person("Кравец Сергей Николаевич", "m", fleeting_vowel=True)`` → «Кравца»
      (by default «Кравеца»); «Заяц» → «Зайца», «Лев» → «Льва».

    In YAML (`Person.coerce`): ``{fio: …, gender: m, indeclinable: [surname],
    fleeting_vowel: true}``.
    """

    gender: str | None
    forms: dict[str, str]
    indeclinable: frozenset[str]
    fleeting_vowel: bool

    def __new__(
        cls,
        value: str,
        gender: str | None = None,
        forms: Mapping[str, str] | None = None,
        *,
        indeclinable: bool | str | Iterable[str] = False,
        fleeting_vowel: bool = False,
    ) -> Person:
        obj = super().__new__(cls, value)
        obj.gender = normalize_gender(gender)
        obj.forms = {normalize_case(k): str(v) for k, v in (forms or {}).items()}
        obj.indeclinable = normalize_parts(indeclinable)
        if not isinstance(fleeting_vowel, bool):
            raise ValueError(f"fleeting_vowel должно быть true или false, а не {fleeting_vowel!r}")
        obj.fleeting_vowel = fleeting_vowel
        return obj

    def with_text(self, text: str, forms: Mapping[str, str]) -> Person:
        """Return a copy with another text and forms, and the same gender and hints."""
        return Person(
            text,
            self.gender,
            forms,
            indeclinable=self.indeclinable,
            fleeting_vowel=self.fleeting_vowel,
        )

    @classmethod
    def from_parts(
        cls,
        surname: str,
        name: str = "",
        patronymic: str = "",
        gender: str | None = None,
        forms: Mapping[str, str] | None = None,
        **hints,
    ) -> Person:
        """Return the `Person` «Фамилия Имя Отчество» built from structured parts."""
        return cls(" ".join(p for p in (surname, name, patronymic) if p), gender, forms, **hints)

    @classmethod
    def coerce(cls, value: str | Mapping) -> Person:
        """Return a `Person` from a string or a YAML mapping.

        Keys: ``fio`` (or ``nomn``), or ``surname``/``name``/``patronymic``; ``gender``;
        ``indeclinable``, ``fleeting_vowel``; any case code with an explicit form.
        """
        if isinstance(value, Person):
            return value
        if not isinstance(value, Mapping):
            return cls(str(value))
        data = dict(value)
        gender = data.pop("gender", None)
        hints = {k: data.pop(k) for k in ("indeclinable", "fleeting_vowel") if k in data}
        parts = [data.pop(k, "") for k in ("surname", "name", "patronymic")]
        text = data.pop("fio", None) or " ".join(p for p in parts if p)
        forms = {normalize_case(k): v for k, v in data.items()}
        text = forms.pop("nomn", None) or text
        if not text:
            raise ValueError("у лица не указаны ни ФИО (fio), ни фамилия (surname)")
        return cls(text, gender, forms, **hints)


def normalize_gender(gender: str | None) -> str | None:
    """Return ``'m'``, ``'f'`` or None for `gender` given as m/f, м/ж, male/female, masc/femn."""
    if gender is None or gender == "":
        return None
    code = _GENDERS.get(str(gender).strip().lower())
    if code is None:
        raise ValueError(f"род лица должен быть m или f (м или ж), а не {gender!r}")
    return code


def normalize_parts(value: bool | str | Iterable[str] | None) -> frozenset[str]:
    """Return the name parts of an `indeclinable` hint: True → the surname; names → parts."""
    if value is None or value is False:
        return frozenset()
    if value is True:
        return frozenset({"lastname"})
    items = [value] if isinstance(value, str) else list(value)
    unknown = [v for v in items if str(v).strip().lower() not in _PARTS]
    if unknown:
        raise ValueError(
            f"неизвестная часть имени {unknown[0]!r}: допустимы surname, name, patronymic "
            "(фамилия, имя, отчество)"
        )
    return frozenset(_PARTS[str(v).strip().lower()] for v in items)


def gender_of(full_name: str) -> str | None:
    """Return «m» or «f» when the name itself shows the gender, else None.

    «И.В. Носова» → «f», «В.А. Воробьев» → «m», «К.Л. Ковальчук» → None (the surname does
    not tell; the act must say).
    """
    words, roles = analyse(full_name, "nomn")
    return guess_gender(words, roles) if words else None


def inflect_name(full_name: str, case: str, gender: str | None = None) -> str:
    """Return `full_name` in `case`: «Носова Ирина Викторовна» → «Носовой Ирине Викторовне».

    Keeps the layout and spaces of the input («И.В. Носова» → «И.В. Носовой»). An explicit
    form in ``full_name.forms`` wins; a `Person`'s hints are followed. Raises
    `InflectionFailed` if the gender is needed and unknown, or the text is not a name.
    """
    code = normalize_case(case)
    explicit = explicit_form(full_name, code)
    if explicit is not None:
        return explicit
    text = str(full_name)
    gender = normalize_gender(gender) or getattr(full_name, "gender", None)
    if code == "nomn":
        analyse(text, code)  # still reject what is not a name
        return text
    keep = tuple(sorted(getattr(full_name, "indeclinable", ())))
    fleeting = getattr(full_name, "fleeting_vowel", False)
    return _inflect_cached(text, code, gender, spelling.YO_POLICY, keep, fleeting)


def initials(full_name: str, case: str = "nomn", gender: str | None = None) -> str:
    """Return «И.О.\u00a0Фамилия» for `full_name`: «Носова Ирина Викторовна» → «И.В.\u00a0Носова».

    With `case` the surname is declined: ``initials(p, "datv")`` → «И.В.\u00a0Носовой». An
    East-Asian name («Ким Ир Сен») has no initials: it comes back whole, in `case`.
    """
    code = normalize_case(case)
    text = str(full_name)
    words, roles = analyse(text, code)
    if ASIAN in roles:
        return inflect_name(full_name, code, gender)
    if "firstname" in roles:
        first = roles.index("firstname")
        patronymic = roles.index("middlename") if "middlename" in roles else first + 1
        letters = "".join(words[i][0].upper() + "." for i in (first, patronymic) if i < len(words))
    else:
        letters = "".join(w for w, r in zip(words, roles, strict=False) if r is None)
    declined = inflect_name(full_name, code, gender)
    surname = [w for w, r in zip(words_of(declined), roles, strict=False) if r == "lastname"]
    if len(surname) != 1:
        raise InflectionFailed(
            text, code, "в форме, заданной в наборе переменных, не найдена фамилия"
        )
    return letters + NBSP + surname[0]


@lru_cache(maxsize=4096)
def _inflect_cached(
    text: str, case: str, gender: str | None, yo: str, keep: tuple[str, ...], fleeting: bool
) -> str:
    words, roles = analyse(text, case)
    if gender is None:
        gender = guess_gender(words, roles)
    if gender is None:
        male = _decline(text, roles, case, "m", yo, keep, fleeting)
        if male == _decline(text, roles, case, "f", yo, keep, fleeting):
            return male  # «А.Н. Шевченко», «О.И. Сорока»: the same either way
        raise InflectionFailed(
            text,
            case,
            "нужно указать род лица (gender: m или f) в наборе "
            "переменных: по написанию имени он не определяется",
        )
    return _decline(text, roles, case, gender, yo, keep, fleeting)


def looks_like_person(text: str) -> bool:
    """Say whether `text` is plainly a personal name: «И.В. Носова», «Носова Ирина Викторовна».

    «Фамилия Имя» without a patronymic is not recognised: it may be anything.
    """
    words = words_of(text)
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() or w in TURKIC for w in words):
        return False
    try:
        _, roles = analyse(text, "nomn")
    except InflectionFailed:
        return False
    if "firstname" not in roles or roles[-1] is None:  # «И.В. Носова», «… Исмаил оглы»
        return True
    return "middlename" in roles and is_patronymic(words[roles.index("middlename")])


def _decline(
    text: str,
    roles: list[str | None],
    case: str,
    gender: str,
    yo: str,
    keep: tuple[str, ...],
    fleeting: bool,
) -> str:
    code = "loct" if case == "loc2" else case
    out, pos = [], 0
    for match, role in zip(_WORD.finditer(text), roles, strict=False):
        out.append(text[pos : match.start()])
        word = match.group()
        part = "lastname" if role == ASIAN else role
        if role is not None and part not in keep:
            produced = surnames.decline(word, role, gender, code, fleeting)
            word = spelling.restore_surface(word, produced, yo)
        out.append(word)
        pos = match.end()
    return "".join(out) + text[pos:]
