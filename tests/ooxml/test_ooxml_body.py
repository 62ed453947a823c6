"""docgen.ooxml.body: a body's paragraphs and tables in reading order."""

from __future__ import annotations

from docgen.ooxml import body
from docgen.ooxml.ns import W_NS
from docgen.ooxml.tree import W, parse


def document(inner: str):
    return parse(f'<w:document xmlns:w="{W_NS}"><w:body>{inner}</w:body></w:document>')


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def texts(container) -> list[str]:
    """Return what body.walk finds in `container`: paragraph texts, «[table]» for a table."""
    found: list[str] = []
    body.walk(
        container,
        lambda p, into: into.append("".join(p.itertext())),
        lambda t, into: into.append("[table]"),
        found,
    )
    return found


def tables(container) -> list:
    found: list = []
    body.walk(container, lambda p: None, found.append)
    return found


def cell(*inner: str, props: str = "") -> str:
    return f"<w:tc>{props}{''.join(inner)}</w:tc>"


def test_document_body():
    assert body.document_body(document("")).tag == W + "body"
    assert body.document_body(parse(f'<w:document xmlns:w="{W_NS}"/>')) is None


def test_walk_reads_through_content_controls_and_containers():
    root = document(
        para("1")
        + f"<w:sdt><w:sdtPr/><w:sdtContent>{para('2')}</w:sdtContent></w:sdt>"
        + f"<w:customXml><w:smartTag>{para('3')}</w:smartTag></w:customXml>"
        + "<w:sdt><w:sdtPr/></w:sdt>"
        + f"<w:tbl><w:tr>{cell(para('в таблице'))}</w:tr></w:tbl>"
        + "<w:bookmarkStart/>"
        + para("4")
    )
    assert texts(body.document_body(root)) == ["1", "2", "3", "[table]", "4"]


def test_sections_end_on_paragraphs_and_at_the_end():
    root = document(
        para("1") + "<w:p><w:pPr><w:sectPr><w:type/></w:sectPr></w:pPr></w:p><w:sectPr/>"
    )
    first, second = root.iter(body.PARAGRAPH)
    assert body.paragraph_section(first) is None
    assert body.paragraph_section(second).tag == W + "sectPr"
    assert body.final_section(body.document_body(root)) is not None
    assert body.final_section(body.document_body(document(para("1")))) is None


TABLE = (
    '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>'
    '<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="3000"/><w:gridCol w:w="1000"/></w:tblGrid>'
    "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
    + cell(para("№"))
    + cell(para("Мероприятие"), props='<w:tcPr><w:gridSpan w:val="2"/></w:tcPr>')
    + "</w:tr><w:tr><w:trPr><w:tblHeader/></w:trPr>"
    + cell(para("1"))
    + cell(para("2"))
    + cell(para("3"))
    + "</w:tr><w:tr>"
    + cell(para("a"))
    + "</w:tr><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
    + cell(para("b"))
    + "</w:tr></w:tbl>"
)


def test_table_layout():
    (table,) = tables(body.document_body(document(TABLE)))
    layout = body.table_layout(table)
    assert layout.style == "TableGrid"
    assert layout.grid == (2000, 3000, 1000)
    assert (layout.rows, layout.cols) == (4, 3)
    # -- only the leading header rows repeat; a header row after a body row does not --
    assert layout.header_rows == 2
    assert layout.cant_split == 2
    assert [(c.row, c.col, c.span) for c in layout.cells] == [
        (0, 0, 1),
        (0, 1, 2),
        (1, 0, 1),
        (1, 1, 1),
        (1, 2, 1),
        (2, 0, 1),
        (3, 0, 1),
    ]
    assert "".join(layout.cells[1].element.itertext()) == "Мероприятие"


def test_a_bare_table():
    (table,) = tables(body.document_body(document("<w:tbl/>")))
    layout = body.table_layout(table)
    assert (layout.style, layout.grid, layout.rows, layout.cols, layout.cells) == (
        None,
        (),
        0,
        0,
        (),
    )


def test_all_cells_include_nested_tables():
    nested = f"<w:tbl><w:tr>{cell(para('внутри'))}</w:tr></w:tbl>"
    root = document(f"<w:tbl><w:tr>{cell(para('снаружи'), nested)}</w:tr></w:tbl>")
    (table,) = tables(body.document_body(root))
    assert len(body.table_layout(table).cells) == 1
    assert [texts(tc) for tc in body.all_cells(table)] == [
        ["снаружи", "[table]"],
        ["внутри"],
    ]
