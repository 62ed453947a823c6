"""The act's wording as data: patterns, a region's replacements, refusals naming file and key."""

from __future__ import annotations

import re
import shutil
import textwrap

import pytest

from docgen.errors import VariablesError
from docgen.wording import PATTERNS, load_wording, wording_files

from paths import VARIABLES


@pytest.fixture
def root(tmp_path):
    shutil.copy(VARIABLES / "_wording.yaml", tmp_path / "_wording.yaml")
    (tmp_path / "lo").mkdir()
    return tmp_path


def region(root, text: str):
    (root / "lo" / "_wording.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return load_wording(wording_files(root, "lo"), root)


def test_the_shipped_wording_has_every_pattern_and_fills_it():
    wording = load_wording(wording_files(VARIABLES), VARIABLES)
    assert set(wording.patterns) == set(PATTERNS)
    assert wording.fill("control.self", act="распоряжения") == (
        "Контроль за исполнением настоящего распоряжения оставляю за собой."
    )
    assert wording.formula_case("В соответствии с") == "ablt"
    assert wording.formula_case("Во исполнение") == "gent"
    assert wording.formula_case("Неизвестная формула") == "gent"


def test_a_region_replaces_single_entries_and_keeps_the_rest(root):
    wording = region(
        root,
        """
        control:
          self: Контроль за исполнением {act} возлагаю на себя.
        basis_formulas:
          Руководствуясь: ablt
        """,
    )
    assert wording.fill("control.self", act="приказа") == (
        "Контроль за исполнением приказа возлагаю на себя."
    )
    assert wording.fill("repeal", cited="приказ", act="") == "Признать утратившим силу приказ."
    assert wording.formula_case("Руководствуясь") == "ablt"
    shared = load_wording(wording_files(root, "xx"), root)
    assert shared.fill("control.self", act="приказа").endswith("оставляю за собой.")


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("control:\n  others: x\n", "control.others", "неизвестная формулировка; есть:"),
        ("title: Об утверждении {document}\n", "title", "часть {document} здесь не подставляется"),
        (
            "repeal: Признать утратившим силу {cited} с {date}.\n",
            "repeal",
            "можно: {act}, {cited}",
        ),
        ("title: Об утверждении {documents\n", "title", "«{» и «}» в паре; можно: {documents}"),
        ("title: Об утверждении {}\n", "title", "часть {} здесь не подставляется"),
        ("control:\n  self: Контроль {act!x}\n", "control.self", "часть пишется как {имя}"),
        (
            "basis_formulas:\n  Руководствуясь: instr\n",
            "basis_formulas.Руководствуясь",
            "падеж «instr»",
        ),
    ],
)
def test_a_wrong_region_entry_is_refused_naming_file_and_key(root, text, where, message):
    with pytest.raises(VariablesError, match=re.escape(message)) as info:
        region(root, text)
    assert info.value.location == f"variables/lo/_wording.yaml: {where}"


def test_every_pattern_must_be_given(tmp_path):
    (tmp_path / "_wording.yaml").write_text("title: Об утверждении {documents}\n", encoding="utf-8")
    with pytest.raises(VariablesError, match="не заданы формулировки: amendments, approve.inline"):
        load_wording(wording_files(tmp_path), tmp_path)
