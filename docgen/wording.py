"""The act's wording as data: the sentences the title, preamble, clauses and citations use.

``variables/_wording.yaml`` holds the shared wording; a region replaces any entry in
``variables/<region>/_wording.yaml``. Patterns name their parts in braces («Утвердить
{document} согласно {reference} к настоящему {act}.»); docgen fills them in the right case
(:mod:`docgen.cover`, :mod:`docgen.citation`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import VariablesError
from .schema import CASE_KEYS
from .variables import display_path, read_yaml

WORDING_FILE = "_wording.yaml"
#: Every pattern and the parts it may use.
PATTERNS: dict[str, frozenset[str]] = {
    "title": frozenset({"documents"}),
    "approve.points": frozenset({"document", "reference", "act"}),
    "approve.inline": frozenset({"document", "reference", "act"}),
    "approve.subpoints_lead": frozenset({"act"}),
    "approve.subpoint": frozenset({"document", "reference", "act"}),
    "repeal": frozenset({"cited", "act"}),
    "repeal_several": frozenset({"act"}),
    "control.self": frozenset({"act"}),
    "control.delegate": frozenset({"act", "position", "person"}),
    "citation": frozenset({"kind", "issuer", "date", "number", "title"}),
    "citation_document": frozenset({"document", "kind", "issuer", "date", "number", "title"}),
    "amendments": frozenset({"cited"}),
}


_DOUBLE_SPACE_RE = re.compile(r" {2,}")
_SPACE_BEFORE_MARK_RE = re.compile(r" +(?=[.,;:)])")


@dataclass(frozen=True)
class Wording:
    """The patterns (dotted key → text) and the preamble's formulas with their cases."""

    patterns: Mapping[str, str]
    basis_formulas: Mapping[str, str] = field(default_factory=dict)

    def fill(self, key: str, **parts: str) -> str:
        """Return the pattern `key` with `parts` put in («{act}» → «распоряжения»).

        A part left empty takes its space with it: «на {position} {person}.» with no
        person gives «на заместителя председателя.», not «… председателя .».
        """
        text = self.patterns[key].format_map(parts)
        return _SPACE_BEFORE_MARK_RE.sub("", _DOUBLE_SPACE_RE.sub(" ", text)).strip()

    def formula_case(self, formula: str) -> str:
        """Return the case a preamble formula governs («В соответствии с» → «ablt»)."""
        return self.basis_formulas.get(formula, "gent")


def wording_files(variables_dir: Path, region: str | None = None) -> list[Path]:
    """Return the wording files visible from `region` (the shared one first)."""
    files = [variables_dir / WORDING_FILE]
    if region:
        files.append(variables_dir / region / WORDING_FILE)
    return [f for f in files if f.exists()]


def load_wording(files: list[Path], variables_dir: Path) -> Wording:
    """Return the wording of `files`, later files replacing entries of earlier ones.

    Raise VariablesError (file and key) for an unknown key, a pattern with a part it may
    not use, or a formula governing an unknown case.
    """
    patterns: dict[str, str] = {}
    formulas: dict[str, str] = {}
    for path in files:
        display = display_path(path, variables_dir)
        data = read_yaml(path, display)
        for key, value in _flatten(data):
            where = f"{display}: {key}"
            if key.startswith("basis_formulas."):
                case = str(value)
                if case not in CASE_KEYS:
                    raise VariablesError(f"падеж «{case}»: одно из {', '.join(CASE_KEYS)}", where)
                formulas[key.removeprefix("basis_formulas.")] = case
                continue
            if key not in PATTERNS:
                raise VariablesError(
                    f"неизвестная формулировка; есть: {', '.join(sorted(PATTERNS))}", where
                )
            patterns[key] = _checked(" ".join(str(value).split()), PATTERNS[key], where)
    missing = sorted(set(PATTERNS) - set(patterns))
    if missing:
        raise VariablesError(f"не заданы формулировки: {', '.join(missing)}", "формулировки акта")
    return Wording(patterns, formulas)


def _checked(text: str, allowed: frozenset[str], where: str) -> str:
    """Return pattern `text` if it uses only the parts `allowed`, each written as {name}.

    Raise VariablesError for another part, an empty «{}» or a brace left unpaired: found
    here, not when the first act is generated.
    """
    can = f"можно: {', '.join('{' + p + '}' for p in sorted(allowed))}"
    try:
        used = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        extra = used - allowed
        if not extra:
            text.format_map(dict.fromkeys(allowed, ""))
    except ValueError:
        raise VariablesError(
            f"фигурные скобки: часть пишется как {{имя}}, «{{» и «}}» в паре; {can}", where
        ) from None
    if extra:
        raise VariablesError(f"часть {{{sorted(extra)[0]}}} здесь не подставляется; {can}", where)
    return text


def _flatten(data: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    out = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out += _flatten(value, path + ".")
        else:
            out.append((path, value))
    return out
