"""The neutral model: effective .docx formatting through style inheritance, sections and
headers, tables, and the classifier's parts and roles (on the seeds and on a .docx)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from docgen.checks import model_from_docx, model_from_text
from docgen.checks.docx_reader import read_docx
from docgen.ooxml.stylesheet import StyleSheet

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def styled() -> bytes:
    """A document with a chain «Дочерний» → «Родитель» → Normal and docDefaults 11 pt."""
    document = docx.Document()
    parent = document.styles.add_style("Родитель", WD_STYLE_TYPE.PARAGRAPH)
    parent.paragraph_format.first_line_indent = Cm(1.25)
    parent.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    parent.font.size = Pt(14)
    child = document.styles.add_style("Дочерний", WD_STYLE_TYPE.PARAGRAPH)
    child.base_style = parent
    child.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("наследует отступ", style="Дочерний")
    direct = document.add_paragraph("прямое форматирование", style="Дочерний")
    direct.paragraph_format.first_line_indent = Cm(0)
    direct.runs[0].font.size = Pt(12)
    document.add_paragraph("без стиля")
    return _save(document)


def test_value_comes_from_the_based_on_chain(styled):
    first = read_docx(styled).paragraphs[0]
    assert first.style == "Дочерний"
    assert first.fmt.align == "center"
    assert first.fmt.first_line == pytest.approx(1.25, abs=0.01)
    assert first.fmt.sizes == {14.0: len("наследуетотступ")}
    assert first.fmt.direct == frozenset()


def test_direct_formatting_wins(styled):
    second = read_docx(styled).paragraphs[1]
    assert second.fmt.first_line == 0
    assert second.fmt.direct == {"first_line"}
    assert set(second.fmt.sizes) == {12.0}


def test_doc_defaults_apply_without_a_style(styled):
    third = read_docx(styled).paragraphs[2]
    assert third.style == "Normal"
    assert third.fmt.align == "left"
    assert set(third.fmt.sizes) == {11.0}


def test_theme_fonts_are_resolved(styled):
    fonts = read_docx(styled).paragraphs[2].fmt.fonts
    assert "?" not in fonts and len(fonts) == 1


def test_style_sheet_merges_tab_stops():
    xml = b"""<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:style w:type="paragraph" w:styleId="a"><w:name w:val="A"/>
        <w:pPr><w:tabs>
          <w:tab w:val="right" w:pos="9355"/><w:tab w:val="left" w:pos="100"/>
        </w:tabs></w:pPr>
      </w:style>
      <w:style w:type="paragraph" w:styleId="b"><w:name w:val="B"/><w:basedOn w:val="a"/>
        <w:pPr><w:tabs><w:tab w:val="clear" w:pos="100"/></w:tabs></w:pPr>
      </w:style></w:styles>"""
    sheet = StyleSheet(xml)
    assert sheet.chain("b")[0]["tabs"] == [("right", 9355)]


def test_sections_headers_and_page_breaks(base_docx):
    model = read_docx(base_docx)
    assert [round(s.width) for s in model.sections] == [210, 210, 297]
    assert [s.orient for s in model.sections] == ["portrait", "portrait", "landscape"]
    assert all(s.title_pg and s.headers["default"].has_page for s in model.sections)
    assert not any(s.headers["first"].has_page for s in model.sections)
    starts = [p for p in model.paragraphs if p.new_page]
    assert [p.text for p in starts] == ["УТВЕРЖДЕНО", "УТВЕРЖДЕН"]


def test_header_is_inherited_from_the_previous_section():
    document = docx.Document()
    header = document.sections[0].header
    run = header.paragraphs[0].add_run()
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run._r.append(field)
    document.add_paragraph("первый раздел")
    document.add_section()
    document.add_paragraph("второй раздел")
    model = read_docx(_save(document))
    assert model.sections[1].headers["default"].has_page


def test_page_break_starts_a_new_page():
    document = docx.Document()
    document.add_paragraph("до").add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("после")
    paragraphs = read_docx(_save(document)).paragraphs
    assert [p.new_page for p in paragraphs] == [False, True]


def test_table_header_rows_and_cells(base_docx):
    model = read_docx(base_docx)
    table = model.tables[0]
    assert (table.rows, table.cols, table.header_rows, table.cant_split) == (6, 5, 1, 6)
    cell = next(p for p in model.paragraphs if p.text == "1.1.")
    assert cell.position() == "таблица 1, строка 3, ячейка 1"


def test_text_lines_keep_their_numbers():
    model = model_from_text("первая\n\n  \nчетвёртая\n")
    assert [(p.line, p.empty) for p in model.paragraphs] == [
        (1, False),
        (2, True),
        (3, True),
        (4, False),
    ]


PARTS = [
    ("000", [("act", "распоряжение", 3), ("appendix", "приложение", 23)]),
    ("001", [("appendix", "приложение", 5)]),
    (
        "002",
        [("act", "приказ", 5), ("appendix", "приложение 1", 48), ("appendix", "приложение 2", 349)],
    ),
    ("003", [("appendix", "приложение 1", 1)]),
    ("004", [("appendix", "приложение 3", 3)]),
]


@pytest.mark.parametrize(("seed", "parts"), PARTS)
def test_seed_parts(seed, parts):
    model = model_from_text(_seed(seed))
    assert [(p.kind, p.label, p.body()[0].line) for p in model.parts] == parts


ROLES = [
    ("000", 7, "kind"),
    ("000", 9, "datenum"),
    ("000", 11, "title"),
    ("000", 13, "preamble"),
    ("000", 15, "clause"),
    ("000", 21, "sign"),
    ("000", 24, "doctitle"),
    ("000", 27, "heading"),
    ("000", 31, "item"),
    ("002", 17, "order"),
    ("002", 44, "sign"),
    ("002", 325, "tabrow"),
    ("002", 351, "mark"),
    ("002", 362, "extra"),
    ("003", 5, "mark"),
    ("001", 15, "item"),
]


@pytest.mark.parametrize(("seed", "line", "role"), ROLES)
def test_seed_roles(seed, line, role):
    model = model_from_text(_seed(seed))
    assert model.paragraphs[line - 1].role == role


def test_docx_roles_follow_docgen_styles(base_docx):
    roles = {p.clean: p.role for p in model_from_docx(base_docx).paragraphs if not p.empty}
    assert roles["КОМИТЕТ ОБРАЗОВАНИЯ"] == "blank"
    assert roles["УТВЕРЖДЕНО"] == "mark"
    assert roles["1. Общие положения"] == "heading"
    assert roles["ПЛАН МЕРОПРИЯТИЙ («ДОРОЖНАЯ КАРТА»)"] == "doctitle"


def _seed(number: str) -> str:
    path = next(SEEDS.glob(f"{number}_*.txt"))
    return path.read_text(encoding="utf-8")
