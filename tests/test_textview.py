"""docgen.text_view: a .docx as paragraphs (docgen's style, placeholder spans) and tables.

Generated documents are compared with python-docx's own reading of them (an independent
reader); hand-made parts check what is and is not a reader's text.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from docgen import (
    PARAGRAPH_STYLES,
    UNKNOWN,
    CheckInputError,
    Span,
    TextParagraph,
    TextTable,
    text_view,
)
from docgen.textview import spans

from doctext import texts_with_cells
from shipped import core, package_set_pairs

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STYLES_XML = (
    f'<w:styles xmlns:w="{W_NS}">'
    '<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="Подпись"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body Text"/></w:style>'
    "</w:styles>"
)


def package(body: str, styles: str | None = STYLES_XML, document: bool = True) -> bytes:
    """Return a minimal .docx whose body is `body` (WordprocessingML)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        if document:
            zf.writestr(
                "word/document.xml",
                f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}</w:body>'
                "</w:document>",
            )
        if styles is not None:
            zf.writestr("word/styles.xml", styles)
    return out.getvalue()


def paragraphs(blocks) -> list[TextParagraph]:
    """Return every paragraph of `blocks`, table cells included, in reading order."""
    out = []
    for block in blocks:
        if isinstance(block, TextTable):
            for row in block.rows:
                for cell in row:
                    out += paragraphs(cell)
        else:
            out.append(block)
    return out


def _one_set_per_package() -> list[tuple[str, str]]:
    chosen: dict[str, str] = {}
    for package_id, set_id in package_set_pairs():
        chosen.setdefault(package_id, set_id)
    return sorted(chosen.items())


@pytest.mark.parametrize(("package_id", "set_id"), _one_set_per_package())
def test_text_is_what_python_docx_reads_and_styles_are_docgens(package_id, set_id):
    result = core().generate(package_id, set_id, draft=True, check=False)
    found = paragraphs(text_view(result.docx))
    assert [p.text for p in found] == texts_with_cells(result.docx)
    styled = [p for p in found if p.text.strip()]
    # -- every paragraph with text is in one of docgen's styles --
    assert styled and all(p.style in PARAGRAPH_STYLES.values() for p in styled), [
        p.text for p in styled if p.style is None
    ][:3]
    for p in found:
        assert "".join(s.text for s in p.spans) == p.text


def test_roles_signature_and_placeholders_of_a_draft():
    result = core().generate(
        "lenobl-mms", "leningrad/kirovsky", {"act.number": UNKNOWN}, draft=True, check=False
    )
    found = paragraphs(text_view(result.docx))
    roles = {p.role for p in found}
    assert {"kind", "sign", "mark", "text"} <= roles
    assert next(p for p in found if p.role == "kind").text == "РАСПОРЯЖЕНИЕ"
    sign = next(p for p in found if p.role == "sign")
    assert sign.text.split("\t") == ["Заместитель председателя комитета", "И.В.\u00a0Носова"]
    marked = [s for p in found for s in p.spans if s.placeholder]
    assert Span("[не заполнено: Номер акта]", True) in marked
    assert all(s.text.startswith("[") and s.text.endswith("]") for s in marked)


def test_a_complete_document_has_no_placeholder_spans():
    result = core().generate("lenobl-mms", "leningrad/kirovsky", draft=True, check=False)
    assert not any(s.placeholder for p in paragraphs(text_view(result.docx)) for s in p.spans)


def test_what_a_reader_sees_and_what_not():
    body = (
        '<w:p><w:pPr><w:pStyle w:val="a5"/></w:pPr>'
        "<w:r><w:rPr><w:b/></w:rPr><w:t>Глава</w:t><w:tab/><w:t>А.Б. Иванов</w:t></w:r></w:p>"
        '<w:p><w:hyperlink r:id="rId4"><w:r><w:t>ссылка</w:t></w:r></w:hyperlink>'
        "<w:ins><w:r><w:t> вставлено</w:t></w:r></w:ins>"
        "<w:del><w:r><w:delText> удалено</w:delText></w:r></w:del>"
        # -- some writers keep w:t inside a deletion: still deleted --
        "<w:del><w:r><w:t> тоже удалено</w:t></w:r></w:del>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText>'
        "</w:r><w:r><w:t>3</w:t></w:r><w:r><w:br/><w:t>строка</w:t></w:r></w:p>"
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>в элементе управления</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
        '<w:p><w:pPr><w:pStyle w:val="Body"/></w:pPr><w:r><w:t>чужой стиль</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="nosuch"/></w:pPr><w:r><w:t>нет стиля</w:t></w:r></w:p>'
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ячейка</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>вложенная</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "</w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"
    )
    blocks = text_view(package(body))
    sign, mixed, control, foreign, unknown, table = blocks
    assert sign.text == "Глава\tА.Б. Иванов" and sign.role == "sign"
    assert sign.style is PARAGRAPH_STYLES["sign"]
    assert mixed.text == "ссылка вставлено3\nстрока" and mixed.style is None
    assert control.text == "в элементе управления"
    assert foreign.text == "чужой стиль" and foreign.style is None and foreign.role is None
    assert unknown.style is None
    assert isinstance(table, TextTable) and len(table.rows) == 1
    first, second = table.rows[0]
    assert first[0].text == "ячейка"
    assert isinstance(first[1], TextTable) and first[1].rows[0][0][0].text == "вложенная"
    assert second[0].text == "" and second[0].spans == ()


def test_a_broken_styles_part_leaves_styles_unnamed_but_text_read():
    body = '<w:p><w:pPr><w:pStyle w:val="a5"/></w:pPr><w:r><w:t>текст</w:t></w:r></w:p>'
    for styles in (None, "<w:styles"):
        (p,) = text_view(package(body, styles))
        assert p.text == "текст" and p.style is None


@pytest.mark.parametrize(
    "data",
    [
        b"not a zip",
        b"",
        package("", document=False),
        package("<w:p><w:r><w:t>не закрыто</w:r></w:p>"),
    ],
    ids=["not-zip", "empty", "no-document", "malformed"],
)
def test_what_is_not_a_docx_is_refused_with_a_message(data):
    with pytest.raises(CheckInputError, match="не читается как .docx"):
        text_view(data)


def test_a_truncated_docx_is_refused():
    data = core().generate("lenobl-mms", "leningrad/kirovsky", draft=True, check=False).docx
    with pytest.raises(CheckInputError):
        text_view(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ()),
        ("просто текст", (Span("просто текст"),)),
        (
            "от [не заполнено: Дата акта] № [проверить: Номер]",
            (
                Span("от "),
                Span("[не заполнено: Дата акта]", True),
                Span(" № "),
                Span("[проверить: Номер]", True),
            ),
        ),
        (
            "[не заполнено: А][не заполнено: Б]",
            (Span("[не заполнено: А]", True), Span("[не заполнено: Б]", True)),
        ),
        # -- square brackets that are not placeholders stay text --
        ("см. [1] и [не заполнено ]", (Span("см. [1] и [не заполнено ]"),)),
    ],
)
def test_spans(text, expected):
    assert spans(text) == expected
