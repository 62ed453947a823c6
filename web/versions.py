"""Template versions: uploaded .docx files, the active one per template, and the history.

Version 0 of a template is the shipped file in ``templates_docx/``; uploads become 1, 2, …
and are never changed or deleted (``<instance>/templates/versions/<id>/<n>.docx``). A
template made in the editor has no version 0: its first upload is version 1. The core
object reads the active ones in place (see web.library).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from .db import now

#: What a history line says, by its action; {n} is the version number («поставляемая» for 0).
EVENT_TEXT = {
    "upload": "версия {n} загружена",
    "activate": "версия {n} активирована",
    "refuse": "загрузка отклонена",
    "refuse-activate": "активация версии {n} отклонена",
    "create": "шаблон создан (версия {n})",
    "meta": "метаданные: версия {n} сохранена и активирована",
    "meta-activate": "метаданные: версия {n} активирована",
    "refuse-meta": "изменение метаданных отклонено",
    "package": "документ создан",
}


@dataclass(frozen=True)
class Version:
    """One stored version of a template; `number` 0 is the shipped file."""

    template_id: str
    number: int
    sha256: str
    size: int
    filename: str
    comment: str
    uploaded_by: str
    uploaded_at: str
    active: bool = False


def version_path(store: Path, template_id: str, number: int) -> Path:
    """Return where upload `number` of `template_id` is kept."""
    return store / template_id / f"{number}.docx"


def active_numbers(db: sqlite3.Connection) -> dict[str, int]:
    """Return the active version number of every template that has a chosen one."""
    return {
        row["template_id"]: row["number"]
        for row in db.execute("SELECT template_id, number FROM template_active")
    }


def list_versions(db: sqlite3.Connection, template_id: str, shipped: Path | None) -> list[Version]:
    """Return every version of `template_id`, newest first, the shipped file (0) last.

    A template made in the editor has no shipped file (`shipped` is None) and no version 0.
    """
    active = active_numbers(db).get(template_id, 0)
    rows = db.execute(
        "SELECT * FROM template_version WHERE template_id = ? ORDER BY number DESC", (template_id,)
    ).fetchall()
    out = [
        Version(
            r["template_id"],
            r["number"],
            r["sha256"],
            r["size"],
            r["filename"],
            r["comment"],
            r["uploaded_by"],
            r["uploaded_at"],
            r["number"] == active,
        )
        for r in rows
    ]
    if shipped is None:
        return out
    data = shipped.read_bytes() if shipped.exists() else b""
    out.append(
        Version(
            template_id,
            0,
            hashlib.sha256(data).hexdigest(),
            len(data),
            shipped.name,
            "поставляемая версия",
            "—",
            "—",
            active == 0,
        )
    )
    return out


def add_version(
    db: sqlite3.Connection,
    store: Path,
    template_id: str,
    data: bytes,
    filename: str,
    comment: str,
    username: str,
) -> int:
    """Store `data` as the next version of `template_id`, record it; return its number."""
    number = store_version(db, store, template_id, data, filename, comment, username)
    record(db, template_id, number, "upload", username, filename)
    return number


def store_version(
    db: sqlite3.Connection,
    store: Path,
    template_id: str,
    data: bytes,
    filename: str,
    comment: str,
    username: str,
) -> int:
    """Write `data` as the next version of `template_id`; return its number (not committed)."""
    row = db.execute(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM template_version WHERE template_id = ?",
        (template_id,),
    ).fetchone()
    number = row[0]
    write_atomic(version_path(store, template_id, number), data)
    db.execute(
        "INSERT INTO template_version (template_id, number, sha256, size, filename, "
        "comment, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            template_id,
            number,
            hashlib.sha256(data).hexdigest(),
            len(data),
            filename,
            comment,
            username,
            now(),
        ),
    )
    return number


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` through a temporary file and a rename (never half-written)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{uuid.uuid4().hex}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def activate(
    db: sqlite3.Connection, template_id: str, number: int, username: str, details: str = ""
) -> None:
    """Make version `number` (0: the shipped file) the one docgen uses for `template_id`."""
    set_active(db, template_id, number, username)
    record(db, template_id, number, "activate", username, details)


def set_active(db: sqlite3.Connection, template_id: str, number: int, username: str) -> None:
    """Point `template_id` at version `number` (not committed: see `record`)."""
    if number == 0:
        db.execute("DELETE FROM template_active WHERE template_id = ?", (template_id,))
    else:
        db.execute(
            "INSERT INTO template_active (template_id, number, activated_by, activated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (template_id) DO UPDATE SET "
            "number = excluded.number, activated_by = excluded.activated_by, "
            "activated_at = excluded.activated_at",
            (template_id, number, username, now()),
        )


def has_version(
    db: sqlite3.Connection, template_id: str, number: int, shipped: bool = True
) -> bool:
    """Return True when version `number` of `template_id` exists (0: when it is `shipped`)."""
    if number == 0:
        return shipped
    return (
        db.execute(
            "SELECT 1 FROM template_version WHERE template_id = ? AND number = ?",
            (template_id, number),
        ).fetchone()
        is not None
    )


def record(
    db: sqlite3.Connection,
    template_id: str,
    number: int | None,
    action: str,
    username: str,
    details: str = "",
) -> None:
    """Write one line of the template history (who did what, when) and commit."""
    db.execute(
        "INSERT INTO template_event (template_id, number, action, username, at, details) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (template_id, number, action, username, now(), details),
    )
    db.commit()


def events(db: sqlite3.Connection, template_id: str | None = None, limit: int = 50):
    """Return the newest history lines (of one template, or of all)."""
    if template_id is None:
        return db.execute(
            "SELECT * FROM template_event ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
    return db.execute(
        "SELECT * FROM template_event WHERE template_id = ? ORDER BY id DESC LIMIT ?",
        (template_id, limit),
    ).fetchall()


def describe(event: sqlite3.Row) -> str:
    """Return what history line `event` says in Russian («версия 2 активирована»)."""
    number = event["number"]
    shown = "поставляемая" if number == 0 else number
    return EVENT_TEXT.get(event["action"], event["action"]).format(n=shown)
