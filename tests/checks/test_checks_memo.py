"""Memoisation across documents is exact: what a document gets does not depend on what
was checked before, a paragraph's memoised results never carry another document's
findings, the memo tables stay bounded, and the paths around the ZIP agree."""

from __future__ import annotations

import io
import re
import threading
import zipfile

import pytest

from docgen.checks import (
    PROFILES,
    check_docx,
    check_parts,
    check_text,
    clear_caches,
    docx_reader,
    memo,
    model_from_docx,
    model_from_parts,
    model_from_text,
)

DOCUMENT = "word/document.xml"


def nb(text: str) -> str:
    """Return `text` with «~» turned into no-break spaces."""
    return text.replace("~", "\u00a0")


def _cold(func, *args, **kwargs):
    clear_caches()
    return func(*args, **kwargs)


def _replace_in_part(data: bytes, name: str, old: str, new: str, count: int = 1) -> bytes:
    """Return the .docx `data` with `old` replaced by `new` in part `name`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == name:
                text = part.decode("utf-8")
                assert old in text, old
                part = text.replace(old, new, count).encode("utf-8")
            target.writestr(info, part)
    return out.getvalue()


def _parts(data: bytes, as_text: bool = False) -> dict[str, bytes | str]:
    source = zipfile.ZipFile(io.BytesIO(data))
    parts: dict[str, bytes | str] = {name: source.read(name) for name in source.namelist()}
    if as_text:
        parts[DOCUMENT] = parts[DOCUMENT].decode("utf-8")
    return parts


def _shape(model) -> tuple:
    """Return everything the rules can read of a model (paragraphs, sections, tables, parts)."""
    paras = tuple(
        (
            p.index,
            p.text,
            p.clean,
            p.line,
            p.number,
            p.section,
            p.table,
            p.row,
            p.col,
            p.style,
            p.fmt,
            p.new_page,
            p.role,
            p.part.label if p.part else None,
        )
        for p in model.paragraphs
    )
    parts = tuple(
        (part.kind, part.number, part.act_kind, tuple(p.index for p in part.paras))
        for part in model.parts
    )
    return paras, tuple(model.sections), tuple(model.tables), dict(model.settings), parts


@pytest.fixture
def with_defect(base_docx) -> bytes:
    """The base package with «№233» (no space after «№») in the act's date line only."""
    return _replace_in_part(base_docx, DOCUMENT, nb("от 23.05.2023 №~233"), "от 23.05.2023 №233")


def test_a_defect_in_a_paragraph_another_document_had_clean(base_docx, with_defect):
    clean = _cold(check_docx, base_docx)
    assert not [f for f in clean if f.rule == "T-04"]
    broken = check_docx(with_defect)
    assert [f.rule for f in broken if f.rule == "T-04"] == ["T-04"]
    assert check_docx(base_docx) == clean
    assert broken == _cold(check_docx, with_defect)
    # -- and in the other order: the defect first, then the clean document --
    assert check_docx(with_defect) == broken
    assert check_docx(base_docx) == clean


def test_a_text_defect_does_not_leak_into_the_next_text(base_text):
    broken_text = base_text.replace(nb("от 23.05.2023 №~233"), "от 23.05.2023 №233", 1)
    clean = _cold(check_text, base_text)
    broken = check_text(broken_text)
    assert [f for f in broken if f.rule == "T-04"] and not [f for f in clean if f.rule == "T-04"]
    assert check_text(base_text) == clean
    assert broken == _cold(check_text, broken_text)


@pytest.mark.parametrize("profile", PROFILES)
def test_warm_and_cold_findings_are_the_same(base_docx, with_defect, profile):
    documents = [base_docx, with_defect, base_docx]
    cold = [_cold(check_docx, data, profile) for data in documents]
    clear_caches()
    warm = [check_docx(data, profile) for data in documents]
    warm += [check_docx(data, profile, layout_key="memo-test") for data in documents]
    assert warm == cold + cold


def test_same_text_with_another_clean_text_is_not_confused():
    # -- a hand-built model may pair a text with a different «clean» text --
    first = model_from_text("1. Утвердить Положение о службе.")
    second = model_from_text("1. Утвердить Положение о службе.")
    second.paragraphs[0].clean = "Приложение"
    from docgen.checks.predicates import is_clause, is_mark_start

    assert is_clause(first.paragraphs[0]) and not is_mark_start(first.paragraphs[0])
    assert is_mark_start(second.paragraphs[0])


# -- the paragraph index: raw XML keys where safe, serialisation elsewhere ------------------

