"""docgen.ooxml.build: the builder's element edits, read back with python-docx."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

from docgen.ooxml import build


def reopen(doc):
    buffer = io.BytesIO()
    doc.save(buffer)
    return docx.Document(io.BytesIO(buffer.getvalue()))


def local_names(element) -> list[str]:
    return [child.tag.rsplit("}", 1)[1] for child in element]


def test_doc_defaults_font_size_language_and_widow_control():
    doc = docx.Document()
    build.set_doc_defaults(doc.styles, "PT Astra Serif", 13, "ru-RU", True)
    defaults = reopen(doc).styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert local_names(rpr)[0] == "rFonts" and {"sz", "szCs", "lang"} <= set(local_names(rpr))
    assert rpr.find(qn("w:rFonts")).get(qn("w:cs")) == "PT Astra Serif"
    assert rpr.find(qn("w:sz")).get(qn("w:val")) == "26"
    ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    # -- schema order: widowControl before spacing --
    assert local_names(ppr)[:2] == ["widowControl", "spacing"]


def test_style_fonts_for_every_script():
    doc = docx.Document()
    build.set_style_fonts(doc.styles["Normal"], "Times New Roman", "ru-RU")
    rpr = reopen(doc).styles["Normal"].element.rPr
    fonts = rpr.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {
        "Times New Roman"
    }
    assert rpr.find(qn("w:lang")).get(qn("w:val")) == "ru-RU"


def test_page_number_field_and_restart_in_schema_order():
    doc = docx.Document()
    doc.add_section()
    section = doc.sections[1]
    section.different_first_page_header_footer = True
    build.add_page_number(section.header.paragraphs[0])
    build.restart_page_numbers(doc, 1)
    doc = reopen(doc)
    run = doc.sections[1].header.paragraphs[0].runs[-1].element
    assert local_names(run) == ["fldChar", "instrText", "fldChar", "t", "fldChar"]
    assert run.find(qn("w:instrText")).text == " PAGE "
    sect_prs = doc.element.xpath("./w:body/w:p/w:pPr/w:sectPr | ./w:body/w:sectPr")
    assert sect_prs[0].find(qn("w:pgNumType")) is None
    names = local_names(sect_prs[1])
    assert sect_prs[1].find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert names.index("pgNumType") < names.index("cols") < names.index("titlePg")


def test_row_flags():
    doc = docx.Document()
    doc.add_table(rows=1, cols=1)
    doc.add_table(rows=3, cols=2)
    build.set_row_flags(doc, 1, {0})
    rows = reopen(doc).tables[1].rows
    flags = [[c.tag.rsplit("}", 1)[1] for c in r._tr.trPr] for r in rows]
    assert flags == [["cantSplit", "tblHeader"], ["cantSplit"], ["cantSplit"]]
    assert reopen(doc).tables[0].rows[0]._tr.trPr is None


def test_settings_styles_and_body():
    doc = docx.Document()
    doc.add_paragraph("x")
    build.clear_body(doc)
    build.drop_latent_styles(doc.styles)
    build.set_auto_hyphenation(doc.settings, False)
    build.set_theme_language(doc.settings, "ru-RU")
    doc = reopen(doc)
    assert doc.paragraphs == [] and len(doc.sections) == 1
    assert doc.styles.element.find(qn("w:latentStyles")) is None
    settings = doc.settings.element
    assert settings.find(qn("w:autoHyphenation")).get(qn("w:val")) == "false"
    theme = settings.find(qn("w:themeFontLang"))
    assert theme is None or theme.get(qn("w:val")) == "ru-RU"
