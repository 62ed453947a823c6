"""docgen.ooxml.markup: one paragraph's markup."""

from __future__ import annotations

import pytest

from docgen.ooxml import markup


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            '<w:p><w:pPr><w:pStyle w:val="a"/></w:pPr></w:p>',
            '<w:p><w:pPr><w:pStyle w:val="a"/>X</w:pPr></w:p>',
        ),
        (
            '<w:p><w:pPr><w:jc w:val="both"/></w:pPr></w:p>',
            '<w:p><w:pPr>X<w:jc w:val="both"/></w:pPr></w:p>',
        ),
        ("<w:p><w:pPr/><w:r/></w:p>", "<w:p><w:pPr>X</w:pPr><w:r/></w:p>"),
        ('<w:p w:rsidR="1"><w:r/></w:p>', '<w:p w:rsidR="1"><w:pPr>X</w:pPr><w:r/></w:p>'),
    ],
)
def test_with_paragraph_property_after_the_style(paragraph, expected):
    assert markup.with_paragraph_property(paragraph, "X") == expected


def test_with_paragraph_property_last():
    paragraph = '<w:p><w:pPr><w:pStyle w:val="a"/><w:jc w:val="both"/></w:pPr></w:p>'
    assert markup.with_paragraph_property(paragraph, "X", last=True) == (
        '<w:p><w:pPr><w:pStyle w:val="a"/><w:jc w:val="both"/>X</w:pPr></w:p>'
    )


@pytest.mark.parametrize(
    ("paragraph", "has"),
    [
        ('<w:p><w:pPr><w:pStyle w:val="a"/><w:keepNext/></w:pPr></w:p>', True),
        (
            '<w:p><w:pPr><w:pStyle w:val="a"/></w:pPr><w:r><w:t>&lt;w:keepNext/&gt;</w:t></w:r></w:p>',
            False,
        ),
        ("<w:p><w:r/></w:p>", False),
    ],
)
def test_has_paragraph_property(paragraph, has):
    assert markup.has_paragraph_property(paragraph, "<w:keepNext/>") is has


@pytest.mark.parametrize(
    ("xml", "before", "start"),
    [
        ("<w:p><w:pPr/><w:r/></w:p>", 20, 0),
        ('<w:p/><w:p w:rsidR="1"><w:pPr><w:pStyle w:val="a"/></w:pPr></w:p>', 40, 6),
        ("<w:pPr/>", 8, -1),
    ],
)
def test_paragraph_start(xml, before, start):
    assert markup.paragraph_start(xml, before) == start


def test_text_and_style_use_of_a_paragraph():
    paragraph = (
        '<w:p><w:pPr><w:pStyle w:val="Текст"/></w:pPr><w:r><w:t>а </w:t></w:r><w:r><w:tab/></w:r>'
        '<w:r><w:t xml:space="preserve">б</w:t></w:r></w:p>'
    )
    assert markup.text_of(paragraph) == "а б"
    assert markup.uses_style(paragraph, "Текст") and not markup.uses_style(paragraph, "Тек")
