"""docgen.ooxml.properties: w:pPr and w:rPr as property dicts, and their layering."""

from __future__ import annotations

import pytest

from docgen.ooxml.ns import W_NS
from docgen.ooxml.properties import ALIGN, merge, ppr_props, rpr_props
from docgen.ooxml.tree import parse


def props(xml: str):
    return parse(f'<w:x xmlns:w="{W_NS}">{xml}</w:x>')[0]


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        ("<w:pPr/>", {}),
        ('<w:pPr><w:pStyle w:val="a"/><w:keepNext/></w:pPr>', {}),
        ('<w:pPr><w:jc w:val="both"/></w:pPr>', {"jc": "both"}),
        (
            '<w:pPr><w:ind w:firstLine="709" w:left="10" w:right="20"/></w:pPr>',
            {"first": 709, "left": 10, "right": 20},
        ),
        # -- a hanging indent is a negative first line and wins over firstLine --
        ('<w:pPr><w:ind w:firstLine="709" w:hanging="360"/></w:pPr>', {"first": -360}),
        # -- the newer names of the sides --
        ('<w:pPr><w:ind w:start="567" w:end="283"/></w:pPr>', {"left": 567, "right": 283}),
        ('<w:pPr><w:ind w:left="1" w:start="2"/></w:pPr>', {"left": 1}),
        (
            '<w:pPr><w:spacing w:before="120" w:after="0" w:line="360" w:lineRule="auto"/></w:pPr>',
            {"before": 120, "after": 0, "line": 360, "lineRule": "auto"},
        ),
        (
            '<w:pPr><w:tabs><w:tab w:val="right" w:pos="9355"/><w:tab w:pos="10"/></w:tabs></w:pPr>',
            {"tabs": [("right", 9355), ("left", 10)]},
        ),
        (
            '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>',
            {"numbered": True},
        ),
        # -- numId 0 switches a style's numbering off --
        ('<w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>', {"numbered": False}),
        ("<w:pPr><w:pageBreakBefore/></w:pPr>", {"pbb": True}),
        ('<w:pPr><w:pageBreakBefore w:val="0"/></w:pPr>', {"pbb": False}),
        # -- the first of two elements counts, as Word reads it --
        ('<w:pPr><w:jc w:val="center"/><w:jc w:val="right"/></w:pPr>', {"jc": "center"}),
    ],
)
def test_ppr_props(xml, expected):
    assert ppr_props(props(xml)) == expected


def test_no_properties_element():
    assert ppr_props(None) == {} and rpr_props(None) == {}


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        ("<w:rPr/>", {}),
        (
            '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Times New Roman"/></w:rPr>',
            {"font": "Times New Roman"},
        ),
        ('<w:rPr><w:rFonts w:ascii="Arial" w:cs="Tahoma"/></w:rPr>', {"font": "Arial"}),
        ('<w:rPr><w:rFonts w:asciiTheme="majorHAnsi"/></w:rPr>', {"font": "theme:major"}),
        ('<w:rPr><w:rFonts w:hAnsiTheme="minorHAnsi"/></w:rPr>', {"font": "theme:minor"}),
        ('<w:rPr><w:rFonts w:eastAsia="SimSun"/></w:rPr>', {}),
        ('<w:rPr><w:sz w:val="28"/><w:szCs w:val="24"/></w:rPr>', {"sz": 28}),
        ('<w:rPr><w:b/><w:caps w:val="0"/></w:rPr>', {"b": True, "caps": False}),
    ],
)
def test_rpr_props(xml, expected):
    assert rpr_props(props(xml)) == expected


def test_merge_later_layers_win_property_by_property():
    assert merge({"jc": "left", "first": 709}, {"jc": "center"}, {}) == {
        "jc": "center",
        "first": 709,
    }


def test_merge_adds_tab_stops_and_clear_removes_one():
    base = {"tabs": [("right", 9355), ("left", 100)]}
    assert merge(base, {"tabs": [("center", 50)]})["tabs"] == [
        ("center", 50),
        ("left", 100),
        ("right", 9355),
    ]
    assert merge(base, {"tabs": [("clear", 100)]})["tabs"] == [("right", 9355)]


def test_align_names():
    assert {ALIGN[v] for v in ("both", "distribute", "justify")} == {"justify"}
    assert (ALIGN["start"], ALIGN["end"], ALIGN["center"]) == ("left", "right", "center")
