"""Template versions: uploaded .docx files and the active one per template.

Version 0 of a template is the shipped file in ``templates_docx/``; uploads become 1, 2, …
and are never changed or deleted (``<instance>/templates/versions/<id>/<n>.docx``). The
core object reads the active ones in place (see web.library).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from .db import now


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


def list_versions(db: sqlite3.Connection, template_id: str, shipped: Path) -> list[Version]:
    """Return every version of `template_id`, newest first, the shipped file (0) last."""
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
    """Store `data` as the next version of `template_id`; return its number."""
    row = db.execute(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM template_version WHERE template_id = ?",
        (template_id,),
    ).fetchone()
    number = row[0]
    target = version_path(store, template_id, number)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{uuid.uuid4().hex}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
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
    record(db, template_id, number, "upload", username, filename)
    return number


def activate(db: sqlite3.Connection, template_id: str, number: int, username: str) -> None:
    """Make version `number` (0: the shipped file) the one docgen uses for `template_id`."""
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
    record(db, template_id, number, "activate", username)


def has_version(db: sqlite3.Connection, template_id: str, number: int) -> bool:
    """Return True when upload `number` of `template_id` exists (0 always does)."""
    if number == 0:
        return True
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
