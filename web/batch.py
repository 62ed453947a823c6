"""Blueprint «batch»: one package for every municipality of a region, as a background job.

A job belongs to whoever started it: the browser session (a random key kept in the
signed session cookie), or — for a logged-in editor — the editors, who all see one
another's jobs. Anyone else gets 404 for it. A client may have MAX_ACTIVE_JOBS jobs
queued or running at once (per session and per address), and start BATCH_LIMIT_ADDRESS
jobs; results are deleted JOB_KEEP_HOURS after a job ends, and the pages say when.
"""

from __future__ import annotations

import datetime as dt
import secrets
from urllib.parse import quote

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)

from docgen import Docgen, DocgenError

from . import catalog, jobs, library, pdfout
from .db import get_db
from .throttle import limiter

bp = Blueprint("batch", __name__, url_prefix="/batch")
#: What each document of a job is made as.
FORMAT_LABELS = {
    "docx": "DOCX",
    "pdf": "PDF/A",
    "zip": "пакеты ZIP (DOCX, PDF/A, опись)",
}


def _runner() -> jobs.JobRunner:
    return current_app.extensions["docgen_jobs"]


def _stale() -> float:
    return current_app.config["JOB_STALE_SECONDS"]


def _owner(create: bool = False) -> str:
    """Return the owner key of this client: the editor, or this browser's session."""
    if g.user is not None:
        return jobs.editor_owner(g.user["username"])
    key = session.get("batch_owner")
    if key is None and create:
        key = session["batch_owner"] = secrets.token_hex(16)
    return f"session:{key}" if key else ""


def _owners() -> tuple[str, ...]:
    """Return the owner keys whose jobs this client may see."""
    if g.user is not None:
        rows = get_db().execute("SELECT username FROM user").fetchall()
        return tuple(jobs.editor_owner(r["username"]) for r in rows)
    owner = _owner()
    return (owner,) if owner else ()


def _cleanup() -> None:
    jobs.remove_expired(get_db(), library.jobs_dir())


def _batch_limit() -> str:
    return current_app.config["BATCH_LIMIT_ADDRESS"]


def kept_until(row) -> str:
    """Return until when the job's results are kept («12.03.2025 14:05»), or ''."""
    if row["expires_at"] is None:
        return ""
    return dt.datetime.fromtimestamp(row["expires_at"]).strftime("%d.%m.%Y %H:%M")


@bp.get("/")
def index():
    """Show the form for a new job and this client's recent jobs."""
    _cleanup()
    dg = library.docgen()
    all_regions, all_docs = catalog.listing(dg)
    docs = [p for p in all_docs if not p.error]
    choices = [(r, [p for p in docs if r.id in p.regions]) for r in all_regions]
    return render_template(
        "batch/index.html",
        choices=[c for c in choices if c[1]],
        jobs=jobs.recent_jobs(get_db(), _stale(), _owners()),
        labels=jobs.STATUS_LABELS,
        titles={p.id: p.title for p in docs},
        region_names={r.id: r.name for r in all_regions},
        kept_until=kept_until,
        keep_hours=current_app.config["JOB_KEEP_HOURS"],
        pdf_unavailable=pdfout.available(),
        format_labels=FORMAT_LABELS,
    )


@bp.post("/")
@limiter.limit(_batch_limit, error_message="Слишком много заданий подряд: подождите минуту.")
def start():
    """Queue a job for the chosen package and region; go to its page."""
    package, _, region = request.form.get("target", "").partition("@")
    package = package or request.form.get("package", "")
    region = region or request.form.get("region", "")
    draft = request.form.get("mode", "draft") != "final"
    formats = request.form.get("formats", "docx")
    formats = formats if formats in FORMAT_LABELS else "docx"
    if formats != "docx" and pdfout.available() is not None:
        flash(
            f"Задание не запущено: PDF на этом сервере не формируется ({pdfout.available()}).",
            "error",
        )
        return redirect(url_for("batch.index"))
    dg = library.docgen()
    try:
        ids = dg.sets_for(package, region or None)
    except DocgenError as exc:
        flash(f"Задание не запущено: {exc}", "error")
        return redirect(url_for("batch.index"))
    if not ids:
        flash(
            "Задание не запущено: в этом регионе нет ни одного муниципального образования.", "error"
        )
        return redirect(url_for("batch.index"))
    return _launch(package, region or None, draft, ids, dg, formats)


