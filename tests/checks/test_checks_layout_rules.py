"""Each layout rule: a failing and a passing example, as edits of one clean .docx package.

The base .docx is built by docgen's own template builder (docgen.docxbuild), so the
passing examples are what docgen produces; a row is (rule, bad edit, good edit).
"""

from __future__ import annotations

import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from docgen.checks import RULES, check_docx, check_layout
from docgen.findings import Severity


def keep(document):
    """The unchanged base document."""


def _style(name):
    def get(document):
        return document.styles[name]

    return get


def _text_paragraph(document):
    return next(p for p in document.paragraphs if p.style.name == "Текст" and p.text)


def _set_setting(document, tag, value):
    settings = document.settings.element
    el = settings.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        settings.append(el)
    el.set(qn("w:val"), value)


def _set_lang(document, value):
    for el in document.styles.element.iter(qn("w:lang")):
        el.set(qn("w:val"), value)


def _add_num_pr(document):
    ppr = _text_paragraph(document)._p.get_or_add_pPr()
    num = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", "0"), ("w:numId", "1")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        num.append(el)
    ppr.append(num)


def _long_table(header: bool):
    def edit(document):
        table = document.tables[0]
        if not header:
            for el in table.rows[0]._tr.iter(qn("w:tblHeader")):
                el.getparent().remove(el)
        for _ in range(8):
            row = table.add_row()
            cant = OxmlElement("w:cantSplit")
            row._tr.get_or_add_trPr().append(cant)

    return edit


def _header_text(document):
    document.sections[0].header.paragraphs[0].add_run(" стр.")


def _empty_run(document):
    first = document.paragraphs[10]
    for _ in range(5):
        first.insert_paragraph_before("")


def _mark_indent(cm):
    def edit(document):
        document.styles["Гриф"].paragraph_format.left_indent = Cm(16.5 - cm)

    return edit


CASES = [
    ("G-01", lambda d: setattr(d.sections[0], "page_width", Mm(200)), keep),
    (
        "G-02",
        lambda d: setattr(d.sections[0], "right_margin", Mm(5)),
        lambda d: setattr(d.sections[0], "right_margin", Mm(10)),
    ),
    ("G-03", lambda d: setattr(d.sections[0], "left_margin", Mm(25)), keep),
    ("G-04", lambda d: setattr(d.sections[0], "different_first_page_header_footer", False), keep),
    (
        "G-04",
        lambda d: setattr(d.sections[0].header.paragraphs[0], "alignment", WD_ALIGN_PARAGRAPH.LEFT),
        keep,
    ),
    ("G-04", lambda d: setattr(d.sections[0], "header_distance", Mm(8)), keep),
    ("G-05", _header_text, keep),
    ("G-06", lambda d: setattr(d.sections[1], "start_type", WD_SECTION.CONTINUOUS), keep),
    (
        "G-07",
        lambda d: setattr(d.styles["Текст"].font, "size", Pt(11)),
        lambda d: setattr(d.styles["Текст"].font, "size", Pt(13)),
    ),
    ("G-08", lambda d: [setattr(r.font, "name", "Arial") for r in _text_paragraph(d).runs], keep),
    (
        "G-09",
        lambda d: setattr(d.styles["Текст"].paragraph_format, "first_line_indent", Cm(1)),
        lambda d: setattr(d.styles["Текст"].paragraph_format, "first_line_indent", Cm(1.27)),
    ),
    (
        "G-09",
        lambda d: setattr(d.styles["Дата и номер"].paragraph_format, "first_line_indent", Cm(1.25)),
        keep,
    ),
    (
        "G-10",
        lambda d: setattr(d.styles["Текст"].paragraph_format, "line_spacing", 2.0),
        lambda d: setattr(d.styles["Текст"].paragraph_format, "line_spacing", 1.5),
    ),
    ("G-11", lambda d: setattr(d.styles["Гриф"].paragraph_format, "line_spacing", 1.5), keep),
    (
        "G-12",
        lambda d: setattr(d.styles["Текст"].paragraph_format, "alignment", WD_ALIGN_PARAGRAPH.LEFT),
        keep,
    ),
    (
        "G-12",
        lambda d: setattr(
            d.styles["Вид акта"].paragraph_format, "alignment", WD_ALIGN_PARAGRAPH.LEFT
        ),
        keep,
    ),
    ("G-14", _mark_indent(9.5), _mark_indent(7.5)),
    ("G-14", lambda d: setattr(d.styles["Гриф"].paragraph_format, "left_indent", Cm(0)), keep),
    ("G-15", _empty_run, keep),
    (
        "G-16",
        lambda d: _set_setting(d, "w:autoHyphenation", "true"),
        lambda d: _set_setting(d, "w:autoHyphenation", "false"),
    ),
    ("G-17", lambda d: _set_lang(d, "en-US"), lambda d: _set_lang(d, "ru-RU")),
    ("G-18", _add_num_pr, keep),
    ("G-19", lambda d: setattr(d.styles["Бланк орган"].font, "bold", False), keep),
    ("G-20", lambda d: setattr(d.styles["Вид акта"].font, "bold", False), keep),
    ("G-39", lambda d: d.styles["Подпись"].paragraph_format.tab_stops.clear_all(), keep),
    ("G-41", lambda d: setattr(d.sections[2], "orientation", WD_ORIENT.PORTRAIT), keep),
    (
        "G-41",
        lambda d: [
            setattr(d.sections[2], "orientation", WD_ORIENT.PORTRAIT),
            setattr(d.sections[2], "page_width", Mm(210)),
            setattr(d.sections[2], "page_height", Mm(297)),
        ],
        keep,
    ),
    ("G-43", _long_table(header=False), _long_table(header=True)),
]


