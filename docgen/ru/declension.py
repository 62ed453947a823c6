"""Put official names, positions and service names into a grammatical case.

The head noun phrase at the start declines: agreeing adjectives, participles and
ordinals («3-я», «1-й») and the head noun («муниципальная методическая служба»), and a
name after «город», «село», «деревня», «посёлок» (`places`). After the head, only what
agrees with it declines (`agreement`): a participle phrase after a comma («…,
подведомственные комитету») and a common-noun apposition in brackets («(парламент)»).
The rest is left as written («… администрации Кировского района»), and so are «…», "…",
other brackets, abbreviation heads («МБУДО «…»», «и.о. …») and numbers. The algorithm is
the one in docs/reference/russian.md §1; `Phrase` carries the municipality's own forms,
which win.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from . import agreement, places, spelling
from .cases import InflectionFailed, explicit_form, normalize_case
from .headphrase import NoHead, head_zone, inflect_word, plan, repeats_previous_case
from .names import Person, inflect_name, looks_like_person
from .tokens import Token, split_at_dashes, tokenize


class Phrase(str):
    """A name in the nominative with the municipality's own forms in `forms` (case → text).

    ``Phrase("комитет образования", forms={"datv": "Комитету образования"})``.
    """

    forms: dict[str, str]

    def __new__(cls, value: str, forms: Mapping[str, str] | None = None) -> Phrase:
        obj = super().__new__(cls, value)
        obj.forms = {normalize_case(k): str(v) for k, v in (forms or {}).items()}
        return obj

    @classmethod
    def coerce(cls, value: str | Mapping[str, str]) -> Phrase:
        """Return a `Phrase` from a string or a YAML mapping ``{nomn: …, datv: …}``."""
        if isinstance(value, Phrase):
            return value
        if isinstance(value, Mapping):
            forms = {normalize_case(k): v for k, v in value.items()}
            if "nomn" not in forms:
                raise ValueError("у наименования нет именительного падежа (ключ nomn)")
            return cls(forms.pop("nomn"), forms)
        return cls(str(value))


def inflect(phrase: str, case: str) -> str:
    """Return `phrase` in `case`: «комитет образования администрации …» → «комитету образования …».

    An explicit form in ``phrase.forms`` wins (for ``loc2``, an explicit ``loct`` too). A
    `Person`, or a string that is plainly a personal name («И.В. Носова», «Носова Ирина
    Викторовна»), goes to `inflect_name` instead. A phrase with an abbreviation or a quoted
    name at its head is invariant and comes back as written. Raises `InflectionFailed`
    when the head cannot be found or declined; never returns the input in its place.
    """
    code = normalize_case(case)
    explicit = explicit_form(phrase, code)
    if explicit is not None:
        return explicit
    text = str(phrase)
    if isinstance(phrase, Person) or looks_like_person(text):  # docs/reference/russian.md §1.9
        return inflect_name(phrase, code)
    if not text.strip():
        raise InflectionFailed(text, code, "пустое значение")
    if code == "nomn":
        return text
    return _inflect_text(text, code, spelling.YO_POLICY)


@lru_cache(maxsize=4096)
def _inflect_text(text: str, case: str, yo: str) -> str:
    parts = split_at_dashes(tokenize(text))
    out = _inflect_part(parts[0], case, yo, text, required=True)
    for before, part in zip(parts, parts[1:], strict=False):
        if places.continues_name(before):  # «Республики Северная Осетия – Алания»
            out += "".join(t.text for t in part)
        else:
            out += _inflect_part(part, case, yo, text, required=False, before=before)
    return out


def _inflect_part(
    tokens: list[Token],
    case: str,
    yo: str,
    phrase: str,
    *,
    required: bool,
    before: list[Token] | None = None,
) -> str:
    """Return the text of `tokens` with its leading noun phrase in `case`.

    For a part after a dash (`required` false) the part is left alone unless it starts
    with a nominative noun phrase that does not repeat the case of the word before it.
    Participles after a comma that qualify the head, and a bracketed apposition after it,
    take the case too (see `agreement`).
    """
    try:
        zone = head_zone(tokens)
        if zone is None:  # invariant: an abbreviation or a quoted name at the head
            return "".join(t.text for t in tokens)
        steps = plan(tokens, zone, case)
    except NoHead as exc:
        if required:
            raise InflectionFailed(phrase, case, str(exc)) from None
        return "".join(t.text for t in tokens)
    if not required and before and repeats_previous_case(before, tokens[steps.head].text):
        return "".join(t.text for t in tokens)
    texts = [t.text for t in tokens]
    words = dict(steps.steps)
    if steps.tag is not None:
        words.update(
            agreement.postpositive_steps(tokens, steps.head, steps.tag, steps.animate, case)
        )
    for index, step in words.items():
        texts[index] = inflect_word(texts[index], step, yo, phrase, case)
    bracket = agreement.bracket_after(tokens, steps.head)
    if bracket is not None:
        index, between = bracket
        texts[index] = _apposition(tokens[index].text, between, case, yo, phrase)
    return "".join(texts)


def _apposition(text: str, between: list[Token], case: str, yo: str, phrase: str) -> str:
    """Return the bracket `text` with its common-noun phrase in `case`, or `text` unchanged.

    `between` are the tokens from the head to the bracket: a bracket after a dependent word
    that already shares its case and number («отдела (сектора)») stays.
    """
    inner = text[1:-1]
    if not agreement.explains(inner) or agreement.follows_a_dependent(between):
        return text
    tokens = tokenize(inner)
    try:
        zone = head_zone(tokens)
        if not zone or zone[0] != 0:
            return text
        steps = plan(tokens, zone, case)
    except NoHead:
        return text
    if between and repeats_previous_case(between, tokens[steps.head].text, number=True):
        return text
    texts = [t.text for t in tokens]
    for index, step in steps.steps.items():
        texts[index] = inflect_word(texts[index], step, yo, phrase, case)
    return "(" + "".join(texts) + ")"
