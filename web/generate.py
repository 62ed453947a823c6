"""Blueprint «generate»: the form for one package and municipality, preview and download."""

from __future__ import annotations

import re
from urllib.parse import quote

from flask import Blueprint, Response, flash, render_template, request

from docgen import DocgenError, GenerationResult, InflectionError, MissingValuesError

from . import catalog, forms, formstate, hints, library, pages, pdfout, rendering, validation
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
    # -- the form's fields and values, kept like the home page's listing (web.catalog) --
    model = catalog.kept(
        "form", (package, municipality), lambda: forms.load_model(package, municipality, dg)
    )
    deriver = Deriver(dg.environment)
    if request.method == "GET":
        return _page(model, formstate.initial_state(model, deriver))
    state = formstate.submitted_state(model, request.form, deriver)
    action = request.form.get("action", "preview")
    if formstate.apply_action(model, state, action):
        return _page(model, state, status=400 if state.errors else 200)
    if action not in ACTIONS:
        action = "preview"
    final, fmt = ACTIONS[action]
    overrides = validation.to_overrides(model, state, final=final)
    if state.errors:
        flash(_errors_summary(model, state), "error")
        return _page(model, state, status=400)
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
        return _page(model, state, status=400)
    except InflectionError as exc:
        marked = validation.mark_undeclinable(model, state, overrides, exc.message)
        flash(
            "Документ не сформирован: значение не склоняется — см. отмеченное поле."
            if marked
            else f"Документ не сформирован: {exc}",
            "error",
        )
        return _page(model, state, status=400)
    except DocgenError as exc:
        flash(f"Документ не сформирован: {exc}", "error")
        return _page(model, state, status=400)
    if action == "preview":
        key = pages.remember(result.docx)
        return _page(model, state, result=result, preview=docx_to_html(result.docx), pages_key=key)
    try:
        return file_response(dg, result, fmt, overrides)
    except pdfout.PdfUnavailable as exc:
        flash(f"{exc}. Скачайте DOCX.", "error")
        return _page(model, state, status=503)
    except DocgenError as exc:
        flash(f"PDF не сформирован: {exc}", "error")
        return _page(model, state, status=400)


def _page(
    model: forms.FormModel,
    state: formstate.FormState,
    *,
    status: int = 200,
    result: GenerationResult | None = None,
    preview=None,
    pages_key: str | None = None,
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
    ), status


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
    filename = result.display_name(extension)
    latin = result.filename.rsplit(".", 1)[0] + "." + extension
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{latin}\"; filename*=UTF-8''{quote(filename, safe='')}"
    )
    response.headers["Cache-Control"] = "no-store"
    return response
