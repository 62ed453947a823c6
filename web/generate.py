"""Blueprint «generate»: the form for one package and municipality, preview and download."""

from __future__ import annotations

import re
from urllib.parse import quote

from flask import Blueprint, Response, flash, render_template, request

from docgen import (
    DocgenError,
    GenerationResult,
    InflectionError,
    MissingValuesError,
    UnknownIdError,
    model_set_id,
)

from . import (
    forms,
    formstate,
    hints,
    imports,
    library,
    pages,
    pdfout,
    rendering,
    validation,
)
from .derived import CASES, Deriver
from .preview import docx_to_html

bp = Blueprint("generate", __name__)

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: action → (final?, format): what a button of the form asks for.
ACTIONS = {
    "preview": (False, "html"),
    "draft": (False, "docx"),
    "final": (True, "docx"),
    "draft-pdf": (False, "pdf"),
    "final-pdf": (True, "pdf"),
    "draft-zip": (False, "zip"),
    "final-zip": (True, "zip"),
}
_UNSAFE_NAME_RE = re.compile(r'[\x00-\x1f\x7f\\/:*?"<>|\ue000-\uf8ff]+')


@bp.route("/generate/<pkg:package>/<setid:municipality>", methods=["GET", "POST"])
@rendering.limited
def form(package: str, municipality: str):
    """Show the form; on POST check it, then preview, or send the draft or final DOCX."""
    dg = library.docgen()
    model = forms.kept_model(package, municipality, dg)
    deriver = Deriver(dg.environment)
    source = request.args if request.method == "GET" else request.form
    key = source.get("import", "")
    # -- the values read from an act in force (web.actimport), kept on the server --
    kept = imports.load(key, package, municipality) if key else None
    if key and kept is None:
        flash(
            "Загруженный акт больше не хранится на сервере (или ссылка неверна): "
            "загрузите его снова. Ниже — значения из справочника.",
            "error",
        )
    if request.method == "GET":
        state = kept.state(model, deriver) if kept else formstate.initial_state(model, deriver)
        return _page(model, state, imported=kept)
    state = formstate.submitted_state(model, request.form, deriver)
    action = request.form.get("action", "preview")
    if formstate.apply_action(model, state, action):
        return _page(model, state, status=400 if state.errors else 200, imported=kept)
    if action == "redline":
        return _redline(dg, model, state, kept)
    if action not in ACTIONS:
        action = "preview"
    final, fmt = ACTIONS[action]
    overrides = validation.to_overrides(model, state, final=final)
    if state.errors:
        flash(_errors_summary(model, state), "error")
        return _page(model, state, status=400, imported=kept)
    try:
        # -- the checker's findings are shown with the preview; a download is the file alone --
        check = None if action == "preview" else False
        result = rendering.generate(
            dg, package, municipality, overrides, draft=not final, check=check
        )
    except MissingValuesError as exc:
        validation.mark_missing(model, state, exc.missing)
        flash(
            "Чистовой вариант не сформирован: не заполнены значения — "
            + "; ".join(exc.missing)
            + ". Заполните их или скачайте черновик.",
            "error",
        )
        return _page(model, state, status=400, imported=kept)
    except InflectionError as exc:
        marked = validation.mark_undeclinable(model, state, overrides, exc.message)
        flash(
            "Документ не сформирован: значение не склоняется — см. отмеченное поле."
            if marked
            else f"Документ не сформирован: {exc}",
            "error",
        )
        return _page(model, state, status=400, imported=kept)
    except DocgenError as exc:
        flash(f"Документ не сформирован: {exc}", "error")
        return _page(model, state, status=400, imported=kept)
    if action == "preview":
        return _page(
            model,
            state,
            result=result,
            preview=docx_to_html(result.docx),
            pages_key=pages.remember(result.docx),
            imported=kept,
        )
    try:
        return file_response(dg, result, fmt, overrides)
    except pdfout.PdfUnavailable as exc:
        flash(f"{exc}. Скачайте DOCX.", "error")
        return _page(model, state, status=503, imported=kept)
    except DocgenError as exc:
        flash(f"PDF не сформирован: {exc}", "error")
        return _page(model, state, status=400, imported=kept)


