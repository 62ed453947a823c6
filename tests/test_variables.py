"""Variable sets: layering, schema validation and located Russian errors."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.errors import UnknownIdError, VariablesError, VariablesSyntaxError
from docgen.schema import UNKNOWN, load_schema
from docgen.validators import VALIDATORS
from docgen.variables import SCHEMA_FILE, list_sets
from docgen.variables import load_variables as _load_variables

REGION = """
region:
  name: Ленинградская область
  authority: комитет общего и профессионального образования Ленинградской области
service:
  name: муниципальная методическая служба
  abbr: ММС
"""

TOWN = """
municipality:
  name: Кировский муниципальный район Ленинградской области
  kind: муниципальный район
authority:
  name: комитет образования
  blank: КОМИТЕТ ОБРАЗОВАНИЯ
act:
  kind: распоряжение
  date: 2023-05-23
  number: "233"
signer:
  position: Председатель комитета
  name: И.В. Носова
  gender: f
"""


KINDS = ("распоряжение", "приказ")


def load_variables(set_id, root, overrides=None):
    """Return the set `set_id` of the tree at `root`, validated by that tree's schema."""
    schema = load_schema(root / SCHEMA_FILE, VALIDATORS, kinds=KINDS)
    return _load_variables(set_id, root, schema, overrides)


@pytest.fixture
def tree(var_tree):
    var_tree("_defaults.yaml", "format:\n  font: Times New Roman\n")
    var_tree("lo/_region.yaml", REGION)
    var_tree("lo/town.yaml", TOWN)
    return var_tree


def test_layers_merge_and_the_most_specific_wins(tree):
    tree("lo/town.yaml", TOWN + "service:\n  abbr: МИМС\n")
    vs = load_variables("lo/town", tree.root)
    assert vs.data["service"]["abbr"] == "МИМС"
    assert vs.data["service"]["name"] == "муниципальная методическая служба"
    assert vs.data["region"]["name"] == "Ленинградская область"
    assert vs.data["act"]["date"] == dt.date(2023, 5, 23)
    assert [p.name for p in vs.sources] == ["_defaults.yaml", "_region.yaml", "town.yaml"]


def test_schema_defaults_fill_absent_optional_values(tree):
    vs = load_variables("lo/town", tree.root)
    assert vs.data["format"]["appendix_mark"] == "lenobl"
    assert vs.data["act"]["control"] == "self"


def test_origins_name_file_and_line(tree):
    vs = load_variables("lo/town", tree.root)
    assert vs.origins["act.number"] == "variables/lo/town.yaml:11"


def test_overrides_apply_last_and_are_validated(tree):
    vs = load_variables("lo/town", tree.root, {"act.number": "234", "act.date": "01.06.2023"})
    assert vs.data["act"]["number"] == "234"
    assert vs.data["act"]["date"] == dt.date(2023, 6, 1)
    with pytest.raises(VariablesError, match="act.date"):
        load_variables("lo/town", tree.root, {"act.date": "вчера"})


def test_unknown_values_are_listed(tree):
    tree("lo/town.yaml", TOWN.replace('"233"', "!unknown"))
    vs = load_variables("lo/town", tree.root)
    assert vs.data["act"]["number"] is UNKNOWN
    assert vs.missing == ("act.number",)


def test_misspelt_key_names_file_line_and_suggestion(tree):
    tree("lo/town.yaml", TOWN + "signer_name: x\nact2:\n  kindd: приказ\n")
    with pytest.raises(VariablesError) as info:
        load_variables("lo/town", tree.root)
    text = str(info.value)
    assert "variables/lo/town.yaml:16: неизвестный ключ «signer_name»" in text
    assert "town.yaml:17: неизвестный ключ «act2»" in text


def test_misspelt_nested_key_suggests_the_right_one(tree):
    tree("lo/town.yaml", TOWN.replace("  number:", "  numbr:"))
    with pytest.raises(VariablesError, match="возможно, имелось в виду «act.number»"):
        load_variables("lo/town", tree.root)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("kind: распоряжение", "kind: постановка", "допустимые значения: распоряжение, приказ"),
        ("date: 2023-05-23", "date: 23 мая", "ожидается дата"),
        ("gender: f", "gender: ж", "допустимые значения: m, f"),
        ("name: И.В. Носова", "name: [И.В., Носова]", "ожидается строка"),
    ],
)
def test_wrong_types_and_enumerations_are_reported(tree, old, new, message):
    tree("lo/town.yaml", TOWN.replace(old, new))
    with pytest.raises(VariablesError, match=message):
        load_variables("lo/town", tree.root)


def test_every_problem_is_reported_at_once(tree):
    tree("lo/town.yaml", TOWN.replace("gender: f", "gender: ж").replace("  number:", "  numbr:"))
    with pytest.raises(VariablesError) as info:
        load_variables("lo/town", tree.root)
    assert "signer.gender" in str(info.value) and "act.numbr" in str(info.value)


def test_required_key_missing(tree):
    tree("lo/town.yaml", TOWN.replace("  blank: КОМИТЕТ ОБРАЗОВАНИЯ\n", ""))
    with pytest.raises(VariablesError, match="не задано обязательное поле «authority.blank»"):
        load_variables("lo/town", tree.root)


def test_broken_yaml_names_the_line(tree):
    tree("lo/town.yaml", TOWN + "signer:\n  position: [незакрытая\n")
    with pytest.raises(VariablesSyntaxError) as info:
        load_variables("lo/town", tree.root)
    assert info.value.location.startswith("variables/lo/town.yaml:")
    assert "ошибка синтаксиса YAML" in info.value.message


