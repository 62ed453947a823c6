"""Blueprint «authoring» (nested in «editor»): make templates and packages, edit metadata.

Each change is tried before it is stored: the metadata YAML or the package YAML is
written to a temporary folder and read back by the core object (so what docgen would
refuse is refused at the form), the .docx is linted against the metadata, and every
document it touches is rendered for every set with the change in place (web.gate). A
refused change stores nothing; the form comes back with every error beside its field.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from docgen import DocgenError, Severity

from . import gate, library, metaform, packageform, rendering, store, uploads, versions
from .catalog import listing
from .db import get_db
from .editview import max_bytes, page, set_names

bp = Blueprint("authoring", __name__)


def _workdir() -> tempfile.TemporaryDirectory:
    """Return a temporary folder in the instance for a change being tried."""
    root = library.library_dir() / "tmp"
    root.mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(dir=root)


# -- templates -----------------------------------------------------------------------------


@bp.route("/create/template", methods=["GET", "POST"])
def new_template():
    """Create a template: its .docx and its metadata, checked and tried before storing."""
    dg = library.docgen()
    if request.method == "GET":
        return _meta_page(metaform.blank(), creating=True)
    form = metaform.read(request.form, dg)
    file = request.files.get("file")
    data, filename, findings = b"", "", []
    if file is None or not file.filename:
        form.errors["file"] = "Выберите файл шаблона .docx."
    else:
        data = file.stream.read(max_bytes() + 1)
        filename = " ".join(file.filename.split())[:200]
        findings = uploads.check_container(data, filename, max_bytes())
        if findings:
            form.errors["file"] = "Файл не принят: замечания — ниже."
    if form.errors:
        return _meta_page(form, creating=True, findings=findings, status=400)
    template_id = form.values["id"]
    meta = store.dump_yaml(form.metadata())
    with _workdir() as work:
        docx_file = Path(work) / f"{template_id}.docx"
        meta_file = Path(work) / f"{template_id}.yaml"
        docx_file.write_bytes(data)
        meta_file.write_bytes(meta)
        candidate = library.docgen(library.Candidate(template_id, docx=docx_file, meta=meta_file))
        refusal = _try_template(form, candidate, dg, template_id, docx_file)
        if refusal is not None:
            findings, failures = refusal
            return _meta_page(form, creating=True, findings=findings, failures=failures, status=400)
    store.add_template(
        get_db(), library.library_dir(), template_id, data, filename, meta, g.user["username"]
    )
    flash(f"Шаблон «{form.values['title']}» создан: версия 1 активна.", "ok")
    return redirect(url_for("editor.template", template_id=template_id), code=303)


@bp.route("/<pkg:template_id>/meta", methods=["GET", "POST"])
def edit_meta(template_id: str):
    """Edit a template's metadata; the edit is stored as a new active metadata version."""
    dg = library.docgen()
    template = dg.template(template_id)
    current = metaform.from_template(template)
    if request.method == "GET":
        # -- a refused upload links here with the variables to add already ticked --
        wanted = [p for p in request.args.getlist("add") if p in dg.schema().fields]
        added = [p for p in wanted if p not in current.values["variables"]]
        current.values["variables"] += added
        return _meta_page(current, template=template, added=added)
    form = metaform.read(request.form, dg, template_id)
    if form.errors:
        return _meta_page(form, template=template, status=400)
    if form.metadata() == current.metadata():
        flash("Метаданные не изменились.", "ok")
        return redirect(url_for("editor.template", template_id=template_id), code=303)
    meta = store.dump_yaml(form.metadata())
    with _workdir() as work:
        meta_file = Path(work) / f"{template_id}.yaml"
        meta_file.write_bytes(meta)
        candidate = library.docgen(library.Candidate(template_id, meta=meta_file))
        refusal = _try_template(form, candidate, dg, template_id, template.path)
        if refusal is not None:
            findings, failures = refusal
            return _meta_page(
                form, template=template, findings=findings, failures=failures, status=400
            )
    comment = " ".join(request.form.get("comment", "").split())[:500]
    number = store.add_meta(
        get_db(), library.library_dir(), template_id, meta, comment, g.user["username"]
    )
    flash(f"Метаданные сохранены (версия {number}) и действуют.", "ok")
    return redirect(url_for("editor.template", template_id=template_id), code=303)


