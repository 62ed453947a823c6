"""The Jinja filters templates use, in one table (`FILTERS`), each with a Russian example.

Filters take plain strings as well as `Phrase`/`Person` values, and raise on failure
(`InflectionFailed` for grammar, `ValueError` for a value that is not a date or a
number); none of them hands the input back in place of a result.
"""

from __future__ import annotations

from . import dates, numbers
from .declension import Phrase, inflect
from .names import Person, inflect_name
from .names import initials as _initials
from .typography import typograph as _typograph


def _given(value, name: str):
    if value is None:
        raise ValueError(f"фильтр «{name}»: нет значения (None)")
    return value


def case(value, c: str) -> str:
    """Return `value` in case `c`; a `Person` is declined as a name, anything else as a phrase.

    ``{{ authority.name | case('ablt') }}``: «комитет образования» → «комитетом образования».
    """
    value = _given(value, "case")
    return inflect_name(value, c) if isinstance(value, Person) else inflect(value, c)


def name_case(value, c: str, gender: str | None = None) -> str:
    """Return the personal name `value` in case `c` (gender from `value` or the argument).

    ``{{ signer | name_case('datv') }}``: «Носова Ирина Викторовна» → «Носовой Ирине Викторовне».
    """
    return inflect_name(_given(value, "name_case"), c, gender)


def initials(value, c: str = "nomn", gender: str | None = None) -> str:
    """Return «И.О.\u00a0Фамилия» for a name, the surname in case `c`.

    ``{{ signer.fio | initials }}``: «Носова Ирина Викторовна» → «И.В.\u00a0Носова».
    """
    return _initials(_given(value, "initials"), c, gender)


def date_digital(value) -> str:
    """Return a date as «ДД.ММ.ГГГГ» (a date, a datetime or an ISO string).

    ``от {{ act.date | date_digital }}``: 2023-05-23 → «от 23.05.2023».
    """
    return dates.date_digital(_given(value, "date_digital"))


def date_long(value) -> str:
    """Return a verbal date with no-break spaces and no leading zero.

    ``{{ act.date | date_long }}``: 2023-05-23 → «23\u00a0мая\u00a02023\u00a0г.».
    """
    return dates.date_long(_given(value, "date_long"))


def month_year(value) -> str:
    """Return the month (stand-alone nominative) and year, for deadline cells.

    ``{{ deadline | month_year }}``: 2024-09-01 → «сентябрь\u00a02024\u00a0г.».
    """
    return dates.month_year(_given(value, "month_year"))


def years(value, c: str = "nomn") -> str:
    """Return a year or a (start, end) period with «год» in case `c`; also takes «2023–2026».

    ``на {{ program.period | years }}``: (2023, 2026) → «на 2023–2026\u00a0годы»;
    ``в {{ program.period | years('loct') }}`` → «в 2023–2026\u00a0годах»;
    ``в {{ 2024 | years('loc2') }}`` → «в 2024\u00a0году».
    """
    return dates.years(_given(value, "years"), c)


def plural(value, noun: str, c: str = "nomn") -> str:
    """Return the number and `noun` agreeing with it (CLDR plural category).

    ``{{ term | plural('год') }}``: 5 → «5\u00a0лет»; 2 → «2\u00a0года»; 21 → «21\u00a0год».
    """
    return numbers.plural(_given(value, "plural"), noun, c)


def num_words(value, c: str = "nomn", gender: str = "m", ordinal: bool = False) -> str:
    """Return the number in words, in case `c` and gender m/f/n; never with «ё».

    ``{{ n | num_words('gent') }}``: 23 → «двадцати трех»; ``num_words('nomn', 'f')``: 1 → «одна».
    """
    return numbers.num_words(_given(value, "num_words"), c, gender, ordinal)


def number(value) -> str:
    """Return a number with a decimal comma and no-break thousands groups (from 10 000).

    ``{{ budget | number }} руб.``: 1234567.5 → «1\u00a0234\u00a0567,5 руб.»; 2023 → «2023 руб.».
    """
    return numbers.number(_given(value, "number"))


def percent(value) -> str:
    """Return the number of percent with a no-break space before «%» (docs/reference/gost.md T-14).

    ``не менее {{ share | percent }}``: 30 → «не менее 30\u00a0%»; 12.5 → «не менее 12,5\u00a0%».
    The value is the number of percent (30 means 30 %), not a fraction.
    """
    return numbers.percent(_given(value, "percent"))


def typograph(value, nested: str = "«»") -> str:
    """Return text with «ёлочки», « – », no-break spaces after «№», before «г.», after initials.

    ``{{ note | typograph }}``: "Об образовании" - 2023-2026 → «Об образовании»\u00a0– 2023–2026.
    """
    return _typograph(_given(value, "typograph"), nested)


def upfirst(value) -> str:
    """Return the text with its first letter capitalised and the rest untouched.

    ``{{ name | case('ablt') | upfirst }}``: «комитетом образования» → «Комитетом образования».
    """
    return _keeping_forms(_given(value, "upfirst"), _upfirst)


def lowfirst(value) -> str:
    """Return the text with its first letter lower-cased unless the first word is an abbreviation.

    ``{{ name | lowfirst }}``: «Комитет образования» → «комитет образования»; «МБУДО «…»» stays.
    """
    return _keeping_forms(_given(value, "lowfirst"), _lowfirst)


def _keeping_forms(value, change):
    """Return `change` applied to `value` and, for a `Phrase`/`Person`, to its explicit forms."""
    if isinstance(value, Person):
        return value.with_text(change(value), {k: change(v) for k, v in value.forms.items()})
    if isinstance(value, Phrase):
        return Phrase(change(value), {k: change(v) for k, v in value.forms.items()})
    return change(str(value))


def _upfirst(text: str) -> str:
    i = _first_letter(text)
    return text if i is None else text[:i] + text[i].upper() + text[i + 1 :]


def _lowfirst(text: str) -> str:
    i = _first_letter(text)
    if i is None:
        return text
    letters = [ch for ch in text[i:].split(maxsplit=1)[0] if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):  # «МБУДО», «ГАОУ»
        return text
    return text[:i] + text[i].lower() + text[i + 1 :]


def _first_letter(text: str) -> int | None:
    return next((i for i, ch in enumerate(text) if ch.isalpha()), None)


FILTERS = {
    "case": case,
    "name_case": name_case,
    "initials": initials,
    "date_digital": date_digital,
    "date_long": date_long,
    "month_year": month_year,
    "years": years,
    "plural": plural,
    "num_words": num_words,
    "number": number,
    "percent": percent,
    "typograph": typograph,
    "upfirst": upfirst,
    "lowfirst": lowfirst,
}
"""Template-facing filter name → function; docgen's environment installs all of them."""
