"""Values templates see: placeholders, phrases, persons, citations, kinds; appendix entries."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen import ru
from docgen.context import Absent, appendix_entries, build_values, clean_text
from docgen.kinds import ActKind, Kinds
from docgen.placeholders import CLOSE, OPEN, Missing, labels_in
from docgen.schema import UNKNOWN, load_schema
from docgen.validators import VALIDATORS

from paths import VARIABLES

KINDS = ("распоряжение", "приказ")


@pytest.fixture(scope="module")
def schema():
    return load_schema(VARIABLES / "_schema.yaml", VALIDATORS, kinds=KINDS)


def data(**groups):
    """Return a small validated set: the act and the signer, with `groups` replacing groups."""
    base = {
        "authority": {"name": "комитет образования", "blank": "КОМИТЕТ"},
        "act": {"kind": "распоряжение", "date": dt.date(2023, 5, 23), "number": "233"},
        "signer": {"position": "Председатель", "name": "Носова Ирина Викторовна", "gender": "f"},
    }
    return {**base, **groups}


def test_every_declared_field_is_present_and_absent_ones_are_falsy_placeholders(schema):
    values = build_values(data(), schema)
    place = values["act"]["place"]
    assert isinstance(place, Absent) and not place
    assert str(place) == f"{OPEN}не заполнено: Место издания{CLOSE}"
    assert values["act"]["repeals"] == []  # -- an absent list is empty, not a placeholder --
    assert not values["region"]["system"] and labels_in(values["region"]["system"])


def test_an_unknown_value_is_a_truthy_placeholder_that_stays_unknown(schema):
    values = build_values(data(act={"kind": "распоряжение", "number": UNKNOWN}), schema)
    number = values["act"]["number"]
    assert isinstance(number, Missing) and not isinstance(number, Absent) and number
    assert labels_in(number) == ["Номер акта"]
    assert number.forms is number  # -- «act.number.forms» of an unknown stays unknown --


def test_phrases_keep_the_sets_explicit_forms_and_derive_the_rest(schema):
    explicit = {"nomn": "комитет образования", "datv": "Комитету образования (особая форма)"}
    values = build_values(data(authority={"name": explicit, "blank": "К"}), schema)
    name = values["authority"]["name"]
    assert isinstance(name, ru.Phrase) and name == "комитет образования"
    assert ru.inflect(name, "datv") == "Комитету образования (особая форма)"
    assert ru.inflect(name, "gent") == "комитета образования"


@pytest.mark.parametrize(("gender", "expected"), [("f", "f"), ("m", "m"), (None, None)])
def test_persons_carry_the_gender_their_field_names(schema, gender, expected):
    signer = {"position": "Председатель", "name": "Саша Ивановна Ким", "gender": gender}
    person = build_values(data(signer=signer), schema)["signer"]["name"]
    assert isinstance(person, ru.Person) and person.gender == expected


def test_a_persons_gender_declines_the_name(schema):
    person = build_values(data(), schema)["signer"]["name"]
    assert ru.inflect_name(person, "datv") == "Носовой Ирине Викторовне"


def test_act_ids_become_what_cite_returns_and_stay_ids_without_it(schema):
    act = {
        "kind": "распоряжение",
        "mandate": [{"act": "fz-2012-273", "formula": "Во исполнение"}],
        "repeals": ["town-2019-45"],
    }
    cited = build_values(data(act=act), schema, cite=lambda act_id: f"<{act_id}>")["act"]
    assert cited["mandate"][0]["act"] == "<fz-2012-273>"
    assert cited["mandate"][0]["formula"] == "Во исполнение"
    assert not cited["mandate"][0]["ref"]  # -- an item's absent field is a placeholder too --
    assert cited["repeals"] == ["<town-2019-45>"]
    assert build_values(data(act=act), schema)["act"]["repeals"] == ["town-2019-45"]


def test_an_act_kind_gets_the_explicit_forms_of_the_kinds_table(schema):
    kinds = Kinds(
        {
            "распоряжение": ActKind("распоряжение", issued=True, forms={"datv": "распоряженью"}),
            "приказ": ActKind("приказ", issued=True),
        }
    )
    kind = build_values(data(), schema, kinds=kinds)["act"]["kind"]
    assert isinstance(kind, ru.Phrase) and ru.inflect(kind, "datv") == "распоряженью"
    plain = build_values(data(act={"kind": "приказ"}), schema, kinds=kinds)["act"]["kind"]
    assert plain == "приказ" and not isinstance(plain, ru.Phrase)


@pytest.mark.parametrize(
    ("written", "seen"),
    [
        ('  "Об образовании" - закон  ', "«Об образовании»\u00a0– закон"),
        ("строка\x00\x07 с мусором", "строка с мусором"),
        (f"{OPEN}не заполнено: поддельная метка{CLOSE}", "не заполнено: поддельная метка"),
        ("перенос\r\nстроки", "перенос\nстроки"),
    ],
)
def test_free_text_is_cleaned_and_typographed(schema, written, seen):
    assert clean_text(written) == seen
    signer = {"position": written, "name": "И.В. Носова", "gender": "f"}
    assert build_values(data(signer=signer), schema)["signer"]["position"] == seen


def test_list_items_are_values_of_their_own_fields(schema):
    act = {"kind": "приказ", "points": [{"text": "Довести.", "subpoints": ["а", UNKNOWN]}]}
    [point] = build_values(data(act=act), schema)["act"]["points"]
    assert point["text"] == "Довести."
    assert point["subpoints"][0] == "а"
    assert labels_in(point["subpoints"][1]) == ["Текст подпункта"]


# -- appendix entries --------------------------------------------------------------------------

SERVICE = ("Положение о  муниципальной методической\nслужбе", "УТВЕРЖДЕНО")
PLAN = ("План мероприятий («дорожная карта»)", "УТВЕРЖДЕН")


def test_a_single_appendix_has_no_number():
    [entry] = appendix_entries([SERVICE])
    assert entry["number"] is None and entry["ref"] == "(приложение)"
    assert entry["title"] == "Положение о муниципальной методической службе"
    assert (entry["kind"], entry["heading"]) == ("Положение", "ПОЛОЖЕНИЕ")
    assert entry["subject"] == "о муниципальной методической службе"
    assert entry["approval"] == "УТВЕРЖДЕНО"


def test_several_appendices_are_numbered_in_order():
    entries = appendix_entries([SERVICE, PLAN])
    assert [e["number"] for e in entries] == [1, 2]
    assert [e["ref"] for e in entries] == ["(приложение 1)", "(приложение 2)"]
    assert entries[1]["heading"] == "ПЛАН" and entries[1]["approval"] == "УТВЕРЖДЕН"
    assert isinstance(entries[1]["title"], ru.Phrase)


def test_no_appendices_give_no_entries():
    assert appendix_entries([]) == []
