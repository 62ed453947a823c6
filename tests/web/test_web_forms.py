"""The form model and its validation, without HTTP: fields, state, overrides, messages."""

from __future__ import annotations

import datetime as dt

import pytest
from docgen.web import forms, formstate, validation
from docgen.web.derived import Deriver

from docgen.schema import UNKNOWN, FieldSpec

from shipped import core

TEXT = FieldSpec("x.text", "text", "Текст")
REQUIRED_TEXT = FieldSpec("x.req", "text", "Обязательный", required=True)
DATE = FieldSpec("x.date", "date", "Дата")
CHOICE = FieldSpec("x.kind", "choice", "Вид", choices=("приказ", "распоряжение"))
NUMBER = FieldSpec("x.n", "int", "Число")
BOOL = FieldSpec("x.b", "bool", "Да или нет")


@pytest.fixture
def model(web_settings):
    return forms.load_model("lenobl-mms", "leningrad/kirovsky", core(web_settings))


@pytest.mark.parametrize(
    ("spec", "raw", "value"),
    [
        (TEXT, "  слово  ", "слово"),
        (TEXT, "", ""),
        (TEXT, "две\r\nстроки", "две\nстроки"),
        (REQUIRED_TEXT, "   ", UNKNOWN),
        (DATE, "2024-02-01", dt.date(2024, 2, 1)),
        (DATE, "01.02.2024", dt.date(2024, 2, 1)),
        (DATE, "", UNKNOWN),
        (CHOICE, "приказ", "приказ"),
        (NUMBER, "14", 14),
        (BOOL, "Да", True),
        (TEXT, None, UNKNOWN),
    ],
)
def test_clean_accepts(spec, raw, value):
    assert validation.clean(spec, raw) == (value, None)


@pytest.mark.parametrize(
    ("spec", "raw", "message"),
    [
        (TEXT, "x" * 2001, "Слишком длинное значение: 2001 символов"),
        (TEXT, "a\x0bb", "Недопустимый управляющий символ (код U+000B)"),
        (TEXT, "a\ue000b", "Недопустимый управляющий символ (код U+E000)"),
        (DATE, "2024-13-01", "Такой даты нет: «2024-13-01»."),
        (DATE, "31.02.2024", "Такой даты нет: «31.02.2024»."),
        (DATE, "вчера", "Ожидается дата ГГГГ-ММ-ДД или ДД.ММ.ГГГГ."),
        (CHOICE, "указ", "Допустимые значения: приказ, распоряжение."),
        (NUMBER, "четырнадцать", "Ожидается целое число."),
        (TEXT, ["список"], "Ожидается строка."),
    ],
)
def test_clean_refuses_with_a_sentence(spec, raw, message):
    value, error = validation.clean(spec, raw)
    assert value is None and error.startswith(message)


def test_fields_are_the_templates_variables_grouped_by_section(model):
    keys = [s.key for s in model.sections]
    assert keys[:3] == ["authority", "act", "signer"]
    paths = [f.path for f in model.fields]
    assert paths.index("signer.gender") == paths.index("signer.name") + 1
    mandate = model.field("act.mandate")
    assert mandate.is_list and [c.path for c in mandate.children][:2] == [
        "act.mandate[].act",
        "act.mandate[].formula",
    ]
    # -- a cited act is a choice among the acts of the registry the set can see --
    act = model.field("act.mandate[0].act").spec
    assert act.type == "choice" and "lenobl-ko-prikaz-2023-17" in act.choices
    assert "khmao-depobr-prikaz-2023-10-p-777" not in act.choices
    assert model.field("service.legal_bases").item.spec.type == "choice"
    assert model.choice_label("fz-2012-273").startswith("Федеральный закон от 29.12.2012")


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("act.date", "Дата акта"),
        (
            "act.mandate[1].formula",
            "Правовое основание, общее для региона (преамбула), строка 2: "
            "Вводные слова для этого акта",
        ),
        (
            "authority.name:datv",
            "Орган управления образованием (полное наименование) (дательный падеж)",
        ),
        ("no.such", "no.such"),
    ],
)
def test_labels_of_inputs(model, name, label):
    assert model.label_for(name) == label


