"""Batch jobs: kept in SQLite and on disk, queued on Huey, each run in a child process.

A job is a row in ``job`` with one ``job_item`` row per municipality; its files are in
``<instance>/jobs/<id>/`` (each .docx, the reports, ``result.zip``). The job goes to the
task queue (web.taskqueue); a consumer thread of any server process takes it and runs it
in a child process, which writes progress straight into the database, so a page reload
or another server process sees it. While the child runs, its supervisor touches the
job's ``heartbeat`` every few seconds; a running job whose heartbeat is older than
JOB_STALE_SECONDS (the server was stopped or crashed) is marked failed when it is next
read, never left «running» for ever. A child that raises, dies or outlives JOB_TIMEOUT
fails its job the same way.
"""

from __future__ import annotations

import atexit
import importlib
import json
import logging
import multiprocessing
import os
import shutil
import sqlite3
import threading
import time
import uuid
import zipfile
from pathlib import Path

from flask import Flask

from docgen import (
    BatchItem,
    Docgen,
    DocgenError,
    Settings,
    Severity,
    TemplateSource,
    run_batch,
)

from . import taskqueue
from .db import connect, now

log = logging.getLogger(__name__)

ACTIVE = ("queued", "running")
HEARTBEAT_SECONDS = 2.0
PARENT_CHECK_SECONDS = 1.0
STATUS_LABELS = {
    "queued": "в очереди",
    "running": "выполняется",
    "done": "готово",
    "failed": "ошибка",
}
ITEM_LABELS = {
    "pending": "ожидает",
    "ok": "готово",
    "unfilled": "черновик: не заполнено",
    "missing": "есть незаполненные значения",
    "findings": "есть ошибки оформления",
    "failed": "ошибка",
}
#: The checker's rule for «[не заполнено: …]» left in a document.
PLACEHOLDER_RULE = "G-51"
RESULT_ZIP = "result.zip"


def create_job(
    db,
    package: str,
    region: str | None,
    draft: bool,
    municipalities: list[str],
    *,
    owner: str = "",
    address: str = "",
    formats: str = "docx",
    keep_seconds: float = 86400,
) -> str:
    """Record a queued job for `municipalities` (in that order) of `owner`; return its id."""
    job_id = uuid.uuid4().hex
    db.execute(
        "INSERT INTO job (id, package, region, draft, status, total, created_at, "
        "heartbeat, owner, address, formats, keep_seconds) "
        "VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)",
        (
            job_id,
            package,
            region,
            int(draft),
            len(municipalities),
            now(),
            time.time(),
            owner,
            address,
            formats,
            keep_seconds,
        ),
    )
    db.executemany(
        "INSERT INTO job_item (job_id, position, municipality, status) VALUES (?, ?, ?, 'pending')",
        [(job_id, i, m) for i, m in enumerate(municipalities)],
    )
    db.commit()
    return job_id


def load_job(db, job_id: str, stale_seconds: float):
    """Return the job row (failing it first if its server stopped), or None."""
    row = db.execute("SELECT * FROM job WHERE id = ?", (job_id,)).fetchone()
    stale = row is not None and time.time() - row["heartbeat"] > stale_seconds
    # -- a queued job waits in the queue's storage and runs when a server takes it --
    if stale and row["status"] == "running":
        fail(
            db,
            job_id,
            "задание прервано: сервер был остановлен или перезапущен во время "
            "работы. Запустите его заново.",
        )
        row = db.execute("SELECT * FROM job WHERE id = ?", (job_id,)).fetchone()
    return row


def recent_jobs(db, stale_seconds: float, owners: tuple[str, ...], limit: int = 20) -> list:
    """Return the newest jobs of `owners` (stale ones failed first)."""
    marks = ", ".join("?" for _ in owners) or "NULL"
    ids = [
        r["id"]
        for r in db.execute(
            f"SELECT id FROM job WHERE owner IN ({marks}) "
            "ORDER BY created_at DESC, rowid DESC LIMIT ?",
            (*owners, limit),
        )
    ]
    return [load_job(db, i, stale_seconds) for i in ids]


