"""Checks of the submitted form and the overrides it makes.

Only values that differ from the variable set become overrides, so untouched values keep
their exact YAML form (explicit case forms, dates) and their origin. Every message is a
Russian sentence meant to stand beside its input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from docgen.context import clean_text
from docgen.schema import UNKNOWN, FieldSpec, coerce

from .forms import MAX_ROWS, Field, FormModel, FormState, display, norm, row_cells

#: Longest value accepted in one field, in characters.
MAX_CHARS = 2000
TEXT_TYPES = ("text", "phrase", "person")
REQUIRED_FOR_FINAL = "Обязательное значение: без него чистовой вариант не формируется."
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ue000-\uf8ff]")


def clean(spec: FieldSpec, raw: Any) -> tuple[Any, str | None]:
    """Return (value, None) for `raw` checked against `spec`, or (None, Russian message).

    Text is limited to MAX_CHARS characters without control characters. An empty value is
    UNKNOWN («не заполнено»), except for optional text, where it is simply empty.
    """
    if raw is None:
        return UNKNOWN, None
    if isinstance(raw, str):
        text = raw.replace("\r\n", "\n").replace("\r", "\n")
        if len(text) > MAX_CHARS:
            return None, (f"Слишком длинное значение: {len(text)} символов, "
                          f"допустимо не более {MAX_CHARS}.")
        bad = _CONTROL_RE.search(text)
        if bad:
            return None, f"Недопустимый управляющий символ (код U+{ord(bad.group()):04X})."
        text = text.strip()
        if not text:
            return ("" if spec.type in TEXT_TYPES and not spec.required else UNKNOWN), None
        if spec.type == "bool":
            text = text.lower()
        raw = text
    try:
        return coerce(spec, raw), None
    except ValueError as exc:
        message = str(exc)
        return None, message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


def to_overrides(model: FormModel, state: FormState, final: bool) -> dict[str, Any]:
    """Return the overrides for the changed values; messages go to ``state.errors``.

    In `final` mode every required value must be filled.
    """
    overrides: dict[str, Any] = {}
    for fld in model.fields:
        if fld.is_list:
            _list_override(model, fld, state, final, overrides)
            continue
        original = model.original(fld.path)
        typed = state.get(fld.path)
        changed = norm(typed) != norm(display(original))
        if final and fld.spec.required and not typed.strip():
            state.errors[fld.path] = REQUIRED_FOR_FINAL
        if fld.spec.type == "phrase":
            _phrase_override(fld, original, state, overrides)
            continue
        if not changed:
            continue
        value, error = clean(fld.spec, typed)
        if error:
            state.errors[fld.path] = error
        else:
            overrides[fld.path] = value
    return overrides


def _phrase_override(fld: Field, original: Any, state: FormState, overrides: dict) -> None:
    nomn, error = clean(fld.spec, state.get(fld.path))
    if error:
        state.errors[fld.path] = error
        return
    forms = {}
    for key in sorted(state.explicit.get(fld.path, ())):
        form, form_error = clean(fld.spec, state.get(f"{fld.path}:{key}"))
        if form_error:
            state.errors[f"{fld.path}:{key}"] = form_error
        elif isinstance(form, str) and form:
            forms[key] = form
    value = {"nomn": nomn, **forms} if forms and isinstance(nomn, str) and nomn else nomn
    before = (dict(original) if isinstance(original, Mapping) else original)
    if _comparable(value) != _comparable(before):
        overrides[fld.path] = value


def _comparable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: norm(str(v)) for k, v in value.items()}
    return norm(display(value))


def _list_override(model: FormModel, fld: Field, state: FormState, final: bool,
                   overrides: dict) -> None:
    original = model.original(fld.path)
    orig_rows = original if isinstance(original, list) else []
    typed_rows = []
    for i in range(state.rows.get(fld.path, 0)):
        cells = [(name, spec, state.get(name)) for name, spec, _ in row_cells(fld, i, None)]
        if any(text.strip() for _, _, text in cells):
            typed_rows.append((i, cells))
    if len(typed_rows) > MAX_ROWS:
        state.errors[fld.path] = f"Не более {MAX_ROWS} строк."
        return
    if final:
        for _, cells in typed_rows:
            for name, spec, text in cells:
                if spec.required and not text.strip():
                    state.errors[name] = REQUIRED_FOR_FINAL
    before = [[norm(display(v)) for _, _, v in row_cells(fld, i, row)]
              for i, row in enumerate(orig_rows)]
    after = [[norm(text) for _, _, text in cells] for _, cells in typed_rows]
    if before == after and original is not UNKNOWN:
        return
    items = []
    for i, cells in typed_rows:
        orig_row = orig_rows[i] if i < len(orig_rows) else None
        item: dict[str, Any] = {}
        for name, spec, text in cells:
            key = name.rsplit(".", 1)[-1]
            kept = orig_row.get(key) if isinstance(orig_row, Mapping) else orig_row
            if not fld.items:
                key = ""
            if norm(text) == norm(display(kept)) and kept is not None and text.strip():
                item[key] = kept
                continue
            value, error = clean(spec, text)
            if error:
                state.errors[name] = error
            elif value != "" and (value is not UNKNOWN or spec.required or not fld.items):
                item[key] = value
        items.append(item if fld.items else item.get("", UNKNOWN))
    overrides[fld.path] = items


def inflection_culprits(model: FormModel, overrides: Mapping[str, Any],
                        message: str) -> list[tuple[str, FieldSpec]]:
    """Return the inputs (name, spec) whose changed value `message` says cannot be declined.

    docgen quotes the value as the templates saw it (typographed), so each changed text
    is put through the same clean-up before it is looked for in `message`.
    """
    found = []
    for path, value in overrides.items():
        fld = model.field(path)
        if fld is None:
            continue
        if isinstance(value, list):
            candidates = []
            for i, item in enumerate(value):
                if isinstance(item, Mapping):
                    candidates += [(f"{path}[{i}].{k}", v, next(
                        (s for s in fld.items if s.path.endswith("." + k)), fld.spec))
                        for k, v in item.items()]
                else:
                    candidates.append((f"{path}[{i}]", item, fld.item or fld.spec))
        else:
            text = value.get("nomn", "") if isinstance(value, Mapping) else value
            candidates = [(path, text, fld.spec)]
        for name, text, spec in candidates:
            if isinstance(text, str) and text and f"«{clean_text(text)}»" in message:
                found.append((name, spec))
    return found


def mark_missing(model: FormModel, state: FormState, labels: Iterable[str]) -> None:
    """Put REQUIRED_FOR_FINAL beside each empty field whose label is in `labels`."""
    wanted = set(labels)
    for fld in model.fields:
        specs = [(fld.path, fld.spec)]
        for i in range(state.rows.get(fld.path, 0)):
            specs += [(name, spec) for name, spec, _ in row_cells(fld, i, None)]
        for name, spec in specs:
            if spec.label in wanted and not state.get(name).strip() and spec.type != "list":
                state.errors.setdefault(name, REQUIRED_FOR_FINAL)
