"""Page checks P-01…P-04 on crafted documents rendered by LibreOffice.

Each defect is made by filling a page with one-line paragraphs: how many fit on a page is
measured first (a probe document), so the defect lands where intended on this machine.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from docgen.findings import Severity
from docgen.pdf import PAGE_RULES, check_pdf, declared_sections, read_pages
from docgen.pdf.pages import single_line_pages, stranded_lead_ins
from docgen.pdf.reader import Line, Page, Segment
from docgen.pdf.sections import SectionFormat

HEAD = (
    ".authority КОМИТЕТ ОБРАЗОВАНИЯ",
    ".kind РАСПОРЯЖЕНИЕ",
    ".datenum от 23.05.2023 № 233",
    ".title Об утверждении Положения",
)
LEAD_IN = "Полномочиями комитета являются:"
ITEMS = ("1) первое полномочие;", "2) второе полномочие;", "3) третье полномочие.")
SIGN = ".sign Председатель комитета\\tИ.В. Носова"
CLEAN = (*HEAD, "Текст распоряжения.", LEAD_IN, *ITEMS, ".empty", ".empty", SIGN)


def fillers(count: int) -> list[str]:
    return [f"Строка {i}." for i in range(1, count + 1)]


def rules(findings) -> list[str]:
    return [f.rule for f in findings]


@pytest.fixture(scope="module")
def per_page(render) -> int:
    """Return how many one-line paragraphs fill the first page."""
    _, pdf = render(*fillers(120))
    pages = read_pages(pdf)
    assert len(pages) > 1
    return len(pages[0].lines)


def test_rules_table_has_severity_and_title():
    assert sorted(PAGE_RULES) == ["P-01", "P-02", "P-03", "P-04"]
    assert all(isinstance(sev, Severity) and title for sev, title in PAGE_RULES.values())


def test_clean_document_passes_every_check(render):
    docx, pdf = render(*CLEAN)
    assert check_pdf(pdf, docx) == []
    assert check_pdf(pdf) == []


def test_lead_in_at_the_foot_of_a_page_fails(render, per_page):
    docx, pdf = render(*fillers(per_page - 1), LEAD_IN, *ITEMS, ".empty", SIGN)
    findings = check_pdf(pdf, docx)
    assert rules(findings) == ["P-02"]
    (finding,) = findings
    assert finding.location == "страница 1"
    assert finding.quote == LEAD_IN
    assert "страницы 1" in finding.message and finding.severity is Severity.ERROR


def test_lead_in_kept_with_its_list_passes(render, per_page):
    docx, pdf = render(*fillers(per_page - 2), LEAD_IN, *ITEMS, ".empty", SIGN)
    assert check_pdf(pdf, docx) == []


def test_one_line_last_page_fails(render, per_page):
    docx, pdf = render(*fillers(per_page + 1))
    findings = check_pdf(pdf, docx)
    assert rules(findings) == ["P-01"]
    assert findings[0].location == "страница 2"
    assert findings[0].quote == f"Строка {per_page + 1}."


def test_page_number_in_the_header_is_not_a_line(render, per_page):
    docx, pdf = render(*fillers(per_page + 2))
    page = read_pages(pdf)[1]
    assert [line.text for line in page.lines] == fillers(per_page + 2)[per_page:]
    assert check_pdf(pdf, docx) == []


def test_signature_alone_at_the_top_of_a_page_fails(render, per_page):
    after = (".noindent Разослать – в дело, в МИМС.", ".noindent Исполнитель – А.А. Петрова.")
    docx, pdf = render(*fillers(per_page - 2), "Последний абзац.", ".empty", ".empty", SIGN, *after)
    findings = check_pdf(pdf, docx)
    assert rules(findings) == ["P-03"]
    assert findings[0].location == "страница 2"
    assert findings[0].quote == "Председатель комитета И.В. Носова"


def test_two_line_position_alone_at_the_top_fails(render, per_page):
    sign = (".sign Заместитель председателя", ".sign комитета образования\\tИ.В. Носова")
    after = (".noindent Разослать – в дело.", ".noindent Исполнитель – А.А. Петрова.")
    ending = ("Последний абзац.", ".empty", ".empty", *sign, *after)
    docx, pdf = render(*fillers(per_page - 2), *ending)
    assert rules(check_pdf(pdf, docx)) == ["P-03"]


def test_signature_with_the_last_paragraph_above_it_passes(render, per_page):
    docx, pdf = render(*fillers(per_page), "Последний абзац.", SIGN)
    pages = read_pages(pdf)
    assert len(pages) == 2 and pages[1].lines[-1].text == "Председатель комитета И.В. Носова"
    assert rules(check_pdf(pdf, docx)) == []


def test_draft_placeholder_counts_as_the_name(render, per_page):
    sign = ".sign Председатель комитета\\t[не заполнено: ФИО подписывающего]"
    docx, pdf = render(*fillers(per_page - 2), "Последний абзац.", ".empty", ".empty", sign, "Ещё.")
    assert rules(check_pdf(pdf, docx)) == ["P-03"]


def patch_document(docx: bytes, old: bytes, new: bytes) -> bytes:
    """Return `docx` with `old` replaced by `new` in its body part (which must hold it)."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/document.xml":
                assert old in data
                data = data.replace(old, new)
            dst.writestr(name, data)
    return out.getvalue()


