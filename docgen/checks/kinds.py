"""The act kinds as the checker reads them: words and patterns built from the kinds data.

Which line of a blank names the act («РАСПОРЯЖЕНИЕ»), which paragraph opens the operative
part («ПРИКАЗЫВАЮ:», «администрация … постановляет:»), how a mark names the act («к
распоряжению», «распоряжением»), what «настоящего распоряжения» and a reference to an act
may say: all of it comes from the act kinds (:mod:`docgen.kinds`, ``variables/_kinds.yaml``
plus a region's own ``_kinds.yaml``), so a region's kind («указание», «ПРЕДЛАГАЮ:») is read
like the shared ones.

:func:`kind_words` gives the :class:`KindWords` of a :class:`~docgen.kinds.Kinds`, built
once per Kinds object. A document is read (classified) with them and its model carries them
(``DocModel.kinds``) for the rules. Case forms are the kinds' explicit ``forms`` or the
declension rules' (:func:`docgen.citation.kind_form`): the forms the generator writes.
Without kinds a document is read with the shared kinds shipped with docgen.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from .. import ru
from ..citation import kind_form
from ..kinds import Kinds, kinds_files, load_kinds
from ..settings import shipped_dir

T = TypeVar("T")
#: The cases whose forms make a kind's stem (what every form of its head word starts with).
STEM_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@dataclass(frozen=True)
class KindWord:
    """A kind an authority issues, as documents write it: forms in lower case."""

    name: str
    #: the act kind of a part (``Part.act_kind``): «РАСПОРЯЖЕНИЕ»
    upper: str
    gent: str
    datv: str
    ablt: str
    loct: str
    #: «ПРИКАЗЫВАЮ:», or "" for a kind without an operative formula
    formula: str
    #: «администрация … постановляет:», or ""
    collective: str


class KindWords:
    """The words and patterns of the act kinds a document is read with.

    `key` is a digest of the kinds data: equal data, equal key. Per-text memos and memoised
    layout findings that depend on the kinds are kept under it, never under the object.
    """

    def __init__(self, kinds: Kinds) -> None:
        self.key = hashlib.blake2b(
            repr(tuple(kinds.kinds.values())).encode(), digest_size=16
        ).hexdigest()
        forms = {name: _forms(name, kinds) for name in kinds.names()}
        #: the kinds an authority issues, by ``upper``
        self.issued: dict[str, KindWord] = {}
        for name in kinds.issued():
            kind, form = kinds.get(name), forms[name]
            self.issued[name.upper()] = KindWord(
                name,
                name.upper(),
                form["gent"],
                form["datv"],
                form["ablt"],
                form["loct"],
                kind.formula,
                kind.collective,
            )
        #: issued kinds by the kind line of a blank without any whitespace («РАСПОРЯЖЕНИЕ»)
        self.blank = {"".join(upper.split()): word for upper, word in self.issued.items()}
        #: every kind's name → the stem of its head word («распоряжени», «закон»)
        self.stems = {name: _stem([forms[name][case] for case in STEM_CASES]) for name in forms}
        #: the stems of the kinds an authority issues («распоряжени», «приказ» …)
        self.issued_stems = tuple(self.stems[w.name] for w in self.issued.values())
        #: the stems of the normative and administrative acts a reference must cite in full
        #: (GOST 5.18): the kinds issued and those cited with a capital (laws, decrees)
        self.act_stems = tuple(
            dict.fromkeys(self.stems[k.name] for k in kinds.kinds.values() if k.issued or k.capital)
        )
        self._built: dict = {}
        self.order_re = re.compile(rf"^(?:{_order(self.issued.values())})\s*:$")
        datv = alternation(w.datv for w in self.issued.values())
        ablt = alternation(w.ablt for w in self.issued.values())
        #: a line that goes on a mark: «к распоряжению …», «распоряжением …», «от …»
        self.mark_line_re = re.compile(
            rf"^(?:к\s+{datv}\b|{ablt}\b|от\s|\(приложение|Приложение|№\s)", re.IGNORECASE
        )
        #: a mark whose first line («УТВЕРЖДЕНО») is lost: «распоряжением …»
        self.truncated_mark_re = re.compile(rf"^{ablt}\b")
        #: the act a mark names: «к распоряжению» (ГОСТ), «распоряжением» (after УТВЕРЖДЕНО)
        self.to_act_re = re.compile(rf"\bк\s+(?P<kind>{datv})\b", re.IGNORECASE)
        self.by_act_re = re.compile(rf"^(?P<kind>{ablt})\b", re.IGNORECASE)

    def act(self, upper: str | None) -> KindWord | None:
        """Return the issued kind whose ``upper`` is `upper` (a part's ``act_kind``), or None."""
        return self.issued.get(upper) if upper else None

    def built(self, build: Callable[[KindWords], T]) -> T:
        """Return ``build(self)`` (a rule's pattern from these words), computed once."""
        try:
            return self._built[build]
        except KeyError:
            value = self._built[build] = build(self)
            return value


def kind_words(kinds: Kinds | None = None) -> KindWords:
    """Return the checker's words of `kinds` (default: the shared kinds shipped with docgen)."""
    return (kinds if kinds is not None else shared_kinds()).derived(KindWords)


@cache
def shared_kinds() -> Kinds:
    """Return the shared act kinds shipped with docgen (``variables/_kinds.yaml``)."""
    root = shipped_dir("variables")
    return load_kinds(kinds_files(root), root)


def alternation(words: Iterable[str]) -> str:
    """Return a regex group matching any of `words` (a space: any run of whitespace);
    longest first. No words: a group that never matches."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    if not unique:
        return "(?!)"
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in unique) + ")"


def _forms(name: str, kinds: Kinds) -> dict[str, str]:
    """Return the kind `name` in every case of STEM_CASES, lower case."""
    out = {}
    for case in STEM_CASES:
        try:
            out[case] = kind_form(name, case, kinds).lower()
        except ru.InflectionFailed:
            # -- a name the rules cannot decline is read as written --
            out[case] = name
    return out


def _stem(forms: list[str]) -> str:
    """Return what every form of the kind's head word starts with: the last word that
    changes with the case («федеральный закон» → «закон»), else the first
    («распоряжение главы» → «распоряжени»)."""
    split = [f.split() for f in forms]
    if len({len(words) for words in split}) != 1:
        split = [words[:1] for words in split]
    changing = [i for i in range(len(split[0])) if len({words[i] for words in split}) > 1]
    head = [words[changing[-1] if changing else 0] for words in split]
    stem = head[0]
    for word in head[1:]:
        while not word.startswith(stem):
            stem = stem[:-1]
    return stem or head[0]


def _spaced(word: str) -> str:
    """Return a pattern of `word` with a space allowed between letters («П Р И К А З»)."""
    return r"\s?".join(map(re.escape, word))


def _order(issued: Iterable[KindWord]) -> str:
    """Return the alternatives of the paragraph that opens the operative part, without «:».

    The formula on its own line, letter-spacing allowed («ПРИКАЗЫВАЮ:», «П Р И К А З Ы В А
    Ю:»); the collective formula's verb ending a line, lower case (letter-spacing allowed)
    or capitals («администрация … постановляет:», «… ПОСТАНОВЛЯЕТ:»).
    """
    out: list[str] = []
    for word in issued:
        if word.formula:
            out.append(r"\s+".join(_spaced(w) for w in word.formula.rstrip(": ").split()))
        if word.collective:
            verb = word.collective.rstrip(": ").split()[-1]
            out += [rf".*\b{_spaced(verb.lower())}", rf".*\b{re.escape(verb.upper())}"]
    return "|".join(dict.fromkeys(out)) or "(?!)"
