"""Blueprint «actimport»: «Загрузить действующий акт» — the form pre-filled from an act.

The clerk picks the document and the municipality on the home page («Загрузить
действующий акт» there leads here through ``catalog.choose``), then uploads the act
in force (.docx or .txt, at most ``MAX_ACT_BYTES``). :func:`docgen.import_act` reads its
values (web.rendering runs it, isolated for the editor's templates); web.imports lays them
over the municipality's set and keeps the form's state; the form opens with them, each
value read from the act marked «из документа», the deviation report beside it.
"""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from docgen import DocgenError

from . import forms, imports, library, rendering, uploads
from .derived import Deriver
from .security import public, size_text

bp = Blueprint("actimport", __name__)

#: What an act may be: name endings accepted.
EXTENSIONS = (".docx", ".txt")


@bp.route("/import/<pkg:package>/<setid:municipality>", methods=["GET", "POST"])
@rendering.limited
def upload(package: str, municipality: str):
    """Show the upload form; on POST read the act and open the pre-filled form."""
    dg = library.docgen()
    model = forms.kept_model(package, municipality, dg)
    if request.method == "GET":
        return _page(model)
    file = request.files.get("act")
    if file is None or not file.filename:
        flash("Выберите файл действующего акта (.docx или .txt).", "error")
        return _page(model, 400)
    filename = " ".join(file.filename.replace("\\", "/").rsplit("/", 1)[-1].split())[:200]
    limit = max_bytes()
    try:
        data = file.stream.read(limit + 1)
    finally:
        # -- a large upload is spooled to a temporary file: closed here, not at exit --
        file.close()
    problem = check_file(data, filename, limit)
    if problem:
        flash(f"Файл «{filename}» не принят: {problem}.", "error")
        return _page(model, 400)
    try:
        digest = rendering.import_act_digest(dg, data, filename, package, municipality)
    except DocgenError as exc:
        flash(public(f"Файл «{filename}» не прочитан: {exc}"), "error")
        return _page(model, 400)
    # -- choices are always made (by comparing renderings); a value read from a paragraph
    #    is what says the file is an act of this kind --
    if not digest.sources:
        flash(
            f"В файле «{filename}» не найдено ни одного значения документа "
            f"«{model.package.title}»: похоже, это другой акт. Проверьте файл.",
            "error",
        )
        return _page(model, 400)
    kept = imports.prefill(dg, model, digest, filename, Deriver(dg.environment))
    key = imports.keep(kept)
    return redirect(
        url_for("generate.form", package=package, municipality=municipality, **{"import": key}),
        code=303,
    )


def max_bytes() -> int:
    """Return the largest act accepted, in bytes."""
    return int(current_app.config["MAX_ACT_BYTES"])


def check_file(data: bytes, filename: str, limit: int) -> str:
    """Return why `data` cannot be an act (Russian, no final stop), or '' when it can."""
    if not filename.lower().endswith(EXTENSIONS):
        return "принимаются только документы .docx и тексты .txt"
    if len(data) > limit:
        return f"файл больше {size_text(limit)}"
    if not data.strip():
        return "файл пустой"
    if filename.lower().endswith(".txt"):
        if b"\x00" in data:
            return "это не текстовый файл (в нём двоичные данные)"
        return ""
    problems = uploads.check_container(data, filename, limit)
    return problems[0].message if problems else ""


def _page(model: forms.FormModel, status: int = 200):
    return render_template(
        "generate/import.html", model=model, max_size=size_text(max_bytes()), extensions=EXTENSIONS
    ), status