def test_landscape_section_rendered_landscape_passes(render):
    docx, pdf = render(*CLEAN, ".section landscape", ".markland Приложение", "Дорожная карта.")
    assert [s.landscape for s in declared_sections(docx)] == [False, True]
    assert [p.landscape for p in read_pages(pdf)] == [False, True]
    assert check_pdf(pdf, docx) == []


def test_wrong_orientation_fails(render, office):
    appendix = (".section landscape", ".markland Приложение", "Дорожная карта.", "Ещё.")
    docx, _ = render(*CLEAN, *appendix)
    # -- orient="landscape" with width and height not swapped (python-docx issue 298) --
    broken = patch_document(
        docx,
        b'w:w="16838" w:h="11906" w:orient="landscape"',
        b'w:w="11906" w:h="16838" w:orient="landscape"',
    )
    pdf = office.docx_to_pdf(broken).pdf
    findings = check_pdf(pdf, broken)
    assert rules(findings) == ["P-04"]
    assert findings[0].location == "страница 2"
    assert "альбомная" in findings[0].message and "книжная" in findings[0].message


def test_declared_sections_can_be_given(render):
    docx, pdf = render(*CLEAN)
    portrait, landscape = SectionFormat(210, 297), SectionFormat(297, 210)
    assert check_pdf(pdf, sections=[portrait]) == []
    assert rules(check_pdf(pdf, sections=[landscape])) == ["P-04"]
    # -- a declared section with no pages of its own --
    (missing,) = check_pdf(pdf, sections=[portrait, SectionFormat(297, 210, "Приложение")])
    assert missing.rule == "P-04" and "раздела 2" in missing.message


def test_page_count_as_declared(render):
    docx, pdf = render(*CLEAN)
    assert check_pdf(pdf, docx, expected_pages=1) == []
    (finding,) = check_pdf(pdf, docx, expected_pages=2)
    assert finding.rule == "P-04" and finding.location == "документ"


def test_non_a4_page_fails_without_a_docx(render, office):
    docx, _ = render(*CLEAN)
    letter = patch_document(docx, b'w:w="11906" w:h="16838"', b'w:w="12240" w:h="15840"')
    pdf = office.docx_to_pdf(letter).pdf
    (finding,) = check_pdf(pdf)
    assert finding.rule == "P-04" and "а не A4" in finding.message


def _page(number: int, *texts: str) -> Page:
    lines = tuple(
        Line((Segment(text, 85.0, 300.0),), 56.0 + 16 * i, 70.0 + 16 * i)
        for i, text in enumerate(texts)
    )
    return Page(number, 210.0, 297.0, lines)


def test_colon_of_a_broken_placeholder_is_no_lead_in():
    broken = _page(1, "Текст.", "размещается на сайте [не заполнено:")
    lead_in = _page(1, "Текст.", "сведения [не заполнено: сайт] размещаются:")
    after = _page(2, "адрес сайта].", "Ещё.")
    assert list(stranded_lead_ins([broken, after])) == []
    assert [f.rule for f in stranded_lead_ins([lead_in, after])] == ["P-02"]
    # -- the last page has no next page to strand its list on --
    assert list(stranded_lead_ins([after, lead_in])) == []


def test_blank_page_is_reported_like_a_one_line_page():
    pages = [_page(1, "Текст.", "Ещё текст."), _page(2), _page(3, "Одна строка.")]
    findings = list(single_line_pages(pages))
    assert [f.rule for f in findings] == ["P-01", "P-01"]
    assert [f.location for f in findings] == ["страница 2", "страница 3"]
    assert "пустая" in findings[0].message and findings[1].quote == "Одна строка."