def editor_owner(username: str) -> str:
    """Return the owner key of jobs run by the editor `username` (seen by every editor)."""
    return f"user:{username}"


def visible(row, owner: str, editor: bool) -> bool:
    """Return True when the job `row` may be shown to `owner` (an editor sees editors' jobs)."""
    return bool(owner) and row["owner"] == owner or (editor and row["owner"].startswith("user:"))


def active_count(db, owner: str, address: str) -> int:
    """Return how many jobs of `owner` or from `address` are queued or running."""
    row = db.execute(
        "SELECT COUNT(*) FROM job WHERE status IN ('queued', 'running') "
        "AND (owner = ? OR (address = ? AND address != ''))",
        (owner, address),
    ).fetchone()
    return row[0]


def remove_expired(db, folder: Path) -> int:
    """Delete the jobs kept past their time, with their files; return how many."""
    ids = [
        r["id"]
        for r in db.execute(
            "SELECT id FROM job WHERE expires_at IS NOT NULL AND expires_at < ?", (time.time(),)
        )
    ]
    for job_id in ids:
        shutil.rmtree(folder / job_id, ignore_errors=True)
        db.execute("DELETE FROM job_item WHERE job_id = ?", (job_id,))
        db.execute("DELETE FROM job WHERE id = ?", (job_id,))
    db.commit()
    return len(ids)


def job_items(db, job_id: str) -> list:
    """Return the job's per-municipality rows, in order."""
    return db.execute(
        "SELECT * FROM job_item WHERE job_id = ? ORDER BY position", (job_id,)
    ).fetchall()


def fail(db, job_id: str, message: str) -> None:
    """Mark the job failed with the Russian `message` (if it is not finished already)."""
    db.execute(
        "UPDATE job SET status = 'failed', error = ?, finished_at = ?, "
        "expires_at = ? + keep_seconds WHERE id = ? AND status IN ('queued', 'running')",
        (message, now(), time.time(), job_id),
    )
    db.commit()


# -- the worker side (runs in a pool process) ---------------------------------------------


def execute(
    job_id: str,
    database: str,
    out_dir: str,
    package: str,
    region: str | None,
    draft: bool,
    settings: Settings,
    templates: TemplateSource,
    municipalities: list[str],
    formats: str = "docx",
) -> None:
    """Run the job in this process: generate, record each item, zip the results. Each
    document is in `formats`: «docx», «pdf» (PDF/A) or «zip» (a package of DOCX, PDF/A and
    ``manifest.json``).

    `templates` is the request's template source (active versions included), so the job
    uses exactly the templates the page that started it showed.
    """
    db = connect(database)
    try:
        db.execute(
            "UPDATE job SET status = 'running', started_at = ?, heartbeat = ? WHERE id = ?",
            (now(), time.time(), job_id),
        )
        db.commit()
        target = Path(out_dir)

        def progress(item: BatchItem) -> None:
            status, notes = item_outcome(item)
            db.execute(
                "UPDATE job_item SET status = ?, file = ?, message = ?, seconds = ?, "
                "missing = ? WHERE job_id = ? AND municipality = ?",
                (
                    status,
                    item.file,
                    "\n".join(notes),
                    item.seconds,
                    len(item.missing),
                    job_id,
                    item.municipality,
                ),
            )
            db.execute(
                "UPDATE job SET done = done + 1, heartbeat = ? WHERE id = ?", (time.time(), job_id)
            )
            db.commit()

        report = run_batch(
            package,
            target,
            region=region,
            draft=draft,
            docgen=Docgen(settings, templates=templates),
            municipalities=municipalities,
            workers=1,
            resume=False,
            progress=progress,
            fmt=formats,
        )
        dg = Docgen(settings, templates=templates)
        title = dg.package(package).title + (" (черновик)" if draft else "")
        entries = {
            i.file: f"{place_name(dg, i.municipality)} — {title}.{i.file.rsplit('.', 1)[-1]}"
            for i in report.items
            if i.file
        }
        _zip(target, entries)
        db.execute(
            "UPDATE job SET status = 'done', finished_at = ?, expires_at = ? + keep_seconds "
            "WHERE id = ?",
            (now(), time.time(), job_id),
        )
        db.commit()
    finally:
        db.close()


