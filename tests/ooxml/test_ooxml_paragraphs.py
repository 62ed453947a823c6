"""docgen.ooxml.paragraphs: paragraphs read for the linter."""

from __future__ import annotations

import pytest

from docgen.ooxml.ns import W_NS
from docgen.ooxml.paragraphs import XmlError, numbered_styles, paragraphs


def body(inner: str) -> str:
    return f'<w:document xmlns:w="{W_NS}"><w:body>{inner}</w:body></w:document>'


NUMBERED = (
    f'<w:styles xmlns:w="{W_NS}"><w:style w:styleId="ListNumber"><w:pPr><w:numPr>'
    '<w:numId w:val="3"/></w:numPr></w:pPr></w:style><w:style w:styleId="Text"/></w:styles>'
)


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("<w:p><w:r><w:t>а</w:t></w:r><w:r><w:t>б</w:t></w:r></w:p>", [("аб", False, False)]),
        (
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>в</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
            [("в", True, False)],
        ),
        ('<w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:p>', [("", False, True)]),
        ('<w:p><w:pPr><w:pStyle w:val="ListNumber"/></w:pPr></w:p>', [("", False, True)]),
        ('<w:p><w:pPr><w:pStyle w:val="Text"/></w:pPr></w:p>', [("", False, False)]),
    ],
)
def test_paragraphs(inner, expected):
    found = list(paragraphs("word/document.xml", body(inner), numbered_styles(NUMBERED)))
    assert [(p.text, p.in_table, p.numbered) for p in found] == expected
    assert [p.index for p in found] == list(range(1, len(expected) + 1))


def test_numbered_styles():
    assert numbered_styles(NUMBERED) == {"ListNumber"}
    assert numbered_styles(None) == frozenset()
    assert numbered_styles(b"<broken") == frozenset()


def test_broken_xml_is_an_xml_error():
    with pytest.raises(XmlError):
        list(paragraphs("word/document.xml", "<w:document><w:p>"))


def test_entities_are_not_expanded():
    xml = (
        '<!DOCTYPE d [<!ENTITY x "РАСКРЫТО">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
    )
    assert "РАСКРЫТО" not in "".join(p.text for p in paragraphs("word/document.xml", xml))
