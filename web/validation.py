"""Checks of submitted values (form or JSON) and the overrides they make.

Only values that differ from the variable set become overrides, so untouched values keep
their exact YAML form (explicit case forms, dates) and their origin; a changed list is
given whole. Every message is a Russian sentence meant to stand beside its input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from docgen import CASE_KEYS, UNKNOWN, FieldSpec, clean_text

from .forms import MAX_ROWS, Field, FormModel, display, norm
from .formstate import FormState, leaves, rows_of

#: Longest value accepted in one field, in characters.
MAX_CHARS = 2000
TEXT_TYPES = ("text", "phrase", "person")
REQUIRED_FOR_FINAL = "Обязательное значение: без него чистовой вариант не формируется."
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ue000-\uf8ff]")
#: Bidirectional controls: «‮» turns the text after it around on screen and on paper.
_BIDI_RE = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: A record field left out of the record (empty and optional).
_OMIT = object()


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
            return None, (
                f"Слишком длинное значение: {len(text)} символов, допустимо не более {MAX_CHARS}."
            )
        bad = _CONTROL_RE.search(text)
        if bad:
            return None, f"Недопустимый управляющий символ (код U+{ord(bad.group()):04X})."
        bidi = _BIDI_RE.search(text)
        if bidi:
            return None, (
                "Недопустимый символ направления текста "
                f"(код U+{ord(bidi.group()):04X}): он переставляет буквы на экране и в документе."
            )
        text = text.strip()
        if not text:
            return ("" if spec.type in TEXT_TYPES and not spec.required else UNKNOWN), None
        if spec.type == "bool":
            text = text.lower()
        raw = text
    try:
        return spec.coerce(raw), None
    except ValueError as exc:
        return None, _sentence(str(exc))


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


# -- the form -----------------------------------------------------------------------------


def to_overrides(model: FormModel, state: FormState, final: bool) -> dict[str, Any]:
    """Return the overrides for the changed values; messages go to ``state.errors``.

    In `final` mode every required value must be filled.
    """
    overrides: dict[str, Any] = {}
    for fld in model.fields:
        original = model.original(fld.path)
        if fld.is_list:
            value = _build(fld, fld.path, original, state, final)
            after = _typed_shape(fld, fld.path, state)
            if after != _shape(fld, original) or (original is UNKNOWN and after):
                overrides[fld.path] = value
            continue
        typed = state.get(fld.path)
        if final and fld.spec.required and not typed.strip():
            state.errors[fld.path] = REQUIRED_FOR_FINAL
        if fld.spec.type == "phrase":
            _phrase_override(fld, original, state, overrides)
        elif norm(typed) != norm(display(original)):
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
    if _comparable(value) != _comparable(original):
        overrides[fld.path] = value


def _comparable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: norm(str(v)) for k, v in value.items()}
    return norm(display(value))


def _build(
    fld: Field, name: str, original: Any, state: FormState, final: bool, in_record: bool = False
) -> Any:
    """Return the value of input or list `name` (unchanged parts keep their YAML value)."""
    if fld.is_list:
        orig_rows = original if isinstance(original, list) else []
        out = []
        for i, cells in rows_of(fld, name, state):
            if _empty(cells, state):
                continue
            orig_row = orig_rows[i] if i < len(orig_rows) else None
            if fld.item is not None:
                value = _build(fld.item, cells[0][0], orig_row, state, final)
                out.append(UNKNOWN if value is _OMIT else value)
                continue
            item = {}
            for cell_name, cell in cells:
                kept = orig_row.get(cell.key) if isinstance(orig_row, Mapping) else None
                value = _build(cell, cell_name, kept, state, final, in_record=True)
                if value is not _OMIT:
                    item[cell.key] = value
            out.append(item)
        if len(out) > MAX_ROWS:
            state.errors[name] = f"Не более {MAX_ROWS} строк."
        return out
    typed = state.get(name)
    if final and fld.spec.required and not typed.strip():
        state.errors[name] = REQUIRED_FOR_FINAL
    if original not in (None, UNKNOWN) and typed.strip() and norm(typed) == norm(display(original)):
        return original
    value, error = clean(fld.spec, typed)
    if error:
        state.errors[name] = error
        return _OMIT
    if in_record and (value == "" or (value is UNKNOWN and not fld.spec.required)):
        return _OMIT
    return value


def _empty(cells: list, state: FormState) -> bool:
    return all(
        not state.get(name).strip()
        for cell_name, cell in cells
        for name, _ in leaves(cell, cell_name, state)
    )


def _shape(fld: Field, value: Any) -> Any:
    """Return `value` as the texts its inputs show, empty rows left out."""
    if not fld.is_list:
        return norm(display(value))
    rows = []
    for row in value if isinstance(value, list) else []:
        if fld.item is not None:
            shape = _shape(fld.item, row)
        else:
            shape = {
                c.key: _shape(c, row.get(c.key) if isinstance(row, Mapping) else None)
                for c in fld.children
            }
        if _has_text(shape):
            rows.append(shape)
    return rows


def _typed_shape(fld: Field, name: str, state: FormState) -> Any:
    if not fld.is_list:
        return norm(state.get(name))
    rows = []
    for _, cells in rows_of(fld, name, state):
        if fld.item is not None:
            shape = _typed_shape(fld.item, cells[0][0], state)
        else:
            shape = {cell.key: _typed_shape(cell, cell_name, state) for cell_name, cell in cells}
        if _has_text(shape):
            rows.append(shape)
    return rows


def _has_text(shape: Any) -> bool:
    if isinstance(shape, str):
        return bool(shape)
    values = shape.values() if isinstance(shape, dict) else shape
    return any(_has_text(v) for v in values)


def mark_missing(model: FormModel, state: FormState, labels: Iterable[str]) -> None:
    """Put REQUIRED_FOR_FINAL beside each empty input whose label is in `labels`."""
    wanted = set(labels)
    for fld in model.fields:
        for name, leaf in leaves(fld, fld.path, state):
            if leaf.spec.label in wanted and not state.get(name).strip():
                state.errors.setdefault(name, REQUIRED_FOR_FINAL)


def mark_undeclinable(
    model: FormModel, state: FormState, overrides: Mapping[str, Any], message: str
) -> bool:
    """Put docgen's «cannot decline» `message` beside the input it is about; True if found."""
    culprits = inflection_culprits(model, overrides, message)
    for name, spec in culprits:
        hint = (
            " Задайте падежные формы вручную («Падежные формы» под полем) или исправьте значение."
            if spec.type == "phrase" and name == spec.path
            else ""
        )
        state.errors[name] = _sentence(message) + hint
    return bool(culprits)


