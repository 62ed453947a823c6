"""Kinds of acts as data: the shared table, a region's additions, refusals with file and line."""

from __future__ import annotations

import re
import shutil
import textwrap

import pytest

from docgen.errors import VariablesError
from docgen.kinds import ActKind, kinds_files, load_kinds, merged_kinds

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
        ("указание:\n  collective: предлагает\n", "collective: формула кончается словом", 1),
    ],
)
def test_a_wrong_region_kind_is_refused_naming_file_and_line(root, text, message, line):
    write(root / "lo" / "_kinds.yaml", text)
    with pytest.raises(VariablesError, match=re.escape(message)) as info:
        load_kinds(kinds_files(root, "lo"), root)
    assert info.value.location == f"variables/lo/_kinds.yaml:{line}"


def test_the_collective_formula_is_read_with_its_kind():
    kinds = load_kinds(kinds_files(VARIABLES), VARIABLES)
    collective = [k for k in kinds.kinds.values() if k.collective]
    assert collective, "ни у одного вида нет формулы коллегиального органа"
    for kind in collective:
        assert kind.formula and kind.collective.endswith(":"), kind


def test_every_regions_kinds_merge_with_the_first_declaration_kept(root):
    write(root / "lo" / "_kinds.yaml", 'указание:\n  issued: true\n  formula: "ПРЕДЛАГАЮ:"\n')
    (root / "tv").mkdir()
    write(root / "tv" / "_kinds.yaml", "указание:\n  issued: true\nнаказ: {}\n")
    shared = load_kinds(kinds_files(root), root)
    regions = [load_kinds(kinds_files(root, r), root) for r in ("lo", "tv")]
    merged = merged_kinds([shared, *regions])
    assert merged.names() == (*shared.names(), "указание", "наказ")
    assert merged.get("указание").formula == "ПРЕДЛАГАЮ:"


def test_a_table_derived_from_the_kinds_is_built_once_per_kinds_object(root):
    kinds = load_kinds(kinds_files(root), root)
    built = []

    def issued_upper(table):
        built.append(table)
        return tuple(n.upper() for n in table.issued())

    expected = tuple(n.upper() for n in kinds.issued())
    assert kinds.derived(issued_upper) == kinds.derived(issued_upper) == expected
    assert len(built) == 1 and built[0] is kinds
    # -- an equal table read again is another object: built for it anew --
    again = load_kinds(kinds_files(root), root)
    assert again == kinds and again.derived(issued_upper) == expected
    assert len(built) == 2 and built[1] is again
