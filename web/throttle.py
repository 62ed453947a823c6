"""Throttling with Flask-Limiter: failed logins per account and per address.

Only failed attempts count (``deduct_when``), but once a limit is reached every attempt
is refused with 429 — the right password too — until the window passes. Limits come from
the config (``LOGIN_LIMIT_ACCOUNT``, ``LOGIN_LIMIT_ADDRESS``); the counters live in
``RATELIMIT_STORAGE_URI`` (memory of each process by default; ``redis://…`` when several
processes or machines serve).
"""

from __future__ import annotations

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)

MESSAGE = "Слишком много неудачных попыток входа. Подождите несколько минут и попробуйте снова."


def _account_key() -> str:
    return "account:" + request.form.get("username", "").strip().casefold()[:64]


def _failed(response) -> bool:
    return response.status_code == 401


def _account_limit() -> str:
    return current_app.config["LOGIN_LIMIT_ACCOUNT"]


def _address_limit() -> str:
    return current_app.config["LOGIN_LIMIT_ADDRESS"]


def login_limits(view):
    """Return the login view limited per account and per address (POST only)."""
    view = limiter.limit(
        _account_limit,
        key_func=_account_key,
        methods=["POST"],
        deduct_when=_failed,
        error_message=MESSAGE,
        scope="login-account",
    )(view)
    return limiter.limit(
        _address_limit,
        methods=["POST"],
        deduct_when=_failed,
        error_message=MESSAGE,
        scope="login-address",
    )(view)


def init_app(app: Flask) -> None:
    """Attach the limiter (a new storage for each app)."""
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter.init_app(app)
