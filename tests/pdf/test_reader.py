"""Reading a PDF with poppler: fonts and their embedding, PDF/A identification, lines.

The PDF here is written by the test itself (one page, a standard font not embedded), so
these tests need poppler but not LibreOffice.
"""

from __future__ import annotations

import os
import shutil

import pytest

from docgen.pdf import PdfReadError, pdf_fonts, pdfa_part, read_pages


@pytest.fixture(autouse=True)
def _poppler():
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail("тесты PDF обязательны в CI: нет poppler-utils", pytrace=False)
        pytest.skip("нет poppler-utils")


def tiny_pdf(*lines: tuple[float, float, str], size=(595, 842)) -> bytes:
    """Return a one-page PDF showing each (x, y from the top, text) in Helvetica."""
    ops = "".join(f"BT /F1 12 Tf {x} {size[1] - y} Td ({text}) Tj ET\n" for x, y, text in lines)
    objects = [
        "<</Type/Catalog/Pages 2 0 R>>",
        "<</Type/Pages/Kids[3 0 R]/Count 1>>",
        f"<</Type/Page/Parent 2 0 R/MediaBox[0 0 {size[0]} {size[1]}]"
        "/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>",
        "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
        f"<</Length {len(ops)}>>\nstream\n{ops}endstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_font_not_embedded_is_reported():
    assert [(f.name, f.embedded) for f in pdf_fonts(tiny_pdf((72, 100, "Hello")))] == [
        ("Helvetica", False)
    ]


def test_pdf_without_xmp_is_not_pdfa():
    assert pdfa_part(tiny_pdf((72, 100, "Hello"))) is None


def test_lines_segments_and_page_numbers():
    pdf = tiny_pdf(
        (290, 40, "2"),  # -- a page number in the top margin --
        (85, 100, "Chairman"),
        (450, 100, "I.V. Nosova"),  # -- a tab's worth of gap: two segments --
        (85, 116, "one two three"),
        (290, 830, "2"),  # -- a page number in the bottom margin --
        (300, 400, "7"),  # -- digits in the body are text --
    )
    (page,) = read_pages(pdf)
    assert (round(page.width_mm), round(page.height_mm), page.landscape) == (210, 297, False)
    assert [line.text for line in page.lines] == ["Chairman I.V. Nosova", "one two three", "7"]
    assert [s.text for s in page.lines[0].segments] == ["Chairman", "I.V. Nosova"]
    assert len(page.lines[1].segments) == 1


def test_landscape_page():
    (page,) = read_pages(tiny_pdf((85, 100, "Wide"), size=(842, 595)))
    assert page.landscape and round(page.width_mm) == 297


def test_not_a_pdf_is_a_russian_error():
    with pytest.raises(PdfReadError) as caught:
        read_pages(b"not a pdf")
    assert "не читается как PDF" in str(caught.value)
