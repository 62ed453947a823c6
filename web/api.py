"""Blueprint «api»: ``POST /api/generate`` — JSON in, DOCX out (or a JSON list of errors).

Request::

    {"document": "lenobl-mms", "municipality": "leningrad/kirovsky",
     "values": {"act.number": "234", "act.date": "2024-02-01", "act.repeals": []},
     "draft": false, "format": "docx"}

``format`` is ``docx`` (the default), ``pdf`` (PDF/A-2b) or ``zip`` (the package: .docx,
PDF/A and ``manifest.json``). Errors have one shape (status 400, 413, 415, 503 when PDF
cannot be made on this server, or 500)::

    {"ok": false, "status": 400, "error": "…", "errors": [{"field": "act.date", "message": "…"}]}
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, request

from docgen import Docgen, DocgenError, MissingValuesError, Schema, UnknownIdError

from . import library, pdfout, rendering, validation
from .catalog import PACKAGE_ID_RE
from .forms import make_field
from .generate import file_response
from .security import error_response

bp = Blueprint("api", __name__, url_prefix="/api")

_PATH_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
#: The deepest nesting of objects and lists a request may have.
MAX_DEPTH = 16
_KEYS = {"document", "municipality", "values", "draft", "format"}
FORMATS = ("docx", "pdf", "zip")


class _Invalid(Exception):
    def __init__(self, message: str, errors: list[dict]) -> None:
        super().__init__(message)
        self.errors = errors


@bp.post("/generate")
@rendering.limited
def generate():
    """Return the DOCX of `document` for `municipality` with `values` applied."""
    if not request.is_json:
        return error_response(415, "ожидается JSON (Content-Type: application/json)")
    try:
        body = parse_json(request.get_data(cache=False))
        document, municipality, values, draft, fmt = _read(body)
        dg = library.docgen()
        _require_known(document, municipality, dg)
        overrides = _overrides(values, dg.schema())
        # -- the API returns the file; findings are what `docgen check` or the preview show --
        result = rendering.generate(dg, document, municipality, overrides, draft=draft, check=False)
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
    try:
        return file_response(dg, result, fmt, overrides)
    except pdfout.PdfUnavailable as exc:
        return error_response(503, str(exc))
    except DocgenError as exc:
        return error_response(503, f"PDF не сформирован: {exc}")


def parse_json(data: bytes) -> Any:
    """Return the JSON document `data`; raise _Invalid for anything but finite, shallow JSON.

    NaN, Infinity and numbers that overflow to infinity are refused, and so is nesting
    deeper than MAX_DEPTH (the parser's own recursion never reaches its limit).
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _Invalid("тело запроса — не текст UTF-8", []) from None
    too_deep = _Invalid(f"слишком глубокая вложенность JSON: больше {MAX_DEPTH} уровней", [])
    try:
        body = json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except _Invalid:
        raise
    except RecursionError:
        raise too_deep from None
    except ValueError as exc:
        raise _Invalid(f"тело запроса — не JSON ({_where(exc)})", []) from None
    if _depth(body) > MAX_DEPTH:
        raise too_deep
    return body


def _depth(value: Any) -> int:
    """Return how deep lists and objects nest in `value` (without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, level)
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, level + 1) for child in children)
    return deepest


def _no_constant(name: str) -> Any:
    raise _Invalid(f"значение {name} не допускается: числа должны быть конечными", [])


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Invalid(f"число {text[:40]} слишком велико", [])
    return value


def _where(exc: BaseException) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"строка {exc.lineno}, позиция {exc.colno}: {exc.msg}"
    return "число или вложенность вне допустимого"


def _read(body: Any) -> tuple[str, str, dict, bool, str]:
    if not isinstance(body, dict):
        raise _Invalid("тело запроса должно быть объектом JSON", [])
    errors = [
        {"field": key, "message": "неизвестный ключ запроса"} for key in body if key not in _KEYS
    ]
    document, municipality = body.get("document"), body.get("municipality")
    values, draft = body.get("values", {}), body.get("draft", False)
    fmt = body.get("format", "docx")
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
    if fmt not in FORMATS:
        errors.append({"field": "format", "message": "ожидается «docx», «pdf» или «zip»"})
    if errors:
        raise _Invalid("запрос не принят", errors)
    return document, municipality, values, draft, fmt


def _require_known(document: str, municipality: str, dg: Docgen) -> None:
    if not PACKAGE_ID_RE.match(document):
        raise _Invalid(
            "запрос не принят",
            [{"field": "document", "message": "идентификатор документа: латиница, цифры, «-»"}],
        )
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
