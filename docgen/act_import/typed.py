"""Values that are not text — numbers, years, dates, yes/no — read back from what the act shows.

A field of such a type cannot carry a probe marker (the set would refuse «qZ3TEXTq» for a
year), so it is probed as unknown: the templates print the placeholder
«[не заполнено: <label>]» where its value stands, and filters leave a placeholder as it
is. The act has the value there as a filter wrote it — «2 единицы», «30 %», «2024 году»,
«15 сентября 2021 г.» — so the pattern of each type takes the number with the one word or
sign a filter puts after it, or a date in either form; :func:`value` reads it back.
"""

from __future__ import annotations

import re
from typing import Any

from ..placeholders import PREFIX
from ..schema import UNKNOWN
from .requisites import parse_date

#: The types read here; a yes/no field is chosen by rendering instead (see :mod:`.rendered`).
TYPED = ("int", "year", "date")
_PLACEHOLDER = r"\[" + re.escape(PREFIX) + r"[^\]]*\]"
_SP = r"[\s\u00a0]"
#: A number and, when it takes one, the word or sign a filter adds: «2 единицы», «30 %».
_NUMBER = rf"\d+(?:{_SP}?(?:%|[^\W\d_]+))??"
_DATE = rf"\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|\d{{1,2}}{_SP}+[а-яё]+{_SP}+\d{{4}}(?:{_SP}*г\.)?"
GROUPS = {"int": _NUMBER, "year": _NUMBER, "date": _DATE}


def group(kind: str) -> str | None:
    """Return the regex (no group of its own) of a value of type `kind` as the act shows
    it, a placeholder included; None for a type read as free text."""
    body = GROUPS.get(kind)
    return f"(?:{body}|{_PLACEHOLDER})" if body else None


def value(kind: str, text: str, label: str) -> tuple[bool, Any]:
    """Return (True, the value) of type `kind` read from `text`, (False, None) when `text`
    does not hold one. The placeholder of the field itself (`label`) is UNKNOWN; text
    types give `text` as it is."""
    text = text.strip()
    placeholder = re.fullmatch(_PLACEHOLDER, text)
    if placeholder:
        return (True, UNKNOWN) if text[len(PREFIX) + 1 : -1] == label else (False, None)
    if kind in ("int", "year"):
        number = re.match(r"\d+", text)
        if not number or (kind == "year" and len(number.group(0)) != 4):
            return False, None
        return True, int(number.group(0))
    if kind == "date":
        found = parse_date(re.sub(rf"{_SP}*г\.$", "", text).replace("\u00a0", " "))
        return (found is not None), found
    return bool(text), text
