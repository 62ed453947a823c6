"""The schema of variable sets: field types, coercion, dates, act ids, region extensions."""

from __future__ import annotations

import datetime as dt
import re
import textwrap

import pytest

from docgen.errors import VariablesError
from docgen.schema import UNKNOWN, FieldSpec, Schema, coerce, load_schema, parse_date, value_at
from docgen.validators import VALIDATORS


def spec(kind: str, **extra) -> FieldSpec:
    return FieldSpec(path="x", type=kind, label="Поле", **extra)


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("text", "комитет", "комитет"),
        ("text", 233, "233"),
        ("person", "И.В. Носова", "И.В. Носова"),
        ("phrase", "комитет", "комитет"),
        (
            "phrase",
            {"nomn": "комитет", "datv": "комитету"},
            {"nomn": "комитет", "datv": "комитету"},
        ),
        ("date", "2023-05-23", dt.date(2023, 5, 23)),
        ("date", "23.05.2023", dt.date(2023, 5, 23)),
        ("date", dt.datetime(2023, 5, 23, 10, 0), dt.date(2023, 5, 23)),
        ("int", "14", 14),
        ("int", 14.0, 14),
        ("year", 2024, 2024),
        ("bool", "да", True),
        ("bool", "False", False),
        ("list", ["a"], ["a"]),
        ("act", " fz-2012-273 ", "fz-2012-273"),
        ("act", "minpros-rasp-2020-r-174", "minpros-rasp-2020-r-174"),
        ("text", UNKNOWN, UNKNOWN),
    ],
)
def test_values_are_coerced_to_their_type(kind, value, expected):
    assert coerce(spec(kind), value) == expected


