"""A .docx made by hand, not by docgen: no docgen style names, requisites in borderless
tables and lines broken with Shift+Enter. The structure must still be found."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.text import WD_BREAK

from docgen.checks import check_docx, model_from_docx

NB = "\u00a0"


@pytest.fixture(scope="module")
def user_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("КОМИТЕТ ОБРАЗОВАНИЯ")
    document.add_paragraph("РАСПОРЯЖЕНИЕ")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "23.05.2023"
    table.cell(0, 1).text = f"№{NB}233"
    document.add_paragraph("Об утверждении Положения о методической службе")
    document.add_paragraph("В целях развития методической службы:")
    document.add_paragraph(
        "1. Утвердить Положение о методической службе согласно приложению "
        "к настоящему распоряжению."
    )
    document.add_paragraph("2. Контроль за исполнением настоящего распоряжения оставляю за собой.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Председатель комитета"
    table.cell(0, 1).text = f"И.В.{NB}Носова"
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 1).text = f"Приложение\nк распоряжению комитета\nот 23.05.2023 №{NB}233"
    document.add_paragraph("ПОЛОЖЕНИЕ\nо методической службе")
    document.add_paragraph("1. Общие положения")
    document.add_paragraph("1.1. Положение о методической службе определяет ее задачи.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_requisites_in_tables_are_found(user_docx):
    model = model_from_docx(user_docx)
    assert [(p.kind, p.label) for p in model.parts] == [
        ("act", "распоряжение"),
        ("appendix", "приложение"),
    ]
    roles = {p.clean: p.role for p in model.paragraphs if not p.empty}
    assert roles["23.05.2023"] == roles[f"№{NB}233"] == "datenum"
    assert roles["Председатель комитета"] == roles[f"И.В.{NB}Носова"] == "sign"
    assert roles[f"Приложение\nк распоряжению комитета\nот 23.05.2023 №{NB}233"] == "mark"
    assert roles["ПОЛОЖЕНИЕ\nо методической службе"] == "doctitle"


def test_no_structural_false_alarms(user_docx):
    structural = {
        "G-21",
        "G-22",
        "G-25",
        "G-33",
        "G-34",
        "G-35",
        "G-37",
        "G-38",
        "G-47",
        "G-48",
        "T-08",
    }
    found = [f for f in check_docx(user_docx, layout=False) if f.rule in structural]
    assert found == []


def test_python_docx_defaults_break_the_layout_rules(user_docx):
    rules = {f.rule for f in check_docx(user_docx, text=False)}
    # -- python-docx's default: Letter paper, Calibri 11, left-aligned text --
    assert {"G-01", "G-07", "G-12"} <= rules