def _page(
    model: forms.FormModel,
    state: formstate.FormState,
    *,
    status: int = 200,
    result: GenerationResult | None = None,
    preview=None,
    pages_key: str | None = None,
    imported: imports.Kept | None = None,
):
    return render_template(
        "generate/form.html",
        model=model,
        state=state,
        result=result,
        preview=preview,
        pages_key=pages_key,
        pdf_unavailable=pdfout.available() if preview is not None else None,
        cases=CASES,
        choice_label=model.choice_label,
        multiline=forms.multiline,
        section_counts=formstate.section_counts,
        hint=lambda text, spec: hints.hint(text, spec, model.schema, model.choice_label),
        origin=hints.origin,
        imported=imported,
    ), status


def _redline(dg, model: forms.FormModel, state: formstate.FormState, kept):
    """Return the redline .docx of the form's values against the region's model."""
    overrides = validation.to_overrides(model, state, final=False)
    if state.errors:
        flash(_errors_summary(model, state), "error")
        return _page(model, state, status=400, imported=kept)
    region = model.municipality.partition("/")[0]
    try:
        # -- the region's model set: its layers, municipal values blank («__________») --
        dg.variables(model_set_id(region))
    except UnknownIdError:
        flash(
            f"Сравнить не с чем: для региона «{_region_name(model)}» нет примерного "
            f"положения (набора «{model_set_id(region)}»). Скачайте черновик.",
            "error",
        )
        return _page(model, state, status=409, imported=kept)
    try:
        data = rendering.redline(dg, model.package.id, model.municipality, overrides)
    except DocgenError as exc:
        flash(f"Сравнение с примерным положением не сформировано: {exc}", "error")
        return _page(model, state, status=400, imported=kept)
    slug = model.municipality.replace("/", "-")
    return _named(
        data,
        DOCX_MIME,
        f"redline-{model.package.id}-{slug}.docx",
        f"Сравнение с примерным положением — {model.package.id}, {slug}.docx",
    )


def _region_name(model: forms.FormModel) -> str:
    name = model.original("region.name")
    return forms.display(name) or model.municipality.partition("/")[0]


def _errors_summary(model: forms.FormModel, state: formstate.FormState) -> str:
    missing = [n for n, m in state.errors.items() if m == validation.REQUIRED_FOR_FINAL]
    if len(missing) == len(state.errors):
        return (
            "Чистовой вариант не сформирован: не заполнены значения — "
            + "; ".join(model.label_for(n) for n in missing)
            + ". Заполните их или скачайте черновик."
        )
    count = len(state.errors)
    return (
        f"Проверьте отмеченные поля ({count}): значения не приняты, документ не сформирован."
        if count != 1
        else "Проверьте отмеченное поле: значение не принято, документ не сформирован."
    )


def docx_response(result: GenerationResult) -> Response:
    """Return the .docx as a download under its readable name (RFC 5987 ``filename*``)."""
    return _download(result.docx, DOCX_MIME, result, "docx")


#: The type of each download format.
MIMETYPES = {"docx": DOCX_MIME, "pdf": "application/pdf", "zip": "application/zip"}


def file_response(dg, result: GenerationResult, fmt: str, overrides=None) -> Response:
    """Return `result` as a download in `fmt`: docx, pdf (PDF/A-2b) or zip (the package:
    DOCX, PDF/A and ``manifest.json``, as ``docgen generate -o act.zip`` makes it)."""
    data = pdfout.output(dg, result, fmt, overrides)
    return _download(data, MIMETYPES[fmt], result, fmt)


def _download(data: bytes, mimetype: str, result: GenerationResult, extension: str) -> Response:
    latin = result.filename.rsplit(".", 1)[0] + "." + extension
    return _named(data, mimetype, latin, result.display_name(extension))


def _named(data: bytes, mimetype: str, latin: str, filename: str) -> Response:
    """Return `data` as a download named `filename` (`latin` for old browsers)."""
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{latin}\"; filename*=UTF-8''{quote(filename, safe='')}"
    )
    response.headers["Cache-Control"] = "no-store"
    return response