def item_outcome(item: BatchItem) -> tuple[str, list[str]]:
    """Return the status the job table shows for `item` and its notes, one per line.

    A draft's own placeholders («[не заполнено: …]», rule G-51) are what a draft is for:
    such an item is «unfilled», not «findings»; only other errors are formatting errors.
    """
    errors = [
        f"{f['rule']} · {f['location']}: {f['message']}"
        for f in item.findings
        if f["severity"] == Severity.ERROR.value and f["rule"] != PLACEHOLDER_RULE
    ]
    notes = list(item.errors)
    if item.missing:
        notes.insert(0, f"Не заполнено ({len(item.missing)}): " + "; ".join(item.missing))
    status = item.status
    if status in ("missing", "findings"):
        status = "findings" if errors else ("unfilled" if item.missing else "ok")
    return status, notes + errors


def place_name(dg: Docgen, set_id: str) -> str:
    """Return the short Russian name of the variable set's municipality (or region)."""
    try:
        data = dg.variables(set_id).data
    except DocgenError:
        return set_id
    for group, keys in (("municipality", ("short", "name")), ("region", ("name",))):
        for key in keys:
            value = (data.get(group) or {}).get(key)
            value = value.get("nomn") if isinstance(value, dict) else value
            if isinstance(value, str) and value:
                return value
    return set_id


def russian_key(text: str) -> str:
    """Return the sort key of `text` in Russian alphabetical order («ё» with «е»)."""
    return text.casefold().replace("ё", "е")


def _zip(folder: Path, entries: dict[str, str]) -> None:
    """Write ``result.zip``: each file under its Russian name, in Russian order."""
    tmp = folder / f".{RESULT_ZIP}.{uuid.uuid4().hex}.tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for file, name in sorted(entries.items(), key=lambda e: russian_key(e[1])):
            zf.write(folder / file, name)
        for name in ("report.txt", "report.json", "report.html"):
            if (folder / name).exists():
                zf.write(folder / name, name)
    os.replace(tmp, folder / RESULT_ZIP)


def watch_parent(parent: int) -> None:
    """End this worker process when the server that started it is gone (even if killed)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="docgen-parent-watch", daemon=True).start()


# -- the server side ----------------------------------------------------------------------


class JobRunner:
    """Queues jobs on Huey (web.taskqueue) and runs them: each job in a child process that
    a consumer thread supervises — beating its heartbeat, killing it after `timeout`
    seconds, failing the job when the child dies."""

    def __init__(self, database: str, workers: int, target: str, timeout: float, huey) -> None:
        self.database = database
        self.workers = workers
        self.target = target
        self.timeout = timeout
        self.huey = huey
        self._task = taskqueue.register(huey, supervise)
        self._consumer = None
        self._lock = threading.Lock()

    def submit(self, job_id: str, *args) -> None:
        """Queue job `job_id`: ``target(job_id, database, *args)`` in a child process."""
        self.start()
        self._task(job_id, self.database, self.target, self.timeout, args)

    def start(self) -> None:
        """Start this process's consumer threads (once)."""
        with self._lock:
            if self._consumer is None:
                self._consumer = taskqueue.start_consumer(self.huey, self.workers)

    def wait(self, job_id: str, timeout: float | None = None) -> None:
        """Block until job `job_id` is no longer queued or running (or `timeout` passes)."""
        deadline = time.monotonic() + (timeout if timeout is not None else 3600)
        db = connect(self.database)
        try:
            while time.monotonic() < deadline:
                row = db.execute("SELECT status FROM job WHERE id = ?", (job_id,)).fetchone()
                if row is None or row["status"] not in ACTIVE:
                    return
                time.sleep(0.05)
        finally:
            db.close()

    def shutdown(self) -> None:
        """Stop the consumer threads; jobs still queued stay queued for the next start."""
        with self._lock:
            consumer, self._consumer = self._consumer, None
        if consumer is not None:
            _STOPPING.set()
            try:
                taskqueue.stop_consumer(consumer)
            finally:
                _STOPPING.clear()


