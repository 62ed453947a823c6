"""The data-driven checks of a library of variable sets, over any tree, against expectations.

The shipped sets are checked with them (tests/test_variable_sets.py), and so is a copy of a
shipped region under a new id (tests/test_region_copy.py): nothing here counts sets,
regions or packages — what is shipped is iterated, and per-set expectations come from data
files a contributor extends (tests/data/expected_forms.yaml, expected_unknowns.yaml).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from docgen import Docgen, DocgenError, VariablesError
from docgen.schema import CASE_KEYS, UNKNOWN
from docgen.variables import layer_files, read_yaml

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Expectations:
    """Hand-written expectations: name forms (`forms`) and unknown values (`unknowns`)."""

    forms: Mapping[str, Any]
    unknowns: Mapping[str, list[str]]

    @classmethod
    def load(cls, folder: Path = DATA) -> Expectations:
        """Return the expectations kept in `folder`."""
        forms, unknowns = (
            yaml.safe_load((folder / name).read_text(encoding="utf-8"))
            for name in ("expected_forms.yaml", "expected_unknowns.yaml")
        )
        return cls(forms, unknowns)


def data_of(dg: Docgen, set_id: str) -> dict[str, Any]:
    """Return the merged values of `set_id`: validated when it validates, else its raw layers.

    Whether a set validates is another check's business; the forms checks need the values
    either way.
    """
    try:
        return dg.variables(set_id).data
    except VariablesError:
        merged: dict[str, Any] = {}
        for file in layer_files(set_id, dg.settings.variables_dir):
            _deep_merge(merged, read_yaml(file))
        return merged


def name_like_values(dg: Docgen, data: Mapping) -> dict[str, Any]:
    """Return {concrete path: value} for every known phrase/person value in `data`."""
    found: dict[str, Any] = {}
    for spec in dg.schema().fields.values():
        if spec.type not in ("phrase", "person"):
            continue
        if "[]." in spec.path:
            list_path, _, key = spec.path.partition("[].")
            items = lookup(data, list_path)
            for i, item in enumerate(items if isinstance(items, list) else []):
                if isinstance(item, Mapping) and item.get(key) not in (None, UNKNOWN):
                    found[f"{list_path}[{i}].{key}"] = item[key]
        else:
            value = lookup(data, spec.path)
            if value not in (None, UNKNOWN):
                found[spec.path] = value
    return found


def unknowns_problems(dg: Docgen, expected: Expectations, set_id: str) -> list[str]:
    """Return what is wrong with `set_id`: it does not load, or its unknowns differ."""
    if set_id not in expected.unknowns:
        return [f"{set_id}: нет в expected_unknowns.yaml"]
    try:
        found = dg.variables(set_id).missing
    except DocgenError as exc:
        return [str(exc)]
    if sorted(found) != sorted(expected.unknowns[set_id] or []):
        return [
            f"{set_id}: !unknown {sorted(found)}, ожидалось {sorted(expected.unknowns[set_id])}"
        ]
    return []


def coverage_problems(dg: Docgen, expected: Expectations) -> list[str]:
    """Return the sets whose names the expectations do not list exactly (and stray sets)."""
    sets = expected.forms["sets"]
    problems = [f"{s}: нет в expected_forms.yaml (sets)" for s in dg.set_ids() if s not in sets]
    problems += [f"{s}: такого набора нет" for s in sets if s not in dg.set_ids()]
    for set_id in (s for s in dg.set_ids() if s in sets):
        values = {p: nominative(v) for p, v in name_like_values(dg, data_of(dg, set_id)).items()}
        if values != sets[set_id]:
            problems.append(f"{set_id}: наименования {values}, в ожидаемых {sets[set_id]}")
    return problems


def form_cases(expected: Expectations) -> Iterator[tuple[str, str, str]]:
    """Yield (set id, path, case) for every expected form of every set."""
    for set_id, paths in expected.forms["sets"].items():
        for path in paths:
            for case in CASE_KEYS:
                yield set_id, path, case


def form_problem(dg: Docgen, expected: Expectations, set_id: str, path: str, case: str) -> str:
    """Return what is wrong with the form of value `path` of `set_id` in `case` ("" if right)."""
    from docgen.ru import inflect, inflect_name

    data = data_of(dg, set_id)
    value = value_at(data, path)
    nomn = expected.forms["sets"][set_id][path]
    if nominative(value) != nomn:
        return f"{set_id}: {path} = «{nominative(value)}», ожидалось «{nomn}»"
    persons = expected.forms["persons"]
    if nomn in persons:
        person = persons[nomn]
        gender_path = dg.schema().get(path).gender
        if value_at(data, gender_path) != person["gender"]:
            return f"{set_id}: {gender_path} не {person['gender']}"
        got, want = inflect_name(value, case, gender=person["gender"]), person[case]
    else:
        want = expected.forms["phrases"][nomn][case]
        explicit = isinstance(value, Mapping) and case in value
        got = value[case] if explicit else inflect(nominative(value), case)
    return "" if got == want else f"{set_id}: {path} ({case}) «{got}», ожидалось «{want}»"


def registry_problems(dg: Docgen, expected: Expectations) -> list[str]:
    """Return the registry acts whose issuer/document names the expectations do not list."""
    named = {}
    for act in dg.registry():
        names = {k: nominative(getattr(act, k)) for k in ("issuer", "document") if getattr(act, k)}
        if names:
            named[act.id] = names
    want = expected.forms["acts"]
    return [
        f"{act_id}: {named.get(act_id)} ≠ {want.get(act_id)}"
        for act_id in sorted(set(named) | set(want))
        if named.get(act_id) != want.get(act_id)
    ]


def document_problems(dg: Docgen) -> tuple[list[str], int]:
    """Return the failures of drafting every package and template for every set it serves,
    and how many drafts were made."""
    problems, made = [], 0
    for document_id in dg.package_ids() + dg.template_ids():
        for set_id in dg.sets_for(document_id):
            try:
                dg.generate(document_id, set_id, draft=True, check=False)
            except DocgenError as exc:
                problems.append(f"{document_id} · {set_id}: {exc}")
            else:
                made += 1
    return problems, made


def lookup(data: Any, path: str) -> Any:
    """Return the value at dotted `path`, or None."""
    node = data
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def value_at(data: Mapping, path: str) -> Any:
    """Return the value at `path`, which may name a list item («a.b[2].c»)."""
    if "[" in path:
        list_path, _, rest = path.partition("[")
        index, _, key = rest.partition("].")
        return lookup(data, list_path)[int(index)][key]
    return lookup(data, path)


def nominative(value: Any) -> Any:
    """Return the nominative of a name given as text or as a mapping of forms."""
    return value["nomn"] if isinstance(value, Mapping) else value


def _deep_merge(into: dict, layer: Mapping) -> None:
    for key, value in layer.items():
        if isinstance(value, Mapping) and "nomn" not in value and isinstance(into.get(key), dict):
            _deep_merge(into[key], value)
        else:
            into[key] = dict(value) if isinstance(value, Mapping) and "nomn" in value else value
