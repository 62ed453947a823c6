"""Batch jobs: kept in SQLite and on disk, run on a local process pool.

A job is a row in ``job`` with one ``job_item`` row per municipality; its files are in
``<instance>/jobs/<id>/`` (each .docx, the reports, ``result.zip``). The worker process
writes progress straight into the database, so a page reload or a new server process
sees it. While a job is queued or running, the server that owns it touches its
``heartbeat`` every few seconds; a job whose heartbeat is older than JOB_STALE_SECONDS
(the server was stopped or crashed) is marked failed when it is next read, never left
«running» for ever. A worker that raises or dies fails its job the same way.
"""

from __future__ import annotations

import atexit
import importlib
import json
import logging
import multiprocessing
import os
import threading
import time
import uuid
import zipfile
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from flask import Flask

from docgen import BatchItem, Docgen, DocgenError, Settings, TemplateSource, run_batch

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
    "missing": "есть незаполненные значения",
    "findings": "есть ошибки оформления",
    "failed": "ошибка",
}
RESULT_ZIP = "result.zip"


def create_job(db, package: str, region: str | None, draft: bool, municipalities: list[str]) -> str:
    """Record a queued job for `municipalities`; return its id."""
    job_id = uuid.uuid4().hex
    db.execute(
        "INSERT INTO job (id, package, region, draft, status, total, created_at, "
        "heartbeat) VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)",
        (job_id, package, region, int(draft), len(municipalities), now(), time.time()),
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
    if stale and row["status"] in ACTIVE:
        fail(
            db,
            job_id,
            "задание прервано: сервер был остановлен или перезапущен во время "
            "работы. Запустите его заново.",
        )
        row = db.execute("SELECT * FROM job WHERE id = ?", (job_id,)).fetchone()
    return row


def recent_jobs(db, stale_seconds: float, limit: int = 20) -> list:
    """Return the newest jobs (stale ones failed first)."""
    ids = [
        r["id"]
        for r in db.execute(
            "SELECT id FROM job ORDER BY created_at DESC, rowid DESC LIMIT ?", (limit,)
        )
    ]
    return [load_job(db, i, stale_seconds) for i in ids]


def job_items(db, job_id: str) -> list:
    """Return the job's per-municipality rows, in order."""
    return db.execute(
        "SELECT * FROM job_item WHERE job_id = ? ORDER BY position", (job_id,)
    ).fetchall()


def fail(db, job_id: str, message: str) -> None:
    """Mark the job failed with the Russian `message` (if it is not finished already)."""
    db.execute(
        "UPDATE job SET status = 'failed', error = ?, finished_at = ? "
        "WHERE id = ? AND status IN ('queued', 'running')",
        (message, now(), job_id),
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
) -> None:
    """Run the job in this process: generate, record each item, zip the results.

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
            notes = list(item.errors)
            if item.missing:
                notes.insert(0, f"Не заполнено ({len(item.missing)}): " + "; ".join(item.missing))
            message = "\n".join(notes)
            db.execute(
                "UPDATE job_item SET status = ?, file = ?, message = ?, seconds = ? "
                "WHERE job_id = ? AND municipality = ?",
                (item.status, item.file, message, item.seconds, job_id, item.municipality),
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
        )
        _zip(target, [i.file for i in report.items if i.file])
        db.execute("UPDATE job SET status = 'done', finished_at = ? WHERE id = ?", (now(), job_id))
        db.commit()
    finally:
        db.close()


def _zip(folder: Path, files: list[str]) -> None:
    tmp = folder / f".{RESULT_ZIP}.{uuid.uuid4().hex}.tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in files:
            zf.write(folder / name, name)
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
    """Submits jobs to a process pool and keeps their heartbeats while they are pending."""

    def __init__(self, database: str, workers: int, target: str) -> None:
        self.database = database
        self.workers = workers
        self.target = target
        self._pool: ProcessPoolExecutor | None = None
        self._futures: dict[str, Future] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None

    def submit(self, job_id: str, *args) -> None:
        """Start job `job_id` in the pool: ``target(job_id, database, *args)``."""
        module, _, name = self.target.partition(":")
        func = getattr(importlib.import_module(module), name)
        with self._lock:
            if self._pool is None:
                # -- spawn, not fork: the server is multi-threaded --
                self._pool = ProcessPoolExecutor(
                    self.workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=watch_parent,
                    initargs=(os.getpid(),),
                )
            future = self._pool.submit(func, job_id, self.database, *args)
            self._futures[job_id] = future
            if self._beat is None:
                self._beat = threading.Thread(
                    target=self._heartbeat, name="docgen-jobs", daemon=True
                )
                self._beat.start()
        future.add_done_callback(lambda f: self._finished(job_id, f))

    def _finished(self, job_id: str, future: Future) -> None:
        try:
            self._record_outcome(job_id, future)
        finally:
            with self._lock:
                self._futures.pop(job_id, None)

    def _record_outcome(self, job_id: str, future: Future) -> None:
        if future.cancelled():
            message = "задание отменено: сервер останавливается"
        else:
            exc = future.exception()
            if exc is None:
                return
            if isinstance(exc, BrokenProcessPool):
                message = "процесс обработки аварийно завершился; запустите задание заново"
                with self._lock:
                    self._pool = None
            elif isinstance(exc, DocgenError):
                message = str(exc)
            else:
                log.error("задание %s завершилось ошибкой", job_id, exc_info=exc)
                message = "внутренняя ошибка при выполнении задания (записана в журнал)"
        db = connect(self.database)
        try:
            fail(db, job_id, message)
        finally:
            db.close()

    def _heartbeat(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            with self._lock:
                ids = list(self._futures)
            if not ids:
                continue
            db = connect(self.database)
            try:
                db.executemany(
                    "UPDATE job SET heartbeat = ? WHERE id = ?", [(time.time(), i) for i in ids]
                )
                db.commit()
            except Exception:  # noqa: BLE001 - a missed beat is retried in 2 s
                log.exception("не удалось обновить состояние заданий")
            finally:
                db.close()

    def wait(self, job_id: str, timeout: float | None = None) -> None:
        """Block until job `job_id` (if it runs here) has finished."""
        with self._lock:
            future = self._futures.get(job_id)
        if future is not None:
            try:
                future.result(timeout)
            except Exception:  # noqa: BLE001 - the outcome is in the database
                pass
        deadline = time.time() + 5
        while job_id in self._futures and time.time() < deadline:
            time.sleep(0.01)

    def shutdown(self) -> None:
        """Stop the pool (queued jobs are failed) and the heartbeat thread."""
        self._stop.set()
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        if self._beat is not None:
            self._beat.join()


def init_app(app: Flask) -> None:
    """Attach a JobRunner to the app (its pool starts with the first job)."""
    runner = JobRunner(
        app.config["DATABASE"], app.config["BATCH_WORKERS"], app.config["BATCH_TARGET"]
    )
    app.extensions["docgen_jobs"] = runner
    atexit.register(runner.shutdown)


def report_text(folder: Path) -> str | None:
    """Return the job's text report, or None before it exists."""
    path = folder / "report.txt"
    return path.read_text(encoding="utf-8") if path.exists() else None


def report_json(folder: Path) -> dict | None:
    """Return the job's JSON report, or None before it exists."""
    path = folder / "report.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
