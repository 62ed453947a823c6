"""Adjective readings for place-name adjectives the dictionary knows only as surnames.

pymorphy reads «Каменский» only as a surname (NOUN, Surn), so «Каменский городской
округ» would take the surname as its head. A capitalised word with an adjectival
ending and no adjective reading of its own gets one borrowed from a model adjective
with the same ending: «Каменский» declines like «кировский» («Каменского»,
«Каменскому», …), with the model's tag.
"""

from __future__ import annotations

from typing import NamedTuple

from . import morph
from .morph import parse

_MODELS = {  # ending → model adjective with that ending, longest endings first
    "ский": "кировский",
    "цкий": "немецкий",
    "кий": "великий",
    "ний": "синий",
    "жий": "свежий",
    "ший": "хороший",
    "чий": "горячий",
    "щий": "общий",
    "ый": "новый",
    "ой": "молодой",
    "ская": "кировская",
    "цкая": "немецкая",
    "яя": "синяя",
    "ая": "новая",
    "ское": "кировское",
    "цкое": "немецкое",
    "ее": "синее",
    "ое": "новое",
    "ские": "кировские",
    "цкие": "немецкие",
    "ие": "синие",
    "ые": "новые",
}
_ENDINGS = sorted(_MODELS, key=len, reverse=True)


class Borrowed(NamedTuple):
    """A reading of `stem` + ending that declines like the `model` reading."""

    model: object
    stem: str
    model_stem: str

    @property
    def tag(self):
        return self.model.tag

    @property
    def score(self) -> float:
        return self.model.score

    @property
    def normal_form(self) -> str:
        return self.stem + self.model.normal_form[len(self.model_stem) :]

    def form(self, grammemes) -> str | None:
        """Return the form with `grammemes` («Каменского»), built on the model's form."""
        model_form = morph.inflect(self.model, grammemes)
        if model_form is None or not model_form.startswith(self.model_stem):
            return None
        return self.stem + model_form[len(self.model_stem) :]


def borrowed_readings(word: str) -> list[Borrowed]:
    """Return nominative adjective readings for `word` («Каменский»), or [] if it needs none.

    Only a capitalised word with an adjectival ending whose own readings are all names
    (no adjective among them) gets borrowed readings.
    """
    if not word[:1].isupper():
        return []
    low = word.lower()
    own = parse(low)
    if any(p.tag.POS in ("ADJF", "PRTF") for p in own):
        return []
    if own and not all(
        p.tag.POS == "NOUN" and {"Surn", "Name", "Patr"} & p.tag.grammemes for p in own
    ):
        return []
    ending = next((e for e in _ENDINGS if low.endswith(e) and len(low) > len(e) + 1), None)
    if ending is None:
        return []
    model = _MODELS[ending]
    model_stem = model[: -len(ending)]
    stem = low[: -len(ending)]
    return [
        Borrowed(p, stem, model_stem)
        for p in parse(model)
        if p.tag.POS == "ADJF" and p.tag.case == "nomn"
    ]
