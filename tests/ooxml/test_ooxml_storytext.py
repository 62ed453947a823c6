"""docgen.ooxml.storytext: the body as containers, paragraphs, tables and runs."""

from __future__ import annotations

import pytest
from lxml import etree

from docgen.ooxml import storytext as story
from docgen.ooxml.ns import W_NS, qn
from docgen.ooxml.storytext import Segment, StoryError


def document(inner: str) -> bytes:
    return f'<w:document xmlns:w="{W_NS}"><w:body>{inner}</w:body></w:document>'.encode()


def element(xml: str):
    return etree.fromstring(f'<w:root xmlns:w="{W_NS}">{xml}</w:root>')[0]


TABLE = (
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>а</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>б</w:t></w:r></w:p><w:p><w:r><w:t>в</w:t></w:r></w:p></w:tc></w:tr>"
    "<w:tr><w:tc><w:p><w:r><w:t>г</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
)


def test_parse_document_and_body():
    root = story.parse_document(document("<w:p/><w:sectPr/>"))
    assert story.body(root).tag == qn("w:body")
    out = story.serialize(root)
    assert out.startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>")
    assert story.parse_document(out) is not None


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (document("<w:p>"), "line 1"),
        (f'<w:document xmlns:w="{W_NS}"/>'.encode(), "нет w:body"),
    ],
)
def test_unreadable_documents_are_story_errors(xml, message):
    with pytest.raises(StoryError, match=message):
        story.parse_document(xml)


def test_entities_are_not_expanded():
    xml = b'<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/hostname">]>' + document(
        "<w:p><w:r><w:t>&e;</w:t></w:r></w:p>"
    )
    body = story.body(story.parse_document(xml))
    assert story.paragraph_text(story.items(body)[0]) == ""


def test_items_kinds_rows_and_cells():
    body = story.body(story.parse_document(document(f"<w:p/>{TABLE}<w:p/><w:sectPr/>")))
    items = story.items(body)
    assert [story.kind(x) for x in items] == ["p", "tbl", "p"]
    rows = story.rows(items[1])
    assert [story.kind(r) for r in rows] == ["tr", "tr"]
    assert [len(story.cells(r)) for r in rows] == [2, 1]
    assert story.kind(story.cells(rows[0])[0]) == "tc"
    # -- a cell is a container again --
    assert [story.paragraph_text(p) for p in story.items(story.cells(rows[0])[1])] == ["б", "в"]
    assert story.text(items[1]) == "а\nб\nв\nг"
    assert story.text(rows[1]) == "г"
    assert len(story.paragraphs(items[1])) == 4 and story.paragraphs(items[0]) == [items[0]]
    assert story.table_rows(rows[0]) == [rows[0]] and story.table_rows(items[1]) == rows
    assert story.text(items[1], lambda p: story.paragraph_text(p).upper()) == "А\nБ\nВ\nГ"


@pytest.mark.parametrize(
    ("xml", "text"),
    [
        ("<w:r><w:t>Пункт</w:t><w:tab/><w:t>1</w:t></w:r>", "Пункт\t1"),
        ('<w:r><w:t>а</w:t><w:br/><w:t>б</w:t><w:br w:type="page"/></w:r>', "а\nб"),
        ("<w:r><w:t>а</w:t><w:cr/><w:t>б</w:t><w:noBreakHyphen/><w:t>в</w:t></w:r>", "а\nб-в"),
        ('<w:hyperlink><w:r><w:t>ссылка</w:t></w:r></w:hyperlink><w:ins w:id="1"><w:r>'
         "<w:t> и вставка</w:t></w:r></w:ins>", "ссылка и вставка"),
        ('<w:r><w:t>остается</w:t></w:r><w:del w:id="2"><w:r><w:delText>ушло</w:delText>'
         "</w:r></w:del>", "остается"),
    ],
)  # fmt: skip
def test_paragraph_text_reads_as_python_docx(xml, text):
    assert story.paragraph_text(element(f"<w:p>{xml}</w:p>")) == text


def test_run_text_of_deleted_runs():
    run = element("<w:r><w:delText>ушло</w:delText><w:tab/><w:t>нет</w:t></w:r>")
    assert story.run_text(run, deleted=True) == "ушло\t"
    assert story.run_text(run) == "\tнет"


def test_segments_keep_the_formatting_of_each_run():
    p = element(
        '<w:p><w:pPr/><w:bookmarkStart w:id="0"/><w:r><w:rPr><w:b/></w:rPr><w:t>жирный</w:t>'
        "</w:r><w:proofErr/><w:r><w:lastRenderedPageBreak/><w:t> обычный</w:t></w:r></w:p>"
    )
    segs = story.segments(p)
    assert [s.text for s in segs] == ["жирный", " обычный"]
    assert segs[0].rpr.find(qn("w:b")) is not None and segs[1].rpr is None


@pytest.mark.parametrize(
    "xml",
    [
        "<w:hyperlink><w:r><w:t>ссылка</w:t></w:r></w:hyperlink>",
        "<w:r><w:fldChar/></w:r>",
        "<w:r><w:drawing/></w:r>",
        '<w:r><w:br w:type="page"/></w:r>',
    ],
)
def test_segments_refuse_more_than_plain_runs(xml):
    assert story.segments(element(f"<w:p>{xml}</w:p>")) is None


def test_slice_and_replace_segments():
    bold, plain = element("<w:rPr><w:b/></w:rPr>"), None
    segs = [Segment("от ", plain), Segment("23.05.2023", bold), Segment(" № 5", plain)]
    assert story.slice_segments(segs, 2, 6) == [Segment(" ", plain), Segment("23.", bold)]
    replaced = story.replace_text(segs, 3, 13, "__________")
    assert "".join(s.text for s in replaced) == "от __________ № 5"
    assert replaced[1] == Segment("__________", bold)
    # -- an empty span takes the formatting of the text before it --
    assert story.replace_text(segs, 3, 3, "x")[1] == Segment("x", plain)


def test_moving_items():
    body = story.body(story.parse_document(document("<w:p/><w:sectPr/>")))
    first = story.items(body)[0]
    a, b, c = (element(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>") for t in "абв")
    story.put_before(first, a)
    story.put_after(first, b)
    story.append_item(body, c)
    assert [story.paragraph_text(p) for p in story.items(body)] == ["а", "", "б", "в"]
    assert body[-1].tag == qn("w:sectPr")  # -- the section stays last --
    cell = element("<w:tc/>")
    story.append_item(cell, story.clone(c))
    assert story.paragraph_text(cell[0]) == "в" and cell[0] is not c


def test_style_ids():
    styles = f'<w:styles xmlns:w="{W_NS}"><w:style w:styleId="A"/><w:style/></w:styles>'
    assert story.style_ids(styles.encode()) == {"A"}
    assert story.style_ids(None) == set()
    assert story.style_ids(b"<broken") == set()
