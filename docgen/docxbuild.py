"""Build a .docx template from docgen's plain-text template markup.

Template editors work on the .docx in Word or LibreOffice; the markup exists so that the
shipped templates can be written, reviewed and diffed as text (``templates_docx/src``) and
rebuilt with ``python tools/build_templates.py``. One line is one paragraph:

=========================  ==================================================================
``text``                   body paragraph (style «Текст»: justified, 1.25 cm indent)
``.KEY text``              paragraph in the style with that key (docgen.layout.STYLES)
``.empty``                 an empty body paragraph
``.section portrait``      a new section on a new page (``landscape`` for roadmaps)
``.orientation landscape`` the current section's orientation (e.g. a roadmap's first page)
``.table 6,40,14,20,20``   a table; widths in percent of the text width; then rows:
``|! a | b``               header row (bold, repeated on every page)
``| a | b``                ordinary row (rows never split across pages)
``|= text``                one cell across the whole row (group rows, ``{%tr %}`` tags)
``^`` / ``<`` as a cell     merge with the cell above / with the left neighbour
``.endtable``              end of the table
``# comment``              ignored
=========================  ==================================================================

``\\t`` in a line is a tab (the signature uses a right tab stop at the text width).
Every section gets a centred page number in the header from its second page (G-04).
Headings keep with the next paragraph and widow control is on (docgen.layout). What
python-docx has no API for (page-number fields, row flags, document defaults) is done by
docgen.ooxml.build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Mm, Pt

from . import layout
from .errors import TemplateError
from .ooxml import build as edits

_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


@dataclass
class _Table:
    widths: list[float]
    rows: list[tuple[str, list[str], str]] = field(default_factory=list)


def build_docx(
    markup: str,
    target: Path,
    *,
    font: str = "Times New Roman",
    size_pt: float = 14,
    source: str = "<markup>",
) -> None:
    """Write the .docx for `markup` to `target` (atomically: temp file, then rename)."""
    doc = _new_document(font, size_pt)
    _apply_section(doc, 0, "portrait")
    table: _Table | None = None
    for lineno, raw in enumerate(markup.splitlines(), 1):
        line = raw.rstrip()
        where = f"{source}:{lineno}"
        if not line.strip() or line.lstrip().startswith("# ") or line.strip() == "#":
            continue
        if table is not None:
            if line == ".endtable":
                _add_table(doc, table)
                table = None
            elif line.startswith("|"):
                kind = line[1] if len(line) > 1 and line[1] in "!=" else ""
                cells = [c.strip() for c in line[1 + len(kind) :].split(" | ")]
                table.rows.append((kind, cells, where))
            else:
                raise TemplateError("внутри таблицы ожидается строка «| …» или «.endtable»", where)
            continue
        if line.startswith("."):
            key, _, text = line[1:].partition(" ")
            if key == "section":
                doc.add_section(WD_SECTION.NEW_PAGE)
                _apply_section(doc, len(doc.sections) - 1, text.strip() or "portrait")
            elif key == "orientation":
                _apply_section(doc, len(doc.sections) - 1, text.strip(), header=False)
            elif key == "table":
                try:
                    table = _Table([float(w) for w in text.split(",")])
                except ValueError:
                    raise TemplateError("ширины столбцов: числа через запятую", where) from None
            elif key == "empty":
                doc.add_paragraph("", style=layout.STYLES["text"].name)
            elif key in layout.STYLES:
                _add_paragraph(doc, text, key)
            else:
                raise TemplateError(f"неизвестный стиль «.{key}»", where)
        else:
            _add_paragraph(doc, line, "text")
    if table is not None:
        raise TemplateError("таблица не закрыта строкой «.endtable»", source)
    _drop_unused_styles(doc)
    _drop_extra_parts(doc)
    tmp = target.with_name(target.name + ".tmp")
    doc.save(tmp)
    tmp.replace(target)


def _add_paragraph(container, text: str, key: str):
    style = layout.STYLES[key]
    paragraph = container.add_paragraph(style=style.name)
    parts = text.split("\\t")
    for i, part in enumerate(parts):
        if i:
            paragraph.add_run().add_tab()
        if part:
            paragraph.add_run(part)
    return paragraph


def _new_document(font: str, size_pt: float):
    doc = Document()
    edits.clear_body(doc)
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size_pt)
    edits.set_style_fonts(normal, font, layout.LANGUAGE)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.widow_control = layout.WIDOW_CONTROL
    edits.set_doc_defaults(doc.styles, font, size_pt, layout.LANGUAGE, layout.WIDOW_CONTROL)
    text_width = Mm(layout.PAGE_WIDTH_MM - layout.MARGINS_MM[0] - layout.MARGINS_MM[1])
    land_width = Mm(layout.PAGE_HEIGHT_MM - layout.MARGINS_MM[0] - layout.MARGINS_MM[1])
    for style_def in layout.STYLES.values():
        _add_style(doc, style_def, land_width if style_def.landscape else text_width)
    edits.set_auto_hyphenation(doc.settings, False)
    edits.set_theme_language(doc.settings, layout.LANGUAGE)
    doc.core_properties.language = layout.LANGUAGE
    doc.core_properties.author = "docgen"
    doc.core_properties.title = ""
    doc.core_properties.comments = ""
    return doc


def _add_style(doc, style_def: layout.ParagraphStyle, text_width) -> None:
    style = doc.styles.add_style(style_def.name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    fmt = style.paragraph_format
    fmt.alignment = _ALIGN[style_def.align]
    fmt.first_line_indent = Cm(layout.FIRST_LINE_INDENT_CM) if style_def.indent else Cm(0)
    fmt.left_indent = Cm(0)
    fmt.space_before = Pt(style_def.space_before_pt)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    if style_def.keep_with_next:
        fmt.keep_with_next = True
    if style_def.mark_block:
        fmt.left_indent = text_width - Cm(layout.MARK_WIDTH_CM)
    if style_def.key == "sign":
        fmt.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
        fmt.keep_together = True
    font = style.font
    font.bold = style_def.bold or None
    if style_def.size_pt:
        font.size = Pt(style_def.size_pt)


def _apply_section(doc, index: int, orientation: str, header: bool = True) -> None:
    if orientation not in ("portrait", "landscape"):
        raise TemplateError(f"ориентация раздела: portrait или landscape, а не «{orientation}»")
    section = doc.sections[index]
    wide, tall = Mm(layout.PAGE_HEIGHT_MM), Mm(layout.PAGE_WIDTH_MM)
    if orientation == "landscape":
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = wide, tall
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = tall, wide
    left, right, top, bottom = (Mm(v) for v in layout.MARGINS_MM)
    section.left_margin, section.right_margin = left, right
    section.top_margin, section.bottom_margin = top, bottom
    section.header_distance = Mm(layout.HEADER_DISTANCE_MM)
    section.footer_distance = Mm(layout.HEADER_DISTANCE_MM)
    section.different_first_page_header_footer = True
    if not header:
        return
    section.header.is_linked_to_previous = False
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.text = ""
    paragraph.style = doc.styles["Normal"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Cm(0)
    edits.add_page_number(paragraph)
    edits.restart_page_numbers(doc, index)


def _add_table(doc, table: _Table) -> None:
    section = doc.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    ncols = len(table.widths)
    tbl = doc.add_table(rows=0, cols=ncols)
    tbl.style = doc.styles["Table Grid"]
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl.autofit = False
    col_widths = [int(width * w / sum(table.widths)) for w in table.widths]
    for col, w in zip(tbl.columns, col_widths, strict=False):
        col.width = w
    merges: list[tuple[int, int, str]] = []
    for kind, cells, where in table.rows:
        row = tbl.add_row()
        if kind == "=":
            merged = row.cells[0].merge(row.cells[-1])
            _fill_cell(merged, cells[0] if cells else "", "cell")
            continue
        if len(cells) != ncols:
            raise TemplateError(
                f"в строке таблицы {len(cells)} ячеек, а столбцов {ncols}: {' | '.join(cells)}",
                where,
            )
        r = len(tbl.rows) - 1
        for i, (cell, text) in enumerate(zip(row.cells, cells, strict=False)):
            cell.width = col_widths[i]
            if text in ("^", "<"):
                if (text == "^" and r == 0) or (text == "<" and i == 0):
                    raise TemplateError(f"ячейке «{text}» не с чем объединиться", where)
                merges.append((r, i, text))
                continue
            key = "cellhead" if kind == "!" else ("cellcenter" if i == 0 else "cell")
            _fill_cell(cell, text, key)
    for r, i, how in merges:
        other = tbl.cell(r - 1, i) if how == "^" else tbl.cell(r, i - 1)
        other.merge(tbl.cell(r, i))
    headers = {i for i, (kind, _, _) in enumerate(table.rows) if kind == "!"}
    edits.set_row_flags(doc, len(doc.tables) - 1, headers)
    # -- a paragraph after the table keeps the next section break off the table --
    doc.add_paragraph("", style=layout.STYLES["text"].name)


def _fill_cell(cell, text: str, key: str) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = layout.STYLES[key].name
    if text:
        paragraph.add_run(text)


_KEEP_STYLES = {
    "Normal",
    "Default Paragraph Font",
    "Normal Table",
    "No List",
    "Table Grid",
    "Header",
    "Footer",
}


def _drop_unused_styles(doc) -> None:
    """Remove latent and unused built-in styles (python-docx's default has ~160)."""
    keep = {s.name for s in layout.STYLES.values()} | {n.lower() for n in _KEEP_STYLES}
    for style in list(doc.styles):
        name = style.name or ""
        if name not in keep and name.lower() not in keep:
            style.delete()
    edits.drop_latent_styles(doc.styles)


_EXTRA_PARTS = ("stylesWithEffects", "thumbnail", "customXml", "webSettings")


def _drop_extra_parts(doc) -> None:
    """Drop parts python-docx's default package carries but a template does not need."""
    for owner in (doc.part, doc.part.package):
        for r_id, rel in list(owner.rels.items()):
            if any(rel.reltype.endswith(name) for name in _EXTRA_PARTS):
                del owner.rels[r_id]


def markup_text(markup: str) -> list[str]:
    """Return the paragraph texts a markup source produces (for tests and diffs)."""
    out = []
    for raw in markup.splitlines():
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("# ") or line.strip() == "#":
            continue
        if re.match(r"^\.(section|orientation|table|endtable|empty)\b", line):
            continue
        if line.startswith("."):
            line = line.partition(" ")[2]
        out.append(line.replace("\\t", "\t"))
    return out
