"""Blueprint «editor»: the template library — versions, checked uploads, preview, activation.

Every page needs a logged-in editor. An upload is checked completely before it is stored
(web.uploads); a refused upload changes nothing. A version becomes active only when every
document that uses the template still renders with it for every variable set (web.gate);
otherwise the active version stays. Creating templates and packages and editing metadata
is web.authoring, a blueprint nested in this one.
"""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)

from docgen import DocgenError, Severity

from . import authoring, catalog, library, rendering, store, uploads, versions
from .db import get_db
from .editview import lint_bytes, max_bytes, page
from .preview import docx_to_html

bp = Blueprint("editor", __name__, url_prefix="/editor")
bp.register_blueprint(authoring.bp)
KIND_WORDS = {"cover": "акт", "appendix": "приложение"}


@bp.before_request
def require_login():
    """Send anyone not logged in to the login page."""
    if g.user is None:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    return None


@bp.context_processor
def _helpers():
    return {"describe": versions.describe, "kind_words": KIND_WORDS}


@bp.get("/")
def index():
    """List the templates and the packages with their versions and the latest history."""
    dg = library.docgen()
    db = get_db()
    active = versions.active_numbers(db)
    meta = store.active_meta_numbers(db)
    created = store.created_templates(db)
    rows = []
    for template_id in dg.template_ids():
        try:
            tpl = dg.template(template_id)
            title, kind, error = tpl.title, tpl.kind, ""
        except DocgenError as exc:
            title, kind, error = template_id, "", str(exc)
        count = db.execute(
            "SELECT COUNT(*) FROM template_version WHERE template_id = ?", (template_id,)
        ).fetchone()[0]
        rows.append(
            {
                "id": template_id,
                "title": title,
                "kind": kind,
                "error": error,
                "active": active.get(template_id, 0),
                "meta": meta.get(template_id, 0),
                "count": count,
                "created": created.get(template_id),
            }
        )
    made = store.created_packages(db)
    packages = []
    for info in catalog.packages(dg):
        parts = ()
        if not info.error:
            parts = dg.package(info.id).parts
        packages.append({"info": info, "parts": parts, "created": made.get(info.id)})
    return render_template(
        "editor/index.html",
        templates=rows,
        packages=packages,
        events=versions.events(db, limit=15),
    )


@bp.get("/<pkg:template_id>")
def template(template_id: str):
    """Show the versions of a template, its metadata, its history and the upload form."""
    return page(template_id)


@bp.post("/<pkg:template_id>/upload")
def upload(template_id: str):
    """Check an uploaded .docx completely; store it as a new (inactive) version or refuse it."""
    tpl = _template(template_id)
    file = request.files.get("file")
    if file is None or not file.filename:
        flash("Выберите файл .docx.", "error")
        return page(template_id, status=400)
    data = file.stream.read(max_bytes() + 1)
    filename = " ".join(file.filename.split())[:200]
    findings = uploads.check_container(data, filename, max_bytes())
    if not findings:
        findings = lint_bytes(data, tpl.variables, template_id)
    db = get_db()
    if uploads.refused(findings):
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        versions.record(
            db, template_id, None, "refuse", g.user["username"], f"{filename}: ошибок {errors}"
        )
        flash(
            f"Файл «{filename}» не принят: ошибок {errors}. Активная версия не изменилась.", "error"
        )
        return page(
            template_id,
            findings=findings,
            findings_title=f"Файл не принят — замечаний: {len(findings)}",
            status=400,
        )
    comment = request.form.get("comment", "").strip()[:500]
    number = versions.add_version(
        db, library.store_dir(), template_id, data, filename, comment, g.user["username"]
    )
    note = f" Замечаний без ошибок: {len(findings)}." if findings else ""
    flash(f"Версия {number} загружена.{note} Проверьте её предпросмотром и активируйте.", "ok")
    return redirect(url_for("editor.template", template_id=template_id), code=303)


def _template(template_id: str):
    return library.docgen().template(template_id)


def _version_or_404(template_id: str, number: int) -> None:
    _template(template_id)
    shipped = library.shipped_files(template_id) is not None
    if not versions.has_version(get_db(), template_id, number, shipped):
        abort(404, f"У шаблона «{template_id}» нет версии {number}.")


def _version_path(template_id: str, number: int) -> Path:
    if number == 0:
        return library.shipped_files(template_id).docx
    return versions.version_path(library.store_dir(), template_id, number)


@bp.post("/<pkg:template_id>/versions/<int:number>/activate")
def activate(template_id: str, number: int):
    """Make a version the one docgen uses (0 restores the shipped file) — if it renders.

    The version must pass the linter against the template's metadata and render every
    document that uses the template for every set; otherwise the active version stays.
    """
    _version_or_404(template_id, number)
    db, user = get_db(), g.user["username"]
    active = library.docgen()
    declared = active.template(template_id).variables
    findings = uploads.lint_upload(_version_path(template_id, number), declared, active)
    failures = []
    if not uploads.refused(findings):
        candidate = library.docgen(library.Candidate(template_id, docx=number))
        failures = rendering.check_template(candidate, active, template_id)
    if uploads.refused(findings) or failures:
        count = len(failures) or sum(1 for f in findings if f.severity is Severity.ERROR)
        versions.record(db, template_id, number, "refuse-activate", user, f"ошибок: {count}")
        current = versions.active_numbers(db).get(template_id, 0)
        flash(
            f"Версия {number} не активирована: ошибок {count}. "
            "Активной осталась " + (f"версия {current}." if current else "поставляемая версия."),
            "error",
        )
        return page(
            template_id,
            findings=findings if uploads.refused(findings) else (),
            findings_title=f"Версия {number} не прошла проверку — замечаний: {len(findings)}",
            failures=failures,
            failures_title=f"Версия {number}: документы не формируются — ошибок {len(failures)}",
            status=400,
        )
    versions.activate(db, template_id, number, user)
    flash(
        f"Активна версия {number}"
        + (" (поставляемая)" if number == 0 else "")
        + ": документы теперь формируются по ней.",
        "ok",
    )
    return redirect(url_for("editor.template", template_id=template_id), code=303)


@bp.get("/<pkg:template_id>/preview")
def preview(template_id: str):
    """Render version ``number`` as a draft for ``municipality``, shown as HTML."""
    number_arg = request.args.get("number", "")
    if not number_arg.isdigit() or len(number_arg) > 6:
        abort(400, "Укажите номер версии.")
    number = int(number_arg)
    _version_or_404(template_id, number)
    municipality = request.args.get("municipality", "")
    if not catalog.SET_ID_RE.match(municipality):
        abort(400, "Выберите муниципальное образование.")
    try:
        candidate = library.docgen(library.Candidate(template_id, docx=number))
        result = rendering.generate(candidate, template_id, municipality, draft=True)
    except DocgenError as exc:
        return page(
            template_id, status=400, chosen=municipality, number=number, preview_error=str(exc)
        )
    return page(
        template_id,
        preview=docx_to_html(result.docx),
        chosen=municipality,
        number=number,
        result=result,
    )


@bp.get("/<pkg:template_id>/versions/<int:number>/download")
def download(template_id: str, number: int):
    """Send the .docx of a version."""
    _version_or_404(template_id, number)
    return send_file(
        _version_path(template_id, number),
        as_attachment=True,
        download_name=f"{template_id}-v{number}.docx",
    )
