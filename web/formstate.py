"""The form as shown and as submitted: input values, list rows, messages, derived forms.

Built from the variable set (``initial_state``) or from a submission (``submitted_state``,
rows renumbered from 0); «add row» and «remove row» buttons change it (``apply_action``)
without generating anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from docgen import UNKNOWN, FieldSpec

from .derived import CASE_KEYS, Deriver
from .forms import MAX_ROWS, Field, FormModel, Section, display, norm, parse_name


@dataclass
class FormState:
    """The form as shown: input values, list row counts, messages, derived forms."""

    values: dict[str, str] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)
    explicit: dict[str, set[str]] = field(default_factory=dict)
    derived: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def get(self, name: str) -> str:
        """Return the text of input `name` ('' when absent)."""
        return self.values.get(name, "")

    def has_errors_below(self, prefix: str) -> bool:
        """Return True when an input whose name starts with `prefix` has a message."""
        return any(name.startswith(prefix) for name in self.errors)

    def unfilled(self, name: str, spec: FieldSpec) -> bool:
        """Return True when input `name` is empty and must (or was meant to) be filled."""
        return not self.get(name).strip() and (spec.required or name in self.unknown)


# -- walking the inputs -------------------------------------------------------------------


def rows_of(fld: Field, name: str, state: FormState) -> Iterator[tuple[int, list]]:
    """Yield (row number, [(input or list name, field), …]) for each row of list `name`."""
    for i in range(state.rows.get(name, 0)):
        row = f"{name}[{i}]"
        if fld.item is not None:
            yield i, [(row, fld.item)]
        else:
            yield i, [(f"{row}.{child.key}", child) for child in fld.children]


def leaves(fld: Field, name: str, state: FormState) -> Iterator[tuple[str, Field]]:
    """Yield (input name, field) of every value input at or below `name`."""
    if not fld.is_list:
        yield name, fld
        return
    for _, cells in rows_of(fld, name, state):
        for cell_name, cell in cells:
            yield from leaves(cell, cell_name, state)


def lists(fld: Field, name: str, state: FormState) -> Iterator[tuple[str, Field]]:
    """Yield (list name, field) of `name` itself (if a list) and every list inside it."""
    if not fld.is_list:
        return
    yield name, fld
    for _, cells in rows_of(fld, name, state):
        for cell_name, cell in cells:
            yield from lists(cell, cell_name, state)


# -- building the state -------------------------------------------------------------------


def initial_state(model: FormModel, deriver: Deriver) -> FormState:
    """Return the form prefilled from the variable set."""
    state = FormState()
    for fld in model.fields:
        value = model.original(fld.path)
        _flatten(fld, fld.path, value, state)
        if fld.spec.type == "phrase" and isinstance(value, Mapping):
            forms = {k: str(v) for k, v in value.items() if k in CASE_KEYS}
            state.explicit[fld.path] = set(forms)
            for key, form in forms.items():
                state.values[f"{fld.path}:{key}"] = form
    refresh_derived(model, state, deriver)
    return state


def _flatten(fld: Field, name: str, value: Any, state: FormState) -> None:
    if value is UNKNOWN:
        state.unknown.add(name)
    if not fld.is_list:
        state.values[name] = display(value)
        return
    rows = value if isinstance(value, list) else []
    state.rows[name] = len(rows)
    for (_, cells), row in zip(rows_of(fld, name, state), rows, strict=True):
        for cell_name, cell in cells:
            cell_value = (
                row
                if fld.item is not None
                else (row.get(cell.key) if isinstance(row, Mapping) else None)
            )
            _flatten(cell, cell_name, cell_value, state)


def submitted_state(model: FormModel, form: Mapping[str, str], deriver: Deriver) -> FormState:
    """Return the form as submitted: values as typed, rows renumbered from 0."""
    state = FormState()
    trees: dict[str, dict] = {f.path: {} for f in model.fields if f.is_list}
    for name in form:
        steps = parse_name(name)
        if steps and len(steps) > 1 and steps[0] in trees:
            _insert(trees[steps[0]], steps[1:], form[name])
    for fld in model.fields:
        if fld.is_list:
            _load(fld, fld.path, trees[fld.path], state)
            if model.original(fld.path) is UNKNOWN and not state.rows[fld.path]:
                state.unknown.add(fld.path)
            continue
        state.values[fld.path] = form.get(fld.path, "")
        if model.original(fld.path) is UNKNOWN:
            state.unknown.add(fld.path)
        if fld.spec.type == "phrase":
            _read_forms(model, fld, form, state)
    refresh_derived(model, state, deriver)
    return state


def _insert(tree: dict, steps: list, value: str) -> None:
    """Put `value` into the nested rows `tree` ({row: {key: …}}) along `steps`."""
    if not isinstance(steps[0], int):
        return
    if len(steps) == 1:
        tree.setdefault(steps[0], value)
        return
    row = tree.setdefault(steps[0], {})
    if not isinstance(row, dict) or not isinstance(steps[1], str):
        return
    if len(steps) == 2:
        row.setdefault(steps[1], value)
    elif isinstance(row.setdefault(steps[1], {}), dict):
        _insert(row[steps[1]], steps[2:], value)


def _load(fld: Field, name: str, node: Any, state: FormState) -> None:
    if not fld.is_list:
        state.values[name] = node if isinstance(node, str) else ""
        return
    tree = node if isinstance(node, dict) else {}
    rows = [tree[i] for i in sorted(tree)]
    state.rows[name] = len(rows)
    for (_, cells), row in zip(rows_of(fld, name, state), rows, strict=True):
        for cell_name, cell in cells:
            _load(
                cell,
                cell_name,
                row
                if fld.item is not None
                else (row.get(cell.key) if isinstance(row, dict) else None),
                state,
            )


def _read_forms(model: FormModel, fld: Field, form: Mapping[str, str], state: FormState) -> None:
    """Keep the case forms the user set; forms left as derived are derived again."""
    original = model.original(fld.path)
    orig_forms = original if isinstance(original, Mapping) else {}
    name_changed = norm(form.get(fld.path, "")) != norm(display(original))
    explicit = set()
    for key in CASE_KEYS:
        name = f"{fld.path}:{key}"
        typed = form.get(name, "")
        auto = form.get(f"{name}:auto")
        if not typed.strip() or (auto is not None and norm(typed) == norm(auto)):
            continue
        if name_changed and norm(typed) == norm(str(orig_forms.get(key, ""))):
            continue
        explicit.add(key)
        state.values[name] = typed
    state.explicit[fld.path] = explicit


def refresh_derived(model: FormModel, state: FormState, deriver: Deriver) -> None:
    """Fill in the derived case forms and the initials for the current values."""
    for fld in model.fields:
        if fld.spec.type == "phrase":
            explicit = state.explicit.get(fld.path, set())
            forms = {k: state.get(f"{fld.path}:{k}") for k in explicit}
            derived = deriver.phrase(state.get(fld.path), forms)
            for key in CASE_KEYS:
                name = f"{fld.path}:{key}"
                if key in explicit:
                    state.values.pop(f"{name}:auto", None)
                else:
                    state.values[name] = state.values[f"{name}:auto"] = derived[key]
        elif fld.spec.type == "person":
            gender = None
            if fld.spec.gender:
                gender = state.values.get(fld.spec.gender, display(model.original(fld.spec.gender)))
            state.derived[fld.path] = deriver.person(state.get(fld.path), gender)


def apply_action(model: FormModel, state: FormState, action: str) -> bool:
    """Apply «add:<list>» or «remove:<list>:<row>»; return False for any other action."""
    verb, _, rest = action.partition(":")
    name, _, index = rest.partition(":")
    fld = model.field(name) if verb in ("add", "remove") else None
    if fld is None or not fld.is_list or name not in state.rows:
        return False
    count = state.rows[name]
    if verb == "add":
        if count >= MAX_ROWS:
            state.errors[name] = f"Не более {MAX_ROWS} строк."
        else:
            state.rows[name] = count + 1
            state.unknown.discard(name)
            for cell_name, cell in list(rows_of(fld, name, state))[-1][1]:
                if cell.is_list:
                    state.rows[cell_name] = 0
        return True
    if index.isdigit() and int(index) < count:
        _remove_row(state, name, int(index))
    return True


def _remove_row(state: FormState, name: str, removed: int) -> None:
    """Drop row `removed` of list `name` and renumber the rows after it (nested ones too)."""
    pattern = re.compile(rf"^{re.escape(name)}\[(\d+)\](.*)$", re.S)

    def shift(mapping: dict) -> dict:
        out = {}
        for key, value in mapping.items():
            match = pattern.match(key)
            if match is None:
                out[key] = value
            elif int(match.group(1)) != removed:
                i = int(match.group(1))
                out[f"{name}[{i - 1 if i > removed else i}]{match.group(2)}"] = value
        return out

    state.values = shift(state.values)
    state.rows = shift(state.rows)
    state.rows[name] = state.rows.get(name, 1) - 1


def section_counts(section: Section, state: FormState) -> tuple[int, int]:
    """Return (unfilled values, values with messages) of a form section."""
    unfilled = errors = 0
    for fld in section.fields:
        for name, leaf in leaves(fld, fld.path, state):
            unfilled += state.unfilled(name, leaf.spec)
            errors += name in state.errors or state.has_errors_below(name + ":")
        for name, _ in lists(fld, fld.path, state):
            unfilled += name in state.unknown
            errors += name in state.errors
    return unfilled, errors