def _rules(data: bytes, profile: str = "gost2025") -> set[str]:
    return {f.rule for f in check_docx(data, profile)}


def test_base_docx_is_clean(base_docx):
    assert check_docx(base_docx) == []
    assert check_docx(base_docx, "gost2016") == []


@pytest.mark.parametrize(
    ("rule", "bad", "good"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_rule_fails_on_bad_layout(edit_docx, rule, bad, good):
    found = check_docx(edit_docx(bad))
    assert rule in {f.rule for f in found}
    declared = {r.id: r.severities for r in RULES}
    assert all(f.severity in declared[f.rule] for f in found)


@pytest.mark.parametrize(
    ("rule", "bad", "good"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_rule_passes_on_good_layout(edit_docx, rule, bad, good):
    assert rule not in _rules(edit_docx(good))


def test_every_layout_rule_has_examples():
    covered = {c[0] for c in CASES}
    assert {r.id for r in RULES if r.kind == "layout"} - covered == set()


def test_mark_width_limit_differs_by_profile(edit_docx):
    data = edit_docx(_mark_indent(7.8))
    assert "G-14" in _rules(data, "gost2016")
    assert "G-14" not in _rules(data, "gost2025")


def test_font_family_is_free_only_in_2025(edit_docx):
    def calibri(document):
        for style in document.styles:
            if hasattr(style, "font") and style.font is not None and style.font.name:
                style.font.name = "Calibri"
        for el in document.styles.element.iter(qn("w:rFonts")):
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                el.set(qn(attr), "Calibri")

    data = edit_docx(calibri)
    assert "G-08" in _rules(data, "gost2016")
    assert "G-08" not in _rules(data, "gost2025")


def test_style_borne_problem_is_reported_once_per_style(edit_docx):
    data = edit_docx(
        lambda d: setattr(d.styles["Текст"].paragraph_format, "alignment", WD_ALIGN_PARAGRAPH.LEFT)
    )
    found = [f for f in check_layout(data) if f.rule == "G-12"]
    assert len(found) == 1
    assert "стиль «Текст»" in found[0].message and found[0].severity is Severity.ERROR


def test_direct_formatting_is_reported_per_paragraph(edit_docx):
    def two(document):
        paras = [p for p in document.paragraphs if p.style.name == "Текст" and p.text][:2]
        for p in paras:
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    found = [f for f in check_layout(edit_docx(two)) if f.rule == "G-12"]
    assert len(found) == 2 and all("абзац" in f.location for f in found)


def test_layout_location_names_section_and_part(edit_docx):
    found = [
        f
        for f in check_layout(edit_docx(lambda d: setattr(d.sections[1], "left_margin", Mm(25))))
        if f.rule == "G-03"
    ]
    assert found[0].location == "раздел 2 (приложение 1)"


def test_text_rules_read_docx_too(edit_docx):
    def duplicate(document):
        p = next(p for p in document.paragraphs if p.text.startswith("1.2."))
        for run in p.runs:
            run.text = run.text.replace("1.2.", "1.1.")

    found = [f for f in check_docx(edit_docx(duplicate)) if f.rule == "T-08"]
    assert found and found[0].location.startswith("приложение 1, абзац")
