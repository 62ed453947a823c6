"""Repair table grids after docxtpl's column tags (``{%tc for %}``, ``{% hm %}``, colspan).

Column loops change how many cells a row has, but not the table's ``w:tblGrid``; Word and
LibreOffice then lay the table out wrongly. docxtpl's own ``fix_tables`` only adds missing
grid columns of equal width; this rebuilds the grid from the widest row, keeps the table's
total width, widens single-cell rows (group headings) to the full row, and sets the width
of every cell to the grid columns it covers.
"""

from __future__ import annotations

import re

from lxml import etree

from .jinja import strip_markup
from .ns import W_NS
from .parts import without_namespace_declarations

W = f"{{{W_NS}}}"
_TABLE_RE = re.compile(r"<w:tbl>.*?</w:tbl>", re.S)
_COLUMN_TAG_RE = re.compile(r"\{%-?\s*(tc\s|hm\b|colspan\b)")


def needs_fixing(body_xml: str) -> bool:
    """Return True when the template body uses tags that change a table's column count
    (``{%tc …%}``, ``{% hm %}``, ``{% colspan … %}``)."""
    return _COLUMN_TAG_RE.search(strip_markup(body_xml)) is not None


def fix_tables(xml: str, namespaces: str) -> str:
    """Return body `xml` with the grid of every table repaired.

    `namespaces` holds the ``xmlns`` declarations of the enclosing document element
    (docgen.ooxml.parts.namespace_declarations), so a table can be parsed on its own.
    """
    return _TABLE_RE.sub(lambda m: _fix_one(m.group(0), namespaces), xml)


def _span(tc) -> int:
    span = tc.find(f"{W}tcPr/{W}gridSpan")
    return int(span.get(f"{W}val")) if span is not None else 1


def _fix_one(table_xml: str, namespaces: str) -> str:
    if "<w:tbl>" in table_xml[6:]:
        return table_xml  # -- nested tables: leave as they are --
    root = etree.fromstring(f"<root{namespaces}>{table_xml}</root>")
    tbl = root[0]
    rows = tbl.findall(f"{W}tr")
    grid = tbl.find(f"{W}tblGrid")
    if not rows or grid is None:
        return table_xml
    counts = [sum(_span(tc) for tc in tr.findall(f"{W}tc")) for tr in rows]
    old = [int(c.get(f"{W}w", "0")) for c in grid.findall(f"{W}gridCol")]
    # -- the row with the most cells defines the columns (group rows are one wide cell) --
    model = max(rows, key=lambda tr: len(tr.findall(f"{W}tc")))
    columns = sum(_span(tc) for tc in model.findall(f"{W}tc"))
    widths: list[float] = []
    for tc in model.findall(f"{W}tc"):
        width_el = tc.find(f"{W}tcPr/{W}tcW")
        width = int(width_el.get(f"{W}w", "0")) if width_el is not None else 0
        widths += [width / _span(tc)] * _span(tc)
    total_old = sum(old) or sum(widths) or 1
    scale = total_old / (sum(widths) or total_old)
    new = [max(int(w * scale), 1) for w in (widths or [total_old / columns] * columns)]
    for col in list(grid):
        grid.remove(col)
    for width in new:
        etree.SubElement(grid, f"{W}gridCol").set(f"{W}w", str(width))
    for tr, count in zip(rows, counts, strict=False):
        cells = tr.findall(f"{W}tc")
        if count != columns and cells:
            _set_span(cells[-1], max(_span(cells[-1]) + columns - count, 1))
        position = 0
        for tc in cells:
            span = _span(tc)
            width_el = tc.find(f"{W}tcPr/{W}tcW")
            if width_el is not None:
                width_el.set(f"{W}w", str(sum(new[position : position + span])))
                width_el.set(f"{W}type", "dxa")
            position += span
    return without_namespace_declarations(etree.tostring(tbl, encoding="unicode"))


def _set_span(tc, span: int) -> None:
    tc_pr = tc.find(f"{W}tcPr")
    if tc_pr is None:
        tc_pr = etree.SubElement(tc, f"{W}tcPr")
        tc.remove(tc_pr)
        tc.insert(0, tc_pr)
    el = tc_pr.find(f"{W}gridSpan")
    if el is None:
        el = etree.Element(f"{W}gridSpan")
        width = tc_pr.find(f"{W}tcW")
        (width.addnext(el) if width is not None else tc_pr.insert(0, el))
    el.set(f"{W}val", str(span))
