"""docgen.ooxml.revisions: w:ins / w:del with author and date, written into the tree."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from docgen.ooxml import storytext as story
from docgen.ooxml.ns import W_NS, XML_NS, qn
from docgen.ooxml.revisions import (
    DELETED,
    INSERTED,
    Revisions,
    keep_last_mark,
    max_id,
    neutralise,
    set_runs,
)
from docgen.ooxml.storytext import Segment

# -- 15:30 in Moscow is 12:30 UTC --
WHEN = dt.datetime(2024, 5, 1, 15, 30, tzinfo=dt.timezone(dt.timedelta(hours=3)))
DATE = "2024-05-01T12:30:00Z"


def element(xml: str):
    return etree.fromstring(f'<w:root xmlns:w="{W_NS}">{xml}</w:root>')[0]


def local(el) -> str:
    return etree.QName(el).localname


def test_a_mark_has_id_author_and_date():
    revisions = Revisions("docgen", WHEN, 7)
    first, second = revisions.mark(INSERTED), revisions.mark(DELETED)
    assert (local(first), local(second)) == ("ins", "del")
    assert [m.get(qn("w:id")) for m in (first, second)] == ["7", "8"]
    assert {m.get(qn("w:author")) for m in (first, second)} == {"docgen"}
    assert {m.get(qn("w:date")) for m in (first, second)} == {DATE}


def test_inserted_runs_are_text_in_one_ins():
    bold = element("<w:rPr><w:b/></w:rPr>")
    out = Revisions("docgen", WHEN, 1).runs([Segment("новый\tтекст", bold)], INSERTED)
    assert len(out) == 1 and local(out[0]) == "ins"
    (run,) = out[0]
    assert [local(c) for c in run] == ["rPr", "t", "tab", "t"]
    assert run[0] is not bold and run[0].find(qn("w:b")) is not None  # -- a copy --
    assert [t.text for t in run.iter(qn("w:t"))] == ["новый", "текст"]
    assert {t.get(f"{{{XML_NS}}}space") for t in run.iter(qn("w:t"))} == {"preserve"}


def test_deleted_runs_are_deltext_in_one_del():
    out = Revisions("docgen", WHEN, 1).runs(
        [Segment("было", None), Segment("\nещё", None)], DELETED
    )
    assert [local(x) for x in out] == ["del"]
    assert out[0].get(qn("w:author")) == "docgen" and out[0].get(qn("w:date")) == DATE
    texts = [t.text for t in out[0].iter(qn("w:delText"))]
    assert texts == ["было", "ещё"] and not list(out[0].iter(qn("w:t")))
    assert [story.run_text(r, deleted=True) for r in out[0]] == ["было", "\nещё"]


def test_unchanged_runs_and_empty_segments():
    revisions = Revisions("docgen", WHEN, 1)
    plain = revisions.runs([Segment("как было", None), Segment("", None)], None)
    assert [local(r) for r in plain] == ["r"] and story.run_text(plain[0]) == "как было"
    assert revisions.runs([Segment("", None)], INSERTED) == []
    assert revisions.next_id == 1  # -- no mark spent on nothing --


def test_paragraph_mark_goes_first_in_its_rpr_before_the_section():
    p = element('<w:p><w:pPr><w:jc w:val="both"/><w:sectPr/></w:pPr><w:r/></w:p>')
    Revisions("docgen", WHEN, 3).mark_paragraph(p, DELETED)
    assert [local(c) for c in p[0]] == ["jc", "rPr", "sectPr"]
    assert local(p[0][1][0]) == "del" and p[0][1][0].get(qn("w:date")) == DATE
    bare = element("<w:p><w:r/></w:p>")
    Revisions("docgen", WHEN, 3).mark_paragraph(bare, INSERTED)
    assert [local(c) for c in bare] == ["pPr", "r"]
    assert local(bare[0][0][0]) == "ins"
    kept = element("<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr></w:p>")
    Revisions("docgen", WHEN, 3).mark_paragraph(kept, INSERTED)
    assert [local(c) for c in kept[0][0]] == ["ins", "b"]


def test_row_mark_goes_last_in_trpr_before_a_property_change():
    tr = element("<w:tr><w:tblPrEx/><w:tc/></w:tr>")
    Revisions("docgen", WHEN, 1).mark_row(tr, INSERTED)
    assert [local(c) for c in tr] == ["tblPrEx", "trPr", "tc"]
    assert local(tr[1][0]) == "ins"
    changed = element("<w:tr><w:trPr><w:cantSplit/><w:trPrChange/></w:trPr><w:tc/></w:tr>")
    Revisions("docgen", WHEN, 1).mark_row(changed, DELETED)
    assert [local(c) for c in changed[0]] == ["cantSplit", "del", "trPrChange"]


def test_wrap_runs_deletes_text_and_field_codes_once():
    p = element(
        "<w:p><w:r><w:t>текст</w:t></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
        '<w:del w:id="1"><w:r><w:delText>старое</w:delText></w:r></w:del></w:p>'
    )
    Revisions("docgen", WHEN, 5).wrap_runs(p, DELETED)
    assert [local(c) for c in p] == ["del", "del", "del"]
    assert [c.get(qn("w:id")) for c in p] == ["5", "6", "1"]
    assert [local(c) for c in p.iter() if local(c).endswith(("Text", "t"))] == [
        "delText",
        "delInstrText",
        "delText",
    ]
    inserted = element("<w:p><w:r><w:t>новое</w:t></w:r></w:p>")
    Revisions("docgen", WHEN, 9).wrap_runs(inserted, INSERTED)
    assert local(inserted[0]) == "ins" and story.paragraph_text(inserted) == "новое"


def test_set_runs_keeps_the_paragraph_properties():
    p = element("<w:p><w:pPr><w:jc/></w:pPr><w:r><w:t>было</w:t></w:r><w:bookmarkEnd/></w:p>")
    set_runs(p, [element("<w:r><w:t>стало</w:t></w:r>")])
    assert [local(c) for c in p] == ["pPr", "r"] and story.paragraph_text(p) == "стало"


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([], []),
        ([None, None], [None, None]),
        ([None, "ins"], ["ins", None]),
        ([None, None, "del", "ins"], [None, "del", "ins", None]),
        (["ins", None, "ins"], ["ins", "ins", None]),
        # -- nothing unchanged to take the last mark: left as it is --
        (["del", "ins"], ["del", "ins"]),
    ],
)
def test_keep_last_mark(marks, expected):
    assert keep_last_mark(marks) == expected


def test_max_id():
    root = element(
        '<w:body><w:ins w:id="12"/><w:bookmarkStart w:id="-1"/><w:del w:id="x"/></w:body>'
    )
    assert max_id(root) == 12
    assert max_id(element("<w:body/>")) == 0


def test_neutralise_drops_sections_numbering_and_unknown_styles():
    p = element(
        '<w:p><w:pPr><w:pStyle w:val="Known"/><w:numPr><w:numId w:val="1"/></w:numPr>'
        '<w:sectPr/></w:pPr><w:r><w:rPr><w:rStyle w:val="Foreign"/></w:rPr></w:r></w:p>'
    )
    neutralise(p, {"Known"})
    assert [local(c) for c in p[0]] == ["pStyle"]
    assert p.find(f".//{qn('w:rStyle')}") is None