def test_an_untouched_form_makes_no_overrides(model):
    state = formstate.initial_state(model, Deriver(core().environment))
    again = formstate.submitted_state(model, state.values, Deriver(core().environment))
    assert validation.to_overrides(model, again, final=True) == {}
    assert again.errors == {}


def test_changed_values_become_typed_overrides(model):
    values = formstate.initial_state(model, Deriver(core().environment)).values
    values.update(
        {
            "act.date": "01.02.2024",
            "act.place": "",
            "act.number": "",
            "authority.name:gent": "комитета ОСОБОГО",
        }
    )
    values["act.place"] = "г. Кировск"
    state = formstate.submitted_state(model, values, Deriver(core().environment))
    overrides = validation.to_overrides(model, state, final=False)
    assert overrides["act.date"] == dt.date(2024, 2, 1)
    assert overrides["act.place"] == "г. Кировск"
    assert overrides["act.number"] is UNKNOWN
    assert overrides["authority.name"]["gent"] == "комитета ОСОБОГО"
    assert set(overrides) == {"act.date", "act.place", "act.number", "authority.name"}


def test_final_needs_every_required_value(model):
    values = {
        **formstate.initial_state(model, Deriver(core().environment)).values,
        "signer.position": " ",
    }
    state = formstate.submitted_state(model, values, Deriver(core().environment))
    validation.to_overrides(model, state, final=True)
    assert state.errors == {"signer.position": validation.REQUIRED_FOR_FINAL}


def test_rows_are_added_and_removed(model):
    state = formstate.initial_state(model, Deriver(core().environment))
    assert formstate.apply_action(model, state, "add:act.mandate")
    assert state.rows["act.mandate"] == 2
    state.values["act.mandate[1].ref"] = "пункта 5"
    assert formstate.apply_action(model, state, "remove:act.mandate:0")
    assert state.rows["act.mandate"] == 1 and state.get("act.mandate[0].ref") == "пункта 5"
    assert not formstate.apply_action(model, state, "add:act.number")
    assert not formstate.apply_action(model, state, "explode")


def test_list_rows_keep_their_yaml_values_when_another_row_is_added(model):
    values = formstate.initial_state(model, Deriver(core().environment)).values
    values.update({"act.mandate[1].act": "fz-2012-273", "act.mandate[1].review": "да"})
    state = formstate.submitted_state(model, values, Deriver(core().environment))
    mandate = validation.to_overrides(model, state, final=True)["act.mandate"]
    assert mandate[0] == {"act": "lenobl-ko-prikaz-2023-17", "formula": "Во исполнение"}
    assert mandate[1] == {"act": "fz-2012-273", "review": True}


def test_case_forms_left_as_derived_follow_the_name(model):
    values = formstate.initial_state(model, Deriver(core().environment)).values
    values["authority.name"] = "комитет по образованию"
    state = formstate.submitted_state(model, values, Deriver(core().environment))
    assert state.get("authority.name:gent") == "комитета по образованию"
    assert (
        validation.to_overrides(model, state, final=False)["authority.name"]
        == "комитет по образованию"
    )


def _all_pairs():
    from shipped import package_set_pairs

    return package_set_pairs()


@pytest.mark.parametrize(("package", "municipality"), _all_pairs())
def test_an_untouched_form_of_any_shipped_set_changes_nothing(web_settings, package, municipality):
    model = forms.load_model(package, municipality, core(web_settings))
    state = formstate.initial_state(model, Deriver(core().environment))
    again = formstate.submitted_state(model, state.values, Deriver(core().environment))
    assert validation.to_overrides(model, again, final=False) == {}
    assert again.errors == {}
    assert again.values == state.values
