"""Formatting read back from a generated package (ГОСТ Р 7.0.97, gost.md §0.5, G-01…G-45)."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from lxml import etree

from shipped import generate


@pytest.fixture(scope="module")
def package(settings):
    result = generate("lenobl-mms", "leningrad/kirovsky", draft=True, settings=settings)
    return result.docx


@pytest.fixture(scope="module")
def doc(package):
    return docx.Document(io.BytesIO(package))


def effective(paragraph, attr):
    """Return a paragraph-format attribute resolved through the style chain."""
    value = getattr(paragraph.paragraph_format, attr)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, attr)
        style = style.base_style
    return value


def test_every_part_is_well_formed_xml(package):
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        assert zf.testzip() is None
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(zf.read(name))


def test_a4_portrait_with_gost_margins_in_every_section(doc):
    assert len(doc.sections) == 2  # the act and its appendix
    for section in doc.sections:
        assert section.orientation == WD_ORIENT.PORTRAIT
        assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
        margins = [
            round(m.mm)
            for m in (
                section.left_margin,
                section.right_margin,
                section.top_margin,
                section.bottom_margin,
            )
        ]
        assert margins == [30, 15, 20, 20]


def test_page_numbers_top_centre_from_the_second_page_of_each_part(doc):
    for section in doc.sections:
        assert section.different_first_page_header_footer
        assert round(section.header_distance.mm) >= 10
        header_xml = etree.tostring(section.header._element, encoding="unicode")
        assert "PAGE" in header_xml
        assert section.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
        first = etree.tostring(section.first_page_header._element, encoding="unicode")
        assert "PAGE" not in first
        pg = section._sectPr.find(qn("w:pgNumType"))
        assert pg is not None and pg.get(qn("w:start")) == "1"


def test_appendix_starts_a_new_section_on_a_new_page(doc):
    start_type = doc.sections[1].start_type
    assert start_type is None or start_type.name == "NEW_PAGE"


def test_one_font_times_new_roman_14_and_russian_language(package, doc):
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 14
    styles_xml = zipfile.ZipFile(io.BytesIO(package)).read("word/styles.xml").decode()
    assert 'w:val="ru-RU"' in styles_xml
    fonts = {f for f in __import__("re").findall(r'w:ascii="([^"]+)"', styles_xml)}
    assert fonts == {"Times New Roman"}
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            assert run.font.name in (None, "Times New Roman")


def test_body_text_justified_with_indent_and_single_spacing(doc):
    body = [p for p in doc.paragraphs if p.style.name == "Текст" and p.text.strip()]
    assert len(body) > 80
    for p in body:
        assert effective(p, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert abs(effective(p, "first_line_indent").cm - 1.25) < 0.01
        assert effective(p, "line_spacing") == 1.0
        assert effective(p, "space_after").pt == 0


def test_requisites_are_centred_without_indent(doc):
    head = doc.paragraphs[:8]
    for p in head:
        if p.text:
            assert effective(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
            assert not effective(p, "first_line_indent")
    assert doc.paragraphs[3].text == "РАСПОРЯЖЕНИЕ"
    assert doc.paragraphs[5].text == "от 23.05.2023 №\u00a0233"


def test_signature_position_left_name_at_right_margin(doc):
    sign = next(p for p in doc.paragraphs if p.style.name == "Подпись")
    assert sign.text == "Заместитель председателя комитета\tИ.В.\u00a0Носова"
    stops = list(sign.style.paragraph_format.tab_stops)
    section = doc.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    assert stops and stops[0].alignment == WD_TAB_ALIGNMENT.RIGHT
    assert abs(stops[0].position - width) < 36000  # 1 mm


def test_appendix_mark_block_at_the_right(doc):
    marks = [p for p in doc.paragraphs if p.style.name == "Гриф"]
    assert marks[0].text == "УТВЕРЖДЕНО"
    section = doc.sections[1]
    width = section.page_width - section.left_margin - section.right_margin
    block = width - effective(marks[0], "left_indent")
    assert block <= 7.5 * 360000 + 3600  # EMU: 7.5 cm


def test_clause_numbers_are_text_not_word_numbering(package):
    xml = zipfile.ZipFile(io.BytesIO(package)).read("word/document.xml").decode()
    assert "<w:numPr>" not in xml


def test_no_automatic_hyphenation(package):
    settings_xml = zipfile.ZipFile(io.BytesIO(package)).read("word/settings.xml").decode()
    assert '<w:autoHyphenation w:val="false"/>' in settings_xml


def test_font_is_configurable_per_variable_set(settings):
    result = generate(
        "lenobl-mms",
        "leningrad/kirovsky",
        {"format.font": "PT Astra Serif", "format.font_size": 13},
        draft=True,
        settings=settings,
    )
    doc = docx.Document(io.BytesIO(result.docx))
    assert doc.styles["Normal"].font.name == "PT Astra Serif"
    assert doc.styles["Normal"].font.size.pt == 13
