"""docgen.ooxml.highlight: placeholders shown as highlighted runs."""

from __future__ import annotations

import pytest

from docgen.ooxml.highlight import highlight_placeholders
from docgen.placeholders import Missing

M = Missing("Номер акта")
SHOWN = "[не заполнено: Номер акта]"
HL = '<w:highlight w:val="yellow"/>'
T = '<w:t xml:space="preserve">'


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        (
            f"<w:r><w:t>№ {M}.</w:t></w:r>",
            f"<w:r>{T}№ </w:t></w:r><w:r><w:rPr>{HL}</w:rPr>{T}{SHOWN}</w:t></w:r><w:r>{T}.</w:t></w:r>",
        ),
        (
            f"<w:r><w:rPr><w:b/></w:rPr><w:t>{M}</w:t></w:r>",
            f"<w:r><w:rPr><w:b/></w:rPr>{T}</w:t></w:r><w:r><w:rPr><w:b/>{HL}</w:rPr>{T}{SHOWN}"
            f"</w:t></w:r><w:r><w:rPr><w:b/></w:rPr>{T}</w:t></w:r>",
        ),
        (
            f'<w:r w:rsidR="1"><w:rPr/><w:t>{M}</w:t></w:r>',
            f'<w:r w:rsidR="1"><w:rPr/>{T}</w:t></w:r><w:r w:rsidR="1"><w:rPr>{HL}</w:rPr>{T}'
            f'{SHOWN}</w:t></w:r><w:r w:rsidR="1"><w:rPr/>{T}</w:t></w:r>',
        ),
    ],
)
def test_a_placeholder_splits_its_run(run, expected):
    xml, labels = highlight_placeholders(f"<w:p>{run}</w:p>")
    assert xml == f"<w:p>{expected}</w:p>"
    assert labels == ["Номер акта"]


def test_runs_without_placeholders_stay_and_labels_come_once_in_order():
    other = Missing("Должность")
    xml = f"<w:p><w:r><w:t>а</w:t></w:r><w:r><w:t>{other} {M} {other}</w:t></w:r></w:p>"
    out, labels = highlight_placeholders(xml)
    assert out.startswith("<w:p><w:r><w:t>а</w:t></w:r>")
    assert out.count(HL) == 3
    assert labels == ["Должность", "Номер акта"]


def test_nothing_to_highlight():
    xml = "<w:p><w:r><w:t>а</w:t></w:r></w:p>"
    assert highlight_placeholders(xml) == (xml, [])


def test_two_placeholders_in_one_run_and_one_outside_any_run():
    other = Missing("Должность")
    xml = f"<w:p><w:r><w:t>{M}, {other}</w:t></w:r></w:p><w:p>{M}</w:p>"
    out, labels = highlight_placeholders(xml)
    assert out.count(HL) == 2
    assert out.endswith(f"<w:p>{M}</w:p>")  # -- not in a run: left as it is --
    assert labels == ["Номер акта", "Должность"]
