"""docgen web app: choose a document and a municipality, check the values, get the DOCX.

``create_app`` is a flaskr-style factory. Configuration comes in layers: the defaults
below → ``<instance>/config.py`` → ``DOCGEN_WEB_*`` environment variables → `test_config`.
Everything the app keeps (database, secret key, batch results, template versions) lives
in the instance folder (``DOCGEN_WEB_INSTANCE`` or Flask's default ``instance/``).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

from docgen import Docgen, Settings

from . import rendering

#: The default size limits, in bytes.
MAX_REQUEST_BYTES = 8 * 1024 * 1024
MAX_FORM_BYTES = 2 * 1024 * 1024
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
MAX_ACT_BYTES = 5 * 1024 * 1024


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Return the configured app; `test_config` replaces the instance config and env."""
    instance = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("DOCGEN_WEB_INSTANCE")
    app = Flask(
        __name__,
        instance_relative_config=True,
        instance_path=str(Path(instance).resolve()) if instance else None,
    )
    root = Path(app.instance_path)
    app.config.from_mapping(
        SECRET_KEY=None,
        DATABASE=str(root / "docgen-web.sqlite"),
        # -- uploads are refused above MAX_TEMPLATE_BYTES; the request limit is a backstop --
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        MAX_FORM_MEMORY_SIZE=MAX_FORM_BYTES,
        MAX_TEMPLATE_BYTES=MAX_TEMPLATE_BYTES,
        # -- «Загрузить действующий акт»: the act's size; what was read is kept this long --
        MAX_ACT_BYTES=MAX_ACT_BYTES,
        IMPORT_KEEP_HOURS=24.0,
        IMPORT_TIMEOUT=15.0,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_HTTPONLY=True,
        # -- a form may stay open for hours while someone checks the values --
        WTF_CSRF_TIME_LIMIT=None,
        BATCH_WORKERS=2,
        BATCH_TARGET="docgen.web.jobs:execute",
        JOB_STALE_SECONDS=30,
        # -- the queue: empty — <instance>/queue.sqlite; or redis://… (several machines) --
        JOB_QUEUE_URL="",
        JOB_CONSUMER_AT_START=False,
        JOB_TIMEOUT=1800.0,
        # -- per client: jobs queued or running at once; new jobs per address --
        MAX_ACTIVE_JOBS=2,
        BATCH_LIMIT_ADDRESS="10 per minute",
        # -- results are deleted this many hours after the job ends --
        JOB_KEEP_HOURS=24.0,
        # -- PDF: LibreOffice's limit per document; previewed pages are kept this long --
        PDF_TIMEOUT=60.0,
        PAGE_CACHE_HOURS=24.0,
        # -- renders of the editor's templates: worker processes, killed after the limit --
        RENDER_TIMEOUT=5.0,
        GATE_TIMEOUT=60.0,
        RENDER_WORKERS=2,
        # -- generation requests that run at once per process (the rest wait their turn) --
        RENDER_CONCURRENCY=1,
        # -- the home page's list of sets and documents is kept this long (seconds) --
        CATALOG_TTL=5.0,
        # -- failed logins (Flask-Limiter syntax); counters in RATELIMIT_STORAGE_URI --
        LOGIN_LIMIT_ACCOUNT="5 per 5 minutes",
        LOGIN_LIMIT_ADDRESS="20 per 5 minutes",
        DOCGEN_SETTINGS=None,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("DOCGEN_WEB")
    else:
        app.config.update(test_config)
    root.mkdir(parents=True, exist_ok=True)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _instance_secret(root / "secret_key")
    if app.config["DOCGEN_SETTINGS"] is None:
        app.config["DOCGEN_SETTINGS"] = Settings.from_env()
    # -- one core object for the app: its caches serve every request and every thread --
    app.extensions["docgen"] = Docgen(app.config["DOCGEN_SETTINGS"])
    app.extensions["docgen_render_slots"] = rendering.FairSlots(app.config["RENDER_CONCURRENCY"])

    from . import (
        actimport,
        api,
        auth,
        batch,
        catalog,
        commands,
        db,
        editor,
        generate,
        jobs,
        pages,
        security,
        throttle,
    )

    db.init_app(app)
    security.init_app(app)
    throttle.init_app(app)
    jobs.init_app(app)
    for module in (catalog, generate, actimport, api, batch, auth, editor, pages):
        app.register_blueprint(module.bp)
    security.csrf.exempt(api.bp)
    app.cli.add_command(commands.user)
    return app


def _instance_secret(path: Path) -> str:
    """Return the secret key stored at `path`, creating it (mode 0600) on first run."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key + "\n")
    return key