#: Set while this process stops its consumer: running children are killed, jobs failed.
_STOPPING = threading.Event()


def supervise(job_id: str, database: str, target: str, timeout: float, args: tuple) -> None:
    """Run the job in a child process; record a crash, a time-out or a stop as its failure."""
    module, _, name = target.partition(":")
    func = getattr(importlib.import_module(module), name)
    context = multiprocessing.get_context("spawn")
    child = context.Process(
        target=_child, args=(func, job_id, database, args), name="docgen-job", daemon=True
    )
    child.start()
    deadline = time.monotonic() + timeout
    message = None
    while child.is_alive():
        child.join(HEARTBEAT_SECONDS)
        _beat(database, job_id)
        if _STOPPING.is_set():
            message = "задание прервано: сервер останавливается. Запустите его заново."
        elif time.monotonic() > deadline:
            message = f"задание остановлено: оно выполнялось дольше {timeout:g} с"
        if message and child.is_alive():
            child.kill()
            child.join(5)
    if message is None and child.exitcode != 0:
        message = "процесс обработки аварийно завершился; запустите задание заново"
    if message is not None:
        db = connect(database)
        try:
            fail(db, job_id, message)
        finally:
            db.close()


def _child(func, job_id: str, database: str, args: tuple) -> None:
    """Run `func` for the job (in the child process); an exception fails the job."""
    watch_parent(os.getppid())
    try:
        func(job_id, database, *args)
    except DocgenError as exc:
        _fail_now(database, job_id, str(exc))
    except Exception:  # noqa: BLE001 - the page gets a message, the log the traceback
        log.exception("задание %s завершилось ошибкой", job_id)
        _fail_now(database, job_id, "внутренняя ошибка при выполнении задания (записана в журнал)")


def _fail_now(database: str, job_id: str, message: str) -> None:
    db = connect(database)
    try:
        fail(db, job_id, message)
    finally:
        db.close()


def _beat(database: str, job_id: str) -> None:
    db = connect(database)
    try:
        db.execute("UPDATE job SET heartbeat = ? WHERE id = ?", (time.time(), job_id))
        db.commit()
    except sqlite3.Error:
        log.exception("не удалось обновить состояние задания %s", job_id)  # -- next beat --
    finally:
        db.close()


def init_app(app: Flask) -> None:
    """Attach a JobRunner on the app's queue (its consumer starts with the first job, or
    at once with ``JOB_CONSUMER_AT_START``)."""
    huey = taskqueue.make_huey(app.config["JOB_QUEUE_URL"], Path(app.instance_path))
    runner = JobRunner(
        app.config["DATABASE"],
        app.config["BATCH_WORKERS"],
        app.config["BATCH_TARGET"],
        app.config["JOB_TIMEOUT"],
        huey,
    )
    app.extensions["docgen_jobs"] = runner
    if app.config["JOB_CONSUMER_AT_START"]:
        runner.start()
    atexit.register(runner.shutdown)


def report_text(folder: Path) -> str | None:
    """Return the job's text report, or None before it exists."""
    path = folder / "report.txt"
    return path.read_text(encoding="utf-8") if path.exists() else None


def report_json(folder: Path) -> dict | None:
    """Return the job's JSON report, or None before it exists."""
    path = folder / "report.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
