"""The pages and checks the editor's blueprints share: the template page, linting bytes.

The template page shows everything about one template: its .docx versions and its
metadata versions, the upload form, the preview, the history — and, after a refusal, the
linter's findings or the documents that would not render (web.gate).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import current_app, render_template, url_for

from docgen import Docgen

from . import catalog, gate, library, rendering, store, uploads, versions
from .db import get_db


def page(
    template_id: str,
    *,
    findings=(),
    findings_title: str = "",
    failures=(),
    failures_title: str = "",
    status: int = 200,
    preview=None,
    chosen=None,
    number=None,
    preview_error=None,
    result=None,
):
    """Return the template page (versions, metadata, upload, preview, history)."""
    dg = library.docgen()
    tpl = dg.template(template_id)
    shipped = library.shipped_files(template_id)
    regions = catalog.listing(dg)[0]
    sets = [
        m
        for r in regions
        if r.id in tpl.regions
        for m in ((r.own,) if tpl.level == "region" and r.own else r.municipalities)
    ]
    db = get_db()
    findings = list(findings)
    missing = [uploads.variable_of(f) for f in findings if f.rule == "L-05"]
    return render_template(
        "editor/template.html",
        template=tpl,
        created=store.created_templates(db).get(template_id),
        versions=versions.list_versions(
            db, template_id, shipped.docx if shipped is not None else None
        ),
        meta_versions=store.list_meta_versions(db, template_id, shipped is not None),
        events=versions.events(db, template_id),
        findings=findings,
        findings_title=findings_title,
        meta_url=url_for(
            "editor.authoring.edit_meta", template_id=template_id, add=[m for m in missing if m]
        ),
        failures=gate.grouped(list(failures)),
        failure_count=len(failures),
        failures_title=failures_title,
        set_names=catalog.set_names(regions),
        municipalities=sets,
        preview=preview,
        chosen=chosen or (sets[0].id if sets else ""),
        preview_number=number,
        preview_error=preview_error,
        result=result,
        max_mb=max_bytes() // (1024 * 1024),
    ), status


def set_names(dg: Docgen) -> dict[str, str]:
    """Return the name of every variable set by id, for the lists of failures."""
    return catalog.set_names(catalog.listing(dg)[0])


def max_bytes() -> int:
    """Return the size limit of an uploaded template."""
    return current_app.config["MAX_TEMPLATE_BYTES"]


def lint_bytes(data: bytes, declared, template_id: str | None = None) -> list:
    """Return the linter's findings for the .docx `data` of a template listing `declared`;
    with `template_id`, and no error so far, also what the sandbox refuses in a trial render
    of that template (web.rendering.trial)."""
    work = library.library_dir() / "tmp"
    work.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=work, suffix=".docx") as tmp:
        tmp.write(data)
        tmp.flush()
        active = library.docgen()
        findings = uploads.lint_upload(Path(tmp.name), declared, active)
        if template_id is None or uploads.refused(findings):
            return findings
        candidate = library.docgen(library.Candidate(template_id, docx=Path(tmp.name)))
        problems = rendering.trial(candidate, template_id)
        return findings + uploads.trial_findings(problems, set_names(active))
