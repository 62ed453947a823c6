"""PDF and the signature-ready package for the web: one warm LibreOffice per web process.

``docgen.pdf.shared_converter`` keeps one office per process; conversions in it run one
at a time. :func:`output` gives a generated document as DOCX, PDF/A-2b or the package ZIP
(DOCX, PDF/A, ``manifest.json``) through ``docgen.produce`` — the same files as
``docgen generate -o act.zip``, so ``docgen verify`` checks a package downloaded here.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from flask import current_app

from docgen import Docgen, GenerationResult, produce
from docgen.pdf import shared_converter, unavailable_reason


class PdfUnavailable(Exception):
    """PDF cannot be made on this server; the message says why, in Russian."""


@functools.cache
def available() -> str | None:
    """Return why PDF cannot be made here (Russian), or None when it can.

    Asked once per process: it starts a Python to look for LibreOffice's ``uno``.
    """
    return unavailable_reason()


def output(
    dg: Docgen, result: GenerationResult, fmt: str, overrides: Mapping[str, Any] | None = None
) -> bytes:
    """Return `result` as `fmt` (docx, pdf, zip); raise PdfUnavailable, or a DocgenError
    when LibreOffice fails (crash, time-out, a refused file)."""
    if fmt == "docx":
        return result.docx
    _office_or_raise()
    office = shared_converter(timeout=current_app.config["PDF_TIMEOUT"])
    return produce(dg, result, fmt, office=office, overrides=overrides).data


def convert(docx: bytes, name: str) -> bytes:
    """Return the PDF/A-2b of the .docx `docx` (`name` in messages)."""
    _office_or_raise()
    converter = shared_converter(timeout=current_app.config["PDF_TIMEOUT"])
    return converter.docx_to_pdf(docx, name).pdf


def _office_or_raise() -> None:
    reason = available()
    if reason is not None:
        raise PdfUnavailable(f"PDF на этом сервере не формируется: {reason}")
