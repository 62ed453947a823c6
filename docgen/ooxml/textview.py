"""The body as a text view shows it: paragraphs (style and text) and tables, in order.

The shapes read (the paragraphs and tables of :mod:`~docgen.ooxml.body`)::

    <w:body><w:p><w:pPr><w:pStyle w:val="a5"/></w:pPr>
        <w:r><w:t>Заместитель председателя комитета</w:t><w:tab/><w:t>И.В. Носова</w:t></w:r>
        <w:hyperlink r:id="rId4"><w:r><w:t>ссылка</w:t></w:r></w:hyperlink></w:p>
      <w:tbl><w:tr><w:tc><w:p>…</w:p><w:tbl>…</w:tbl></w:tc>…</w:tr>…</w:tbl>
      <w:sdt><w:sdtContent><w:p>…</w:p></w:sdtContent></w:sdt>…</w:body>
    <w:styles><w:style w:type="paragraph" w:styleId="a5"><w:name w:val="Подпись"/>…

A paragraph's text is everything a reader sees in it: ``w:t`` its text, ``w:tab`` «\\t»,
``w:br`` and ``w:cr`` «\\n»; whatever holds runs is read through (links, fields' results,
inserted runs, smart tags, text boxes). Deleted text (``w:del``, ``w:delText``), field
codes (``w:instrText``) and properties are left out. A table is its rows of cells, each
cell a sequence of paragraphs and tables like the body.
"""

from __future__ import annotations

from dataclasses import dataclass

from .body import document_body, walk
from .stylesheet import StyleSheet
from .tree import W, XmlError, attr, parse

_PPR, _PSTYLE, _TR, _TC = W + "pPr", W + "pStyle", W + "tr", W + "tc"
_T, _TAB, _BR, _CR = W + "t", W + "tab", W + "br", W + "cr"
#: Elements whose text is never shown: deleted text, field codes, properties.
_HIDDEN = frozenset(W + t for t in ("del", "delText", "instrText", "rPr", "pPr"))


@dataclass(frozen=True)
class ViewParagraph:
    """A paragraph: its style's id and display name (None without ``w:pStyle``, or for an
    id the styles part does not define) and its text."""

    style_id: str | None
    style: str | None
    text: str


@dataclass(frozen=True)
class ViewTable:
    """A table: its rows, each a tuple of cells, each cell a tuple of blocks."""

    rows: tuple[tuple[tuple[ViewParagraph | ViewTable, ...], ...], ...]


#: What a body or a cell holds.
Block = ViewParagraph | ViewTable


def read_view(document_xml: bytes, styles_xml: bytes | None = None) -> tuple[Block, ...]:
    """Return the blocks of the body of ``word/document.xml`` (`document_xml`), with style
    names from ``word/styles.xml`` (`styles_xml`; none when missing).

    Raises :class:`~docgen.ooxml.tree.XmlError` when the document part is not well-formed;
    a broken styles part only leaves the styles unnamed.
    """
    try:
        sheet = StyleSheet(styles_xml)
    except XmlError:
        sheet = StyleSheet(None)
    found = document_body(parse(document_xml))
    return () if found is None else _container(found, sheet)


def _container(container, sheet: StyleSheet) -> tuple[Block, ...]:
    out: list[Block] = []
    walk(container, _paragraph, _table, sheet, out)
    return tuple(out)


def _paragraph(p, sheet: StyleSheet, out: list[Block]) -> None:
    ppr = p.find(_PPR)
    style_id = attr(ppr.find(_PSTYLE), "val") if ppr is not None else None
    style = sheet.name(style_id) if style_id else None
    out.append(ViewParagraph(style_id, style, visible_text(p)))


def _table(table, sheet: StyleSheet, out: list[Block]) -> None:
    out.append(
        ViewTable(
            tuple(
                tuple(_container(tc, sheet) for tc in tr.iterchildren(_TC))
                for tr in table.iterchildren(_TR)
            )
        )
    )


def visible_text(p) -> str:
    """Return the text of paragraph `p` as a reader sees it (see the module docstring)."""
    parts: list[str] = []
    _collect(p, parts)
    return "".join(parts)


def _collect(node, parts: list[str]) -> None:
    for child in node:
        tag = child.tag
        if tag in _HIDDEN:
            continue
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _BR or tag == _CR:
            parts.append("\n")
        else:
            _collect(child, parts)
