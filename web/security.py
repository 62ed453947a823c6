"""Security plumbing: CSRF, strict id converters, response headers, error pages.

Every HTML form carries a CSRF token (Flask-WTF's ``CSRFProtect``; the JSON API is exempt
and accepts only ``application/json``). Ids in URLs must match the library's id grammar,
so nothing outside the template and variable folders can be named. Errors never show a
stack trace: HTML pages for people, the canonical JSON shape under ``/api/``.
"""

from __future__ import annotations

import re

from flask import Flask, current_app, jsonify, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.routing import BaseConverter

from docgen import DocgenError, UnknownIdError

csrf = CSRFProtect()

#: Content-Security-Policy: only our own scripts and styles (and data: images).
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
#: Russian titles of the HTTP errors the app produces.
TITLES = {
    400: "Неверный запрос",
    401: "Нужен вход",
    403: "Доступ запрещён",
    404: "Страница не найдена",
    405: "Метод не поддерживается",
    413: "Слишком большой запрос",
    415: "Неподдерживаемый тип данных",
    429: "Слишком много запросов",
    503: "Сервис временно недоступен",
    500: "Внутренняя ошибка",
}
DESCRIPTIONS = {
    404: "Такой страницы нет. Проверьте адрес или начните с главной страницы.",
    405: "Эта страница так не открывается. Вернитесь на главную страницу.",
    413: "Запрос или файл больше допустимого размера.",
    500: "Сервер не смог выполнить запрос. Ошибка записана в журнал; попробуйте ещё раз "
    "или сообщите администратору.",
}


class PackageIdConverter(BaseConverter):
    """A package or template id: «lenobl-mms»."""

    regex = r"[a-z][a-z0-9-]{0,63}"


class SetIdConverter(BaseConverter):
    """A variable-set id: «leningrad/kirovsky» (municipality) or «leningrad» (region)."""

    regex = r"[a-z][a-z0-9_-]{0,63}(?:/[a-z][a-z0-9_-]{0,63})?"
    part_isolating = False


class JobIdConverter(BaseConverter):
    """A batch job id: 32 hex digits."""

    regex = r"[0-9a-f]{32}"


#: «(есть: a, b, c)» — the library lists the ids that exist; a page never does.
_KNOWN_IDS_RE = re.compile(r"\s*\(есть: [^)]*\)")
#: An absolute path of this server: only its last part is shown.
_ABSOLUTE_PATH_RE = re.compile(r"(?<![\w.:/])(?:/[\w.+@~-]+){2,}")


def public(text: str) -> str:
    """Return `text` fit for any page: no lists of ids, no absolute server paths."""
    text = _KNOWN_IDS_RE.sub("", str(text))
    return _ABSOLUTE_PATH_RE.sub(lambda m: m.group().rsplit("/", 1)[-1], text)


def init_app(app: Flask) -> None:
    """Install CSRF protection, the id converters, the headers and the error pages."""
    csrf.init_app(app)
    app.add_template_filter(public, "public")
    app.url_map.converters["pkg"] = PackageIdConverter
    app.url_map.converters["setid"] = SetIdConverter
    app.url_map.converters["jobid"] = JobIdConverter
    app.after_request(_add_headers)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(UnknownIdError, _unknown_id)
    app.register_error_handler(DocgenError, _docgen_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InternalServerError, _http_error)


def _add_headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.blueprint in ("editor", "auth"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def wants_json() -> bool:
    """Return True when the request is for the JSON API."""
    return request.path.startswith("/api/")


def error_response(code: int, message: str, errors: list[dict] | None = None):
    """Return the error page (or, under ``/api/``, the JSON error) for status `code`."""
    message = public(message)
    if wants_json():
        cleaned = [
            {k: public(v) if isinstance(v, str) else v for k, v in e.items()} for e in errors or []
        ]
        body = {"ok": False, "status": code, "error": message, "errors": cleaned}
        return jsonify(body), code
    back_url, back_label = _way_back(code)
    return render_template(
        "error.html",
        code=code,
        title=TITLES.get(code, "Ошибка"),
        message=message,
        back_url=back_url,
        back_label=back_label,
    ), code


def _way_back(code: int) -> tuple[str | None, str | None]:
    """Return where the error page offers to go back to (the page the form was on)."""
    if code == 413 and request.blueprint and request.blueprint.startswith("editor"):
        page = request.path.rsplit("/", 1)[0] if request.path.endswith("/upload") else "/editor/"
        return page, "Вернуться к шаблону и выбрать другой файл"
    if code == 413 and request.path.startswith("/generate/"):
        return request.path, "Вернуться к форме"
    if code == 413 and request.path.startswith("/import/"):
        return request.path, "Вернуться и выбрать другой файл"
    return None, None


def _too_large() -> str:
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    if request.path.startswith("/import/"):
        act = current_app.config.get("MAX_ACT_BYTES") or 0
        return (
            f"Запрос больше допустимого: файл акта — не более {size_text(act)}, "
            f"запрос целиком — не более {size_text(limit)}. "
            "Выберите файл меньше (например, сохраните акт как .txt)."
        )
    template = current_app.config.get("MAX_TEMPLATE_BYTES") or 0
    return (
        f"Запрос больше допустимого: файл шаблона — не более {size_text(template)}, "
        f"запрос целиком — не более {size_text(limit)}. "
        "Уменьшите файл (например, сожмите рисунки) и загрузите снова."
    )


def size_text(size: int) -> str:
    """Return a size limit as the pages name it: «500 КБ», «1,5 МБ»."""
    if size < 1024 * 1024:
        return f"{size // 1024} КБ"
    return f"{size / (1024 * 1024):g} МБ".replace(".", ",")


def _http_error(exc: HTTPException):
    code = exc.code or 500
    if code == 413:
        return error_response(413, _too_large())
    message = DESCRIPTIONS.get(code)
    if message is None:
        # -- abort(400, "…") carries a Russian message meant for the reader --
        message = exc.description if _is_ours(exc) else TITLES.get(code, "Ошибка")
    return error_response(code, message)


def _is_ours(exc: HTTPException) -> bool:
    return type(exc).description != exc.description


def _csrf_error(exc: CSRFError):
    return error_response(
        400,
        "Форма устарела или отправлена не с этого сайта "
        "(нет действительного CSRF-токена). Обновите страницу "
        "и отправьте форму ещё раз.",
    )


def _unknown_id(exc: UnknownIdError):
    return error_response(404, str(exc))


def _docgen_error(exc: DocgenError):
    return error_response(400, str(exc))
