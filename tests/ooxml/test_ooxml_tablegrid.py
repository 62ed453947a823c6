"""docgen.ooxml.tablegrid: table grids repaired after column loops."""

from __future__ import annotations

import re

import pytest

from docgen.ooxml import tablegrid
from docgen.ooxml.ns import W_NS

NS = f' xmlns:w="{W_NS}"'


def tc(width: int, span: int = 1, text: str = "x") -> str:
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>'


def table(grid: list[int], *rows: list[str]) -> str:
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
    body = "".join(f"<w:tr>{''.join(r)}</w:tr>" for r in rows)
    return f"<w:tbl><w:tblGrid>{cols}</w:tblGrid>{body}</w:tbl>"


def grid_of(xml: str) -> list[int]:
    return [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', xml)]


def test_a_column_loop_gets_a_grid_of_its_columns_and_group_rows_span_them():
    # -- a year loop made four cells of a row whose grid still has two columns --
    xml = table([1000, 3000], [tc(1000), tc(1000), tc(1000), tc(1000)], [tc(4000)])
    fixed = tablegrid.fix_tables("<w:p/>" + xml, NS)
    assert fixed.startswith("<w:p/><w:tbl>") and "xmlns" not in fixed
    assert grid_of(fixed) == [1000, 1000, 1000, 1000]
    assert '<w:gridSpan w:val="4"/>' in fixed
    assert fixed.count('w:w="4000" w:type="dxa"') == 1  # -- the group cell covers all four --


def test_a_table_that_fits_keeps_its_grid():
    xml = table([1000, 3000], [tc(1000), tc(3000)])
    assert grid_of(tablegrid.fix_tables(xml, NS)) == [1000, 3000]


@pytest.mark.parametrize(
    ("body", "needs"),
    [
        ("<w:t>{%tc for y in years %}</w:t>", True),
        ("<w:t>{%</w:t></w:r><w:r><w:t>tc for y in years %}</w:t>", True),
        ("<w:t>{% hm %}</w:t>", True),
        ("<w:t>{% colspan 2 %}</w:t>", True),
        ("<w:t>{%tr for r in rows %}</w:t>", False),
        ("<w:t>{{ tc }}</w:t>", False),
    ],
)
def test_needs_fixing(body, needs):
    assert tablegrid.needs_fixing(body) is needs
