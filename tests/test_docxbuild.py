"""The template builder: markup → .docx with docgen's styles, sections and tables."""

from __future__ import annotations

import zipfile

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from docgen import layout
from docgen.docxbuild import build_docx, markup_text
from docgen.errors import TemplateError

from paths import REPO

MARKUP = """# комментарий
.blank Администрация
.kind РАСПОРЯЖЕНИЕ
Текст с {{ act.number }}.
.sign Председатель\\tИ.О.\u00a0Фамилия
.section landscape
.markland УТВЕРЖДЕН
.table 10,90
|! № | Мероприятие
|= Направление 1
| 1. | Первое
.endtable
"""


def test_paragraphs_styles_and_sections(tmp_path):
    path = tmp_path / "t.docx"
    build_docx(MARKUP, path)
    doc = docx.Document(path)
    texts = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert texts[:5] == [
        ("Бланк", "Администрация"),
        ("Вид акта", "РАСПОРЯЖЕНИЕ"),
        ("Текст", "Текст с {{ act.number }}."),
        ("Подпись", "Председатель\tИ.О.\u00a0Фамилия"),
        ("Гриф альбомный", "УТВЕРЖДЕН"),
    ]
    assert [s.orientation for s in doc.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    land = doc.sections[1]
    assert land.page_width > land.page_height


def test_tables_repeat_header_never_split_and_merge_group_rows(tmp_path):
    path = tmp_path / "t.docx"
    build_docx(MARKUP, path)
    table = docx.Document(path).tables[0]
    rows = table.rows
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows)
    span = rows[1].cells[0]._tc.tcPr.find(qn("w:gridSpan"))
    assert span is not None and span.get(qn("w:val")) == "2"
    assert [c.text for c in rows[2].cells] == ["1.", "Первое"]


def test_vertical_and_horizontal_merges(tmp_path):
    path = tmp_path / "t.docx"
    build_docx(
        ".table 10,50,20,20\n|! № | Показатель | Значение | <\n|! ^ | ^ | 2024 | 2025\n"
        "| 1. | Доля | 10 | 20\n.endtable",
        path,
    )
    table = docx.Document(path).tables[0]
    head = table.rows[0]._tr
    assert head.tc_lst[-1].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "2"
    second = table.rows[1]._tr.tc_lst
    assert second[0].tcPr.find(qn("w:vMerge")) is not None
    assert [c.text for c in table.rows[2].cells] == ["1.", "Доля", "10", "20"]
    assert table.cell(0, 2).text == "Значение"


def test_orientation_of_the_first_section(tmp_path):
    path = tmp_path / "t.docx"
    build_docx(".orientation landscape\nТекст", path)
    section = docx.Document(path).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        (".nosuch текст", "неизвестный стиль «.nosuch»"),
        (
            ".table 10,90\n| только одна\n.endtable",
            "t.txt:2: в строке таблицы 1 ячеек, а столбцов 2",
        ),
        (".table 10,90\n| a | b", "не закрыта"),
        (".table x,y", "ширины столбцов"),
        (".section sideways", "ориентация раздела"),
    ],
)
def test_markup_errors_name_the_line(tmp_path, markup, message):
    with pytest.raises(TemplateError, match=message):
        build_docx(markup, tmp_path / "t.docx", source="t.txt")
    assert not (tmp_path / "t.docx").exists()


def test_markup_text_lists_paragraph_texts():
    assert markup_text(MARKUP)[:3] == ["Администрация", "РАСПОРЯЖЕНИЕ", "Текст с {{ act.number }}."]


def test_pagination_properties_in_the_styles(tmp_path):
    path = tmp_path / "t.docx"
    build_docx(MARKUP, path)
    doc = docx.Document(path)
    for style_def in layout.STYLES.values():
        fmt = doc.styles[style_def.name].paragraph_format
        assert bool(fmt.keep_with_next) is style_def.keep_with_next, style_def.name
    assert doc.styles["Normal"].paragraph_format.widow_control is layout.WIDOW_CONTROL
    defaults = doc.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:widowControl')}"
    )
    assert defaults is not None
    assert {s.name for s in layout.STYLES.values() if s.keep_with_next} >= {
        "Заголовок к тексту",
        "Заголовок документа",
        "Заголовок раздела",
    }


@pytest.mark.parametrize(
    "source", sorted((REPO / "templates_docx" / "src").glob("*.txt")), ids=lambda p: p.stem
)
def test_shipped_templates_are_what_the_builder_makes_of_their_sources(tmp_path, source):
    fresh = tmp_path / "fresh.docx"
    build_docx(source.read_text(encoding="utf-8"), fresh)
    shipped = REPO / "templates_docx" / f"{source.stem}.docx"
    with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(shipped) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            if name != "docProps/core.xml":  # -- the build time --
                assert a.read(name) == b.read(name), (
                    f"{name}: пересоберите: python tools/build_templates.py {source.stem}"
                )
