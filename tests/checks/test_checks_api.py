"""The public API: check_file / check_docx / check_text / check_layout, profiles, RULES."""

from __future__ import annotations

import dataclasses
import re

import pytest

from docgen import checks
from docgen.checks import (
    PROFILES,
    RULES,
    CheckInputError,
    UnknownProfileError,
    check_docx,
    check_file,
    check_layout,
    check_text,
    clear_layout_cache,
    load_profile,
)
from docgen.errors import DocgenError
from docgen.findings import Finding, Severity, format_json, has_errors


def test_all_is_the_public_surface():
    public = sorted(
        n
        for n in vars(checks)
        if not n.startswith("_")
        and n
        not in {
            "annotations",
            "Path",
            "dataclass",
            "DocgenError",
            "Finding",
            "Severity",
            "DocxFormatError",
            "DEFAULT_PROFILE",
            "all_rules",
            "cached_layout",
            "run_layout",
            "run_rules",
            "model_from_docx_bytes",
        }
        and not isinstance(getattr(checks, n), type(checks))
    )
    assert sorted(checks.__all__) == public


def test_profiles():
    assert PROFILES == ("gost2016", "gost2025")
    assert load_profile().name == "gost2025"
    assert (
        load_profile("gost2016").mark_max_width_cm,
        load_profile("gost2025").mark_max_width_cm,
    ) == (7.5, 8.0)


def test_unknown_profile_is_a_clear_error():
    with pytest.raises(UnknownProfileError) as info:
        check_text("текст", "gost2030")
    assert isinstance(info.value, DocgenError)
    assert "неизвестный профиль проверки «gost2030»" in str(info.value)
    assert "gost2016, gost2025" in str(info.value)


def test_rules_table():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids)) >= 60
    for info in RULES:
        assert re.fullmatch(r"[GT]-\d\d", info.id)
        assert isinstance(info.severity, Severity)
        assert info.kind in ("text", "layout")
        assert re.search(r"[а-яё]", info.description) and len(info.description) < 110


def test_check_file_reads_txt_and_docx(tmp_path, base_text, base_docx):
    (tmp_path / "act.txt").write_text(base_text, encoding="utf-8")
    (tmp_path / "act.docx").write_bytes(base_docx)
    assert check_file(tmp_path / "act.txt") == []
    assert check_file(str(tmp_path / "act.docx"), "gost2016") == []


def test_check_file_reads_windows_1251(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("от 23.05.2023 года".encode("cp1251"))
    assert [f.rule for f in check_file(path)] == ["T-06"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("act.odt", b"PK", "только файлы .docx, .txt и .pdf"),
        ("act.pdf", b"%PDF", "не читается как PDF"),
        ("act.docx", b"not a zip", "не читается как .docx"),
        ("act.docx", None, "файл не читается"),
    ],
)
def test_check_file_refuses_what_it_cannot_read(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CheckInputError) as info:
        check_file(path)
    assert message in info.value.message
    assert info.value.location == str(path)


def test_broken_xml_inside_a_docx_is_an_input_error(tmp_path, base_docx):
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base_docx)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, b"<w:styles" if item.filename == "word/styles.xml" else data)
    path = tmp_path / "broken.docx"
    path.write_bytes(out.getvalue())
    with pytest.raises(CheckInputError) as info:
        check_file(path)
    assert "повреждён XML" in info.value.message


def test_check_docx_runs_text_and_layout_separately(edit_docx):
    from docx.shared import Mm

    data = edit_docx(lambda d: setattr(d.sections[0], "top_margin", Mm(15)))
    assert {f.rule for f in check_docx(data, text=False)} == {"G-02"}
    assert check_docx(data, layout=False) == []


def test_layout_results_are_cached_by_key(edit_docx, base_docx):
    from docx.shared import Mm

    clear_layout_cache()
    bad = edit_docx(lambda d: setattr(d.sections[0], "left_margin", Mm(25)))
    first = check_layout(bad, cache_key="template-v1")
    # -- same key, other bytes: the cached result (layout depends only on the template) --
    assert check_layout(base_docx, cache_key="template-v1") == first
    assert check_layout(base_docx, cache_key="template-v2") == []
    assert check_docx(base_docx, layout_key="template-v1") == first
    clear_layout_cache()
    assert check_layout(base_docx, cache_key="template-v1") == []


def test_layout_rules_never_run_on_text(base_text):
    layout_ids = {r.id for r in RULES if r.kind == "layout"}
    assert not {f.rule for f in check_text(base_text + "\n" * 10)} & layout_ids


def test_profile_severity_override(edit_text):
    profile = dataclasses.replace(
        load_profile(), severity={"T-04": Severity.INFO}, disabled=frozenset({"T-05"})
    )
    found = check_text(edit_text("№~45", "№45") + "И.В. Носова\n", profile)
    assert [(f.rule, f.severity) for f in found if f.rule in ("T-04", "T-05")] == [
        ("T-04", Severity.INFO)
    ]


def test_findings_use_the_shared_format(edit_text):
    found = check_text(edit_text("№~45", "№45"))
    assert all(isinstance(f, Finding) for f in found) and has_errors(found)
    assert '"rule": "T-04"' in format_json(found)
    assert str(found[0]).startswith("ошибка T-04 · распоряжение, стр. 16: нет пробела после «№»")


def test_findings_keep_to_the_declared_severities(seed_findings, base_docx):
    declared = {r.id: set(r.severities) for r in RULES}
    found = [f for seed in ("000", "001", "002", "003", "004") for f in seed_findings(seed)]
    assert found
    for finding in found:
        assert finding.severity in declared[finding.rule], finding


def test_rules_markdown_has_a_row_per_rule():
    table = checks.rules_markdown().splitlines()
    assert len(table) == len(RULES) + 2
    assert (
        "| T-04 | ошибка / предупреждение | текст | Знак «№»"
        in table[2 + [r.id for r in RULES].index("T-04")]
    )


def test_severity_labels():
    labels = {r.id: r.severity_label for r in RULES}
    assert labels["T-04"] == "ошибка / предупреждение"
    assert labels["T-14"] == "замечание"
