"""Batch job targets that misbehave, for the crash tests (imported by the worker process)."""

from __future__ import annotations

import os


def crash(job_id, database, *args):
    """Die without a word, like a segfault or the OOM killer."""
    os._exit(3)


def raise_error(job_id, database, *args):
    """Raise an unexpected exception."""
    raise RuntimeError("boom in the worker")
