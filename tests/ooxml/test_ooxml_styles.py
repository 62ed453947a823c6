"""docgen.ooxml.styles: the styles part as text."""

from __future__ import annotations

import pytest

from docgen.ooxml import styles

DEFAULTS = (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" '
    'w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/>'
    '<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:rPrDefault></w:docDefaults>'
)
TEXT = '<w:style w:type="paragraph" w:styleId="Текст"><w:name w:val="Текст"/></w:style>'
SIGN = '<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="Подпись"/></w:style>'
CELL = (
    '<w:style w:type="paragraph" w:styleId="Cell"><w:name w:val="Текст таблицы"/>'
    '<w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>'
)


def part(*inner: str) -> str:
    return f'<w:styles xmlns:w="x">{"".join(inner)}</w:styles>'


def test_styles_by_id_and_name():
    xml = part(DEFAULTS, TEXT, SIGN)
    assert [sid for sid, _ in styles.styles(xml)] == ["Текст", "a5"]
    assert styles.style_id(xml, "Подпись") == "a5"
    assert styles.style_id(xml, "Нет такого") is None


@pytest.mark.parametrize(
    ("master", "others", "expected"),
    [
        (part(TEXT), [part(SIGN)], part(TEXT, SIGN)),
        # -- the first definition of an id wins --
        (part(TEXT), [part(TEXT.replace('Текст"/>', 'Другой"/>'), SIGN)], part(TEXT, SIGN)),
        (part(TEXT), [part(TEXT)], part(TEXT)),
        (part(TEXT), [part(SIGN), part(SIGN)], part(TEXT, SIGN)),
    ],
)
def test_with_styles_of(master, others, expected):
    assert styles.with_styles_of(master, others) == expected


def test_with_font_names_every_script_and_keeps_own_sizes():
    out = styles.with_font(part(DEFAULTS, CELL), "PT Astra Serif", 13)
    assert 'w:ascii="PT Astra Serif" w:hAnsi="PT Astra Serif" w:cs="PT Astra Serif"' in out
    assert "Times New Roman" not in out
    assert '<w:sz w:val="26"/><w:szCs w:val="26"/>' in out
    assert '<w:sz w:val="24"/><w:szCs w:val="24"/>' in out  # -- the table style's own --


@pytest.mark.parametrize(("font", "size"), [(None, None), (None, 14)])
def test_with_font_changes_nothing_when_nothing_differs(font, size):
    assert styles.with_font(part(DEFAULTS), font, size) == part(DEFAULTS)


def test_with_font_escapes_the_name():
    out = styles.with_font(part(DEFAULTS), 'A&B "C" <D>')
    assert 'w:ascii="A&amp;B &quot;C&quot; &lt;D>"' in out