def inflection_culprits(
    model: FormModel, overrides: Mapping[str, Any], message: str
) -> list[tuple[str, FieldSpec]]:
    """Return the inputs (name, spec) whose changed value `message` says cannot be declined.

    docgen quotes the value as the templates saw it (typographed), so each changed text
    is put through the same clean-up before it is looked for in `message`.
    """
    found = []
    for path, value in overrides.items():
        fld = model.field(path)
        if fld is None:
            continue
        for name, text, spec in _texts(fld, path, value):
            if isinstance(text, str) and text and f"«{clean_text(text)}»" in message:
                found.append((name, spec))
    return found


def _texts(fld: Field, name: str, value: Any) -> Iterator[tuple[str, Any, FieldSpec]]:
    if fld.is_list and isinstance(value, list):
        for i, row in enumerate(value):
            if fld.item is not None:
                yield from _texts(fld.item, f"{name}[{i}]", row)
            elif isinstance(row, Mapping):
                for child in fld.children:
                    if child.key in row:
                        yield from _texts(child, f"{name}[{i}].{child.key}", row[child.key])
    elif isinstance(value, Mapping):
        yield name, value.get("nomn"), fld.spec
    else:
        yield name, value, fld.spec


# -- JSON (the API) -----------------------------------------------------------------------


def check_json(fld: Field, name: str, raw: Any, errors: list[dict], in_record: bool = False) -> Any:
    """Return the JSON value `raw` of field `fld` checked; problems go to `errors`.

    ``null`` is «не заполнено»; lists are given whole, records as objects; a name may be
    a string or an object of case forms ({"nomn": …, "datv": …}).
    """
    if fld.is_list:
        return _json_list(fld, name, raw, errors)
    if fld.spec.type == "phrase" and isinstance(raw, dict):
        return _json_forms(fld, name, raw, errors)
    value, error = clean(fld.spec, raw)
    if error:
        errors.append({"field": name, "message": error})
        return _OMIT
    return _OMIT if in_record and value == "" else value


def _json_list(fld: Field, name: str, raw: Any, errors: list[dict]) -> Any:
    if raw is None:
        return UNKNOWN
    if not isinstance(raw, list):
        errors.append({"field": name, "message": "Ожидается список."})
        return _OMIT
    if len(raw) > MAX_ROWS:
        errors.append({"field": name, "message": f"Не более {MAX_ROWS} элементов."})
        return _OMIT
    known = {c.key: c for c in fld.children}
    out = []
    for i, item in enumerate(raw):
        row_name = f"{name}[{i}]"
        if fld.item is not None:
            value = check_json(fld.item, row_name, item, errors)
            out.append(UNKNOWN if value is _OMIT else value)
            continue
        if not isinstance(item, dict):
            errors.append({"field": row_name, "message": "Ожидается объект с полями."})
            continue
        row = {}
        for key, value in item.items():
            child = known.get(key)
            if child is None:
                errors.append({"field": f"{row_name}.{key}"[:200], "message": "Такого поля нет."})
                continue
            cleaned = check_json(child, f"{row_name}.{key}", value, errors, in_record=True)
            if cleaned is not _OMIT:
                row[key] = cleaned
        for key, child in known.items():
            if child.spec.required and key not in row:
                row[key] = UNKNOWN
        out.append(row)
    return out


def _json_forms(fld: Field, name: str, raw: dict, errors: list[dict]) -> Any:
    out = {}
    for key, text in raw.items():
        where = f"{name}.{key}"[:200]
        if key not in CASE_KEYS:
            errors.append({"field": where, "message": "Неизвестный падеж."})
            continue
        if not isinstance(text, str):
            errors.append({"field": where, "message": "Ожидается строка."})
            continue
        value, error = clean(fld.spec, text)
        if error or not isinstance(value, str) or not value:
            errors.append({"field": where, "message": error or "Ожидается непустая строка."})
        else:
            out[key] = value
    if "nomn" not in raw:
        errors.append({"field": f"{name}.nomn", "message": "Нужен именительный падеж (nomn)."})
    return out


def omitted(value: Any) -> bool:
    """Return True for a value check_json left out (it had a problem)."""
    return value is _OMIT
