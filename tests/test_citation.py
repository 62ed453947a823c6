"""Citations of registry acts: kind, issuer, date, number and title, spelled one way."""

from __future__ import annotations

import re
import textwrap

import pytest

from docgen.acts import load_registry
from docgen.citation import act_ids, citation, kind_form, validate_citations
from docgen.errors import VariablesError
from docgen.kinds import kinds_files, load_kinds
from docgen.placeholders import Missing
from docgen.schema import load_schema
from docgen.validators import VALIDATORS
from docgen.variables import VariableSet
from docgen.wording import load_wording, wording_files

from paths import VARIABLES

ACTS = """
fz-2012-273:
  kind: федеральный закон
  date: 2012-12-29
  number: 273-ФЗ
  title: Об образовании в Российской Федерации
ukaz-2020-474:
  kind: указ
  issuer: Президент Российской Федерации
  date: 2020-07-21
  number: "474"
  title: О национальных целях развития
ko-prikaz-2023-17:
  kind: приказ
  issuer: комитет общего и профессионального образования Ленинградской области
  date: 2023-05-11
  number: "17"
  title: Об утверждении примерного положения
minpros-prikaz-2022-653:
  kind: приказ
  issuer:
    nomn: Министерство просвещения Российской Федерации
    gent: Минпросвещения России
  date: 2022-08-02
  number: "653"
  title: Об утверждении федерального перечня
minpros-rasp-2020-r-174:
  kind: распоряжение
  issuer: Министерство просвещения Российской Федерации
  date: 2020-12-16
  number: Р-174
  title: Об утверждении Концепции
  amended_by: [minpros-rasp-2021-r-303]
minpros-rasp-2021-r-303:
  kind: распоряжение
  issuer: Министерство просвещения Российской Федерации
  date: 2021-12-15
  number: Р-303
  title: О внесении изменений
minpros-pismo-2021-az-1128-08:
  kind: письмо
  issuer: Министерство просвещения Российской Федерации
  document: методические рекомендации по внедрению наставничества
  date: 2021-12-21
  number: АЗ-1128/08
  title: О направлении методических рекомендаций
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """Return (registry, kinds, wording): the shipped kinds and wording, a small registry."""
    root = tmp_path_factory.mktemp("variables")
    (root / "_acts.yaml").write_text(textwrap.dedent(ACTS), encoding="utf-8")
    kinds = load_kinds(kinds_files(VARIABLES), VARIABLES)
    registry = load_registry([root / "_acts.yaml"], root, kinds.names())
    return registry, kinds, load_wording(wording_files(VARIABLES), VARIABLES)


def cite(library, act_id: str):
    return citation(act_id, *library)


N = "\u00a0"


@pytest.mark.parametrize(
    ("act_id", "case", "date", "expected"),
    [
        (
            "fz-2012-273",
            "ablt",
            "long",
            f"Федеральным законом от 29{N}декабря{N}2012{N}г. №{N}273-ФЗ "
            "«Об образовании в Российской Федерации»",
        ),
        (
            "ukaz-2020-474",
            "gent",
            "digital",
            f"Указа Президента Российской Федерации от 21.07.2020 №{N}474 "
            "«О национальных целях развития»",
        ),
        (
            "ko-prikaz-2023-17",
            "gent",
            "digital",
            "приказа комитета общего и профессионального образования Ленинградской области "
            f"от 11.05.2023 №{N}17 «Об утверждении примерного положения»",
        ),
        (
            "minpros-prikaz-2022-653",
            "ablt",
            "digital",
            f"приказом Минпросвещения России от 02.08.2022 №{N}653 "
            "«Об утверждении федерального перечня»",
        ),
        (
            "minpros-pismo-2021-az-1128-08",
            "ablt",
            "digital",
            "методическими рекомендациями по внедрению наставничества (письмо Министерства "
            f"просвещения Российской Федерации от 21.12.2021 №{N}АЗ-1128/08 "
            "«О направлении методических рекомендаций»)",
        ),
        (
            "minpros-rasp-2020-r-174",
            "accs",
            "digital",
            "распоряжение Министерства просвещения Российской Федерации от 16.12.2020 "
            f"№{N}Р-174 «Об утверждении Концепции» (в ред. распоряжения Министерства "
            f"просвещения Российской Федерации от 15.12.2021 №{N}Р-303)",
        ),
    ],
)
def test_a_citation_is_spelled_in_the_case_and_date_style_asked(
    library, act_id, case, date, expected
):
    assert cite(library, act_id).text(case, date) == expected


def test_the_default_citation_is_the_nominative_with_a_long_date(library):
    cited = cite(library, "fz-2012-273")
    assert str(cited) == cited.text("nomn", "long")
    assert str(cited).startswith(f"Федеральный закон от 29{N}декабря{N}2012{N}г.")
    assert cited.id == "fz-2012-273"


def test_amendments_may_be_left_out(library):
    text = cite(library, "minpros-rasp-2020-r-174").text("nomn", "digital", amendments=False)
    assert text.endswith("«Об утверждении Концепции»")


def test_each_spelling_is_made_once_per_citation(library, monkeypatch):
    import docgen.citation as module

    calls = []
    real = module._cite
    monkeypatch.setattr(module, "_cite", lambda *a, **k: calls.append(a[1:3]) or real(*a, **k))
    cited = cite(library, "minpros-rasp-2020-r-174")
    first = [cited.text("gent", "digital") for _ in range(3)]
    assert len(set(first)) == 1 and len(calls) == 2  # -- the act and its amendment, once --
    assert cited.text("gent", "digital", amendments=False) != first[0]
    assert len(calls) == 3
    assert cited.text("ablt", "long") != first[0] and len(calls) == 5


def test_an_unknown_date_style_is_refused(library):
    with pytest.raises(ValueError, match="стиль даты: одно из digital, long, а не «short»"):
        cite(library, "fz-2012-273").text("nomn", "short")


def test_an_unknown_id_is_refused_with_a_suggestion(library):
    with pytest.raises(VariablesError, match="акт «fz-2012-237» не найден в реестре актов") as info:
        cite(library, "fz-2012-237")
    assert "возможно, имелось в виду «fz-2012-273»" in info.value.message


@pytest.mark.parametrize(
    ("kind", "case", "expected"),
    [
        ("распоряжение", "datv", "распоряжению"),
        ("приказ", "gent", "приказа"),
        ("указ", "ablt", "Указом"),
        ("федеральный закон", "gent", "Федерального закона"),
    ],
)
def test_kind_forms_follow_the_kinds_table(library, kind, case, expected):
    assert kind_form(kind, case, library[1]) == expected


def test_an_unknown_kind_stays_a_placeholder(library):
    missing = Missing("Вид акта")
    assert kind_form(missing, "gent", library[1]) is missing


# -- the acts a set cites ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema():
    return load_schema(VARIABLES / "_schema.yaml", VALIDATORS, kinds=("распоряжение",))


def town(act: dict) -> VariableSet:
    origins = {"act.mandate": "variables/lo/_region.yaml:3", "act.repeals": "variables/lo/t.yaml:9"}
    return VariableSet("lo/t", {"act": act}, (), origins, ())


def test_act_ids_lists_every_cited_id_with_its_path(schema):
    act = {"mandate": [{"act": "ko-prikaz-2023-17"}], "repeals": ["fz-2012-273", "x-1"]}
    assert list(act_ids({"act": act}, schema)) == [
        ("act.mandate[0].act", "ko-prikaz-2023-17"),
        ("act.repeals[0]", "fz-2012-273"),
        ("act.repeals[1]", "x-1"),
    ]


def test_check_citations_names_the_file_and_line_of_each_unknown_id(library, schema):
    registry = library[0]
    cited = {"repeals": ["fz-2012-273", "fz-2012-273"], "mandate": [{"act": "fz-2012-273"}]}
    assert validate_citations(town(cited), schema, registry) == ("fz-2012-273",)
    act = {"mandate": [{"act": "ko-prikaz-2023-71"}], "repeals": ["fz-2012-273", "fz-2012-237"]}
    with pytest.raises(VariablesError) as info:
        validate_citations(town(act), schema, registry)
    message = info.value.message
    assert re.search(
        r"variables/lo/_region\.yaml:3: act\.mandate\[0\]\.act: акт «ko-prikaz-2023-71» не найден",
        message,
    )
    assert "variables/lo/t.yaml:9: act.repeals[1]: акт «fz-2012-237» не найден" in message
    assert "act.repeals[0]" not in message and info.value.location == "lo/t"
