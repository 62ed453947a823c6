"""Every render of the web app: in the request's thread, or isolated with a time limit.

A view of the core object that reads only shipped files renders in the request's thread
(the shipped templates are the project's own code). A view with any file of the editor's
library — an uploaded version, edited metadata, a package made in the editor — renders in
a worker process of web.isolation, killed after ``RENDER_TIMEOUT`` seconds (the activation
gate: ``GATE_TIMEOUT`` for all its renders together).

The functions whose names start with ``_`` run in the worker: they get plain values
(settings, the template source) and keep one warm core object per settings.
"""

from __future__ import annotations

import collections
import functools
import threading
from collections.abc import Mapping
from typing import Any

from flask import current_app, request
from jinja2.exceptions import SecurityError

from docgen import (
    Docgen,
    DocgenError,
    GenerationResult,
    Settings,
    TemplateSource,
    import_act,
    make_redline,
)

from . import gate, imports, isolation, library

#: Where a sandbox refusal found by the trial render at upload is reported.
TRIAL_RULE = "U-RENDER"


def trusted(dg: Docgen) -> bool:
    """Return True when `dg` reads only the shipped library (rendered in the thread)."""
    return dg is library.core()


def generate(
    dg: Docgen,
    package: str,
    set_id: str,
    overrides: Mapping[str, Any] | None = None,
    *,
    draft: bool,
    check: bool | None = None,
) -> GenerationResult:
    """Return ``dg.generate(…)``, isolated with a time limit unless `dg` is trusted."""
    if trusted(dg):
        return dg.generate(package, set_id, overrides, draft=draft, check=check)
    return _pool().call(
        f"{__name__}:_generate",
        dg.settings,
        dg.templates,
        package,
        set_id,
        dict(overrides or {}),
        draft,
        check,
        timeout=current_app.config["RENDER_TIMEOUT"],
    )


def redline(
    dg: Docgen, package: str, set_id: str, overrides: Mapping[str, Any] | None = None
) -> bytes:
    """Return the redline .docx of the act against the region's model
    (:func:`docgen.make_redline`), isolated with a time limit unless `dg` is trusted."""
    if trusted(dg):
        return _redline_docx(dg, package, set_id, overrides)
    return _pool().call(
        f"{__name__}:_redline",
        dg.settings,
        dg.templates,
        package,
        set_id,
        dict(overrides or {}),
        timeout=current_app.config["RENDER_TIMEOUT"],
    )


def import_act_digest(
    dg: Docgen, data: bytes, filename: str, package: str, set_id: str
) -> imports.Digest:
    """Return what :func:`docgen.import_act` finds in the act `data` for the municipality
    `set_id` (cited acts matched in its registry), always in a worker killed after
    ``IMPORT_TIMEOUT`` seconds: the act is the clerk's file, and aligning a long text that
    is no such act takes far longer than reading one (a 400 KB text of random clauses:
    about 1 s, against 50 ms for a real act)."""
    return _pool().call(
        f"{__name__}:_import",
        dg.settings,
        dg.templates,
        data,
        filename,
        package,
        set_id,
        timeout=current_app.config["IMPORT_TIMEOUT"],
    )


def _redline_docx(dg: Docgen, package: str, set_id: str, overrides) -> bytes:
    return make_redline(dg, package, set_id, overrides).docx


class FairSlots:
    """A semaphore that lets waiters in by arrival (``threading.Semaphore`` picks any
    waiter, and an unlucky request can wait many turns)."""

    def __init__(self, slots: int) -> None:
        self._free = slots
        self._lock = threading.Lock()
        self._waiting: collections.deque[threading.Event] = collections.deque()

    def __enter__(self) -> None:
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                return
            turn = threading.Event()
            self._waiting.append(turn)
        turn.wait()

    def __exit__(self, *exc) -> None:
        with self._lock:
            if self._waiting:
                # -- the slot passes straight to the longest waiter --
                self._waiting.popleft().set()
            else:
                self._free += 1


