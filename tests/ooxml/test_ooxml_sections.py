"""docgen.ooxml.sections: section properties in a body's XML."""

from __future__ import annotations

import pytest

from docgen.ooxml import sections
from docgen.ooxml.ns import R_NS, W_NS
from docgen.ooxml.tree import XmlError, parse

SECT = '<w:sectPr><w:pgSz w:w="11906"/><w:pgNumType w:start="1"/></w:sectPr>'
REFS = '<w:headerReference w:type="default" r:id="rId9"/><w:headerReference w:type="first" r:id="rId10"/>'


@pytest.mark.parametrize(
    ("body", "content", "sect"),
    [
        ("<w:p/>" + SECT, "<w:p/>", SECT),
        ("<w:p/>", "<w:p/>", ""),
        (
            "<w:p><w:pPr>" + SECT + "</w:pPr></w:p><w:p/>" + SECT,
            "<w:p><w:pPr>" + SECT + "</w:pPr></w:p><w:p/>",
            SECT,
        ),
    ],
)
def test_split_final_section(body, content, sect):
    assert sections.split_final_section(body) == (content, sect)


def test_header_references_are_collected_and_replaced():
    sect = f'<w:sectPr w:rsidR="1">{REFS}<w:pgSz w:w="11906"/></w:sectPr>'
    assert sections.header_references(sect) == REFS
    other = '<w:sectPr><w:headerReference w:type="default" r:id="rId7"/><w:pgSz/></w:sectPr>'
    assert sections.with_header_references(other, REFS) == f"<w:sectPr>{REFS}<w:pgSz/></w:sectPr>"


@pytest.mark.parametrize(
    ("sect", "expected"),
    [
        ('<w:pgNumType w:start="1"/>', "<w:pgNumType/>"),
        ('<w:pgNumType w:fmt="decimal" w:start="12"/>', '<w:pgNumType w:fmt="decimal"/>'),
        ('<w:pgNumType w:fmt="decimal"/>', '<w:pgNumType w:fmt="decimal"/>'),
    ],
)
def test_without_page_restart(sect, expected):
    assert sections.without_page_restart(sect) == expected


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            '<w:p><w:pPr><w:pStyle w:val="a"/></w:pPr><w:r/></w:p>',
            '<w:p><w:pPr><w:pStyle w:val="a"/>SECT</w:pPr><w:r/></w:p>',
        ),
        ("<w:p><w:r/></w:p>", "<w:p><w:pPr>SECT</w:pPr><w:r/></w:p>"),
        (
            '<w:p w:rsidR="1"><w:pPr/><w:r/></w:p>',
            '<w:p w:rsidR="1"><w:pPr>SECT</w:pPr><w:r/></w:p>',
        ),
        # -- not a paragraph at the end, or one that already ends a section: a new one --
        ("<w:tbl/>", "<w:tbl/><w:p><w:pPr>SECT</w:pPr></w:p>"),
        (
            "<w:p><w:pPr><w:sectPr/></w:pPr></w:p>",
            "<w:p><w:pPr><w:sectPr/></w:pPr></w:p><w:p><w:pPr>SECT</w:pPr></w:p>",
        ),
        # -- the last paragraph, not the one before it --
        (
            '<w:p><w:pPr><w:pStyle w:val="a"/></w:pPr></w:p><w:p><w:r/></w:p>',
            '<w:p><w:pPr><w:pStyle w:val="a"/></w:pPr></w:p><w:p><w:pPr>SECT</w:pPr><w:r/></w:p>',
        ),
    ],
)
def test_end_section(content, expected):
    assert sections.end_section(content, "SECT") == expected


def test_end_section_without_properties_leaves_the_content():
    assert sections.end_section("<w:p/>", "") == "<w:p/>"


# -- reading ----------------------------------------------------------------------------

NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'


def sect_pr(inner: str):
    return parse(f"<w:sectPr {NS}>{inner}</w:sectPr>")


def test_section_properties():
    props = sections.section_properties(
        sect_pr(
            '<w:headerReference w:type="first" r:id="rId8"/>'
            '<w:headerReference r:id="rId9"/><w:type w:val="continuous"/>'
            '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
            '<w:pgMar w:top="-1134" w:right="567" w:bottom="1134" w:left="1701" w:header="709"'
            ' w:footer="709" w:gutter="0"/><w:pgNumType w:fmt="decimal" w:start="3"/><w:titlePg/>'
        )
    )
    assert (props.start, props.width, props.height, props.orient) == (
        "continuous",
        16838,
        11906,
        "landscape",
    )
    # -- a negative margin keeps its distance --
    assert props.margins == {
        "left": 1701,
        "right": 567,
        "top": 1134,
        "bottom": 1134,
        "header": 709,
        "footer": 709,
        "gutter": 0,
    }
    assert props.title_page and props.page_start == 3
    assert props.headers == (("first", "rId8"), ("default", "rId9"))


def test_an_empty_section_says_nothing():
    props = sections.section_properties(sect_pr(""))
    assert props == sections.SectionProperties()
    assert (props.start, props.width, props.orient, props.page_start) == (
        "nextPage",
        None,
        None,
        None,
    )
    assert set(props.margins.values()) == {0} and set(props.margins) == set(sections.MARGINS)
    off = sections.section_properties(sect_pr('<w:titlePg w:val="0"/><w:pgNumType w:start="x"/>'))
    assert not off.title_page and off.page_start is None


def p(text: str, sect: str = "") -> str:
    props = f"<w:pPr>{sect}</w:pPr>" if sect else ""
    return f"<w:p>{props}<w:r><w:t>{text}</w:t></w:r></w:p>"


def test_body_sections_with_their_first_text():
    document = (
        f"<w:document {NS}><w:body>"
        + p(" ")
        + p(" Распоряжение ")
        + p("…", '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>')
        + "<w:tbl><w:tr><w:tc>"
        + p("в таблице")
        + "</w:tc></w:tr></w:tbl>"
        + p("после")
        + '<w:sectPr><w:type w:val="continuous"/><w:pgSz w:w="16838" w:h="11906"/></w:sectPr>'
        + "</w:body></w:document>"
    )
    found = sections.body_sections(document.encode())
    assert [(s.first_text, s.properties.width, s.properties.start) for s in found] == [
        ("Распоряжение", 11906, "nextPage"),
        ("в таблице", 16838, "continuous"),
    ]


def test_body_sections_of_a_document_without_a_body():
    with pytest.raises(ValueError):
        sections.body_sections(f"<w:document {NS}/>")
    with pytest.raises(XmlError):
        sections.body_sections("<w:document")
