"""Numbers: a noun agreeing with a number, numbers in words, decimals and percent.

Agreement follows the CLDR plural category (babel): ``one`` (1, 21) takes the
singular, ``few`` (2–4, 22) the genitive singular, ``many`` (0, 5–20) the genitive
plural, ``other`` (1,5) the genitive singular («1,5 года»). pymorphy's own
`make_agree_with_number` says «5 годов», «5 людей» (docs/reference/russian.md, pitfall 13), so a few
counting nouns have their forms written out here. Percent convention (docs/reference/gost.md T-14):
«30\u00a0%», the value being the number of percent, not a fraction.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

from . import spelling
from .cases import InflectionFailed, normalize_case
from .morph import parse

NBSP = "\u00a0"
_NUM2WORDS_CASES = {
    "nomn": "n",
    "gent": "g",
    "datv": "d",
    "accs": "a",
    "ablt": "i",
    "loct": "p",
    "loc2": "p",
}
_OBLIQUE = ("gent", "datv", "ablt", "loct", "loc2")
# counting forms pymorphy gets wrong: singular forms by case, plural forms by case
_COUNTING = {
    "год": (
        {
            "nomn": "год",
            "gent": "года",
            "datv": "году",
            "accs": "год",
            "ablt": "годом",
            "loct": "годе",
            "loc2": "году",
        },
        {
            "nomn": "годы",
            "gent": "лет",
            "datv": "годам",
            "accs": "годы",
            "ablt": "годами",
            "loct": "годах",
            "loc2": "годах",
        },
    ),
    "человек": (
        {
            "nomn": "человек",
            "gent": "человека",
            "datv": "человеку",
            "accs": "человека",
            "ablt": "человеком",
            "loct": "человеке",
            "loc2": "человеке",
        },
        {
            "nomn": "человек",
            "gent": "человек",
            "datv": "человекам",
            "accs": "человек",
            "ablt": "человеками",
            "loct": "человеках",
            "loc2": "человеках",
        },
    ),
}


def to_number(value) -> int | Decimal:
    """Return `value` (int, float, Decimal or «1,5») as an int or a Decimal."""
    if isinstance(value, bool):
        raise ValueError(f"не число: {value!r}")
    if isinstance(value, int):
        return value
    try:
        number = Decimal(str(value).strip().replace(",", ".").replace(NBSP, "").replace(" ", ""))
    except InvalidOperation:
        raise ValueError(f"не число: {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"не число: {value!r}")
    return int(number) if number == number.to_integral_value() and "." not in str(value) else number


def number(value) -> str:
    """Return `value` written as acts write numbers: 1234567.5 → «1\u00a0234\u00a0567,5».

    Four-digit whole numbers are not split («2023», «1500»).
    """
    n = to_number(value)
    if isinstance(n, int) and abs(n) < 10000:
        return str(n)
    from babel.numbers import format_decimal

    return format_decimal(n, locale="ru", decimal_quantization=False)


def plural(value, noun: str, case: str = "nomn") -> str:
    """Return the number and `noun` agreeing with it: (5, «год») → «5\u00a0лет».

    `noun` is a noun in the nominative singular, or three forms «день|дня|дней» (for the
    nominative only). In an oblique `case` the noun is plural in that case («пяти годам»
    → «5\u00a0годам»), singular after 1 and 21. Raises `InflectionFailed` for an unknown noun.
    """
    code = normalize_case(case)
    n = to_number(value)
    category = _category(n)
    return f"{number(n)}{NBSP}{_noun_form(noun, category, code)}"


def plural_form(noun: str, case: str = "nomn") -> str:
    """Return `noun` (nominative singular) in the plural, in `case`: «положение» → «положения».

    ``plural_form("положение", "gent")`` → «положений». Raises `InflectionFailed` for a
    word that is not a known noun.
    """
    return _plural_noun(noun, normalize_case(case))


@lru_cache(maxsize=256)
def _plural_noun(noun: str, case: str) -> str:
    readings = [
        p
        for p in parse(noun.strip().lower())
        if p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.number == "sing"
    ]
    form = readings[0].inflect({"plur", case}) if readings else None
    if form is None:
        raise InflectionFailed(noun, case, "неизвестное существительное")
    return _surface(noun, form.word)


@lru_cache(maxsize=1)
def _locale():
    from babel import Locale

    return Locale("ru")


def _category(n: int | Decimal) -> str:
    """Return the CLDR plural category of `n`: one, few, many, or other (a fraction)."""
    return _locale().plural_form(n)


@lru_cache(maxsize=1024)
def _noun_form(noun: str, category: str, case: str) -> str:
    if "|" in noun:
        forms = [f.strip() for f in noun.split("|")]
        if len(forms) != 3 or case not in ("nomn", "accs"):
            raise InflectionFailed(
                noun,
                case,
                "три формы «день|дня|дней» годятся только для именительного и винительного падежа",
            )
        return forms[{"one": 0, "few": 1, "other": 1}.get(category, 2)]
    if category == "other":  # «1,5 года» in every case
        number_, form_case = "sing", "gent"
    elif case in _OBLIQUE:
        number_, form_case = ("sing" if category == "one" else "plur"), case
    else:
        number_, form_case = {"one": ("sing", case), "few": ("sing", "gent")}.get(
            category, ("plur", "gent")
        )
    word = noun.strip().lower()
    if word in _COUNTING:
        return _surface(noun, _COUNTING[word][number_ == "plur"][form_case])
    readings = [
        p
        for p in parse(word)
        if p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.number == "sing"
    ]
    form = readings[0].inflect({number_, form_case}) if readings else None
    if form is None:
        raise InflectionFailed(
            noun, case, "неизвестное существительное: дайте три формы, например «день|дня|дней»"
        )
    return _surface(noun, form.word)


def _surface(noun: str, form: str) -> str:
    return spelling.restore_surface(noun.strip(), form)


def num_words(value, case: str = "nomn", gender: str = "m", ordinal: bool = False) -> str:
    """Return `value` in words: (23, 'gent') → «двадцати трех»; (1, gender='f') → «одна».

    `gender` is m, f or n (м, ж, с); `ordinal` gives «двадцать третьего». Output follows
    the «ё» policy («трех», not «трёх»). The animate accusative is not offered (num2words
    gets compound numbers wrong there).
    """
    from num2words import num2words

    code = normalize_case(case)
    sex = {"m": "m", "м": "m", "f": "f", "ж": "f", "n": "n", "с": "n"}.get(str(gender).lower())
    if sex is None:
        raise ValueError(f"род числительного должен быть m, f или n, а не {gender!r}")
    kind = "ordinal" if ordinal else "cardinal"
    text = num2words(
        to_number(value), lang="ru", to=kind, case=_NUM2WORDS_CASES[code], gender=sex, animate=False
    )
    return spelling.apply_yo(text)


def percent(value) -> str:
    """Return the percent value with a no-break space: 30 → «30\u00a0%», 12.5 → «12,5\u00a0%».

    `value` is the number of percent (30 means 30 %), not a fraction.
    """
    return f"{number(value)}{NBSP}%"