@pytest.mark.parametrize(
    ("kind", "value", "reason"),
    [
        ("text", True, "ожидается строка"),
        ("text", ["a"], "ожидается строка"),
        ("phrase", 5, "ожидается строка или словарь падежных форм"),
        ("phrase", {"nom": "комитет"}, "неизвестные падежи nom; допустимы nomn, gent"),
        ("phrase", {"datv": "комитету"}, "в словаре форм нужен именительный падеж (nomn)"),
        ("date", "23 мая 2023", "ожидается дата ГГГГ-ММ-ДД или ДД.ММ.ГГГГ"),
        ("int", "четырнадцать", "ожидается целое число"),
        ("int", 14.5, "ожидается целое число"),
        ("int", True, "ожидается целое число"),
        ("year", 1812, "ожидается год от 1900 до 2100"),
        ("bool", "может быть", "ожидается да/нет (true/false)"),
        ("list", "a", "ожидается список"),
        ("act", "Федеральный закон № 273-ФЗ", "ожидается идентификатор акта из реестра актов"),
        ("act", "../fz", "ожидается идентификатор акта из реестра актов"),
    ],
)
def test_wrong_values_are_refused_with_a_russian_reason(kind, value, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        coerce(spec(kind), value)


def test_a_choice_takes_only_its_choices():
    field = spec("choice", choices=("self", "delegate"))
    assert field.coerce("self") == "self"
    with pytest.raises(ValueError, match="допустимые значения: self, delegate"):
        field.coerce("other")


@pytest.mark.parametrize("written", ["31.02.2024", "2023-02-29", "2023-13-01", "00.01.2024"])
def test_a_day_that_does_not_exist_is_named(written):
    with pytest.raises(ValueError, match=f"такой даты нет: «{re.escape(written)}»"):
        parse_date(written)


@pytest.mark.parametrize("written", ["2024/02/01", "1.2.24", "", None, 20240201])
def test_an_unknown_date_form_is_refused(written):
    with pytest.raises(ValueError, match="ожидается дата ГГГГ-ММ-ДД или ДД.ММ.ГГГГ"):
        parse_date(written)


def test_value_at_walks_nested_mappings():
    data = {"act": {"kind": "приказ", "points": [1]}}
    assert value_at(data, "act.kind") == "приказ"
    assert value_at(data, "act.date") is None
    assert value_at(data, "act.points.text") is None


# -- loading ---------------------------------------------------------------------------------------

SHARED = """
act.kind:
  type: choice
  choices_from: kinds
  label: Вид акта
act.control:
  type: choice
  choices: [self, delegate]
  default: self
act.number:
  type: text
  required: true
act.repeals:
  type: list
  validate: unique
act.repeals[]:
  type: act
"""


@pytest.fixture
def shared(tmp_path):
    path = tmp_path / "_schema.yaml"
    path.write_text(SHARED, encoding="utf-8")
    return path


def region(tmp_path, text: str):
    path = tmp_path / "lo" / "_schema.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_fields_are_read_in_order_with_their_properties(shared):
    schema = load_schema(shared, VALIDATORS)
    assert list(schema.fields) == [
        "act.kind",
        "act.control",
        "act.number",
        "act.repeals",
        "act.repeals[]",
    ]
    assert schema.fields["act.control"].default == "self"
    assert schema.fields["act.number"].required
    assert schema.fields["act.number"].label == "act.number"  # -- no label: the path --
    assert schema.fields["act.repeals"].validator == "unique"
    assert schema.get("act.repeals[3]").type == "act"
    below = [f.path for f in schema.children("act") if not f.path.endswith("[]")]
    assert below == ["act.kind", "act.control", "act.number", "act.repeals"]
    assert schema.children("act.kind") == []


def test_choices_from_kinds_are_the_kinds_given(shared):
    schema = load_schema(shared, VALIDATORS, kinds=("распоряжение", "приказ"))
    assert schema.fields["act.kind"].choices == ("распоряжение", "приказ")
    with pytest.raises(ValueError, match="допустимые значения: распоряжение, приказ"):
        schema.fields["act.kind"].coerce("постановление")


def test_a_region_adds_fields_and_choices(shared, tmp_path):
    extension = region(
        tmp_path,
        """
        act.control:
          choices: [commission]
        act.motto:
          type: text
          label: Девиз
        """,
    )
    schema = load_schema(shared, VALIDATORS, region_file=extension)
    assert schema.fields["act.control"].choices == ("self", "delegate", "commission")
    assert schema.fields["act.control"].default == "self"
    assert schema.fields["act.motto"].label == "Девиз"
    assert "act.motto" not in load_schema(shared, VALIDATORS).fields


@pytest.mark.parametrize(
    "redefinition",
    [
        "act.number:\n  type: int\n",
        "act.control:\n  choices: [x]\n  default: x\n",
        "act.number:\n  choices: [x]\n",
    ],
)
def test_a_region_may_not_redefine_a_shared_field(shared, tmp_path, redefinition):
    extension = region(tmp_path, redefinition)
    with pytest.raises(VariablesError, match="общее поле регион может только дополнить") as info:
        load_schema(shared, VALIDATORS, region_file=extension)
    assert info.value.location.startswith("lo/_schema.yaml: act.")


@pytest.mark.parametrize(
    ("declaration", "message"),
    [
        ("x:\n  type: string\n", "у поля должен быть type — одно из text, phrase"),
        ("x:\n  type: choice\n", "для type: choice нужен список choices (или choices_from)"),
        ("x:\n  type: choice\n  choices_from: acts\n", "choices_from: одно из kinds"),
        ("x:\n  type: list\n  validate: sorted\n", "неизвестная проверка значений «sorted»"),
        ("- x\n", "схема: ожидается словарь"),
        ("x: [\n", "схема не читается как YAML"),
    ],
)
def test_a_wrong_declaration_is_refused_naming_the_file_and_field(tmp_path, declaration, message):
    path = tmp_path / "_schema.yaml"
    path.write_text(declaration, encoding="utf-8")
    with pytest.raises(VariablesError, match=re.escape(message)):
        load_schema(path, VALIDATORS)


def test_a_field_is_declared_once_across_the_schema_files(shared, tmp_path):
    (tmp_path / "_schema").mkdir()
    (tmp_path / "_schema" / "family.yaml").write_text(
        "roadmap.start:\n  type: year\n", encoding="utf-8"
    )
    assert load_schema(shared, VALIDATORS).fields["roadmap.start"].type == "year"
    (tmp_path / "_schema" / "other.yaml").write_text(
        "act.number:\n  type: text\n", encoding="utf-8"
    )
    with pytest.raises(VariablesError, match="поле уже объявлено в другом файле схемы") as info:
        load_schema(shared, VALIDATORS)
    assert info.value.location == "other.yaml: act.number"


def test_children_and_groups_index_the_declared_paths():
    fields = {
        path: FieldSpec(path=path, type="text", label=path)
        for path in ("title", "act.kind", "act.signer.name", "act.points[]", "act.points[].text")
    }
    schema = Schema(fields)
    assert [f.path for f in schema.children("act")] == ["act.kind", "act.points[]"]
    assert schema.groups("") == ["act"]
    assert schema.groups("act") == ["signer"]
    assert schema.groups("act.signer") == []
    assert schema.groups("act.points[]") == []
