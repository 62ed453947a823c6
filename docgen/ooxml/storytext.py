"""The body of ``word/document.xml`` as a tree of containers, paragraphs, tables and runs.

Parsed with lxml: the redline compares and edits the tree (:mod:`.revisions` writes the
marks). A *container* is the body or a table cell: a sequence of *items*, paragraphs
(``w:p``) and tables (``w:tbl``); a table holds rows (``w:tr``) of cells (``w:tc``)::

    <w:body><w:p>…</w:p><w:tbl><w:tr><w:tc><w:p>…</w:p></w:tc>…</w:tr>…</w:tbl>…<w:sectPr/>

Text is read as python-docx reads it: ``w:t`` its text, ``w:tab``/``w:ptab`` «\\t»,
``w:br`` (a line break, not a page or column break) and ``w:cr`` «\\n»,
``w:noBreakHyphen`` «-»; runs in hyperlinks, inserted runs (``w:ins``), smart tags and
simple fields count, deleted text (``w:delText``) does not.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree

from .ns import qn

#: An element of the tree (what the functions here take and give back).
Element = etree._Element

_P, _R, _T, _TBL, _TR, _TC = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_BODY, _PPR, _RPR, _SECTPR = qn("w:body"), qn("w:pPr"), qn("w:rPr"), qn("w:sectPr")
_TAB, _PTAB, _BR, _CR = qn("w:tab"), qn("w:ptab"), qn("w:br"), qn("w:cr")
_NBHYPHEN, _TYPE = qn("w:noBreakHyphen"), qn("w:type")
_DELTEXT = qn("w:delText")
#: Containers of runs a reader sees through.
_RUN_HOLDERS = (qn("w:hyperlink"), qn("w:ins"), qn("w:smartTag"), qn("w:fldSimple"))
#: Run children that carry no text and may be dropped when a run is rebuilt.
_IGNORABLE_IN_RUN = {qn("w:lastRenderedPageBreak"), qn("w:softHyphen"), _RPR}
#: Paragraph children that may be dropped when a paragraph's runs are rebuilt.
_IGNORABLE_IN_P = {qn("w:proofErr"), qn("w:bookmarkStart"), qn("w:bookmarkEnd"), _PPR}
_PLAIN_IN_RUN = {_T, _TAB, _PTAB, _BR, _CR, _NBHYPHEN}
_STYLE, _STYLE_ID = qn("w:style"), qn("w:styleId")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


class StoryError(ValueError):
    """``word/document.xml`` cannot be read (message, in Russian: why)."""


@dataclass(frozen=True)
class Segment:
    """Text of one run and its formatting (`rpr`: the run's ``w:rPr``, None for none)."""

    text: str
    rpr: Element | None


# -- the document --------------------------------------------------------------------------


def parse_document(xml: bytes) -> Element:
    """Return the root of ``word/document.xml`` (`xml`); StoryError when it is not XML
    or has no ``w:body``. No entities are expanded, nothing is fetched."""
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise StoryError(str(exc)) from None
    if root.find(_BODY) is None:
        raise StoryError("в word/document.xml нет w:body")
    return root


def body(root: Element) -> Element:
    """Return the ``w:body`` of document root `root` (a container)."""
    return root.find(_BODY)


def serialize(root: Element) -> bytes:
    """Return the part's bytes: UTF-8 with the XML declaration, ``standalone="yes"``."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- containers, tables, paragraphs ---------------------------------------------------------


def items(container: Element) -> list[Element]:
    """Return the paragraphs and tables of `container` (body or cell), in order."""
    return [c for c in container if c.tag in (_P, _TBL)]


def kind(element: Element) -> str:
    """Return «p» for a paragraph, «tbl» for a table, «tr» for a row, «tc» for a cell."""
    return {_P: "p", _TBL: "tbl", _TR: "tr", _TC: "tc"}.get(element.tag, "")


def rows(table: Element) -> list[Element]:
    """Return the rows of `table`."""
    return table.findall(_TR)


def cells(row: Element) -> list[Element]:
    """Return the cells of table row `row` (each a container)."""
    return row.findall(_TC)


def paragraphs(element: Element) -> list[Element]:
    """Return `element` itself when it is a paragraph, else every paragraph inside it."""
    return [element] if element.tag == _P else list(element.iter(_P))


def table_rows(element: Element) -> list[Element]:
    """Return `element` itself when it is a row, else every row inside it."""
    return [element] if element.tag == _TR else list(element.iter(_TR))


def text(element: Element, para: Callable[[Element], str] | None = None) -> str:
    """Return the text of a paragraph, row or table: paragraphs (`para` reads each, by
    default :func:`paragraph_text`) on lines of their own."""
    para = para or paragraph_text
    if element.tag == _P:
        return para(element)
    return "\n".join(para(p) for p in element.iter(_P))


def paragraph_text(p: Element) -> str:
    """Return the text of paragraph `p` as python-docx gives it (deleted text left out)."""
    return "".join(run_text(r) for r in _runs(p))


def run_text(run: Element, *, deleted: bool = False) -> str:
    """Return the text of ``w:r`` `run` (its ``w:delText`` instead of ``w:t`` when `deleted`)."""
    out = []
    text_tag = _DELTEXT if deleted else _T
    for child in run:
        tag = child.tag
        if tag == text_tag:
            out.append(child.text or "")
        elif tag in (_TAB, _PTAB):
            out.append("\t")
        elif (tag == _BR and child.get(_TYPE) in (None, "textWrapping")) or tag == _CR:
            out.append("\n")
        elif tag == _NBHYPHEN:
            out.append("-")
    return "".join(out)


def _runs(p: Element) -> Iterator[Element]:
    for child in p:
        if child.tag == _R:
            yield child
        elif child.tag in _RUN_HOLDERS:
            yield from child.iter(_R)


# -- runs as segments ---------------------------------------------------------------------


def segments(p: Element) -> list[Segment] | None:
    """Return the runs of `p` as segments, or None when `p` holds more than plain text runs.

    Plain means: runs of text, tabs and line breaks (with bookmarks and proofing marks
    around them). A field, a drawing or a hyperlink makes the paragraph one that the
    redline replaces whole instead of rebuilding its runs.
    """
    out = []
    for child in p:
        if child.tag in _IGNORABLE_IN_P:
            continue
        if child.tag != _R:
            return None
        for part in child:
            if part.tag in _IGNORABLE_IN_RUN:
                continue
            if part.tag not in _PLAIN_IN_RUN:
                return None
            if part.tag == _BR and part.get(_TYPE) not in (None, "textWrapping"):
                return None
        out.append(Segment(run_text(child), child.find(_RPR)))
    return out


def slice_segments(segs: list[Segment], start: int, end: int) -> list[Segment]:
    """Return the parts of `segs` covering characters `start`…`end` of their joined text."""
    out, at = [], 0
    for seg in segs:
        lo, hi = at, at + len(seg.text)
        at = hi
        if hi <= start or lo >= end or not seg.text:
            continue
        out.append(Segment(seg.text[max(start, lo) - lo : min(end, hi) - lo], seg.rpr))
    return out


def replace_text(segs: list[Segment], start: int, end: int, text: str) -> list[Segment]:
    """Return `segs` with characters `start`…`end` replaced by `text` (formatting of `start`)."""
    head = slice_segments(segs, 0, start)
    middle = slice_segments(segs, start, end)
    total = sum(len(s.text) for s in segs)
    tail = slice_segments(segs, end, total)
    rpr = middle[0].rpr if middle else (head[-1].rpr if head else None)
    return [*head, Segment(text, rpr), *tail]


# -- moving items -------------------------------------------------------------------------


def clone(element: Element) -> Element:
    """Return a deep copy of `element` (belonging to no tree)."""
    return copy.deepcopy(element)


def put_before(anchor: Element, element: Element) -> None:
    """Put `element` right before `anchor` (moving it when it is in a tree)."""
    anchor.addprevious(element)


def put_after(anchor: Element, element: Element) -> None:
    """Put `element` right after `anchor`."""
    anchor.addnext(element)


def append_item(container: Element, element: Element) -> None:
    """Put `element` at the end of `container`: in the body before its ``w:sectPr``."""
    sect = container.find(_SECTPR)
    if sect is not None:
        sect.addprevious(element)
    else:
        container.append(element)


# -- other parts --------------------------------------------------------------------------


def style_ids(styles_xml: bytes | None) -> set[str]:
    """Return the style ids defined in ``word/styles.xml`` (`styles_xml`); none when the
    part is missing or not XML."""
    if not styles_xml:
        return set()
    try:
        root = etree.fromstring(styles_xml, _PARSER)
    except etree.XMLSyntaxError:
        return set()
    return {s.get(_STYLE_ID) for s in root.iter(_STYLE) if s.get(_STYLE_ID)}
