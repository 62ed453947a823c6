"""Derived forms shown in the form: case forms of names, initials of persons.

They come from the same filters the templates use (``case``, ``initials`` of the core
object's environment), applied to the same value objects the templates see, so the form
shows exactly what the document will say. A form that cannot be derived is shown empty;
the reason is logged, never raised.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from docgen import DocgenError
from docgen.ru import Person, Phrase

log = logging.getLogger(__name__)

#: Grammatical cases a name can be overridden in: key, name, question.
CASES = (
    ("gent", "родительный", "кого? чего?"),
    ("datv", "дательный", "кому? чему?"),
    ("accs", "винительный", "кого? что?"),
    ("ablt", "творительный", "кем? чем?"),
    ("loct", "предложный", "о ком? о чём?"),
)
CASE_KEYS = tuple(key for key, _, _ in CASES)


class Deriver:
    """Derives case forms and initials with docgen's filters; silent when they are missing."""

    def __init__(self, environment) -> None:
        self._filters = environment.filters

    def phrase(self, nomn: str, forms: Mapping[str, str] | None = None) -> dict[str, str]:
        """Return case → form of the name `nomn` (explicit `forms` win); '' when unknown."""
        if not self._filters or not nomn.strip():
            return {key: "" for key in CASE_KEYS}
        value = self._make(Phrase, nomn, forms={"nomn": nomn, **(forms or {})})
        return {key: self._apply("case", value, key) for key in CASE_KEYS}

    def person(self, name: str, gender: str | None) -> list[tuple[str, str]]:
        """Return (what, form) pairs of a person's name: initials and their case forms."""
        if not self._filters or not name.strip():
            return []
        person = self._make(Person, name, gender=gender if gender in ("m", "f") else None)
        if person is None:
            return []
        short = self._call("initials", person)
        if short is None:
            return []
        out = [("инициалы", str(short))]
        for key, case_name, question in CASES[:3]:
            form = self._call("case", short, key)
            if form is not None:
                out.append((f"{case_name} ({question})", str(form)))
        return out

    def _make(self, cls, text: str, **kwargs):
        try:
            return cls(text, **kwargs)
        except (DocgenError, ValueError, TypeError) as exc:
            log.info("значение «%.40s» не разобрано: %s", text, exc)
            return None

    def _apply(self, name: str, value, *args) -> str:
        result = self._call(name, value, *args)
        return "" if result is None else str(result)

    def _call(self, name: str, value, *args):
        func = self._filters.get(name) if self._filters else None
        if func is None or value is None:
            return None
        try:
            return func(value, *args)
        except (DocgenError, ValueError, TypeError) as exc:
            # -- a form we cannot derive is just not shown --
            log.info("фильтр %s не применён к «%.40s»: %s", name, value, exc)
            return None
