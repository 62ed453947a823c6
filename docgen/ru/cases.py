"""Grammatical case codes, their Russian and English aliases, and the shared error.

Canonical codes are pymorphy's OpenCorpora tags: ``nomn gent datv accs ablt loct``.
``loc2`` (the second prepositional: «в году», «в саду») is accepted as well; where a
word has no such form the ordinary prepositional is used.
"""

from __future__ import annotations

CASES: tuple[str, ...] = ("nomn", "gent", "datv", "accs", "ablt", "loct")
"""The six cases every inflector supports, in the traditional order."""

CASE_NAMES_RU: dict[str, str] = {
    "nomn": "именительный",
    "gent": "родительный",
    "datv": "дательный",
    "accs": "винительный",
    "ablt": "творительный",
    "loct": "предложный",
    "loc2": "второй предложный (местный)",
}

_ALIASES: dict[str, tuple[str, ...]] = {
    "nomn": ("nom", "nominative", "n", "им", "и", "именительный", "кто", "что"),
    "gent": ("gen", "genitive", "g", "р", "род", "родительный", "кого", "чего"),
    "datv": ("dat", "dative", "d", "д", "дат", "дательный", "кому", "чему"),
    "accs": ("acc", "accusative", "a", "в", "вин", "винительный"),
    "ablt": (
        "ins",
        "instr",
        "instrumental",
        "abl",
        "i",
        "т",
        "тв",
        "твор",
        "творительный",
        "кем",
        "чем",
    ),
    "loct": (
        "loc",
        "prep",
        "prepositional",
        "locative",
        "p",
        "п",
        "пр",
        "предл",
        "предложный",
        "о ком",
        "о чем",
        "о чём",
    ),
    "loc2": ("местный", "второй предложный", "в ком", "в чем", "в чём"),
}

_LOOKUP: dict[str, str] = {code: code for code in (*CASES, "loc2")}
for _code, _names in _ALIASES.items():
    for _name in _names:
        _LOOKUP[_name] = _code
        if _name.isalpha() and len(_name) <= 5 and not _name.endswith("."):
            _LOOKUP[_name + "."] = _code


class InflectionFailed(ValueError):
    """A phrase or a personal name could not be put into the requested case.

    `phrase` and `case` hold what was asked; ``str(error)`` is a Russian message.
    """

    def __init__(self, phrase: str, case: str, reason: str) -> None:
        self.phrase = str(phrase)
        self.case = case
        self.reason = reason
        case_ru = CASE_NAMES_RU.get(case, case)
        super().__init__(
            f"не удалось поставить «{self.phrase}» в {case_ru} падеж ({case}): {reason}"
        )


class UnknownCase(ValueError):
    """A case name that is neither a pymorphy code nor a known Russian/English alias."""


def normalize_case(case: str) -> str:
    """Return the canonical code for `case` (``'р'``, ``'родительный'``, ``'gen'`` → ``'gent'``).

    Raises `UnknownCase` (a ``ValueError``) with a Russian message for anything else.
    """
    if isinstance(case, str):
        key = " ".join(case.strip().lower().split())
        code = _LOOKUP.get(key)
        if code is None and key.endswith(" падеж"):
            code = _LOOKUP.get(key[: -len(" падеж")])
        if code is not None:
            return code
    known = ", ".join((*CASES, "loc2"))
    raise UnknownCase(f"неизвестный падеж {case!r}; допустимы: {known} или русские названия")


def explicit_form(value: str, code: str) -> str | None:
    """Return the form of `value` the variable set gives for case `code`, or None.

    Reads ``value.forms`` (`Phrase`, `Person`); ``loc2`` falls back to an explicit ``loct``.
    """
    forms = getattr(value, "forms", None)
    if not forms:
        return None
    if code in forms:
        return forms[code]
    return forms.get("loct") if code == "loc2" else None
