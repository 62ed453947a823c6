"""docgen.ooxml.formatting: a paragraph's text, page breaks and effective formatting."""

from __future__ import annotations

import pytest

from docgen.ooxml.formatting import header_numbering, read_paragraph
from docgen.ooxml.ns import W_NS
from docgen.ooxml.stylesheet import StyleSheet
from docgen.ooxml.tree import parse

STYLES = (
    f'<w:styles xmlns:w="{W_NS}">'
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" '
    'w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/>'
    '<w:pPr><w:jc w:val="both"/><w:ind w:firstLine="709"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="h"><w:name w:val="Заголовок"/>'
    '<w:basedOn w:val="a"/><w:pPr><w:jc w:val="center"/><w:ind w:firstLine="0"/>'
    "<w:pageBreakBefore/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"
    '<w:style w:type="table" w:styleId="t"><w:name w:val="Сетка"/>'
    '<w:rPr><w:sz w:val="24"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="c"><w:name w:val="Прописные"/>'
    '<w:rPr><w:caps/><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="f"><w:name w:val="Нижний колонтитул"/>'
    '<w:pPr><w:jc w:val="right"/></w:pPr></w:style>'
    "</w:styles>"
).encode()


@pytest.fixture(scope="module")
def sheet() -> StyleSheet:
    return StyleSheet(STYLES)


def paragraph(xml: str):
    return parse(f'<w:body xmlns:w="{W_NS}">{xml}</w:body>')[0]


def test_text_with_tabs_breaks_and_non_breaking_hyphens(sheet):
    read = read_paragraph(
        paragraph(
            "<w:p><w:r><w:t>а</w:t><w:tab/><w:t>б</w:t><w:br/><w:t>в</w:t>"
            "<w:noBreakHyphen/><w:t>г</w:t><w:cr/></w:r>"
            '<w:hyperlink><w:r><w:t xml:space="preserve"> д</w:t></w:r></w:hyperlink>'
            "<w:sdt><w:sdtContent><w:r><w:t>е</w:t></w:r></w:sdtContent></w:sdt></w:p>"
        ),
        sheet,
    )
    assert read.text == "а\tб\nв\u2011г\n де"
    assert read.page_break is None and not read.ends_section


@pytest.mark.parametrize(
    ("runs", "expected"),
    [
        ('<w:r><w:t>до</w:t><w:br w:type="page"/></w:r>', "after"),
        ('<w:r><w:br w:type="page"/><w:t>после</w:t></w:r>', "before"),
        ('<w:r><w:t xml:space="preserve">  </w:t><w:br w:type="page"/></w:r>', "before"),
    ],
)
def test_page_break_in_the_runs(sheet, runs, expected):
    assert read_paragraph(paragraph(f"<w:p>{runs}</w:p>"), sheet).page_break == expected


def test_formatting_through_the_style_chain(sheet):
    read = read_paragraph(
        paragraph('<w:p><w:pPr><w:pStyle w:val="h"/></w:pPr><w:r><w:t>Глава</w:t></w:r></w:p>'),
        sheet,
    )
    assert (read.style_id, read.style) == ("h", "Заголовок")
    fmt = read.format
    assert (fmt.align, fmt.first_line, fmt.page_break_before) == ("center", 0, True)
    assert fmt.direct == frozenset()
    assert [(r.visible, r.font, r.size, r.bold, r.caps) for r in read.runs] == [
        (5, "Times New Roman", 14.0, True, False)
    ]


def test_direct_formatting_wins_and_is_named(sheet):
    read = read_paragraph(
        paragraph(
            '<w:p><w:pPr><w:jc w:val="right"/><w:spacing w:line="360" w:lineRule="exact"/>'
            '<w:sectPr/></w:pPr><w:r><w:rPr><w:rStyle w:val="c"/><w:sz w:val="24"/></w:rPr>'
            "<w:t>А Б</w:t></w:r></w:p>"
        ),
        sheet,
    )
    fmt = read.format
    assert (fmt.align, fmt.first_line, fmt.line, fmt.line_rule) == ("right", 709, 360, "exact")
    assert fmt.direct == {"align", "line", "line_rule"}
    assert read.style == "Normal" and read.ends_section
    # -- run: direct size over the character style over the paragraph's; spaces not counted --
    assert [(r.visible, r.font, r.size, r.caps) for r in read.runs] == [(2, "Arial", 12.0, True)]


def test_word_defaults_where_nothing_is_set():
    read = read_paragraph(
        paragraph("<w:p><w:r><w:t>x</w:t></w:r><w:r><w:t> </w:t></w:r></w:p>"), StyleSheet(None)
    )
    fmt = read.format
    assert (fmt.align, fmt.first_line, fmt.left, fmt.right) == ("left", 0, 0, 0)
    assert (fmt.line, fmt.line_rule, fmt.before, fmt.after) == (240, "auto", 0, 0)
    assert (fmt.tabs, fmt.numbered, fmt.page_break_before) == ((), False, False)
    assert read.style is None
    # -- a run of spaces has no visible text --
    assert [(r.visible, r.font, r.size, r.bold) for r in read.runs] == [(1, None, 10.0, False)]


def test_table_style_sits_between_defaults_and_the_paragraph_style(sheet):
    p = paragraph("<w:p><w:r><w:t>ячейка</w:t></w:r></w:p>")
    assert read_paragraph(p, sheet, "t").runs[0].size == 12.0
    assert read_paragraph(p, sheet).runs[0].size == 14.0


def header(xml: str):
    return parse(f'<w:hdr xmlns:w="{W_NS}">{xml}</w:hdr>')


def test_header_with_a_simple_page_field(sheet):
    read = header_numbering(
        header(
            '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:fldSimple w:instr=" PAGE  \\* MERGEFORMAT">'
            "<w:r><w:t>2</w:t></w:r></w:fldSimple></w:p>"
        ),
        sheet,
    )
    assert (read.has_page, read.align, read.literal) == (True, "center", "")


def test_header_with_a_complex_field_takes_its_style_alignment(sheet):
    read = header_numbering(
        header(
            '<w:p><w:pPr><w:pStyle w:val="f"/></w:pPr><w:r><w:t>Стр. </w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText>'
            '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        ),
        sheet,
    )
    assert (read.has_page, read.align, read.literal) == (True, "right", "Стр.")


def test_header_without_a_page_number(sheet):
    read = header_numbering(
        header(
            '<w:p><w:fldSimple w:instr=" DATE "><w:r><w:t>01.01.2025</w:t></w:r></w:fldSimple>'
            "</w:p><w:p><w:r><w:t>Проект</w:t></w:r></w:p><w:p><w:r><w:t> 2 </w:t></w:r></w:p>"
        ),
        sheet,
    )
    assert (read.has_page, read.align, read.literal) == (False, None, "Проект 2")
