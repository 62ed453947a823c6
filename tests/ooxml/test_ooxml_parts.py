"""docgen.ooxml.parts and docgen.ooxml.ns: part names, reading parts, the body split."""

from __future__ import annotations

import io
import zipfile

import pytest

from docgen.ooxml import ns, parts

PREFIX = '<?xml version="1.0"?><w:document xmlns:w="W" xmlns:r="R"><w:body>'
SUFFIX = "</w:body></w:document>"


@pytest.mark.parametrize("body", ["<w:p/><w:sectPr/>", ""])
def test_split_body(body):
    split = parts.split_body(PREFIX + body + SUFFIX)
    assert (split.prefix, split.body, split.suffix) == (PREFIX, body, SUFFIX)
    assert parts.body_of(PREFIX + body + SUFFIX) == body


def test_split_body_with_attributes_and_without_a_body():
    doc = '<w:document xmlns:w="W"><w:body w:x="1"><w:p/></w:body></w:document>'
    assert parts.split_body(doc).body == "<w:p/>"
    assert parts.split_body('<w:document xmlns:w="W"/>') is None
    assert parts.body_of("<w:p/>") == "<w:p/>"


def test_namespace_declarations_round_trip():
    assert parts.namespace_declarations(PREFIX) == ' xmlns:w="W" xmlns:r="R"'
    assert parts.without_namespace_declarations('<w:tbl xmlns:w="W"><w:tr/></w:tbl>') == (
        "<w:tbl><w:tr/></w:tbl>"
    )


def test_read_parts_reads_what_is_selected():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(ns.DOCUMENT, "<d/>")
        zf.writestr(ns.STYLES, "<s/>")
    names, data = parts.read_parts(io.BytesIO(buffer.getvalue()))
    assert names == (ns.DOCUMENT, ns.STYLES) and data[ns.STYLES] == b"<s/>"
    names, data = parts.read_parts(io.BytesIO(buffer.getvalue()), lambda n: n[:1])
    assert list(data) == [ns.DOCUMENT]


def test_read_parts_refuses_what_is_not_a_zip():
    with pytest.raises(parts.PackageError):
        parts.read_parts(io.BytesIO(b"not a zip"))


@pytest.mark.parametrize(
    ("name", "header", "story"),
    [
        ("word/document.xml", False, True),
        ("word/header1.xml", True, True),
        ("word/footer.xml", True, True),
        ("word/footnotes.xml", False, True),
        ("word/styles.xml", False, False),
        ("word/header1.xml.rels", False, False),
        ("customXml/word/header1.xml", False, False),
    ],
)
def test_part_kinds(name, header, story):
    assert ns.is_header_or_footer(name) is header
    assert ns.is_story(name) is story


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("word/document.xml", "основной текст"),
        ("word/header2.xml", "колонтитул header2.xml"),
        ("word/endnotes.xml", "сноски"),
    ],
)
def test_describe(name, label):
    assert ns.describe(name) == label


def test_qn():
    assert ns.qn("w:p") == f"{{{ns.W_NS}}}p"
    assert ns.qn("xml:space") == "{http://www.w3.org/XML/1998/namespace}space"
