"""Pagination fit for signing, read back from every generated package (issue 10, item 6).

Keep-with-next on headings and on every paragraph that ends with «:»; widow/orphan
control on; the act's last clause kept with the signature, and no part's last paragraph
alone on its page; table header rows repeat and rows never split. And the page numbering
of appendices: restarted or continuous.
"""

from __future__ import annotations

import io
from dataclasses import replace

import docx
import docx.text.paragraph
import pytest
from docx.oxml.ns import qn

from docgen import layout

from shipped import SHIPPED, core, generate, package_set_pairs

SIGN = layout.STYLES["sign"].name
HEADINGS = {s.name for s in layout.STYLES.values() if s.keep_with_next}


def text(paragraph) -> str:
    """Return the text of the ``w:t`` nodes of `paragraph` (tabs and breaks left out)."""
    return "".join(t.text or "" for t in paragraph._p.iter(qn("w:t")))


def effective(paragraph, attr: str):
    """Return a paragraph-format attribute resolved through the style chain."""
    value = getattr(paragraph.paragraph_format, attr)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, attr)
        style = style.base_style
    return value


def widow_control(doc, paragraph) -> bool:
    """Return whether widow control applies to `paragraph` (direct, styles, defaults)."""
    value = effective(paragraph, "widow_control")
    if value is None:
        default = doc.styles.element.find(
            f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:widowControl')}"
        )
        value = default is not None and default.get(qn("w:val")) in (None, "1", "true", "on")
    return bool(value)


def all_paragraphs(doc):
    """Yield every paragraph of the body, its tables and the headers of each section."""
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
    for section in doc.sections:
        yield from section.header.paragraphs


@pytest.fixture(scope="module")
def documents():
    """Return (package, set) → the python-docx document of every shipped package × set."""
    return {
        pair: docx.Document(io.BytesIO(generate(*pair, draft=True).docx))
        for pair in package_set_pairs()
    }


PAIRS = package_set_pairs()


@pytest.mark.parametrize("pair", PAIRS, ids="/".join)
def test_lead_ins_keep_with_the_next_paragraph(documents, pair):
    doc = documents[pair]
    lead_ins = [p for p in doc.paragraphs if text(p).rstrip().endswith(":")]
    assert lead_ins, "в пакете нет ни одного абзаца, кончающегося двоеточием"
    for p in lead_ins:
        assert p.paragraph_format.keep_with_next, text(p)


def sections_of(doc) -> list[list]:
    """Return the body's elements section by section (python-docx proxies for paragraphs,
    raw elements for the rest)."""
    paragraphs = {p._p: p for p in doc.paragraphs}
    out: list[list] = [[]]
    for child in doc.element.body:
        if child.tag == qn("w:sectPr"):
            continue
        out[-1].append(paragraphs.get(child, child))
        if child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            out.append([])
    return [s for s in out if s]


def lead_up(blocks: list, index: int) -> list:
    """Return the paragraphs directly before `blocks[index]` back to the one with text."""
    found = []
    for block in reversed(blocks[:index]):
        if not isinstance(block, docx.text.paragraph.Paragraph):
            break
        found.append(block)
        if text(block).strip():
            break
    return found


def endings(doc) -> list:
    """Return the paragraphs that keep the end of each section company: the lead-up to
    its last paragraph with text (none when a table stands before it)."""
    found = []
    for blocks in sections_of(doc):
        for i in range(len(blocks) - 1, -1, -1):
            if not isinstance(blocks[i], docx.text.paragraph.Paragraph):
                break
            if text(blocks[i]).strip():
                found += lead_up(blocks, i)
                break
    return found


@pytest.mark.parametrize("pair", PAIRS, ids="/".join)
def test_the_last_paragraph_of_each_part_never_stands_alone(documents, pair):
    doc = documents[pair]
    ending = endings(doc)
    assert ending or doc.tables, "ни в одной части нет абзаца с текстом в конце"
    for p in ending:
        assert p.paragraph_format.keep_with_next, text(p)


@pytest.mark.parametrize("pair", PAIRS, ids="/".join)
def test_keep_with_next_only_where_a_rule_puts_it(documents, pair):
    doc = documents[pair]
    paragraphs = doc.paragraphs
    sign = next((i for i, p in enumerate(paragraphs) if p.style.name == SIGN), len(paragraphs))
    last_clause = max((i for i in range(sign) if text(paragraphs[i]).strip()), default=-1)
    ending = {p._p for p in endings(doc)}
    for i, p in enumerate(paragraphs):
        if p.paragraph_format.keep_with_next:
            assert text(p).rstrip().endswith(":") or last_clause <= i < sign or p._p in ending, (
                text(p)
            )
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                assert not any(p.paragraph_format.keep_with_next for p in cell.paragraphs)


