"""Renders of editors' templates in worker processes that are killed after a time limit.

The sandbox bounds what a template can make (docgen.limits) but not how long it runs:
``{% for a in range(99999) %}{% for b in range(99999) %}…`` is within every limit. So a
render that uses any file of the editor's library (an uploaded version, edited metadata,
a package made in the editor) runs in a worker process of this web process; the request
waits for the answer at most its time limit, then the worker is killed (SIGKILL: nothing
inside it can refuse) and replaced, and the request gets :class:`RenderTimeout`. Workers
also have a memory limit (``RLIMIT_AS``) and a recursion limit; both end as a Russian
TemplateRenderError, never as a 500.

Workers are started on first use (spawn, not fork: the server is multi-threaded), keep a
warm core object per settings, and end with the process that started them.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import queue
import threading
from dataclasses import dataclass
from typing import Any

from docgen import DocgenError, TemplateRenderError

log = logging.getLogger(__name__)

#: How much memory (address space) a worker may use, in megabytes.
MEMORY_MB = 2048


class RenderTimeout(TemplateRenderError):
    """A render took longer than its limit; its worker process was killed."""


@dataclass
class _Worker:
    process: Any
    conn: Any


class Isolated:
    """A pool of `size` render workers; :meth:`call` runs ``module:function`` in one."""

    def __init__(self, size: int = 2) -> None:
        self.size = size
        self._idle: queue.Queue[_Worker | None] = queue.Queue()
        self._lock = threading.Lock()
        self._started = 0
        self._pid = os.getpid()

    def call(self, target: str, *args: Any, timeout: float) -> Any:
        """Return ``target(*args)`` run in a worker; raise what it raised, or RenderTimeout."""
        worker = self._take()
        try:
            worker.conn.send((target, args))
            if not worker.conn.poll(timeout):
                self._kill(worker)
                worker = None
                raise RenderTimeout(
                    f"документ формировался дольше {timeout:g} с и был остановлен: "
                    "упростите шаблон (циклы, вычисления) или обратитесь к администратору"
                )
            status, payload = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            if worker is not None:
                self._kill(worker)
                worker = None
            raise TemplateRenderError(
                "процесс формирования документа аварийно завершился (возможно, шаблону "
                "не хватило памяти)"
            ) from None
        finally:
            if worker is not None:
                self._idle.put(worker)
        if status == "ok":
            return payload
        raise _unpack(payload)

    def close(self) -> None:
        """Stop every idle worker (busy ones stop when their process ends)."""
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                return
            if worker is not None:
                self._kill(worker)

    def _take(self) -> _Worker:
        with self._lock:
            if os.getpid() != self._pid:
                # -- a forked server process (gunicorn): the parent's workers are not ours --
                self._idle, self._started, self._pid = queue.Queue(), 0, os.getpid()
            if self._idle.empty() and self._started < self.size:
                self._started += 1
                self._idle.put(None)
        worker = self._idle.get()
        return worker if worker is not None else self._start()

    def _start(self) -> _Worker:
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(
            target=_serve, args=(child, os.getpid()), name="docgen-render", daemon=True
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _kill(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        with self._lock:
            self._started -= 1


_POOL: Isolated | None = None
_POOL_LOCK = threading.Lock()


def pool(size: int = 2) -> Isolated:
    """Return this process's pool of render workers (made on first use with `size`)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = Isolated(size)
        return _POOL


# -- errors across the process boundary ---------------------------------------------------


def _pack(exc: DocgenError) -> tuple:
    return type(exc), exc.args, dict(exc.__dict__)


def _unpack(payload: tuple) -> DocgenError:
    cls, args, state = payload
    exc = cls.__new__(cls)
    exc.args = args
    exc.__dict__.update(state)
    return exc


# -- the worker side ----------------------------------------------------------------------


def _failed(message: str) -> tuple:
    return "error", _pack(TemplateRenderError(message))


def _serve(conn, parent: int) -> None:
    """Answer requests from `conn` until it closes (runs in the worker process)."""
    import resource
    import sys

    from .jobs import watch_parent

    watch_parent(parent)
    limit = MEMORY_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    sys.setrecursionlimit(600)
    while True:
        try:
            target, args = conn.recv()
        except (EOFError, OSError):
            return
        module, _, name = target.partition(":")
        try:
            result = getattr(importlib.import_module(module), name)(*args)
        except DocgenError as exc:
            reply = ("error", _pack(exc))
        except RecursionError:
            reply = _failed("шаблон слишком глубоко вложен сам в себя")
        except MemoryError:
            reply = _failed("шаблону не хватило памяти")
        except Exception as exc:  # noqa: BLE001 - the request gets a message, the log the rest
            log.exception("ошибка при формировании документа")
            reply = _failed(f"внутренняя ошибка: {type(exc).__name__}")
        else:
            reply = ("ok", result)
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return
