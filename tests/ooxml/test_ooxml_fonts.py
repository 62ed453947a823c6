"""docgen.ooxml.fonts: the theme's fonts and the fonts a part names."""

from __future__ import annotations

import pytest

from docgen.ooxml.fonts import A_NS, font_families, theme_font, theme_fonts
from docgen.ooxml.ns import W_NS
from docgen.ooxml.tree import XmlError

THEME = (
    f'<a:theme xmlns:a="{A_NS}"><a:themeElements><a:fontScheme>'
    '<a:majorFont><a:latin typeface="Cambria"/><a:ea typeface=""/></a:majorFont>'
    '<a:minorFont><a:latin typeface="Calibri"/></a:minorFont>'
    "</a:fontScheme></a:themeElements></a:theme>"
)


def test_theme_fonts():
    assert theme_fonts(THEME) == {"major": "Cambria", "minor": "Calibri"}
    assert theme_fonts(f'<a:theme xmlns:a="{A_NS}"/>') == {}
    with pytest.raises(XmlError):
        theme_fonts("<a:theme")


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("minorHAnsi", "Calibri"),
        ("minorAscii", "Calibri"),
        ("majorHAnsi", "Cambria"),
        ("minorEastAsia", None),
        ("majorBidi", None),
        (None, None),
    ],
)
def test_theme_font(reference, expected):
    assert theme_font({"major": "Cambria", "minor": "Calibri"}, reference) == expected


def test_font_families_in_document_order():
    part = (
        f'<w:styles xmlns:w="{W_NS}"><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="PT Serif"/>'
        '</w:rPr><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:cs="Tahoma"/></w:rPr>'
        '<w:rPr><w:rFonts w:eastAsia="SimSun"/></w:rPr></w:styles>'
    )
    theme = theme_fonts(THEME)
    assert list(font_families(part, theme)) == ["Arial", "PT Serif", "Calibri"]
    assert list(font_families(part, {})) == ["Arial", "PT Serif"]