@pytest.mark.parametrize("pair", PAIRS, ids="/".join)
def test_headings_keep_with_next(documents, pair):
    doc = documents[pair]
    headings = [p for p in doc.paragraphs if p.style.name in HEADINGS]
    assert headings
    assert all(effective(p, "keep_with_next") for p in headings)


@pytest.mark.parametrize("pair", PAIRS, ids="/".join)
def test_widow_control_everywhere(documents, pair):
    doc = documents[pair]
    assert all(widow_control(doc, p) for p in all_paragraphs(doc))


@pytest.mark.parametrize("pair", PAIRS, ids="/".join)
def test_the_last_clause_stays_with_the_signature(documents, pair):
    doc = documents[pair]
    paragraphs = doc.paragraphs
    sign = next(i for i, p in enumerate(paragraphs) if p.style.name == SIGN)
    assert effective(paragraphs[sign], "keep_together")
    i = sign - 1
    while not text(paragraphs[i]).strip():
        assert paragraphs[i].paragraph_format.keep_with_next, f"пустой абзац {i} перед подписью"
        i -= 1
    assert paragraphs[i].paragraph_format.keep_with_next, text(paragraphs[i])
    assert i < sign - 1, "между последним пунктом и подписью нет пустых абзацев"


@pytest.mark.parametrize("pair", PAIRS, ids="/".join)
def test_table_header_rows_repeat_and_rows_never_split(documents, pair):
    for table in documents[pair].tables:
        rows = [r._tr.trPr for r in table.rows]
        assert all(pr is not None and pr.find(qn("w:cantSplit")) is not None for pr in rows)
        assert rows[0].find(qn("w:tblHeader")) is not None


def test_a_crafted_template(make_template, tmp_settings):
    make_template(
        "t-pages",
        ".title Об утверждении",
        "В соответствии с законом:",
        ".noindent ПРИКАЗЫВАЮ:",
        "{{ num(1) }} Утвердить: положение.",
        "{{ num(1) }} Задачи:",
        "{%p if true %}",
        "{{ num(2) }} первая.",
        "{%p endif %}",
        ".table 50,50",
        "|! Показатель: | Значение",
        "| Итого: | 1",
        ".endtable",
        "{%p if false %}",
        "{{ num(1) }} Контроль возложить на заместителя.",
        "{%p else %}",
        "{{ num(1) }} Контроль оставляю за собой.",
        "{%p endif %}",
        ".empty",
        ".empty",
        ".sign Председатель\\tИ.И.\u00a0Иванов",
    )
    data = generate("t-pages", "leningrad/kirovsky", settings=tmp_settings).docx
    doc = docx.Document(io.BytesIO(data))
    assert [(text(p), p.paragraph_format.keep_with_next) for p in doc.paragraphs] == [
        ("Об утверждении", None),  # -- kept by its style --
        ("В соответствии с законом:", True),
        ("ПРИКАЗЫВАЮ:", True),
        ("1. Утвердить: положение.", None),
        ("2. Задачи:", True),
        ("2.1. первая.", None),
        ("", None),  # -- the builder's paragraph after a table --
        ("3. Контроль оставляю за собой.", True),
        ("", True),
        ("", True),
        ("ПредседательИ.И.\u00a0Иванов", None),
    ]
    assert effective(doc.paragraphs[0], "keep_with_next")
    cells = [p for row in doc.tables[0].rows for c in row.cells for p in c.paragraphs]
    assert [text(p) for p in cells] == ["Показатель:", "Значение", "Итого:", "1"]
    assert not any(p.paragraph_format.keep_with_next for p in cells)


# -- page numbering of appendices (README: page_numbering) --------------------------------


def multi_section_pairs() -> list[tuple[str, str]]:
    dg = core()
    return [pair for pair in PAIRS if len(dg.parts(*pair)) > 1]


def restarts(section) -> bool:
    pg = section._sectPr.find(qn("w:pgNumType"))
    return pg is not None and pg.get(qn("w:start")) is not None


@pytest.mark.parametrize("pair", multi_section_pairs(), ids="/".join)
@pytest.mark.parametrize("numbering", ["separate", "continuous"])
def test_page_numbering_of_appendices(pair, numbering):
    settings = replace(SHIPPED, page_numbering=numbering)
    doc = docx.Document(io.BytesIO(generate(*pair, draft=True, settings=settings).docx))
    sections = doc.sections
    assert len(sections) > 1
    assert restarts(sections[0])
    for section in sections[1:]:
        assert restarts(section) is (numbering == "separate")
