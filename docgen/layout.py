"""Page and paragraph layout of docgen's documents, as data.

The figures follow ГОСТ Р 7.0.97 (summarised in docs/reference/gost.md §0.5).

The numbers live here once; the template builder writes them into the .docx styles and
the checker compares documents against its own profile data.
"""

from __future__ import annotations

from dataclasses import dataclass

#: A4 portrait, millimetres.
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
#: Margins (left, right, top, bottom), mm: G-02/G-03 — left 30 for acts kept permanently.
MARGINS_MM = (30, 15, 20, 20)
#: Distance of the page-number header from the top edge, mm (G-04: at least 10).
HEADER_DISTANCE_MM = 12
FIRST_LINE_INDENT_CM = 1.25
#: Width of the approval / appendix mark block at the right, cm (G-14: ≤ 7.5; 2025: ≤ 8).
MARK_WIDTH_CM = 7.5
TABLE_FONT_PT = 12
#: The language of the text (spelling, hyphenation dictionaries, date formats in Word).
LANGUAGE = "ru-RU"
#: Widow/orphan control for every paragraph: no page starts or ends with one line of it.
WIDOW_CONTROL = True


@dataclass(frozen=True)
class ParagraphStyle:
    """A named paragraph style of docgen templates (Russian name, as Word shows it)."""

    key: str
    name: str
    align: str = "justify"  # justify | center | left | right
    indent: bool = False  # first-line indent 1.25 cm
    bold: bool = False
    caps: bool = False
    size_pt: float | None = None
    mark_block: bool = False  # left indent so the block sits in the right 7.5 cm
    landscape: bool = False  # measured against the landscape text width
    keep_with_next: bool = False  # headings: never the last line of a page
    space_before_pt: float = 0


#: Paragraph styles by markup key (see docgen.docxbuild for the markup).
STYLES: dict[str, ParagraphStyle] = {
    s.key: s
    for s in (
        ParagraphStyle("text", "Текст", indent=True),
        ParagraphStyle("noindent", "Текст без отступа", align="left"),
        ParagraphStyle("blank", "Бланк", align="center"),
        ParagraphStyle("authority", "Бланк орган", align="center", bold=True),
        ParagraphStyle("kind", "Вид акта", align="center", bold=True),
        ParagraphStyle("datenum", "Дата и номер", align="center"),
        ParagraphStyle(
            "title", "Заголовок к тексту", align="center", bold=True, keep_with_next=True
        ),
        ParagraphStyle("sign", "Подпись", align="left"),
        ParagraphStyle("mark", "Гриф", align="left", mark_block=True),
        ParagraphStyle("markland", "Гриф альбомный", align="left", mark_block=True, landscape=True),
        ParagraphStyle(
            "doctitle", "Заголовок документа", align="center", bold=True, keep_with_next=True
        ),
        ParagraphStyle(
            "heading", "Заголовок раздела", align="center", bold=True, keep_with_next=True
        ),
        ParagraphStyle("cell", "Текст таблицы", align="left", size_pt=TABLE_FONT_PT),
        ParagraphStyle(
            "cellhead", "Шапка таблицы", align="center", bold=True, size_pt=TABLE_FONT_PT
        ),
        ParagraphStyle(
            "cellcenter", "Текст таблицы по центру", align="center", size_pt=TABLE_FONT_PT
        ),
    )
}
