"""The body of a document part in reading order: paragraphs, tables and their cells.

The shapes read::

    <w:body><w:p>…</w:p>
      <w:sdt><w:sdtContent><w:p>…</w:p></w:sdtContent></w:sdt>      (a content control)
      <w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>
        <w:tblGrid><w:gridCol w:w="4677"/>…</w:tblGrid>
        <w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>
          <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p>…</w:p></w:tc>…</w:tr></w:tbl>
      <w:p><w:pPr><w:sectPr>…</w:sectPr></w:pPr></w:p>               (ends a section)
      <w:sectPr>…</w:sectPr></w:body>                                  (the last section)

Elements come back as they are (lxml elements) for :mod:`~docgen.ooxml.formatting` and
:mod:`~docgen.ooxml.sections` to read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from .tree import W, attr, is_on, to_int

PARAGRAPH, TABLE = W + "p", W + "tbl"
_SDT, _SDT_CONTENT, _SECT_PR, _PPR = W + "sdt", W + "sdtContent", W + "sectPr", W + "pPr"
_TR, _TC, _TR_PR, _TBL_PR = W + "tr", W + "tc", W + "trPr", W + "tblPr"
_TBL_STYLE, _GRID_COL = W + "tblStyle", f"{W}tblGrid/{W}gridCol"
_GRID_SPAN, _HEADER, _CANT_SPLIT = f"{W}tcPr/{W}gridSpan", W + "tblHeader", W + "cantSplit"
#: Elements whose content is read as if it stood in their place (text inserted or moved
#: here with tracked changes is; text deleted or moved away, ``w:del``/``w:moveFrom``, not).
CONTAINERS = frozenset(
    W + tag
    for tag in (
        "hyperlink",
        "ins",
        "smartTag",
        "fldSimple",
        "customXml",
        "moveTo",
        "sdtContent",
        "dir",
        "bdo",
    )
)


def document_body(root):
    """Return the ``w:body`` of the document part `root`, or None."""
    return root.find(W + "body")


def walk(container, paragraph: Callable, table: Callable, *args) -> None:
    """Call ``paragraph(p, *args)`` for each paragraph and ``table(t, *args)`` for each
    table of `container` (a body or a cell) in order, those inside content controls and
    other containers included; tables are not entered."""
    for child in container:
        tag = child.tag
        if tag == PARAGRAPH:
            paragraph(child, *args)
        elif tag == TABLE:
            table(child, *args)
        elif tag == _SDT or tag in CONTAINERS:
            content = child.find(_SDT_CONTENT) if tag == _SDT else child
            if content is not None:
                walk(content, paragraph, table, *args)


def paragraph_section(paragraph):
    """Return the ``w:sectPr`` of `paragraph` (it ends a section there), or None."""
    ppr = paragraph.find(_PPR)
    return None if ppr is None else ppr.find(_SECT_PR)


def final_section(body):
    """Return the last section's ``w:sectPr`` of `body`, or None."""
    return body.find(_SECT_PR)


class Cell(NamedTuple):
    """A table cell: row and first grid column (0-based), columns spanned, its element."""

    row: int
    col: int
    span: int
    element: object


@dataclass(frozen=True)
class TableLayout:
    """A table's style id, grid (column widths, twips), rows and columns, the header rows
    Word repeats on each page (the leading ``w:tblHeader`` rows), the rows that may not
    break across pages, and its cells row by row."""

    style: str | None
    grid: tuple[int, ...]
    rows: int
    cols: int
    header_rows: int
    cant_split: int
    cells: tuple[Cell, ...]


def table_layout(table) -> TableLayout:
    """Return the layout of the ``w:tbl`` element `table` (nested tables are its cells')."""
    tbl_pr = table.find(_TBL_PR)
    style = attr(tbl_pr.find(_TBL_STYLE), "val") if tbl_pr is not None else None
    grid = tuple(to_int(attr(col, "w")) or 0 for col in table.findall(_GRID_COL))
    cells: list[Cell] = []
    header_rows = cant_split = rows = cols = 0
    header_open = True
    for r, tr in enumerate(table.findall(_TR)):
        tr_pr = tr.find(_TR_PR)
        if header_open and tr_pr is not None and is_on(tr_pr.find(_HEADER)):
            header_rows += 1
        else:
            header_open = False
        if tr_pr is not None and is_on(tr_pr.find(_CANT_SPLIT)):
            cant_split += 1
        col = 0
        for tc in tr.findall(_TC):
            span = to_int(attr(tc.find(_GRID_SPAN), "val"))
            span = 1 if span is None else span
            cells.append(Cell(r, col, span, tc))
            col += span
        cols = max(cols, col)
        rows = r + 1
    return TableLayout(style, grid, rows, cols, header_rows, cant_split, tuple(cells))


def all_cells(table) -> Iterator:
    """Yield every cell of `table` and of the tables nested in it, row by row."""
    for tr in table.iter(_TR):
        yield from tr.findall(_TC)