def limited(view):
    """Return `view` run by at most ``RENDER_CONCURRENCY`` requests of a process at once.

    A generation request is mostly Python work: the waiting ones sleep without holding
    the interpreter, so light pages (the home page) stay fast while many clients preview.
    """

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if request.method == "GET":
            return view(*args, **kwargs)
        with current_app.extensions["docgen_render_slots"]:
            return view(*args, **kwargs)

    return wrapped


def check_template(candidate: Docgen, active: Docgen, template_id: str) -> list[gate.Failure]:
    """Return web.gate.check_template's failures, computed in a worker with a time limit."""
    return _gate(
        template_id,
        f"{__name__}:_check_template",
        candidate.settings,
        candidate.templates,
        active.templates,
        template_id,
    )


def check_package(dg: Docgen, package_id: str) -> list[gate.Failure]:
    """Return web.gate.check_package's failures, computed in a worker with a time limit."""
    return _gate(package_id, f"{__name__}:_check_package", dg.settings, dg.templates, package_id)


def trial(candidate: Docgen, template_id: str) -> list[tuple[str, str]]:
    """Return (set id, message) for each set the template `template_id` alone cannot be
    rendered for because the sandbox refused it (a forbidden access, a limit, the time).

    Other render errors (an unknown value, a missing variable) are the activation gate's
    to report: an inactive version may still be work in progress.
    """
    try:
        return _pool().call(
            f"{__name__}:_trial",
            candidate.settings,
            candidate.templates,
            template_id,
            timeout=current_app.config["GATE_TIMEOUT"],
        )
    except isolation.RenderTimeout as exc:
        return [("", exc.message)]


def _gate(subject: str, target: str, *args: Any) -> list[gate.Failure]:
    try:
        return _pool().call(target, *args, timeout=current_app.config["GATE_TIMEOUT"])
    except isolation.RenderTimeout as exc:
        return [gate.Failure(subject, subject, "", exc.message)]


def _pool() -> isolation.Isolated:
    return isolation.pool(current_app.config["RENDER_WORKERS"])


# -- the worker side ----------------------------------------------------------------------

_CORES: dict[Settings, Docgen] = {}


def _core(settings: Settings, templates: TemplateSource) -> Docgen:
    base = _CORES.get(settings)
    if base is None:
        base = _CORES[settings] = Docgen(settings)
    return base.using(templates)


def _generate(settings, templates, package, set_id, overrides, draft, check) -> GenerationResult:
    return _core(settings, templates).generate(package, set_id, overrides, draft=draft, check=check)


def _redline(settings, templates, package, set_id, overrides) -> bytes:
    return _redline_docx(_core(settings, templates), package, set_id, overrides)


def _import(settings, templates, data, filename, package, set_id) -> imports.Digest:
    dg = _core(settings, templates)
    region = set_id.partition("/")[0]
    found = import_act(dg, data, filename, package_id=package, region=region, set_id=set_id)
    return imports.Digest.of(found)


def _check_template(settings, candidate, active, template_id) -> list[gate.Failure]:
    return gate.check_template(_core(settings, candidate), _core(settings, active), template_id)


def _check_package(settings, templates, package_id) -> list[gate.Failure]:
    return gate.check_package(_core(settings, templates), package_id)


def _trial(settings, templates, template_id) -> list[tuple[str, str]]:
    dg = _core(settings, templates)
    try:
        sets = dg.sets_for(template_id)
    except DocgenError:
        return []  # -- broken metadata is the linter's and the gate's to report --
    refused = []
    for set_id in sets:
        try:
            dg.generate(template_id, set_id, draft=True, check=False)
        except DocgenError as exc:
            if _sandbox_refusal(exc):
                refused.append((set_id, str(exc)))
                # -- the same template refuses the same way for the other sets --
                break
    return refused


def _sandbox_refusal(exc: BaseException) -> bool:
    """Return True when `exc` was raised because the sandbox refused something."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, SecurityError):
            return True
        seen = seen.__context__ or seen.__cause__
    return False
