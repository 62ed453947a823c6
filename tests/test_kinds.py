"""Kinds of acts as data: the shared table, a region's additions, refusals with file and line."""

from __future__ import annotations

import re
import shutil
import textwrap

import pytest

from docgen.errors import VariablesError
from docgen.kinds import ActKind, kinds_files, load_kinds

from paths import VARIABLES


@pytest.fixture
def root(tmp_path):
    shutil.copy(VARIABLES / "_kinds.yaml", tmp_path / "_kinds.yaml")
    (tmp_path / "lo").mkdir()
    return tmp_path


def write(path, text: str):
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_the_shipped_table_names_what_an_authority_issues_and_their_formulas():
    kinds = load_kinds(kinds_files(VARIABLES), VARIABLES)
    assert {"распоряжение", "приказ"} <= set(kinds.issued())
    assert set(kinds.issued()) < set(kinds.names())
    assert kinds.get("приказ").formula == "ПРИКАЗЫВАЮ:"
    assert kinds.get("распоряжение").formula == ""
    assert kinds.get("федеральный закон").capital and not kinds.get("приказ").capital


def test_an_undeclared_kind_is_a_plain_kind_without_formula(root):
    kinds = load_kinds(kinds_files(root), root)
    assert "грамота" not in kinds
    assert kinds.get("грамота") == ActKind("грамота")


def test_a_region_adds_its_own_kinds_visible_from_that_region_only(root):
    write(
        root / "lo" / "_kinds.yaml",
        """
        указание:
          issued: true
          formula: "ПРЕДЛАГАЮ:"
          forms: {datv: указанию}
        """,
    )
    assert kinds_files(root, "lo") == [root / "_kinds.yaml", root / "lo" / "_kinds.yaml"]
    regional = load_kinds(kinds_files(root, "lo"), root)
    assert regional.issued()[-1] == "указание"
    assert regional.get("указание").forms == {"datv": "указанию"}
    assert "указание" not in load_kinds(kinds_files(root, "xx"), root)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("приказ:\n  issued: true\n", "вид акта «приказ» уже объявлен", 1),
        ("\nуказание:\n  issued: true\n  formula_text: x\n", "неизвестные поля вида акта", 2),
        ("Указание:\n  issued: true\n", "вид акта пишется строчными буквами: «Указание»", 1),
        ("указание:\n  forms: {dat: указанию}\n", "forms: словарь падежных форм", 1),
        ("указание: [issued]\n", "ожидается словарь полей вида акта", 1),
    ],
)
def test_a_wrong_region_kind_is_refused_naming_file_and_line(root, text, message, line):
    write(root / "lo" / "_kinds.yaml", text)
    with pytest.raises(VariablesError, match=re.escape(message)) as info:
        load_kinds(kinds_files(root, "lo"), root)
    assert info.value.location == f"variables/lo/_kinds.yaml:{line}"
