"""Blueprint «api»: ``POST /api/generate`` — JSON in, DOCX out (or a JSON list of errors).

Request::

    {"document": "lenobl-mms", "municipality": "leningrad/kirovsky",
     "values": {"act.number": "234", "act.date": "2024-02-01", "act.repeals": []},
     "draft": false}

Errors have one shape (status 400, 413, 415 or 500)::

    {"ok": false, "status": 400, "error": "…", "errors": [{"field": "act.date", "message": "…"}]}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, request

from docgen import generate as generate_document
from docgen.errors import DocgenError, MissingValuesError, UnknownIdError
from docgen.schema import CASE_KEYS, UNKNOWN, FieldSpec, Schema, load_schema
from docgen.templates import load_package
from docgen.variables import SCHEMA_FILE, list_sets, load_variables

from . import library, validation
from .generate import document_filename, docx_response
from .security import error_response

bp = Blueprint("api", __name__, url_prefix="/api")

_PATH_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
_KEYS = {"document", "municipality", "values", "draft"}


class _Invalid(Exception):
    def __init__(self, message: str, errors: list[dict]) -> None:
        super().__init__(message)
        self.errors = errors


@bp.post("/generate")
def generate():
    """Return the DOCX of `document` for `municipality` with `values` applied."""
    if not request.is_json:
        return error_response(415, "ожидается JSON (Content-Type: application/json)")
    body = request.get_json(silent=True)
    try:
        document, municipality, values, draft = _read(body)
        settings = library.settings()
        package = _check_ids(document, municipality, settings)
        overrides = _overrides(values, load_schema(settings.variables_dir / SCHEMA_FILE))
        result = generate_document(document, municipality, overrides, draft=draft,
                                   settings=settings)
    except _Invalid as exc:
        return error_response(400, str(exc), exc.errors)
    except MissingValuesError as exc:
        return error_response(400, exc.message, [
            {"field": None, "label": label, "message": "не заполнено"} for label in exc.missing])
    except UnknownIdError as exc:
        return error_response(400, str(exc), [{"field": "municipality", "message": str(exc)}])
    except DocgenError as exc:
        return error_response(400, str(exc), [{"field": None, "message": str(exc)}])
    data = load_variables(municipality, settings.variables_dir, overrides).data
    return docx_response(result, document_filename(package.title, data, not draft))


def _read(body: Any) -> tuple[str, str, dict, bool]:
    if not isinstance(body, dict):
        raise _Invalid("тело запроса должно быть объектом JSON", [])
    errors = [{"field": key, "message": "неизвестный ключ запроса"} for key in body
              if key not in _KEYS]
    document, municipality = body.get("document"), body.get("municipality")
    values, draft = body.get("values", {}), body.get("draft", False)
    if not isinstance(document, str) or not document:
        errors.append({"field": "document", "message": "нужен идентификатор документа"})
    if not isinstance(municipality, str) or not municipality:
        errors.append({"field": "municipality",
                       "message": "нужен идентификатор набора, например «leningrad/kirovsky»"})
    if not isinstance(values, dict):
        errors.append({"field": "values", "message": "ожидается объект «путь: значение»"})
    if not isinstance(draft, bool):
        errors.append({"field": "draft", "message": "ожидается true или false"})
    if errors:
        raise _Invalid("запрос не принят", errors)
    return document, municipality, values, draft


def _check_ids(document: str, municipality: str, settings):
    try:
        package = load_package(document, settings.templates_dir)
    except UnknownIdError as exc:
        raise _Invalid("запрос не принят", [{"field": "document", "message": str(exc)}]) from None
    if municipality not in list_sets(settings.variables_dir):
        raise _Invalid("запрос не принят", [{"field": "municipality", "message":
                       f"набор переменных «{municipality[:100]}» не найден"}])
    return package


def _overrides(values: Mapping[str, Any], schema: Schema) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    errors: list[dict] = []
    for path, raw in values.items():
        spec = schema.fields.get(path) if _PATH_RE.match(path) else None
        if spec is None:
            errors.append({"field": path[:200], "message": "такого поля нет в схеме"})
            continue
        if spec.type == "list":
            value = _list(path, raw, schema, errors)
        elif spec.type == "phrase" and isinstance(raw, dict):
            value = _forms(path, spec, raw, errors)
        else:
            value, error = validation.clean(spec, raw)
            if error:
                errors.append({"field": path, "message": error})
        overrides[path] = value
    if errors:
        raise _Invalid("значения не приняты", errors)
    return overrides


def _forms(path: str, spec: FieldSpec, raw: dict, errors: list[dict]) -> Any:
    out = {}
    for key, text in raw.items():
        if key != "nomn" and key not in CASE_KEYS:
            errors.append({"field": f"{path}.{key}"[:200], "message": "неизвестный падеж"})
            continue
        value, error = (validation.clean(spec, text) if isinstance(text, str)
                        else (None, "ожидается строка"))
        if error or not isinstance(value, str) or not value:
            errors.append({"field": f"{path}.{key}",
                           "message": error or "ожидается непустая строка"})
        else:
            out[key] = value
    if "nomn" not in out and "nomn" not in raw:
        errors.append({"field": f"{path}.nomn", "message": "нужен именительный падеж (nomn)"})
    return out


def _list(path: str, raw: Any, schema: Schema, errors: list[dict]) -> Any:
    if raw is None:
        return UNKNOWN
    if not isinstance(raw, list):
        errors.append({"field": path, "message": "ожидается список"})
        return None
    if len(raw) > validation.MAX_ROWS:
        errors.append({"field": path, "message": f"не более {validation.MAX_ROWS} элементов"})
        return None
    item_spec = schema.fields.get(path + "[]")
    subs = {s.path.rsplit(".", 1)[-1]: s for s in schema.children(path + "[]")}
    items = []
    for i, item in enumerate(raw):
        where = f"{path}[{i}]"
        if item_spec is not None:
            value, error = validation.clean(item_spec, item)
            if error:
                errors.append({"field": where, "message": error})
            items.append(value)
            continue
        if not isinstance(item, dict):
            errors.append({"field": where, "message": "ожидается объект с полями"})
            continue
        row = {}
        for key, value in item.items():
            spec = subs.get(key)
            if spec is None:
                errors.append({"field": f"{where}.{key}"[:200], "message": "такого поля нет"})
                continue
            cleaned, error = validation.clean(spec, value)
            if error:
                errors.append({"field": f"{where}.{key}", "message": error})
            elif cleaned != "":
                row[key] = cleaned
        for key, spec in subs.items():
            if spec.required and key not in row:
                row[key] = UNKNOWN
        items.append(row)
    return items
