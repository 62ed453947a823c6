"""docgen.ooxml.pagination: keep-with-next on lead-ins and before the signature."""

from __future__ import annotations

import pytest

from docgen.ooxml import pagination


def p(text: str = "", style: str = "Текст", keep: bool = False) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/>{"<w:keepNext/>" if keep else ""}</w:pPr>'
    run = f"<w:r><w:t>{text}</w:t></w:r>" if text else ""
    return f"<w:p>{props}{run}</w:p>"


def cell(*paragraphs: str) -> str:
    return f"<w:tbl><w:tr><w:tc>{''.join(paragraphs)}</w:tc></w:tr></w:tbl>"


LEAD_INS = [
    # (body, body with keep-with-next where it belongs)
    (
        p("3.2. Задачами МИМС являются:") + p("1) первая;"),
        p("3.2. Задачами МИМС являются:", keep=True) + p("1) первая;"),
    ),
    (p("ПРИКАЗЫВАЮ: ") + p("1. Утвердить."), p("ПРИКАЗЫВАЮ: ", keep=True) + p("1. Утвердить.")),
    # -- the colon in the middle of the text, or not at its end --
    (p("Срок: 2024 год.") + p("далее"), p("Срок: 2024 год.") + p("далее")),
    # -- the text goes on in a later run --
    (
        "<w:p><w:r><w:t>а:</w:t></w:r><w:r><w:t>б</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>а:</w:t></w:r><w:r><w:t>б</w:t></w:r></w:p>",
    ),
    # -- only a space follows in a later run; a tab run does not count as text --
    (
        "<w:p><w:r><w:t>а:</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t> </w:t></w:r></w:p>",
        "<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t>а:</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t> </w:t></w:r></w:p>",
    ),
    # -- already kept: not doubled; an explicit «off» is the editor's choice --
    (p("а:", keep=True), p("а:", keep=True)),
    (
        '<w:p><w:pPr><w:keepNext w:val="0"/></w:pPr><w:r><w:t>а:</w:t></w:r></w:p>',
        '<w:p><w:pPr><w:keepNext w:val="0"/></w:pPr><w:r><w:t>а:</w:t></w:r></w:p>',
    ),
    # -- in a table cell: left alone (there it would tie rows together) --
    (cell(p("Показатели:")) + p("б:"), cell(p("Показатели:")) + p("б:", keep=True)),
    (
        "<w:tbl><w:tr><w:tc>" + cell(p("а:")) + p("б:") + "</w:tc></w:tr></w:tbl>" + p("в:"),
        "<w:tbl><w:tr><w:tc>"
        + cell(p("а:"))
        + p("б:")
        + "</w:tc></w:tr></w:tbl>"
        + p("в:", keep=True),
    ),
]


@pytest.mark.parametrize(("body", "expected"), LEAD_INS)
def test_keep_lead_ins_with_next(body, expected):
    assert pagination.keep_lead_ins_with_next(body) == expected


SIGN = p("Председатель\tИ.И. Иванов", style="Подпись")

SIGNATURES = [
    (
        p("4. Контроль оставляю за собой.") + p() + p() + SIGN,
        p("4. Контроль оставляю за собой.", keep=True) + p(keep=True) + p(keep=True) + SIGN,
    ),
    # -- only back to the last paragraph with text --
    (
        p("3. Третий.") + p("4. Четвёртый.") + SIGN,
        p("3. Третий.") + p("4. Четвёртый.", keep=True) + SIGN,
    ),
    # -- line breaks between elements (left by Jinja tags) do not stop the walk --
    (
        p("4. Контроль.") + "\n" + p() + SIGN,
        p("4. Контроль.", keep=True) + "\n" + p(keep=True) + SIGN,
    ),
    # -- a table before the signature ends the walk --
    (cell(p("а")) + p() + SIGN, cell(p("а")) + p(keep=True) + SIGN),
    # -- no signature: nothing to do --
    (p("а") + p(), p("а") + p()),
]


@pytest.mark.parametrize(("body", "expected"), SIGNATURES)
def test_keep_with_signature(body, expected):
    assert pagination.keep_with_signature(body, "Подпись") == expected


def test_only_the_first_signature_counts():
    body = p("а") + SIGN + p("б") + SIGN
    assert (
        pagination.keep_with_signature(body, "Подпись") == p("а", keep=True) + SIGN + p("б") + SIGN
    )


ENDINGS = [
    (
        p("4.10.4. Положения.") + p("4.10.5. Иные документы."),
        p("4.10.4. Положения.", keep=True) + p("4.10.5. Иные документы."),
    ),
    # -- empty paragraphs at the end and between are walked over --
    (p("а") + p() + p("б") + p() + "\n", p("а", keep=True) + p(keep=True) + p("б") + p() + "\n"),
    # -- a table before the last paragraph, or at the end: nothing to keep --
    (cell(p("а")) + p("б"), cell(p("а")) + p("б")),
    (p("а") + cell(p("б")) + p(), p("а") + cell(p("б")) + p()),
    # -- the only paragraph --
    (p("а"), p("а")),
]


@pytest.mark.parametrize(("body", "expected"), ENDINGS)
def test_keep_ending_together(body, expected):
    assert pagination.keep_ending_together(body) == expected
