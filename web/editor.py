"""Blueprint «editor»: template versions — list, upload (checked), preview, activate, restore.

Every page needs a logged-in editor. An upload is checked completely before it is stored
(web.uploads); a refused upload changes nothing, so the active version stays active.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)

from docgen import DocgenError, Severity

from . import catalog, library, uploads, versions
from .db import get_db
from .preview import docx_to_html

bp = Blueprint("editor", __name__, url_prefix="/editor")
ACTIONS = {"upload": "загружена", "activate": "активирована", "refuse": "отклонена"}


@bp.before_request
def require_login():
    """Send anyone not logged in to the login page."""
    if g.user is None:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    return None


@bp.get("/")
def index():
    """List the templates with their active version and the latest history."""
    base = library.core()
    active = versions.active_numbers(get_db())
    rows = []
    for template_id in base.template_ids():
        try:
            tpl = base.template(template_id)
            title, kind, error = tpl.title, tpl.kind, ""
        except DocgenError as exc:
            title, kind, error = template_id, "", str(exc)
        count = (
            get_db()
            .execute("SELECT COUNT(*) FROM template_version WHERE template_id = ?", (template_id,))
            .fetchone()[0]
        )
        rows.append(
            {
                "id": template_id,
                "title": title,
                "kind": kind,
                "error": error,
                "active": active.get(template_id, 0),
                "count": count,
            }
        )
    return render_template(
        "editor/index.html",
        templates=rows,
        events=versions.events(get_db(), limit=15),
        actions=ACTIONS,
    )


def _template(template_id: str):
    return library.core().template(template_id)


def _page(
    template_id: str,
    *,
    findings=(),
    status: int = 200,
    preview=None,
    chosen=None,
    number=None,
    preview_error=None,
    result=None,
):
    tpl = _template(template_id)
    sets = [
        m
        for r in catalog.regions(library.core())
        if r.id in tpl.regions
        for m in ((r.own,) if tpl.level == "region" and r.own else r.municipalities)
    ]
    return render_template(
        "editor/template.html",
        template=tpl,
        versions=versions.list_versions(get_db(), template_id, tpl.path),
        events=versions.events(get_db(), template_id),
        actions=ACTIONS,
        findings=findings,
        municipalities=sets,
        preview=preview,
        chosen=chosen or (sets[0].id if sets else ""),
        preview_number=number,
        preview_error=preview_error,
        result=result,
        max_mb=_max_bytes() // (1024 * 1024),
    ), status


def _max_bytes() -> int:
    return current_app.config["MAX_TEMPLATE_BYTES"]


@bp.get("/<pkg:template_id>")
def template(template_id: str):
    """Show the versions of a template, its history and the upload form."""
    return _page(template_id)


@bp.post("/<pkg:template_id>/upload")
def upload(template_id: str):
    """Check an uploaded .docx completely; store it as a new (inactive) version or refuse it."""
    _template(template_id)
    file = request.files.get("file")
    if file is None or not file.filename:
        flash("Выберите файл .docx.", "error")
        return _page(template_id, status=400)
    data = file.stream.read(_max_bytes() + 1)
    filename = " ".join(file.filename.split())[:200]
    findings = uploads.check_container(data, filename, _max_bytes())
    if not findings:
        findings = _lint(template_id, data)
    db = get_db()
    if uploads.refused(findings):
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        versions.record(
            db, template_id, None, "refuse", g.user["username"], f"{filename}: ошибок {errors}"
        )
        flash(
            f"Файл «{filename}» не принят: ошибок {errors}. Активная версия не изменилась.", "error"
        )
        return _page(template_id, findings=findings, status=400)
    comment = request.form.get("comment", "").strip()[:500]
    number = versions.add_version(
        db, library.store_dir(), template_id, data, filename, comment, g.user["username"]
    )
    note = f" Замечаний без ошибок: {len(findings)}." if findings else ""
    flash(f"Версия {number} загружена.{note} Проверьте её предпросмотром и активируйте.", "ok")
    return redirect(url_for("editor.template", template_id=template_id), code=303)


def _lint(template_id: str, data: bytes) -> list:
    """Return the linter's findings for `data` as a version of `template_id`."""
    store = library.store_dir()
    store.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=store, suffix=".docx") as tmp:
        tmp.write(data)
        tmp.flush()
        return uploads.lint_upload(Path(tmp.name), _template(template_id), library.core())


def _version_or_404(template_id: str, number: int) -> None:
    _template(template_id)
    if not versions.has_version(get_db(), template_id, number):
        abort(404, f"У шаблона «{template_id}» нет версии {number}.")


@bp.post("/<pkg:template_id>/versions/<int:number>/activate")
def activate(template_id: str, number: int):
    """Make a version the one docgen uses (0 restores the shipped file)."""
    _version_or_404(template_id, number)
    versions.activate(get_db(), template_id, number, g.user["username"])
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
        result = library.docgen((template_id, number)).generate(
            template_id, municipality, draft=True
        )
    except DocgenError as exc:
        return _page(
            template_id, status=400, chosen=municipality, number=number, preview_error=str(exc)
        )
    return _page(
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
    path = (
        _template(template_id).path
        if number == 0
        else versions.version_path(library.store_dir(), template_id, number)
    )
    return send_file(path, as_attachment=True, download_name=f"{template_id}-v{number}.docx")