@bp.post("/<pkg:template_id>/meta/<int:number>/activate")
def activate_meta(template_id: str, number: int):
    """Make a stored metadata version active (0: the shipped one) — if everything renders."""
    dg = library.docgen()
    template = dg.template(template_id)
    shipped = library.shipped_files(template_id) is not None
    db, user = get_db(), g.user["username"]
    if not store.has_meta_version(db, template_id, number, shipped):
        abort(404, f"У шаблона «{template_id}» нет версии метаданных {number}.")
    candidate = library.docgen(library.Candidate(template_id, meta=number))
    findings, failures = [], []
    try:
        declared = candidate.template(template_id).variables
    except DocgenError as exc:
        failures = [gate.Failure(template_id, template.title, "", str(exc))]
    else:
        findings = [
            f
            for f in uploads.lint_upload(template.path, declared, dg)
            if f.severity is Severity.ERROR
        ]
        if not findings:
            failures = rendering.check_template(candidate, dg, template_id)
    if findings or failures:
        count = len(findings) + len(failures)
        versions.record(db, template_id, number, "refuse-meta", user, f"ошибок: {count}")
        flash(
            f"Метаданные версии {number} не активированы: ошибок {count}. "
            "Действующие метаданные не изменились.",
            "error",
        )
        return page(
            template_id,
            findings=findings,
            findings_title=f"Метаданные версии {number} не подходят к шаблону",
            failures=failures,
            failures_title=f"Метаданные версии {number}: документы не формируются",
            status=400,
        )
    store.activate_meta(db, template_id, number, user)
    flash(f"Действуют метаданные версии {number}.", "ok")
    return redirect(url_for("editor.template", template_id=template_id), code=303)


def _try_template(form, candidate, active, template_id: str, docx: Path):
    """Return None when the template of `candidate` reads, lints and renders; otherwise
    (findings, failures), with the errors that belong to a field put beside it."""
    try:
        template = candidate.template(template_id)
    except DocgenError as exc:
        form.errors["general"] = exc.message
        return [], []
    findings = uploads.lint_upload(docx, template.variables, candidate)
    if uploads.refused(findings):
        errors = {f.rule for f in findings if f.severity is Severity.ERROR}
        if "L-05" in errors:
            form.errors["variables"] = (
                "Шаблон использует переменные, которых нет в этом списке: см. замечания выше."
            )
        if errors - {"L-05"} and "file" not in form.errors and "file" in request.files:
            form.errors["file"] = "В шаблоне ошибки: см. замечания выше."
        return findings, []
    failures = rendering.check_template(candidate, active, template_id)
    for failure in failures:
        if "doc_title" in failure.message and "doc_title" not in form.errors:
            form.errors["doc_title"] = failure.message
    return None if not failures else ([], failures)


def _meta_page(
    form, *, creating=False, template=None, added=(), findings=(), failures=(), status=200
):
    dg = library.docgen()
    return render_template(
        "editor/meta_form.html",
        form=form,
        creating=creating,
        template=template,
        added=list(added),
        groups=metaform.variable_groups(dg.schema()),
        regions=listing(dg)[0],
        kinds=metaform.KINDS,
        levels=metaform.LEVELS,
        genders=metaform.GENDERS,
        findings=list(findings),
        failures=gate.grouped(list(failures)),
        failure_count=len(failures),
        set_names=set_names(dg),
        max_mb=max_bytes() // (1024 * 1024),
    ), status


# -- packages ------------------------------------------------------------------------------


@bp.route("/create/package", methods=["GET", "POST"])
def new_package():
    """Create a package from existing templates, tried for every set before storing."""
    dg = library.docgen()
    if request.method == "GET":
        return _package_page(packageform.blank())
    form = packageform.read(request.form, dg)
    if form.errors:
        return _package_page(form, status=400)
    package_id = form.values["id"]
    data = store.dump_yaml(form.declaration())
    with _workdir() as work:
        path = Path(work) / f"{package_id}.yaml"
        path.write_bytes(data)
        candidate = library.docgen(library.Candidate(package=(package_id, path)))
        failures = rendering.check_package(candidate, package_id)
    if failures:
        for n in range(1, packageform.APPENDIX_ROWS + 1):
            when = form.values[f"when-{n}"]
            if when and any(f"«{when}»" in f.message for f in failures):
                form.errors.setdefault(f"when-{n}", "Условие не вычисляется: см. ниже.")
        return _package_page(form, failures=failures, status=400)
    store.add_package(get_db(), library.library_dir(), package_id, data, g.user["username"])
    flash(f"Документ «{form.values['title']}» создан: он уже есть на главной странице.", "ok")
    return redirect(url_for("editor.index", _anchor="packages"), code=303)


def _package_page(form, *, failures=(), status=200):
    dg = library.docgen()
    return render_template(
        "editor/package_form.html",
        form=form,
        rows=range(1, packageform.APPENDIX_ROWS + 1),
        templates=packageform.templates_by_kind(dg),
        regions=listing(dg)[0],
        levels=metaform.LEVELS,
        failures=gate.grouped(list(failures)),
        failure_count=len(failures),
        set_names=set_names(dg),
    ), status