def _launch(
    package: str, region: str | None, draft: bool, ids: list[str], dg: Docgen, formats="docx"
):
    db = get_db()
    _cleanup()
    owner, address = _owner(create=True), request.remote_addr or ""
    limit = current_app.config["MAX_ACTIVE_JOBS"]
    if jobs.active_count(db, owner, address) >= limit:
        flash(
            f"Задание не запущено: у вас уже выполняется заданий — {limit}. "
            "Дождитесь их завершения.",
            "error",
        )
        return redirect(url_for("batch.index"), code=303)
    names = catalog.set_names(catalog.listing(dg)[0])
    ordered = sorted(ids, key=lambda i: jobs.russian_key(names.get(i, i)))
    job_id = jobs.create_job(
        db,
        package,
        region,
        draft,
        ordered,
        owner=owner,
        address=address,
        formats=formats,
        keep_seconds=current_app.config["JOB_KEEP_HOURS"] * 3600,
    )
    _runner().submit(
        job_id,
        str(library.jobs_dir() / job_id),
        package,
        region,
        draft,
        dg.settings,
        dg.templates,
        ordered,
        formats,
    )
    return redirect(url_for("batch.job", job_id=job_id), code=303)


def _job_or_404(job_id: str):
    row = jobs.load_job(get_db(), job_id, _stale())
    if row is None or not jobs.visible(row, _owner(), g.user is not None):
        abort(404, "Такого задания нет или оно удалено по истечении срока хранения.")
    return row


@bp.get("/<jobid:job_id>")
def job(job_id: str):
    """Show the job's progress bar and per-municipality table (refreshes while running)."""
    row = _job_or_404(job_id)
    items = jobs.job_items(get_db(), job_id)
    regions, docs = catalog.listing(library.docgen())
    names = catalog.set_names(regions)
    titles = {p.id: p.title for p in docs}
    return render_template(
        "batch/job.html",
        job=row,
        items=items,
        names=names,
        title=titles.get(row["package"], row["package"]),
        region={r.id: r.name for r in regions}.get(row["region"], row["region"]),
        labels=jobs.STATUS_LABELS,
        item_labels=jobs.ITEM_LABELS,
        active=row["status"] in jobs.ACTIVE,
        has_zip=(library.jobs_dir() / job_id / jobs.RESULT_ZIP).exists(),
        kept_until=kept_until(row),
        format_label=FORMAT_LABELS.get(row["formats"], row["formats"]),
        item_label=item_label,
    )


def item_label(item) -> str:
    """Return the Russian state of a job item («черновик: не заполнено 2»)."""
    label = jobs.ITEM_LABELS.get(item["status"], item["status"])
    return f"{label} {item['missing']}" if item["status"] == "unfilled" else label


@bp.get("/<jobid:job_id>.json")
def status(job_id: str):
    """Return the job's state for polling."""
    row = _job_or_404(job_id)
    items = jobs.job_items(get_db(), job_id)
    return jsonify(
        {
            "id": job_id,
            "status": row["status"],
            "label": jobs.STATUS_LABELS[row["status"]],
            "done": row["done"],
            "total": row["total"],
            "error": row["error"],
            "items": [
                {
                    "municipality": i["municipality"],
                    "status": i["status"],
                    "label": item_label(i),
                    "message": i["message"] or "",
                }
                for i in items
            ],
        }
    )


@bp.get("/<jobid:job_id>/result.zip")
def download(job_id: str):
    """Send the ZIP of all documents and the reports."""
    row = _job_or_404(job_id)
    path = library.jobs_dir() / job_id / jobs.RESULT_ZIP
    if not path.exists():
        abort(404, "Архив ещё не готов.")
    regions, docs = catalog.listing(library.docgen())
    title = {p.id: p.title for p in docs}.get(row["package"], row["package"])
    region = {r.id: r.name for r in regions}.get(row["region"], "все регионы")
    name = f"{title} — {region}"
    name += " (черновики).zip" if row["draft"] else ".zip"
    response = send_file(
        path,
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"{row['package']}_{job_id[:8]}.zip",
    )
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{row["package"]}_{job_id[:8]}.zip"; '
        f"filename*=UTF-8''{quote(name, safe='')}"
    )
    return response


@bp.get("/<jobid:job_id>/report.txt")
def report(job_id: str):
    """Show the job's text report."""
    _job_or_404(job_id)
    text = jobs.report_text(library.jobs_dir() / job_id)
    if text is None:
        abort(404, "Отчёт ещё не готов.")
    return text, 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.post("/<jobid:job_id>/retry")
def retry(job_id: str):
    """Start a new job with the same package, region and mode."""
    row = _job_or_404(job_id)
    ids = [i["municipality"] for i in jobs.job_items(get_db(), job_id)]
    return _launch(
        row["package"], row["region"], bool(row["draft"]), ids, library.docgen(), row["formats"]
    )
