"""Element edits the template builder makes where python-docx has no public API.

Each takes python-docx objects and reaches their XML only through python-docx's public
``element`` properties (``Document.element``, ``Styles.element``, ``Run.element`` …).
"""

from __future__ import annotations

from collections.abc import Container

from docx.oxml import OxmlElement

from .ns import qn

#: Children of ``w:sectPr`` in schema order (Word rejects some misordered files).
SECTION_ORDER = (
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
)
_FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
_SECTIONS_XPATH = "./w:body/w:p/w:pPr/w:sectPr | ./w:body/w:sectPr"


def clear_body(document) -> None:
    """Remove every paragraph and table of `document`, keeping its section properties."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def set_style_fonts(style, font: str, language: str) -> None:
    """Give `style` the font `font` for every script and the language `language`.

    ``<w:rFonts w:ascii="F" w:hAnsi="F" w:cs="F" w:eastAsia="F"/>…<w:lang w:val="ru-RU"
    w:eastAsia="ru-RU" w:bidi="ar-SA"/>`` (python-docx's ``font.name`` sets two of them).
    """
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in _FONT_ATTRS:
        fonts.set(qn(attr), font)
    rpr.append(_language(language))


def set_doc_defaults(styles, font: str, size_pt: float, language: str, widow_control: bool):
    """Set the document defaults: run font, size and language; widow control.

    ``<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts …/>…<w:sz w:val="28"/><w:szCs …/>
    <w:lang …/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/>…``
    """
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is not None:
        for child in list(rpr):
            if child.tag in (qn("w:rFonts"), qn("w:sz"), qn("w:szCs"), qn("w:lang")):
                rpr.remove(child)
        fonts = OxmlElement("w:rFonts")
        for attr in _FONT_ATTRS:
            fonts.set(qn(attr), font)
        rpr.insert(0, fonts)
        for tag in ("w:sz", "w:szCs"):
            el = OxmlElement(tag)
            el.set(qn("w:val"), str(int(size_pt * 2)))
            rpr.append(el)
        rpr.append(_language(language))
    ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    if ppr is not None:
        # -- python-docx's own paragraph-properties element keeps the schema order --
        ppr.widowControl_val = widow_control


def drop_latent_styles(styles) -> None:
    """Remove ``w:latentStyles`` (python-docx's default template declares ~160)."""
    latent = styles.element.find(qn("w:latentStyles"))
    if latent is not None:
        styles.element.remove(latent)


def set_auto_hyphenation(settings, on: bool) -> None:
    """Write ``<w:autoHyphenation w:val="false"/>`` (or true) into the settings."""
    el = OxmlElement("w:autoHyphenation")
    el.set(qn("w:val"), "true" if on else "false")
    settings.element.append(el)


def set_theme_language(settings, language: str) -> None:
    """Set ``<w:themeFontLang w:val="…"/>`` when the settings have one."""
    el = settings.element.find(qn("w:themeFontLang"))
    if el is not None:
        el.set(qn("w:val"), language)


def add_page_number(paragraph, shown: str = "2") -> None:
    """Append a ``PAGE`` field to `paragraph` in one run, showing `shown` until updated.

    ``<w:r><w:fldChar w:fldCharType="begin"/><w:instrText xml:space="preserve"> PAGE
    </w:instrText><w:fldChar w:fldCharType="separate"/><w:t>2</w:t><w:fldChar
    w:fldCharType="end"/></w:r>``
    """
    run = paragraph.add_run().element
    run.append(_field_char("begin"))
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run.append(instruction)
    run.append(_field_char("separate"))
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    run.append(_field_char("end"))


def restart_page_numbers(document, section_index: int) -> None:
    """Make section `section_index` of `document` number its pages from 1
    (``<w:pgNumType w:start="1"/>``) and put its properties in schema order."""
    sect = document.element.xpath(_SECTIONS_XPATH)[section_index]
    pg_num = sect.find(qn("w:pgNumType"))
    if pg_num is None:
        pg_num = OxmlElement("w:pgNumType")
        sect.append(pg_num)
    pg_num.set(qn("w:start"), "1")
    rank = {qn(f"w:{name}"): i for i, name in enumerate(SECTION_ORDER)}
    for child in sorted(sect, key=lambda el: rank.get(el.tag, len(rank))):
        sect.append(child)


def set_row_flags(document, table_index: int, header_rows: Container[int]) -> None:
    """Keep every row of table `table_index` (in the body) on one page and repeat the
    rows `header_rows` (indices) on every page.

    ``<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>…``
    """
    table = document.element.body.findall(qn("w:tbl"))[table_index]
    for index, tr in enumerate(table.findall(qn("w:tr"))):
        tr_pr = tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if index in header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))


def _field_char(kind: str):
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    return el


def _language(language: str):
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    lang.set(qn("w:bidi"), "ar-SA")
    return lang
