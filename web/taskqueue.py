"""The task queue of batch jobs: Huey, with its SQLite storage in the instance folder.

No server to start: every web process runs a small embedded Huey consumer (threads), and
any of them may take a queued job, so the site can be served by several processes
(``docgen serve --workers N``). The queue is ``JOB_QUEUE_URL``: empty for
``<instance>/queue.sqlite``, or ``redis://host:6379/0`` when several machines serve (they
must then share the instance folder). A job left in the queue by a stopped server runs
when a server starts again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from huey import RedisHuey, SqliteHuey
from huey.consumer import Consumer

log = logging.getLogger(__name__)

TASK_NAME = "docgen-batch-job"


class EmbeddedConsumer(Consumer):
    """A Huey consumer run inside the web process: no signal handlers of its own (the
    server owns the signals, and may start it outside the main thread)."""

    def _set_signal_handlers(self) -> None:
        return None


def make_huey(url: str, instance: Path):
    """Return the Huey of `url` (Redis), or of ``<instance>/queue.sqlite`` when empty."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey("docgen", url=url, results=False)
    return SqliteHuey("docgen", filename=str(instance / "queue.sqlite"), results=False)


def start_consumer(huey, workers: int) -> EmbeddedConsumer:
    """Start `workers` consumer threads taking tasks from `huey`; return the consumer."""
    consumer = EmbeddedConsumer(
        huey,
        workers=workers,
        worker_type="thread",
        periodic=False,
        initial_delay=0.05,
        backoff=1.3,
        max_delay=1.0,
        check_worker_health=False,
    )
    consumer.start()
    return consumer


def stop_consumer(consumer: EmbeddedConsumer, timeout: float = 10) -> None:
    """Stop `consumer` and wait for its threads (a running task is let finish)."""
    consumer.stop(graceful=True)
    for _, thread in consumer.worker_threads:
        thread.join(timeout)
    consumer.scheduler.join(timeout)


def register(huey, func: Callable) -> Callable:
    """Register `func` as the batch task of `huey`; return the task (call it to enqueue)."""
    return huey.task(name=TASK_NAME)(func)
