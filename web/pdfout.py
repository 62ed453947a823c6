"""PDF and the document package for the web: one warm LibreOffice per web process.

``docgen.pdf.shared_converter`` keeps one office per process; conversions in it run one
at a time. :func:`to_pdf` gives a generated document's PDF/A-2b, :func:`package_zip` the
package a user can file: the .docx, the PDF/A and ``manifest.json`` (what was made from
what: package, set, template versions, variables hash, checksums).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import json
import zipfile

from flask import current_app

from docgen import GenerationResult
from docgen.pdf import shared_converter, unavailable_reason


class PdfUnavailable(Exception):
    """PDF cannot be made on this server; the message says why, in Russian."""


@functools.cache
def available() -> str | None:
    """Return why PDF cannot be made here (Russian), or None when it can.

    Asked once per process: it starts a Python to look for LibreOffice's ``uno``.
    """
    return unavailable_reason()


def to_pdf(result: GenerationResult) -> bytes:
    """Return the PDF/A-2b of `result`; raise PdfUnavailable, or a DocgenError when
    LibreOffice fails (crash, time-out, a refused file)."""
    return convert(result.docx, result.display_name())


def convert(docx: bytes, name: str) -> bytes:
    """Return the PDF/A-2b of the .docx `docx` (`name` in messages)."""
    reason = available()
    if reason is not None:
        raise PdfUnavailable(f"PDF на этом сервере не формируется: {reason}")
    converter = shared_converter(timeout=current_app.config["PDF_TIMEOUT"])
    return converter.docx_to_pdf(docx, name).pdf


def package_zip(result: GenerationResult, pdf: bytes) -> bytes:
    """Return the ZIP of the document package: .docx, PDF/A and ``manifest.json``."""
    docx_name = result.display_name("docx")
    pdf_name = result.display_name("pdf")
    manifest = {
        "package": result.package.id,
        "title": result.package.title,
        "set": result.set_id,
        "draft": result.draft,
        "missing": list(result.missing),
        "templates": [{"id": t.id, "sha256": t.content_hash} for t in result.templates],
        "variables_sha256": result.variables_hash,
        "created": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "files": {
            docx_name: hashlib.sha256(result.docx).hexdigest(),
            pdf_name: hashlib.sha256(pdf).hexdigest(),
        },
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(docx_name, result.docx)
        zf.writestr(pdf_name, pdf)
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return buffer.getvalue()
