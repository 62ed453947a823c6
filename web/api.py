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

from docgen import Docgen, DocgenError, MissingValuesError, Schema, UnknownIdError

from . import library, validation
from .forms import make_field
from .generate import docx_response
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
        dg = library.docgen()
        _require_known(document, municipality, dg)
        overrides = _overrides(values, dg.schema())
        # -- the API returns the file; findings are what `docgen check` or the preview show --
        result = dg.generate(document, municipality, overrides, draft=draft, check=False)
    except _Invalid as exc:
        return error_response(400, str(exc), exc.errors)
    except MissingValuesError as exc:
        return error_response(
            400,
            exc.message,
            [{"field": None, "label": label, "message": "не заполнено"} for label in exc.missing],
        )
    except UnknownIdError as exc:
        return error_response(400, str(exc), [{"field": "municipality", "message": str(exc)}])
    except DocgenError as exc:
        return error_response(400, str(exc), [{"field": None, "message": str(exc)}])
    return docx_response(result)


def _read(body: Any) -> tuple[str, str, dict, bool]:
    if not isinstance(body, dict):
        raise _Invalid("тело запроса должно быть объектом JSON", [])
    errors = [
        {"field": key, "message": "неизвестный ключ запроса"} for key in body if key not in _KEYS
    ]
    document, municipality = body.get("document"), body.get("municipality")
    values, draft = body.get("values", {}), body.get("draft", False)
    if not isinstance(document, str) or not document:
        errors.append({"field": "document", "message": "нужен идентификатор документа"})
    if not isinstance(municipality, str) or not municipality:
        errors.append(
            {
                "field": "municipality",
                "message": "нужен идентификатор набора, например «leningrad/kirovsky»",
            }
        )
    if not isinstance(values, dict):
        errors.append({"field": "values", "message": "ожидается объект «путь: значение»"})
    if not isinstance(draft, bool):
        errors.append({"field": "draft", "message": "ожидается true или false"})
    if errors:
        raise _Invalid("запрос не принят", errors)
    return document, municipality, values, draft


def _require_known(document: str, municipality: str, dg: Docgen) -> None:
    try:
        dg.package(document)
    except UnknownIdError as exc:
        raise _Invalid("запрос не принят", [{"field": "document", "message": str(exc)}]) from None
    if municipality not in dg.set_ids():
        raise _Invalid(
            "запрос не принят",
            [
                {
                    "field": "municipality",
                    "message": f"набор переменных «{municipality[:100]}» не найден",
                }
            ],
        )


def _overrides(values: Mapping[str, Any], schema: Schema) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    errors: list[dict] = []
    for path, raw in values.items():
        if not _PATH_RE.match(path) or path not in schema.fields:
            errors.append({"field": path[:200], "message": "Такого поля нет в схеме."})
            continue
        value = validation.check_json(make_field(path, schema), path, raw, errors)
        if not validation.omitted(value):
            overrides[path] = value
    if errors:
        raise _Invalid("значения не приняты", errors)
    return overrides