_BODY = "<w:body>"
VARIANTS = {
    # -- markup the index refuses: keys come from the serialisation --
    "comment": (_BODY, "<w:body><!-- <w:p> -->"),
    "namespace on the body": (_BODY, '<w:body xmlns:x="urn:x">'),
    "processing instruction": (_BODY, "<w:body><?x <w:p>?>"),
    "second prefix for WordprocessingML": (
        _BODY,
        (
            '<w:body xmlns:q="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<q:p><q:r><q:t>ещё абзац</q:t></q:r></q:p>"
        ),
    ),
    # -- markup the index reads: '>' in an attribute, empty paragraphs, a paragraph in a run --
    "attribute with >": ("<w:p>", '<w:p w14:paraId="a>b">'),
    "empty paragraphs": (_BODY, "<w:body><w:p/><w:p w14:paraId='1' /><w:p></w:p >"),
    "paragraph inside a run": (
        "<w:r><w:t>РАСПОРЯЖЕНИЕ</w:t></w:r>",
        (
            "<w:r><w:t>РАСПОРЯЖЕНИЕ</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>"
            "вложенный</w:t></w:r></w:p></w:txbxContent></w:pict></w:r>"
        ),
    ),
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_paragraph_memo_keys_are_exact(base_docx, variant, monkeypatch):
    old, new = VARIANTS[variant]
    data = _replace_in_part(base_docx, DOCUMENT, old, new)
    model = _cold(model_from_docx, data)
    warm = model_from_docx(data)
    assert _shape(warm) == _shape(model)
    findings = _cold(check_docx, data)
    assert check_docx(data) == findings
    # -- the same document read with serialisation keys only --
    monkeypatch.setattr(docx_reader._Reader, "_index_paragraphs", lambda self, data, root: None)
    assert _shape(_cold(model_from_docx, data)) == _shape(model)
    assert check_docx(data) == findings


def test_same_paragraph_xml_under_another_namespace_binding(base_docx):
    # -- the prefix «x» means WordprocessingML in one document and something else in the
    # other: the same paragraph XML must not be read the same way --
    uri = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    kind = "<w:r><w:t>РАСПОРЯЖЕНИЕ</w:t></w:r>"
    extra = kind + "<w:r><x:t>ДОБАВКА</x:t></w:r>"
    bound = _replace_in_part(
        _replace_in_part(base_docx, DOCUMENT, uri, uri + " " + uri.replace("xmlns:w", "xmlns:x")),
        DOCUMENT,
        kind,
        extra,
    )
    other = _replace_in_part(
        _replace_in_part(base_docx, DOCUMENT, uri, uri + ' xmlns:x="urn:other"'),
        DOCUMENT,
        kind,
        extra,
    )
    clear_caches()
    texts = {p.text for p in model_from_docx(bound).paragraphs}
    assert "РАСПОРЯЖЕНИЕДОБАВКА" in texts
    texts = {p.text for p in model_from_docx(other).paragraphs}
    assert "РАСПОРЯЖЕНИЕ" in texts and "РАСПОРЯЖЕНИЕДОБАВКА" not in texts


# -- the parts path, bounds, threads ------------------------------------------------------------


@pytest.mark.parametrize("as_text", [False, True])
def test_check_parts_is_check_docx_without_the_zip(base_docx, with_defect, as_text):
    for data in (base_docx, with_defect):
        parts = _parts(data, as_text)
        assert _shape(model_from_parts(parts)) == _shape(model_from_docx(data))
        for profile in PROFILES:
            assert check_parts(parts, profile) == check_docx(data, profile)


def test_check_parts_reports_a_broken_part(base_docx):
    from docgen.checks import CheckInputError

    parts = _parts(base_docx)
    parts[DOCUMENT] = b"<w:document"
    with pytest.raises(CheckInputError, match="не читается как .docx"):
        check_parts(parts)


def test_memo_tables_stay_bounded(base_docx, with_defect, monkeypatch):
    expected = {data: _cold(check_docx, data) for data in (base_docx, with_defect)}
    monkeypatch.setattr(memo, "TEXT_MEMO_SIZE", 5)
    for table in (docx_reader._PARAS, docx_reader._SHEETS, docx_reader._HEADERS):
        monkeypatch.setattr(table, "size", 3)
    clear_caches()
    for _ in range(2):
        for data, findings in expected.items():
            assert check_docx(data) == findings
            assert len(memo._TEXTS) <= 5
            assert len(docx_reader._PARAS) <= 3 and len(docx_reader._SHEETS) <= 3


def test_checks_in_threads_agree(base_docx, with_defect):
    documents = [base_docx, with_defect] * 4
    expected = [_cold(check_docx, data) for data in documents]
    clear_caches()
    results: dict[int, list] = {}

    def work(i: int) -> None:
        for _ in range(5):
            found = check_docx(documents[i])
            if results.setdefault(i, found) != found:
                results[i] = None

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(documents))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [results[i] for i in range(len(documents))] == expected


def test_regex_windows_match_the_full_searches():
    # -- the bounded searches of G-32 and of the signature predicates equal the full ones --
    import random

    from docgen.checks.predicates import _NAME_END_RE, _NAME_ONLY_RE, _may_end_with_name
    from docgen.checks.rules.abbreviations import _BEFORE_RE

    rnd = random.Random(7)
    alphabet = "АБЁЖ аб\u00a0\n.И.ВНосоваяё\t_-"
    for _ in range(20000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24)))
        end = rnd.randint(0, len(text))
        full = re.search(_BEFORE_RE.pattern, text[:end])
        window = _BEFORE_RE.search(text, max(0, end - 11), end)
        assert (full and full.group(1)) == (window and window.group(1))
        if _NAME_ONLY_RE.match(text) or _NAME_END_RE.search(text):
            assert _may_end_with_name(text)
