"""Russian-language layer of docgen: cases of names, dates, numbers, typography.

A leaf package: it imports nothing else from docgen.
"""

from .cases import CASES, InflectionFailed, UnknownCase, normalize_case
from .declension import Phrase, inflect
from .morph import warm_up
from .names import Person, inflect_name, initials

__all__ = [
    "CASES", "InflectionFailed", "Person", "Phrase", "UnknownCase", "inflect", "inflect_name",
    "initials", "normalize_case", "warm_up",
]
