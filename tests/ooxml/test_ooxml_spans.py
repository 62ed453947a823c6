"""docgen.ooxml.spans: each paragraph's own XML cut out of a part's bytes."""

from __future__ import annotations

import pytest

from docgen.ooxml.ns import W_NS
from docgen.ooxml.spans import paragraph_sources
from docgen.ooxml.tree import parse, serialize

START = f'<w:document xmlns:w="{W_NS}" xmlns:r="urn:r">'


def sources(inner: str, start: str = START):
    data = f'<?xml version="1.0"?>{start}<w:body>{inner}</w:body></w:document>'.encode()
    root = parse(data)
    return root, paragraph_sources(data, root)


def test_every_paragraph_is_cut_exactly():
    inner = (
        '<w:p w14:paraId="a>b"><w:r><w:t>1</w:t></w:r></w:p>'
        "<w:p/><w:p w:rsidR='1' /><w:p></w:p >"
        "<w:tbl><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val='x'/></w:pPr></w:p></w:tc></w:tr></w:tbl>"
        "<w:p><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>вложенный</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></w:r></w:p>"
    )
    root, found = sources(inner, START[:-1] + ' xmlns:w14="urn:x">')
    assert found is not None
    start, spans = found
    assert start == START[:-1].encode() + b' xmlns:w14="urn:x">'
    paragraphs = list(root.iter(f"{{{W_NS}}}p"))
    assert len(spans) == len(paragraphs) == 7
    for p in paragraphs:
        # -- the cut parses (with the root's declarations) to what the element serialises to --
        alone = parse(start + spans[p] + b"</w:document>")[0]
        assert serialize(alone) == serialize(p)
    assert spans[paragraphs[1]] == b"<w:p/>"
    assert spans[paragraphs[3]] == b"<w:p></w:p >"


@pytest.mark.parametrize(
    ("inner", "start"),
    [
        ("<!-- <w:p> --><w:p/>", START),
        ("<?x <w:p>?><w:p/>", START),
        ('<w:p xmlns:x="urn:x"/>', START),
        ("<q:p/>", START[:-1] + f' xmlns:q="{W_NS}">'),
        ("<x:p/>", f'<x:document xmlns:x="{W_NS}">'),
    ],
)
def test_shapes_that_do_not_allow_the_cut(inner, start):
    end = start.split(" ", 1)[0].replace("<", "</") + ">"
    data = f"{start}{inner}{end}".encode()
    assert paragraph_sources(data, parse(data)) is None
