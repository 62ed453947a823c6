"""PDF output: PDF/A-2b through a warm LibreOffice, and page checks on the rendered PDF.

::

    from docgen.pdf import OfficeConverter, check_pdf

    with OfficeConverter(timeout=60) as office:
        result = office.docx_to_pdf(docx_bytes)   # .pdf (bytes), .substitutions, .notes
    findings = check_pdf(result.pdf, docx_bytes)  # P-01…P-04 as docgen Findings

Pool workers use :func:`shared_converter` (one office per process). Conversion needs
LibreOffice Writer and the system Python's ``uno`` module (Debian
``libreoffice-writer-nogui``, ``python3-uno``); :func:`unavailable_reason` says what is
missing. Reading a PDF (page checks, fonts, PDF/A) needs poppler (``poppler-utils``).
"""

from __future__ import annotations

from .fonts import FontSubstitution, requested_fonts
from .office import (
    OfficeConverter,
    PdfResult,
    shared_converter,
    unavailable_reason,
)
from .pages import PAGE_RULES, PageLimits, check_pages, check_pdf
from .reader import Page, PdfFont, PdfReadError, pdf_fonts, pdfa_part, read_pages
from .sections import SectionFormat, declared_sections

__all__ = [
    "PAGE_RULES",
    "FontSubstitution",
    "OfficeConverter",
    "Page",
    "PageLimits",
    "PdfFont",
    "PdfReadError",
    "PdfResult",
    "SectionFormat",
    "check_pages",
    "check_pdf",
    "declared_sections",
    "pdf_fonts",
    "pdfa_part",
    "read_pages",
    "requested_fonts",
    "shared_converter",
    "unavailable_reason",
]
