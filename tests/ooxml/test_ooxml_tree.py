"""docgen.ooxml.tree: safe parsing and WordprocessingML values."""

from __future__ import annotations

import pytest

from docgen.ooxml.ns import W_NS
from docgen.ooxml.tree import W, XmlError, attr, is_on, parse, serialize, to_int


def element(xml: str):
    return parse(f'<w:x xmlns:w="{W_NS}">{xml}</w:x>')[0]


def test_parse_takes_bytes_and_text():
    assert parse(b"<a>1</a>").text == parse("<a>1</a>").text == "1"
    assert parse("<a>ж</a>").text == "ж"


def test_broken_xml_is_an_xml_error():
    with pytest.raises(XmlError, match="line 1"):
        parse(b"<w:document><w:p>")


def test_entities_are_not_expanded_and_nothing_is_fetched():
    # -- the reference stays a reference: a reader taking ``.text`` sees nothing --
    internal = parse(b'<!DOCTYPE d [<!ENTITY x "RASKRYTO">]><d>&x;</d>')
    assert internal.text is None and b"RASKRYTO" not in serialize(internal)
    external = parse(b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/hostname">]><d>&x;</d>')
    assert external.text is None and serialize(external) == b"<d>&x;</d>"


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        ("<w:b/>", True),
        ('<w:b w:val="1"/>', True),
        ('<w:b w:val="true"/>', True),
        ('<w:b w:val="on"/>', True),
        ('<w:b w:val="0"/>', False),
        ('<w:b w:val="false"/>', False),
        ('<w:b w:val="Off"/>', False),
        ('<w:b w:val="none"/>', False),
    ],
)
def test_is_on(xml, expected):
    assert is_on(element(xml)) is expected


def test_absent_values_are_none():
    assert is_on(None) is None
    assert attr(None, "val") is None
    assert attr(element("<w:b/>"), "val") is None
    assert attr(element('<w:jc w:val="both"/>'), "val") == "both"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("709", 709), ("709.6", 709), ("-284", -284), (None, None), ("abc", None), ("1e999", None)],
)
def test_to_int(value, expected):
    assert to_int(value) == expected


def test_serialize_leaves_the_tail_out():
    root = parse(f'<w:body xmlns:w="{W_NS}"><w:p/>tail<w:p/></w:body>')
    assert root[0].tag == W + "p"
    assert serialize(root[0]).endswith(b"/>")
    assert b"tail" not in serialize(root[0])
