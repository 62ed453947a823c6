"""docgen.ooxml.package: relationships and settings of a package."""

from __future__ import annotations

import pytest

from docgen.ooxml.ns import W_NS
from docgen.ooxml.package import auto_hyphenation, main_part, relationships, rels_name
from docgen.ooxml.tree import parse

PR = "http://schemas.openxmlformats.org/package/2006/relationships"
OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def rels(*items: str):
    return parse(f'<Relationships xmlns="{PR}">{"".join(items)}</Relationships>')


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        ("word/document.xml", "word/_rels/document.xml.rels"),
        ("word/header1.xml", "word/_rels/header1.xml.rels"),
        ("document.xml", "_rels/document.xml.rels"),
    ],
)
def test_rels_name(part, expected):
    assert rels_name(part) == expected


def test_main_part():
    found = rels(
        f'<Relationship Id="rId2" Type="{OD}/extended-properties" Target="docProps/app.xml"/>',
        f'<Relationship Id="rId1" Type="{OD}/officeDocument" Target="/word/document2.xml"/>',
    )
    assert main_part(found) == "word/document2.xml"
    assert main_part(rels()) is None


def test_relationships_resolve_targets_against_the_part_folder():
    found = relationships(
        rels(
            f'<Relationship Id="rId1" Type="{OD}/styles" Target="styles.xml"/>',
            f'<Relationship Id="rId2" Type="{OD}/header" Target="../word/h/header1.xml"/>',
            f'<Relationship Id="rId3" Type="{OD}/theme" Target="/word/theme/theme1.xml"/>',
            f'<Relationship Id="rId4" Type="{OD}/hyperlink" Target="https://x.ru"'
            ' TargetMode="External"/>',
        ),
        "word/document.xml",
    )
    assert found == {
        "rId1": ("styles", "word/styles.xml"),
        "rId2": ("header", "word/h/header1.xml"),
        "rId3": ("theme", "word/theme/theme1.xml"),
    }


@pytest.mark.parametrize(
    ("inner", "expected"),
    [("<w:autoHyphenation/>", True), ('<w:autoHyphenation w:val="false"/>', False), ("", False)],
)
def test_auto_hyphenation(inner, expected):
    assert auto_hyphenation(parse(f'<w:settings xmlns:w="{W_NS}">{inner}</w:settings>')) is expected
