"""Blueprint «batch»: one package for every municipality of a region, as a background job."""

from __future__ import annotations

from urllib.parse import quote

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)

from docgen import Docgen, DocgenError

from . import catalog, jobs, library
from .db import get_db

bp = Blueprint("batch", __name__, url_prefix="/batch")


def _runner() -> jobs.JobRunner:
    return current_app.extensions["docgen_jobs"]


def _stale() -> float:
    return current_app.config["JOB_STALE_SECONDS"]


@bp.get("/")
def index():
    """Show the form for a new job and the recent jobs."""
    dg = library.docgen()
    docs = [p for p in catalog.packages(dg) if not p.error]
    choices = [(r, [p for p in docs if r.id in p.regions]) for r in catalog.regions(dg)]
    return render_template(
        "batch/index.html",
        choices=[c for c in choices if c[1]],
        jobs=jobs.recent_jobs(get_db(), _stale()),
        labels=jobs.STATUS_LABELS,
    )


@bp.post("/")
def start():
    """Queue a job for the chosen package and region; go to its page."""
    package, _, region = request.form.get("target", "").partition("@")
    package = package or request.form.get("package", "")
    region = region or request.form.get("region", "")
    draft = request.form.get("mode", "draft") != "final"
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
    return _launch(package, region or None, draft, ids, dg)


def _launch(package: str, region: str | None, draft: bool, ids: list[str], dg: Docgen):
    db = get_db()
    job_id = jobs.create_job(db, package, region, draft, ids)
    _runner().submit(
        job_id,
        str(library.jobs_dir() / job_id),
        package,
        region,
        draft,
        dg.settings,
        dg.templates,
        ids,
    )
    return redirect(url_for("batch.job", job_id=job_id), code=303)


def _job_or_404(job_id: str):
    row = jobs.load_job(get_db(), job_id, _stale())
    if row is None:
        abort(404, "Такого задания нет.")
    return row


@bp.get("/<jobid:job_id>")
def job(job_id: str):
    """Show the job's progress bar and per-municipality table (refreshes while running)."""
    row = _job_or_404(job_id)
    items = jobs.job_items(get_db(), job_id)
    dg = library.docgen()
    regions = catalog.regions(dg)
    names = {m.id: m.name for r in regions for m in (*r.municipalities, *filter(None, [r.own]))}
    titles = {p.id: p.title for p in catalog.packages(dg)}
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
    )


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
                    "label": jobs.ITEM_LABELS.get(i["status"], i["status"]),
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
    name = f"{row['package']} — {row['region'] or 'все регионы'}"
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
    return _launch(row["package"], row["region"], bool(row["draft"]), ids, library.docgen())
