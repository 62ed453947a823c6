"""Kinds of acts as data: which an authority issues, their operative formula, their spelling.

``variables/_kinds.yaml`` holds the shared kinds (распоряжение, приказ, постановление,
решение, and the kinds acts cite: федеральный закон, указ, письмо …); a region may add
kinds in ``variables/<region>/_kinds.yaml``. The variable sets' ``act.kind`` choices and
the registry's kinds come from here, and the act's operative formula («ПРИКАЗЫВАЮ:») too;
the conformance checker reads documents with them (:mod:`docgen.checks.kinds`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .errors import VariablesError
from .schema import CASE_KEYS
from .variables import read_entries

KINDS_FILE = "_kinds.yaml"
_FIELDS = {"issued", "issuer", "formula", "collective", "capital", "forms"}
T = TypeVar("T")


@dataclass(frozen=True)
class ActKind:
    """One kind of act: `name` in the nominative, lower case («распоряжение»)."""

    name: str
    issued: bool = False
    #: who issues an act of this kind — a note for whoever writes a set (docs/guide.md); not
    #: printed and not shown in the form
    issuer: str = ""
    #: the operative formula on its own line («ПРИКАЗЫВАЮ:»); "" when there is none
    formula: str = ""
    #: the formula a collegial body writes at the end of the preamble, its verb last
    #: («администрация … постановляет:»); "" when there is none
    collective: str = ""
    #: written with a capital in a citation («Федеральным законом», «Указом»)
    capital: bool = False
    #: explicit case forms where the rules cannot derive them
    forms: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Kinds:
    """The kinds visible from one region (the shared ones plus the region's own)."""

    kinds: Mapping[str, ActKind]
    #: tables other modules derive from these kinds, by the function that builds them
    _derived: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __contains__(self, name: object) -> bool:
        return name in self.kinds

    def get(self, name: str) -> ActKind:
        """Return the kind `name`, or a plain kind with no formula when it is not declared."""
        return self.kinds.get(name) or ActKind(name)

    def issued(self) -> tuple[str, ...]:
        """Return the names of the kinds an authority issues, in declaration order."""
        return tuple(k.name for k in self.kinds.values() if k.issued)

    def names(self) -> tuple[str, ...]:
        """Return every kind's name, in declaration order."""
        return tuple(self.kinds)

    def derived(self, build: Callable[[Kinds], T]) -> T:
        """Return ``build(self)``, computed once per Kinds object (e.g. the checker's patterns).

        `build` must be a pure function of the kinds; two threads may both compute it once.
        """
        try:
            return self._derived[build]
        except KeyError:
            value = self._derived[build] = build(self)
            return value


def merged_kinds(tables: Iterable[Kinds]) -> Kinds:
    """Return the kinds of every table in `tables`; a name declared twice keeps its first
    declaration (two regions may each declare a kind of the same name)."""
    kinds: dict[str, ActKind] = {}
    for table in tables:
        for name, kind in table.kinds.items():
            kinds.setdefault(name, kind)
    return Kinds(kinds)


def kinds_files(variables_dir: Path, region: str | None = None) -> list[Path]:
    """Return the kinds files visible from `region` (the shared one first)."""
    files = [variables_dir / KINDS_FILE]
    if region:
        files.append(variables_dir / region / KINDS_FILE)
    return [f for f in files if f.exists()]


def load_kinds(files: list[Path], variables_dir: Path) -> Kinds:
    """Return the kinds declared in `files`; raise VariablesError naming file and line."""
    kinds: dict[str, ActKind] = {}
    for name, spec, where in read_entries(files, variables_dir):
        if name in kinds:
            raise VariablesError(f"вид акта «{name}» уже объявлен", where)
        kinds[name] = _kind(name, spec if spec is not None else {}, where)
    return Kinds(kinds)


def _kind(name: str, spec: Any, where: str) -> ActKind:
    if not isinstance(spec, Mapping):
        raise VariablesError("ожидается словарь полей вида акта", where)
    unknown = sorted(set(spec) - _FIELDS)
    if unknown:
        raise VariablesError(f"неизвестные поля вида акта «{name}»: {', '.join(unknown)}", where)
    if name != name.strip().lower():
        raise VariablesError(f"вид акта пишется строчными буквами: «{name}»", where)
    collective = str(spec.get("collective") or "")
    if collective and not (collective.endswith(":") and collective[-2:-1].isalpha()):
        raise VariablesError(
            f"collective: формула кончается словом и двоеточием («… постановляет:»): "
            f"«{collective}»",
            where,
        )
    forms = spec.get("forms") or {}
    if not isinstance(forms, Mapping) or any(k not in CASE_KEYS for k in forms):
        raise VariablesError(f"forms: словарь падежных форм ({', '.join(CASE_KEYS)})", where)
    return ActKind(
        name=name,
        issued=bool(spec.get("issued", False)),
        issuer=str(spec.get("issuer") or ""),
        formula=str(spec.get("formula") or ""),
        collective=collective,
        capital=bool(spec.get("capital", False)),
        forms={k: str(v) for k, v in forms.items()},
    )
