"""The docgen settings a request works with: the app's settings plus active template versions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from flask import current_app

from docgen.settings import Settings

from . import versions
from .db import get_db


def base_settings() -> Settings:
    """Return the docgen settings the app was configured with (shipped templates)."""
    return current_app.config["DOCGEN_SETTINGS"]


def settings(replace_template: tuple[str, int] | None = None) -> Settings:
    """Return the settings docgen must use now: templates with the active versions overlaid.

    `replace_template` («id», version number) previews one more version on top (0 is the
    shipped file).
    """
    base = base_settings()
    chosen = versions.active_numbers(get_db())
    if replace_template is not None:
        template_id, number = replace_template
        chosen[template_id] = number
    files = {tid: versions.version_path(store_dir(), tid, n) for tid, n in chosen.items() if n}
    templates_dir = versions.effective_dir(base.templates_dir, overlays_dir(), files)
    return replace(base, templates_dir=templates_dir)


def store_dir() -> Path:
    """Return the folder where uploaded template versions are kept."""
    return Path(current_app.instance_path) / "templates" / "versions"


def overlays_dir() -> Path:
    """Return the folder of the effective template folders (see web.versions)."""
    return Path(current_app.instance_path) / "templates" / "overlays"


def jobs_dir() -> Path:
    """Return the folder of batch job results."""
    return Path(current_app.config.get("JOBS_DIR") or Path(current_app.instance_path) / "jobs")
