"""Russian-language layer of docgen: cases of names, dates, numbers, typography.

A leaf package: it imports nothing else from docgen. Templates reach it through
`FILTERS`; the context builder through `Phrase`, `Person`, `inflect`, `inflect_name`,
`initials` and `typograph`; the importer of existing acts through `nominative` (the
inverse of `inflect`). Call `warm_up()` once at start-up to load the dictionaries.
"""

from . import spelling
from .cases import CASES, InflectionFailed, UnknownCase, normalize_case
from .dates import date_digital, date_long, month_year, to_date, years
from .declension import Phrase, inflect
from .filters import FILTERS
from .names import Person, gender_of, inflect_name, initials, normalize_gender
from .nominative import nominative
from .numbers import num_words, number, percent, plural, plural_form
from .typography import typograph
from .warmup import warm_up

__all__ = [
    "CASES",
    "FILTERS",
    "InflectionFailed",
    "Person",
    "Phrase",
    "UnknownCase",
    "date_digital",
    "date_long",
    "gender_of",
    "inflect",
    "inflect_name",
    "initials",
    "month_year",
    "nominative",
    "normalize_case",
    "normalize_gender",
    "num_words",
    "number",
    "percent",
    "plural",
    "plural_form",
    "spelling",
    "to_date",
    "typograph",
    "warm_up",
    "years",
]
