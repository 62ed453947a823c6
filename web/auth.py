"""Blueprint «auth»: editor accounts (SQLite, werkzeug password hashes), log in and out."""

from __future__ import annotations

import functools
import re
import sqlite3

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

from .db import get_db, now

bp = Blueprint("auth", __name__, url_prefix="/auth")

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
MIN_PASSWORD = 8


class AccountError(ValueError):
    """An account cannot be created; the message says why, in Russian."""


def create_user(db: sqlite3.Connection, username: str, password: str) -> None:
    """Create the account `username`; raise AccountError for a bad name, password or a dup."""
    if not USERNAME_RE.match(username):
        raise AccountError(
            "имя пользователя: латинские буквы, цифры, «_», «.», «-», не длиннее 64 символов"
        )
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"пароль должен быть не короче {MIN_PASSWORD} символов")
    try:
        db.execute(
            "INSERT INTO user (username, password_hash, created_at) VALUES (?, ?, ?)",
            (username, generate_password_hash(password), now()),
        )
        db.commit()
    except sqlite3.IntegrityError:
        raise AccountError(f"пользователь «{username}» уже есть") from None


def check_user(db: sqlite3.Connection, username: str, password: str):
    """Return the user row when `password` is right, else None."""
    row = db.execute("SELECT * FROM user WHERE username = ?", (username,)).fetchone()
    if row is None:
        check_password_hash(_dummy_hash(), password)
        return None
    return row if check_password_hash(row["password_hash"], password) else None


@functools.cache
def _dummy_hash() -> str:
    """Return a hash to check against when the user does not exist (same time either way)."""
    return generate_password_hash("docgen-dummy-password")


@bp.before_app_request
def load_logged_in_user() -> None:
    """Put the logged-in user row (or None) into ``g.user``."""
    user_id = session.get("user_id")
    g.user = None
    if user_id is not None:
        g.user = (
            get_db().execute("SELECT id, username FROM user WHERE id = ?", (user_id,)).fetchone()
        )


def login_required(view):
    """Redirect to the login page unless someone is logged in."""

    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.user is None:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return view(**kwargs)

    return wrapped


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("editor.index")


@bp.route("/login", methods=("GET", "POST"))
def login():
    """Log an editor in; a failed attempt says so without telling which part was wrong."""
    next_url = request.values.get("next", "")
    if request.method == "POST":
        user = check_user(
            get_db(), request.form.get("username", "")[:64], request.form.get("password", "")[:1024]
        )
        if user is not None:
            session.clear()
            session["user_id"] = user["id"]
            return redirect(_safe_next(next_url))
        flash("Неверное имя пользователя или пароль.", "error")
        return render_template("auth/login.html", next=next_url), 401
    return render_template("auth/login.html", next=next_url)


@bp.post("/logout")
def logout():
    """Log out and go to the home page."""
    session.clear()
    return redirect(url_for("catalog.index"))
