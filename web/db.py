"""SQLite storage of the web app: accounts, batch jobs, the editor's library and its history.

One file in the instance folder. Connections are per request (flaskr's ``get_db``) in the
app, and per job in the batch worker processes; WAL mode lets both write safely.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing

from flask import Flask, current_app, g

SCHEMA = """
CREATE TABLE IF NOT EXISTS user (
    id INTEGER PRIMARY KEY,
    username TEXT UNIQUE NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    session_version INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS job (
    id TEXT PRIMARY KEY,
    package TEXT NOT NULL,
    region TEXT,
    draft INTEGER NOT NULL,
    status TEXT NOT NULL,
    total INTEGER NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    heartbeat REAL NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    formats TEXT NOT NULL DEFAULT 'docx',
    expires_at REAL,
    address TEXT NOT NULL DEFAULT '',
    keep_seconds REAL NOT NULL DEFAULT 86400
);
CREATE TABLE IF NOT EXISTS job_item (
    job_id TEXT NOT NULL REFERENCES job (id),
    position INTEGER NOT NULL,
    municipality TEXT NOT NULL,
    status TEXT NOT NULL,
    file TEXT,
    message TEXT,
    seconds REAL,
    missing INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, municipality)
);
CREATE TABLE IF NOT EXISTS template_version (
    template_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    filename TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL,
    PRIMARY KEY (template_id, number)
);
CREATE TABLE IF NOT EXISTS template_active (
    template_id TEXT PRIMARY KEY,
    number INTEGER NOT NULL,
    activated_by TEXT NOT NULL,
    activated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS template_meta (
    template_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    saved_by TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (template_id, number)
);
CREATE TABLE IF NOT EXISTS template_meta_active (
    template_id TEXT PRIMARY KEY,
    number INTEGER NOT NULL,
    activated_by TEXT NOT NULL,
    activated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS template_created (
    template_id TEXT PRIMARY KEY,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS package_created (
    package_id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS template_event (
    id INTEGER PRIMARY KEY,
    template_id TEXT NOT NULL,
    number INTEGER,
    action TEXT NOT NULL,
    username TEXT NOT NULL,
    at TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT ''
);
"""


def connect(path: str) -> sqlite3.Connection:
    """Return a new connection to the database file `path` (rows as ``sqlite3.Row``)."""
    conn = sqlite3.connect(path, timeout=30)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


#: Columns added after the first release: (table, column, declaration).
MIGRATIONS = (
    ("user", "session_version", "INTEGER NOT NULL DEFAULT 0"),
    ("job", "owner", "TEXT NOT NULL DEFAULT ''"),
    ("job", "formats", "TEXT NOT NULL DEFAULT 'docx'"),
    ("job", "expires_at", "REAL"),
    ("job", "address", "TEXT NOT NULL DEFAULT ''"),
    ("job", "keep_seconds", "REAL NOT NULL DEFAULT 86400"),
    ("job_item", "missing", "INTEGER NOT NULL DEFAULT 0"),
)


def init_db(path: str) -> None:
    """Create the tables that do not exist yet in the database file `path`, and add the
    columns an older database lacks."""
    with closing(connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(SCHEMA)
        for table, column, declaration in MIGRATIONS:
            have = {row["name"] for row in conn.execute(f"PRAGMA table_info({table})")}
            if column not in have:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
        conn.commit()


def get_db() -> sqlite3.Connection:
    """Return this request's connection, opening it on first use."""
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
    return g.db


def close_db(_exc: BaseException | None = None) -> None:
    """Close this request's connection, if one was opened."""
    db = g.pop("db", None)
    if db is not None:
        db.close()


def now() -> str:
    """Return the current local time as «2025-03-12 14:05:09» (what the pages show)."""
    return dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")


def init_app(app: Flask) -> None:
    """Create the schema and close connections at the end of every request."""
    init_db(app.config["DATABASE"])
    app.teardown_appcontext(close_db)