def test_duplicate_key_is_an_error(tree):
    tree("lo/town.yaml", TOWN + "act:\n  number: '1'\n")
    with pytest.raises(VariablesSyntaxError, match="ключ «act» повторяется"):
        load_variables("lo/town", tree.root)


def test_phrase_accepts_explicit_case_forms(tree):
    tree(
        "lo/town.yaml",
        TOWN.replace(
            "  name: комитет образования\n",
            "  name:\n    nomn: комитет образования\n    datv: комитету образования\n",
        ),
    )
    vs = load_variables("lo/town", tree.root)
    assert vs.data["authority"]["name"]["datv"] == "комитету образования"
    tree(
        "lo/town.yaml", TOWN.replace("  name: комитет образования\n", "  name:\n    nom: комитет\n")
    )
    with pytest.raises(VariablesError, match="неизвестные падежи nom"):
        load_variables("lo/town", tree.root)


def test_list_items_are_validated_with_their_index(tree):
    tree(
        "lo/town.yaml",
        TOWN.replace(
            '  number: "233"\n',
            '  number: "233"\n  points:\n    - subpoints: [а, б]\n  repeals:\n    - ../x\n',
        ),
    )
    with pytest.raises(VariablesError) as info:
        load_variables("lo/town", tree.root)
    assert "act.points[0]: не задано поле «text»" in str(info.value)
    assert "act.repeals[0]: ожидается идентификатор акта из реестра актов" in str(info.value)


@pytest.mark.parametrize("bad_id", ["../etc", "lo/../x", "LO/Town", "lo/town/extra", ""])
def test_ids_are_strict(tree, bad_id):
    with pytest.raises(UnknownIdError):
        load_variables(bad_id, tree.root)


def test_unknown_set_lists_the_known_ones(tree):
    with pytest.raises(UnknownIdError, match="lo/town"):
        load_variables("lo/nowhere", tree.root)


def test_region_level_set_and_listing(tree):
    assert list_sets(tree.root) == ["lo", "lo/town"]


def test_cross_value_checks_named_in_the_schema(tree):
    tree("lo/town.yaml", TOWN + "service:\n  legal_bases:\n    - fz-1\n    - fz-2\n    - fz-1\n")
    with pytest.raises(VariablesError, match=r"service.legal_bases\[2\]: значение повторяется"):
        load_variables("lo/town", tree.root)


def test_schema_may_be_split_into_files(tree):
    (tree.root / "_schema").mkdir()
    (tree.root / "_schema" / "extra.yaml").write_text(
        "roadmap.period_start:\n  type: year\n  label: Начало периода\n", encoding="utf-8"
    )
    tree("lo/town.yaml", TOWN + "roadmap:\n  period_start: 2023\n")
    assert load_variables("lo/town", tree.root).data["roadmap"]["period_start"] == 2023
    (tree.root / "_schema" / "dup.yaml").write_text("act.kind:\n  type: text\n", encoding="utf-8")
    with pytest.raises(VariablesError, match="уже объявлено"):
        load_variables("lo/town", tree.root)


@pytest.mark.parametrize("written", ["2024-02-31", "31.02.2024", "2023-13-01"])
def test_an_impossible_date_is_reported_not_crashed_on(tree, written):
    tree("lo/town.yaml", TOWN.replace("2023-05-23", written))
    with pytest.raises(VariablesError) as info:
        load_variables("lo/town", tree.root)
    assert "act.date" in str(info.value)
    assert "такой даты нет" in str(info.value)
    assert "town.yaml:" in str(info.value)


# -- explicit case forms are one value: a lower level replaces them whole ---------------------

REGION_FORMS = REGION.replace(
    "  name: муниципальная методическая служба\n",
    "  name:\n"
    "    nomn: муниципальная методическая служба\n"
    "    gent: муниципальной методической службы\n"
    "    loct: муниципальной методической службе\n",
)
TOWN_FORMS = (
    "service:\n  name:\n    nomn: информационно-методический центр\n"
    "    datv: информационно-методическому центру\n"
)
TOWN_NAME = "service:\n  name: информационно-методический центр\n"
CENTRE = {"nomn": "информационно-методический центр", "datv": "информационно-методическому центру"}


@pytest.mark.parametrize(
    ("region", "town", "expected"),
    [
        (REGION_FORMS, TOWN_FORMS, CENTRE),
        (REGION_FORMS, TOWN_NAME, CENTRE["nomn"]),
        (REGION, TOWN_FORMS, CENTRE),
    ],
    ids=["forms-over-forms", "name-over-forms", "forms-over-name"],
)
def test_a_municipalitys_case_forms_replace_the_regions_whole(tree, region, town, expected):
    tree("lo/_region.yaml", region)
    tree("lo/town.yaml", TOWN + town)
    vs = load_variables("lo/town", tree.root)
    assert vs.data["service"]["name"] == expected
    assert vs.origins["service.name"].startswith("variables/lo/town.yaml:")


def test_a_form_the_municipality_did_not_give_is_derived_from_its_own_name(tree):
    from docgen import ru
    from docgen.context import build_values

    tree("lo/_region.yaml", REGION_FORMS)
    tree("lo/town.yaml", TOWN + TOWN_FORMS)
    vs = load_variables("lo/town", tree.root)
    schema = load_schema(tree.root / SCHEMA_FILE, VALIDATORS, kinds=KINDS)
    name = build_values(vs.data, schema)["service"]["name"]
    assert ru.inflect(name, "datv") == "информационно-методическому центру"
    # -- never the region's stale «муниципальной методической службы» --
    assert ru.inflect(name, "gent") == "информационно-методического центра"
