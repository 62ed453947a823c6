"""docgen.ooxml.sections: section properties in a body's XML."""

from __future__ import annotations

import pytest

from docgen.ooxml import sections

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
