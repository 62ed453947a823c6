"""The core object a request works with: the app's one `Docgen`, with active template versions.

The app makes one :class:`docgen.Docgen` at start-up (``app.extensions["docgen"]``). A
request sees it through :func:`docgen`: a view whose templates are the shipped ones with
every template that has an active upload replaced by that version's .docx — an
:class:`docgen.OverlaySource` over the stored files; nothing is copied, and the caches
(compiled templates by content hash, variable sets by file version) are shared.
"""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from docgen import Docgen, OverlaySource, Settings, TemplateFiles

from . import versions
from .db import get_db


def core() -> Docgen:
    """Return the app's core object (shipped templates)."""
    return current_app.extensions["docgen"]


def base_settings() -> Settings:
    """Return the docgen settings the app was configured with."""
    return core().settings


def docgen(replace_template: tuple[str, int] | None = None) -> Docgen:
    """Return the core object with the active template versions.

    `replace_template` («id», version number) previews one more version on top (0 is the
    shipped file).
    """
    base = core()
    chosen = versions.active_numbers(get_db())
    if replace_template is not None:
        template_id, number = replace_template
        chosen[template_id] = number
    overrides = {}
    for template_id, number in chosen.items():
        if not number:
            continue
        shipped = base.templates.template_files(template_id)
        if shipped is None:
            continue
        overrides[template_id] = TemplateFiles(
            template_id,
            versions.version_path(store_dir(), template_id, number),
            shipped.meta,
            str(number),
            shipped.label,
        )
    return base.using(OverlaySource(base.templates, overrides)) if overrides else base


def store_dir() -> Path:
    """Return the folder where uploaded template versions are kept."""
    return Path(current_app.instance_path) / "templates" / "versions"


def jobs_dir() -> Path:
    """Return the folder of batch job results."""
    return Path(current_app.config.get("JOBS_DIR") or Path(current_app.instance_path) / "jobs")
