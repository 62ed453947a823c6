"""The editor's own library in the instance folder: metadata versions, new templates, packages.

Nothing is ever written into the shipped ``templates_docx/``; everything the editor makes
lives under ``<instance>/templates/``::

    versions/<id>/<n>.docx     uploaded .docx versions (web.versions)
    meta/<id>/<n>.yaml         metadata versions: edits of a shipped template's metadata,
                               and all the metadata of a template made in the editor
    packages/<id>.yaml         packages made in the editor

Version 0 of a shipped template's metadata is the shipped ``<id>.yaml``. Files are never
changed or deleted; the database says which version is active and who did what, when.
The core object reads the active files in place (web.library).
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import yaml

from .db import now
from .versions import record, set_active, store_version, write_atomic


@dataclass(frozen=True)
class MetaVersion:
    """One version of a template's metadata; `number` 0 is the shipped file."""

    number: int
    sha256: str
    comment: str
    saved_by: str
    saved_at: str
    active: bool = False


def meta_path(root: Path, template_id: str, number: int) -> Path:
    """Return where metadata version `number` of `template_id` is kept."""
    return root / "meta" / template_id / f"{number}.yaml"


def package_path(root: Path, package_id: str) -> Path:
    """Return where the package `package_id` made in the editor is kept."""
    return root / "packages" / f"{package_id}.yaml"


def dump_yaml(mapping: dict) -> bytes:
    """Return `mapping` as UTF-8 YAML in the shipped files' style (keys in the given order)."""
    text = yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False, width=100)
    return text.encode("utf-8")


def active_meta_numbers(db: sqlite3.Connection) -> dict[str, int]:
    """Return the active metadata version of every template that has a chosen one."""
    return {
        row["template_id"]: row["number"]
        for row in db.execute("SELECT template_id, number FROM template_meta_active")
    }


def created_templates(db: sqlite3.Connection) -> dict[str, sqlite3.Row]:
    """Return the templates made in the editor by id (who made them and when)."""
    return {
        row["template_id"]: row
        for row in db.execute("SELECT * FROM template_created ORDER BY template_id")
    }


def created_packages(db: sqlite3.Connection) -> dict[str, sqlite3.Row]:
    """Return the packages made in the editor by id (who made them and when)."""
    return {
        row["package_id"]: row
        for row in db.execute("SELECT * FROM package_created ORDER BY package_id")
    }


def list_meta_versions(
    db: sqlite3.Connection, template_id: str, shipped: bool
) -> list[MetaVersion]:
    """Return the metadata versions of `template_id`, newest first, the shipped one (0) last."""
    active = active_meta_numbers(db).get(template_id, 0)
    rows = db.execute(
        "SELECT * FROM template_meta WHERE template_id = ? ORDER BY number DESC", (template_id,)
    ).fetchall()
    out = [
        MetaVersion(
            r["number"],
            r["sha256"],
            r["comment"],
            r["saved_by"],
            r["saved_at"],
            r["number"] == active,
        )
        for r in rows
    ]
    if shipped:
        out.append(MetaVersion(0, "", "поставляемые метаданные", "—", "—", active == 0))
    return out


def has_meta_version(db: sqlite3.Connection, template_id: str, number: int, shipped: bool) -> bool:
    """Return True when metadata version `number` exists (0: when the template is shipped)."""
    if number == 0:
        return shipped
    row = db.execute(
        "SELECT 1 FROM template_meta WHERE template_id = ? AND number = ?", (template_id, number)
    ).fetchone()
    return row is not None


def add_meta(
    db: sqlite3.Connection, root: Path, template_id: str, data: bytes, comment: str, username: str
) -> int:
    """Store `data` as the next metadata version of `template_id`, active; return its number."""
    number = _store_meta(db, root, template_id, data, comment, username)
    set_active_meta(db, template_id, number, username)
    record(db, template_id, number, "meta", username, comment)
    return number


def activate_meta(db: sqlite3.Connection, template_id: str, number: int, username: str) -> None:
    """Make metadata version `number` (0: the shipped file) the active one, and record it."""
    set_active_meta(db, template_id, number, username)
    record(db, template_id, number, "meta-activate", username)


def set_active_meta(db: sqlite3.Connection, template_id: str, number: int, username: str) -> None:
    """Point `template_id` at metadata version `number` (not committed)."""
    if number == 0:
        db.execute("DELETE FROM template_meta_active WHERE template_id = ?", (template_id,))
        return
    db.execute(
        "INSERT INTO template_meta_active (template_id, number, activated_by, activated_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (template_id) DO UPDATE SET "
        "number = excluded.number, activated_by = excluded.activated_by, "
        "activated_at = excluded.activated_at",
        (template_id, number, username, now()),
    )


def add_template(
    db: sqlite3.Connection,
    root: Path,
    template_id: str,
    docx: bytes,
    filename: str,
    meta: bytes,
    username: str,
) -> None:
    """Store a template made in the editor: its .docx and metadata, both active (version 1)."""
    # -- the id's row first: a second editor creating the same id fails before any file --
    db.execute(
        "INSERT INTO template_created (template_id, created_by, created_at) VALUES (?, ?, ?)",
        (template_id, username, now()),
    )
    number = store_version(db, root / "versions", template_id, docx, filename, "", username)
    set_active(db, template_id, number, username)
    meta_number = _store_meta(db, root, template_id, meta, "", username)
    set_active_meta(db, template_id, meta_number, username)
    record(db, template_id, number, "create", username, filename)


def add_package(
    db: sqlite3.Connection, root: Path, package_id: str, data: bytes, username: str
) -> None:
    """Store a package made in the editor and record who made it."""
    db.execute(
        "INSERT INTO package_created (package_id, sha256, created_by, created_at) "
        "VALUES (?, ?, ?, ?)",
        (package_id, hashlib.sha256(data).hexdigest(), username, now()),
    )
    write_atomic(package_path(root, package_id), data)
    record(db, package_id, None, "package", username)


def _store_meta(
    db: sqlite3.Connection, root: Path, template_id: str, data: bytes, comment: str, username: str
) -> int:
    row = db.execute(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM template_meta WHERE template_id = ?",
        (template_id,),
    ).fetchone()
    number = row[0]
    write_atomic(meta_path(root, template_id, number), data)
    db.execute(
        "INSERT INTO template_meta (template_id, number, sha256, comment, saved_by, saved_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (template_id, number, hashlib.sha256(data).hexdigest(), comment, username, now()),
    )
    return number
