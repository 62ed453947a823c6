"""The core object a request works with: the app's one `Docgen`, with the editor's library.

The app makes one :class:`docgen.Docgen` at start-up (``app.extensions["docgen"]``). A
request sees it through :func:`docgen`: a view whose template source is an
:class:`docgen.OverlaySource` over the shipped folder with, read in place from the
instance folder (web.store): the active .docx version of every template, the active
metadata of every template (edited or shipped), the templates and the packages made in the
editor. Nothing is copied, and the caches (compiled templates by content hash, variable
sets by file version) are shared.

A :class:`Candidate` puts one more change on top — a version not yet active, metadata or a
package not yet stored — so that the editor can preview it and check it before it counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from docgen import Docgen, OverlaySource, Settings, TemplateFiles

from . import store, versions
from .db import get_db

#: How files of the instance folder are named in messages.
INSTANCE_LABEL = "экземпляр/templates"


@dataclass(frozen=True)
class Candidate:
    """A change to try on top of the active library.

    `docx` and `meta` of template `template_id` are a stored version number (0: the
    shipped file) or a file not stored yet; `package` is the (id, YAML file) of a package
    not stored yet.
    """

    template_id: str = ""
    docx: int | Path | None = None
    meta: int | Path | None = None
    package: tuple[str, Path] | None = None


def core() -> Docgen:
    """Return the app's core object (shipped templates)."""
    return current_app.extensions["docgen"]


def base_settings() -> Settings:
    """Return the docgen settings the app was configured with."""
    return core().settings


def docgen(candidate: Candidate | None = None) -> Docgen:
    """Return the core object with the active library, and `candidate` on top."""
    base = core()
    db = get_db()
    docx: dict[str, int | Path] = dict(versions.active_numbers(db))
    meta: dict[str, int | Path] = dict(store.active_meta_numbers(db))
    ids = set(docx) | set(meta) | set(store.created_templates(db))
    packages = {p: store.package_path(library_dir(), p) for p in store.created_packages(db)}
    if candidate is not None:
        if candidate.template_id:
            ids.add(candidate.template_id)
            if candidate.docx is not None:
                docx[candidate.template_id] = candidate.docx
            if candidate.meta is not None:
                meta[candidate.template_id] = candidate.meta
        if candidate.package is not None:
            package_id, path = candidate.package
            packages[package_id] = path
    overrides = {}
    for template_id in sorted(ids):
        files = _files(base, template_id, docx.get(template_id, 0), meta.get(template_id, 0))
        if files is not None:
            overrides[template_id] = files
    if not overrides and not packages:
        return base
    return base.using(
        OverlaySource(base.templates, overrides, packages, label=f"{INSTANCE_LABEL}/packages")
    )


def state_key() -> tuple:
    """Return what identifies the editor's library as it is now (the active versions,
    metadata and the templates and packages made in the editor)."""
    db = get_db()
    return (
        tuple(sorted(versions.active_numbers(db).items())),
        tuple(sorted(store.active_meta_numbers(db).items())),
        tuple(sorted(store.created_templates(db))),
        tuple(sorted(store.created_packages(db))),
    )


def _files(base: Docgen, template_id: str, docx: int | Path, meta: int | Path):
    """Return the files of `template_id` for the chosen versions; None when it is as shipped
    (or, without a shipped file, when it has no stored version)."""
    shipped = base.templates.template_files(template_id)
    if docx == 0 and meta == 0:
        return None
    if isinstance(docx, Path):
        docx_path, version = docx, "новая"
    elif docx:
        docx_path, version = versions.version_path(store_dir(), template_id, docx), str(docx)
    elif shipped is not None:
        docx_path, version = shipped.docx, shipped.version
    else:
        return None
    if isinstance(meta, Path):
        meta_path, label = meta, "форма метаданных"
    elif meta:
        meta_path = store.meta_path(library_dir(), template_id, meta)
        label = f"{INSTANCE_LABEL}/meta/{template_id}"
    elif shipped is not None:
        meta_path, label = shipped.meta, shipped.label
    else:
        return None
    return TemplateFiles(template_id, docx_path, meta_path, version, label)


def shipped_files(template_id: str) -> TemplateFiles | None:
    """Return the shipped files of `template_id`, or None for a template made in the editor."""
    return core().templates.template_files(template_id)


def library_dir() -> Path:
    """Return the folder of everything the editor stores (web.store)."""
    return Path(current_app.instance_path) / "templates"


def store_dir() -> Path:
    """Return the folder where uploaded template versions are kept."""
    return library_dir() / "versions"


def jobs_dir() -> Path:
    """Return the folder of batch job results."""
    return Path(current_app.config.get("JOBS_DIR") or Path(current_app.instance_path) / "jobs")
