"""Blueprint «auth»: editor accounts (SQLite, werkzeug password hashes), log in and out.

Sessions are signed cookies that also carry the account's session version: logging out
and changing the password raise the version in the database, so every copy of an older
cookie (another browser, a copied cookie) stops opening the editor at once. Failed logins
are throttled per account and per address (web.throttle); ``next`` is followed only when
it is a path of this site.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from urllib.parse import urlsplit

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

from . import throttle
from .db import get_db, now

bp = Blueprint("auth", __name__, url_prefix="/auth")

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_SAME_SITE_PATH_RE = re.compile(r"^/(?![/\\])[!#-\[\]-~]*$")
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


def set_password(db: sqlite3.Connection, username: str, password: str) -> None:
    """Give `username` a new password and end all its sessions; raise AccountError."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"пароль должен быть не короче {MIN_PASSWORD} символов")
    done = db.execute(
        "UPDATE user SET password_hash = ?, session_version = session_version + 1 "
        "WHERE username = ?",
        (generate_password_hash(password), username),
    )
    db.commit()
    if done.rowcount == 0:
        raise AccountError(f"пользователя «{username}» нет")


def end_sessions(db: sqlite3.Connection, user_id: int) -> None:
    """End every session of the account `user_id` (all browsers, all copied cookies)."""
    db.execute("UPDATE user SET session_version = session_version + 1 WHERE id = ?", (user_id,))
    db.commit()


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
        row = (
            get_db()
            .execute("SELECT id, username, session_version FROM user WHERE id = ?", (user_id,))
            .fetchone()
        )
        if row is not None and row["session_version"] == session.get("session_version"):
            g.user = row
        else:
            # -- logged out or password changed since this cookie was issued --
            session.clear()


def login_required(view):
    """Redirect to the login page unless someone is logged in."""

    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.user is None:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return view(**kwargs)

    return wrapped


def safe_next(target: str | None) -> str:
    """Return `target` when it is a path of this site, else the editor's start page.

    Browsers drop tabs and newlines from URLs, so «/\t/evil.example» would become
    «//evil.example», another site: only printable ASCII without backslashes is accepted.
    """
    if target and _SAME_SITE_PATH_RE.match(target):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("editor.index")


@bp.route("/login", methods=("GET", "POST"))
@throttle.login_limits
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
            session["session_version"] = user["session_version"]
            return redirect(safe_next(next_url))
        flash("Неверное имя пользователя или пароль.", "error")
        return render_template("auth/login.html", next=next_url), 401
    return render_template("auth/login.html", next=next_url)


@bp.post("/logout")
def logout():
    """Log out everywhere (every copy of the session ends) and go to the home page."""
    if g.user is not None:
        end_sessions(get_db(), g.user["id"])
    session.clear()
    return redirect(url_for("catalog.index"))
