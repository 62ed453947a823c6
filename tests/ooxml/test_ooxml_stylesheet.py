"""docgen.ooxml.stylesheet: effective properties through Word's style inheritance."""

from __future__ import annotations

import pytest

from docgen.ooxml.fonts import A_NS
from docgen.ooxml.ns import W_NS
from docgen.ooxml.stylesheet import StyleSheet
from docgen.ooxml.tree import XmlError

DEFAULTS = (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/>'
    '<w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="200"/></w:pPr></w:pPrDefault></w:docDefaults>'
)
NORMAL = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/>'
    '<w:pPr><w:jc w:val="both"/></w:pPr><w:rPr><w:sz w:val="28"/></w:rPr></w:style>'
)
PARENT = (
    '<w:style w:type="paragraph" w:styleId="p"><w:name w:val="Родитель"/>'
    '<w:basedOn w:val="a"/><w:pPr><w:ind w:firstLine="709"/><w:jc w:val="left"/></w:pPr>'
    "</w:style>"
)
CHILD = (
    '<w:style w:type="paragraph" w:styleId="c"><w:name w:val="Дочерний"/>'
    '<w:basedOn w:val="p"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>'
)
GRID = (
    '<w:style w:type="table" w:styleId="g"><w:name w:val="Table Grid"/>'
    '<w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="24"/></w:rPr></w:style>'
)
EMPHASIS = (
    '<w:style w:type="character" w:styleId="e"><w:name w:val="Выделение"/>'
    '<w:basedOn w:val="e0"/><w:rPr><w:b/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="e0"><w:name w:val="База"/>'
    "<w:rPr><w:caps/></w:rPr></w:style>"
)


def styles(*inner: str) -> bytes:
    return f'<w:styles xmlns:w="{W_NS}">{"".join(inner)}</w:styles>'.encode()


@pytest.fixture
def sheet() -> StyleSheet:
    return StyleSheet(styles(DEFAULTS, NORMAL, PARENT, CHILD, GRID, EMPHASIS))


def test_each_property_comes_from_the_nearest_style_that_sets_it(sheet):
    ppr, rpr = sheet.chain("c")
    assert ppr == {"jc": "center", "first": 709}
    assert rpr == {"sz": 28}


def test_defaults_table_style_and_paragraph_style_in_that_order(sheet):
    ppr, rpr = sheet.base("c")
    assert ppr == {"after": 200, "jc": "center", "first": 709}
    assert rpr == {"sz": 28}
    ppr, rpr = sheet.base("c", "g")
    assert ppr["after"] == 0
    # -- the paragraph style's size wins over the table style's --
    assert rpr == {"sz": 28}
    assert sheet.base(None, "g")[0]["after"] == 0


def test_no_style_or_an_unknown_one_is_the_default_style(sheet):
    assert sheet.name(None) == "Normal"
    assert sheet.chain(None) == sheet.chain("a") == sheet.chain("нет такого")
    assert sheet.name("c") == "Дочерний"
    assert sheet.name("нет такого") is None


def test_character_style_chain(sheet):
    assert sheet.char_chain("e") == {"caps": True, "b": True}
    assert sheet.char_chain(None) == {} and sheet.char_chain("нет такого") == {}


def test_a_loop_in_based_on_ends_the_chain():
    loop = (
        '<w:style w:type="paragraph" w:styleId="x"><w:basedOn w:val="y"/>'
        '<w:pPr><w:jc w:val="right"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="y"><w:basedOn w:val="x"/>'
        '<w:pPr><w:jc w:val="left"/><w:ind w:left="5"/></w:pPr></w:style>'
    )
    assert StyleSheet(styles(loop)).chain("x")[0] == {"jc": "right", "left": 5}


def test_merges_tab_stops_along_the_chain():
    xml = styles(
        '<w:style w:type="paragraph" w:styleId="a"><w:name w:val="A"/><w:pPr><w:tabs>'
        '<w:tab w:val="right" w:pos="9355"/><w:tab w:val="left" w:pos="100"/>'
        "</w:tabs></w:pPr></w:style>",
        '<w:style w:type="paragraph" w:styleId="b"><w:name w:val="B"/><w:basedOn w:val="a"/>'
        '<w:pPr><w:tabs><w:tab w:val="clear" w:pos="100"/></w:tabs></w:pPr></w:style>',
    )
    assert StyleSheet(xml).chain("b")[0]["tabs"] == [("right", 9355)]


def test_language_from_the_defaults_else_from_normal(sheet):
    assert sheet.lang == "ru-RU"
    normal = NORMAL.replace("<w:rPr>", '<w:rPr><w:lang w:val="en-US"/>')
    assert StyleSheet(styles(normal)).lang == "en-US"
    assert StyleSheet(None).lang is None


def test_theme_fonts_resolve_and_a_broken_theme_leaves_them_unknown():
    theme = (
        f'<a:theme xmlns:a="{A_NS}"><a:themeElements><a:fontScheme>'
        '<a:majorFont><a:latin typeface="Cambria"/></a:majorFont>'
        '<a:minorFont><a:latin typeface="Calibri"/></a:minorFont>'
        "</a:fontScheme></a:themeElements></a:theme>"
    ).encode()
    sheet = StyleSheet(styles(NORMAL), theme)
    assert sheet.font_name("theme:minor") == "Calibri"
    assert sheet.font_name("theme:major") == "Cambria"
    assert sheet.font_name("Arial") == "Arial" and sheet.font_name(None) is None
    assert StyleSheet(styles(NORMAL), b"<a:theme").font_name("theme:minor") is None


def test_a_broken_styles_part_is_an_xml_error():
    with pytest.raises(XmlError):
        StyleSheet(b"<w:styles")
