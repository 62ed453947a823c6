"""An imported act as the form keeps it: the values in the form's own shape, where each came
from, and the deviation report.

:func:`docgen.import_act` reads the act (web.rendering runs it); :func:`prefill` lays
the values it found over the municipality's variable set and makes the form's state of
them — what import could not find stays as the set has it, or unfilled. The state is kept
on the server, ``<instance>/cache/imports/<key>.json``, for ``IMPORT_KEEP_HOURS``; the form
carries only the key (128 random bits: nobody can name an import they did not make).
"""

from __future__ import annotations

import dataclasses
import json
import re
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import current_app

from docgen import Docgen, VariablesError

from .derived import Deriver
from .forms import FormModel, display
from .formstate import FormState, initial_state, refresh_derived

_KEY_RE = re.compile(r"^[0-9a-f]{32}$")
#: Where a value chosen by comparing renderings «came from».
CHOSEN_SOURCE = "выбрано по тексту акта: так он совпадает точнее всего"


@dataclass(frozen=True)
class Digest:
    """What import found, in plain values (it crosses from a render worker).

    `values` path → value; `sources` path → (place, paragraph text) for each value read
    from a paragraph; `chosen` the paths of values chosen by comparing renderings;
    `deviations` (group, clause, place, act's text, generated text, report line).
    """

    values: dict[str, Any]
    sources: dict[str, tuple[str, str]]
    chosen: tuple[str, ...]
    deviations: tuple[tuple[str, str, str, str, str, str], ...]
    notes: tuple[str, ...]
    summary: str

    @classmethod
    def of(cls, imported) -> Digest:
        """Return the digest of a :class:`docgen.Imported`."""
        return cls(
            values={
                **{p: f.value for p, f in imported.values.items()},
                **imported.chosen,
            },
            sources={p: (f.line.where, f.line.text) for p, f in imported.values.items()},
            chosen=tuple(imported.chosen),
            deviations=tuple(
                (d.group, d.clause, d.where, d.text, d.expected, d.describe())
                for d in imported.deviations
            ),
            notes=tuple(imported.notes),
            summary=imported.summary(),
        )


@dataclass
class Kept:
    """An import as the form shows it (see the module docstring)."""

    key: str
    package: str
    municipality: str
    filename: str
    values: dict[str, str]
    rows: dict[str, int]
    explicit: dict[str, list[str]]
    unknown: list[str]
    #: input or list name → {"where", "text", "shown"}: «shown» is the value as imported
    #: (None for a list: a list is marked as a whole)
    marks: dict[str, dict[str, Any]]
    deviations: list[dict[str, str]]
    notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    summary: str = ""

    def state(self, model: FormModel, deriver: Deriver) -> FormState:
        """Return the form's state as imported."""
        state = FormState(
            values=dict(self.values),
            rows=dict(self.rows),
            unknown=set(self.unknown),
            explicit={k: set(v) for k, v in self.explicit.items()},
        )
        refresh_derived(model, state, deriver)
        return state

    def mark(self, name: str, state: FormState) -> dict[str, Any] | None:
        """Return where the value of input `name` came from while it is still the value
        read from the act (None once the clerk changed it, or when it was not read)."""
        found = self.marks.get(name)
        if found is None:
            return None
        shown = found.get("shown")
        if shown is not None and _norm(state.get(name)) != _norm(shown):
            return None
        return found

    def groups(self) -> list[tuple[str, list[dict[str, str]]]]:
        """Return the deviations by group («изменено», «добавлено», «исключено»)."""
        order = ("изменено", "добавлено", "исключено")
        return [(g, [d for d in self.deviations if d["group"] == g]) for g in order]


def _norm(text: str) -> str:
    return " ".join(text.split())


def prefill(dg: Docgen, model: FormModel, digest: Digest, filename: str, deriver: Deriver) -> Kept:
    """Return the form's state with the imported values laid over the variable set.

    A value the set's checks refuse is left out (and named in `skipped`), so that one odd
    reading never loses the others.
    """
    values = {p: v for p, v in digest.values.items() if model.field(p) is not None}
    try:
        merged = dg.variables(model.municipality, values)
        skipped: list[str] = []
    except VariablesError:
        merged, values, skipped = _one_by_one(dg, model.municipality, values)
    state = initial_state(dataclasses.replace(model, variables=merged), deriver)
    marks = {}
    for path in values:
        where, text = digest.sources.get(path, ("", CHOSEN_SOURCE))
        fld = model.field(path)
        shown = None if fld is None or fld.is_list else state.get(path)
        marks[path] = {"where": where, "text": text, "shown": shown}
    return Kept(
        key=secrets.token_hex(16),
        package=model.package.id,
        municipality=model.municipality,
        filename=filename,
        values={k: v for k, v in state.values.items() if not k.endswith(":auto")},
        rows=state.rows,
        explicit={k: sorted(v) for k, v in state.explicit.items()},
        unknown=sorted(state.unknown),
        marks=marks,
        deviations=[
            dict(zip(("group", "clause", "where", "text", "expected", "line"), d, strict=True))
            for d in digest.deviations
        ],
        notes=list(digest.notes),
        skipped=[model.label_for(p) for p in skipped],
        summary=digest.summary,
    )


def _one_by_one(dg: Docgen, set_id: str, values: Mapping[str, Any]):
    """Return (merged set, values taken, paths refused) applying `values` one at a time."""
    taken: dict[str, Any] = {}
    refused = []
    for path, value in values.items():
        try:
            dg.variables(set_id, {**taken, path: value})
        except VariablesError:
            refused.append(path)
            continue
        taken[path] = value
    return dg.variables(set_id, taken), taken, refused


# -- keeping ------------------------------------------------------------------------------


def root() -> Path:
    """Return the folder of kept imports."""
    return Path(current_app.instance_path) / "cache" / "imports"


def keep(kept: Kept) -> str:
    """Store `kept` (written whole, then renamed); return its key."""
    folder = root()
    folder.mkdir(parents=True, exist_ok=True)
    _expire(folder, current_app.config["IMPORT_KEEP_HOURS"] * 3600)
    data = json.dumps(dataclasses.asdict(kept), ensure_ascii=False, default=display)
    path = folder / f"{kept.key}.json"
    tmp = path.with_name(f".{path.name}.{threading.get_ident()}.tmp")
    tmp.write_text(data, encoding="utf-8")
    tmp.replace(path)
    return kept.key


def load(key: str, package: str, municipality: str) -> Kept | None:
    """Return the import `key` made for this form, or None (unknown, expired, another form)."""
    if not _KEY_RE.match(key or ""):
        return None
    path = root() / f"{key}.json"
    try:
        if time.time() - path.stat().st_mtime > current_app.config["IMPORT_KEEP_HOURS"] * 3600:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        kept = Kept(**data)
    except (OSError, ValueError, TypeError):
        return None
    if (kept.package, kept.municipality) != (package, municipality):
        return None
    return kept


def _expire(folder: Path, seconds: float) -> None:
    limit = time.time() - seconds
    for path in folder.glob("*.json"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            continue
