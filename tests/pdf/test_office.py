"""The warm converter: PDF/A-2b with embedded fonts, the font report, one office reused."""

from __future__ import annotations

import io
import multiprocessing
import os
import re
import sys
import zipfile

import docx as python_docx
import pytest

from docgen.errors import ConversionError
from docgen.pdf import (
    OfficeConverter,
    pdf_fonts,
    pdfa_part,
    read_pages,
    requested_fonts,
    shared_converter,
)
from docgen.pdf.fonts import FontSubstitution, fc_match, substitutions
from docgen.pdf.office import find_soffice

from shipped import generate


@pytest.fixture(scope="module")
def kirovsky() -> bytes:
    return generate("lenobl-mms", "leningrad/kirovsky").docx


def _squash(text: str) -> str:
    return "".join(text.split())


def _title(docx: bytes) -> str:
    document = python_docx.Document(io.BytesIO(docx))
    (title,) = [p.text for p in document.paragraphs if p.style.name == "Заголовок к тексту"]
    return title


def test_act_becomes_pdfa_2b_with_every_font_embedded(office, kirovsky):
    result = office.docx_to_pdf(kirovsky)
    assert result.pdf.startswith(b"%PDF")
    assert pdfa_part(result.pdf) == ("2", "B")
    used = pdf_fonts(result.pdf)
    assert used and all(font.embedded for font in used), used
    text = _squash(" ".join(line.text for page in read_pages(result.pdf) for line in page.lines))
    assert _squash(_title(kirovsky)) in text
    assert "УТВЕРЖДЕНО" in text


def test_font_report_follows_what_this_machine_has(office, kirovsky):
    assert requested_fonts(kirovsky) == ("Times New Roman",)
    result = office.docx_to_pdf(kirovsky)
    installed = fc_match("Times New Roman")
    embedded = {font.name.split("-")[0] for font in pdf_fonts(result.pdf)}
    if installed == "Times New Roman":
        assert result.substitutions == () and result.notes == []
    else:
        assert result.substitutions == (FontSubstitution("Times New Roman", installed),)
        assert embedded == {installed.replace(" ", "")}
        (note,) = result.notes
        assert "Times New Roman" in note and installed in note
        assert ("метрически совместимый" in note) == (installed == "Liberation Serif")


def test_substitutions_compare_names_without_case():
    table = {"Times New Roman": "Liberation Serif", "PT Astra Serif": "pt astra serif"}
    found = substitutions(["Times New Roman", "PT Astra Serif", "Unknown"], table.get)
    assert found == (FontSubstitution("Times New Roman", "Liberation Serif"),)
    assert found[0].metric_compatible
    assert not FontSubstitution("Times New Roman", "DejaVu Serif").metric_compatible
    assert "метрики отличаются" in str(FontSubstitution("Times New Roman", "DejaVu Serif"))


def test_theme_fonts_resolve_through_the_theme_part(markup):
    docx = markup("Текст.")
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/styles.xml":
                data = data.replace(
                    b'w:ascii="Times New Roman" w:hAnsi="Times New Roman"',
                    b'w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"',
                )
            dst.writestr(name, data)
    assert "word/theme/theme1.xml" in src.namelist()
    theme = src.read("word/theme/theme1.xml").decode("utf-8")
    (minor,) = re.findall(r'<a:minorFont>\s*<a:latin typeface="([^"]+)"', theme)
    assert minor != "Times New Roman"
    assert requested_fonts(out.getvalue()) == (minor,)


def test_one_office_serves_every_document(needs_office, office_processes, kirovsky):
    with OfficeConverter(timeout=60) as office:
        office.docx_to_pdf(kirovsky)
        pid = office.pid
        for _ in range(2):
            office.docx_to_pdf(kirovsky)
        assert office.pid == pid and office.starts == 1
        folder = office._tmp
        assert sorted(p.name for p in (folder / "io").iterdir()) == []
        assert "soffice.bin" in office_processes(pid)
    assert office.pid is None and not folder.exists()
    assert office_processes(pid) == []


def test_not_a_docx_is_refused_and_the_office_keeps_working(office, kirovsky):
    with pytest.raises(ConversionError) as caught:
        office.docx_to_pdf(b"plain text", name="x.docx")
    assert caught.value.reason == "failed" and str(caught.value).startswith("x.docx: ")
    assert "не документ .docx" in caught.value.message
    assert pdfa_part(office.docx_to_pdf(kirovsky).pdf) == ("2", "B")


def test_missing_office_or_uno_is_a_russian_error(kirovsky):
    with pytest.raises(ConversionError) as caught:
        OfficeConverter(soffice="/nonexistent/soffice").docx_to_pdf(kirovsky)
    assert caught.value.reason == "unavailable" and "LibreOffice не найден" in str(caught.value)
    if find_soffice() is None:
        return
    # -- docgen's own interpreter has no ``uno`` (it is not the system Python) --
    with OfficeConverter(python=sys.executable, start_timeout=20) as office:
        with pytest.raises(ConversionError) as caught:
            office.docx_to_pdf(kirovsky)
    assert caught.value.reason == "unavailable"
    assert "не запустился" in caught.value.message and "uno" in caught.value.message


def _child_office(docx: bytes) -> tuple[int, int, bool]:
    office = shared_converter(timeout=60)
    pdf = office.docx_to_pdf(docx).pdf
    return os.getpid(), office.pid, shared_converter() is office and pdf.startswith(b"%PDF")


def test_shared_converter_is_one_per_process(needs_office, office_processes, kirovsky):
    mine = shared_converter(timeout=60)
    try:
        assert shared_converter() is mine
        mine.docx_to_pdf(kirovsky)
        context = multiprocessing.get_context("fork")
        with context.Pool(1) as pool:
            child, child_office, same = pool.apply(_child_office, (kirovsky,))
            pool.close()
            pool.join()
        assert child != os.getpid() and same
        assert child_office not in (None, mine.pid)
        # -- the worker's office went away with the worker; the parent's is still there --
        assert office_processes(child_office) == []
        assert "soffice.bin" in office_processes(mine.pid)
    finally:
        mine.close()
