"""``!unknown`` on lists, list items, mappings and case forms (issue 12, item 6).

An unknown list, an unknown item of a list of mappings, an unknown group and an unknown
case form are placeholders in a draft — «[не заполнено: <подпись поля>]», listed in
``missing`` — and a final is refused naming the same label. Before, a loop over ``!unknown``
iterated the characters of a string («'str object' has no attribute 'name'»).
"""

from __future__ import annotations

import io

import docx
import pytest

from docgen import MissingValuesError, VariablesError
from docgen.schema import UNKNOWN

from shipped import core

LENOBL = ("lenobl-mms", "leningrad/kirovsky")
HMAO = ("hmao-msms", "khmao/oktyabrsky")
TYVA = ("tyva-mms", "tyva/kyzyl")


def _all_text(data: bytes) -> str:
    """Return every text of the .docx body, table cells included."""
    body = docx.Document(io.BytesIO(data)).element.body
    return "".join(t.text or "" for t in body.iter(docx.oxml.ns.qn("w:t")))


def _placeholder(label: str) -> str:
    return f"[не заполнено: {label}]"


# -- (document, set, overrides, the label the placeholder shows) --
CASES = [
    pytest.param(*LENOBL, {"act.points": UNKNOWN}, "Дополнительные пункты", id="act.points"),
    pytest.param(*LENOBL, {"act.points": [UNKNOWN]}, "Текст пункта", id="act.points[0]"),
    pytest.param(
        *LENOBL,
        {"act.points": [{"text": "Провести совещание.", "subpoints": UNKNOWN}]},
        "Подпункты",
        id="act.points[0].subpoints",
    ),
    pytest.param(*LENOBL, {"act.repeals": UNKNOWN}, "Акты, признаваемые", id="act.repeals"),
    pytest.param(*LENOBL, {"act.repeals": [UNKNOWN]}, "Акт (идентификатор", id="act.repeals[0]"),
    pytest.param(*LENOBL, {"act.mandate": UNKNOWN}, "Правовое основание", id="act.mandate"),
    pytest.param(*LENOBL, {"act.mandate": [UNKNOWN]}, "Акт (идентификатор", id="act.mandate[0]"),
    pytest.param(
        *LENOBL, {"service.legal_bases": UNKNOWN}, "Нормативная база", id="service.legal_bases"
    ),
    pytest.param(
        *LENOBL,
        {"service.legal_bases": ["fz-2012-273", UNKNOWN, UNKNOWN]},
        "Акт (идентификатор",
        id="service.legal_bases[1,2]",
    ),
    pytest.param(
        *LENOBL,
        {"authority.name": {"nomn": "комитет образования", "ablt": UNKNOWN}},
        "Орган управления образованием (полное наименование), творительный падеж",
        id="authority.name.ablt",
    ),
    pytest.param(
        *LENOBL, {"authority.name": {"nomn": UNKNOWN}}, "Орган управления", id="authority.name"
    ),
    pytest.param(*LENOBL, {"signer": UNKNOWN}, "ФИО подписывающего", id="signer"),
    pytest.param(*HMAO, {"roadmap.groups": UNKNOWN}, "Наименование мероприятия", id="groups"),
    pytest.param(*HMAO, {"roadmap.groups": [UNKNOWN]}, "Срок исполнения", id="groups[0]"),
    pytest.param(
        *HMAO, {"indicators.rows": UNKNOWN}, "Наименование показателя", id="indicators.rows"
    ),
    pytest.param(*HMAO, {"indicators.years": UNKNOWN}, "Годы, по которым", id="indicators.years"),
    pytest.param(*HMAO, {"msms.legal_bases": UNKNOWN}, "Акты, учтенные", id="msms.legal_bases"),
    pytest.param(*TYVA, {"kyzyl.staff": UNKNOWN}, "Число штатных единиц", id="kyzyl.staff"),
    pytest.param(
        *TYVA, {"kyzyl.indicators": [UNKNOWN]}, "Целевое значение", id="kyzyl.indicators[0]"
    ),
]


@pytest.mark.parametrize(("document", "set_id", "overrides", "label"), CASES)
def test_unknown_collection_is_a_placeholder_in_a_draft_and_refused_in_a_final(
    document, set_id, overrides, label
):
    dg = core()
    result = dg.generate(document, set_id, overrides, draft=True, check=False)
    text = _all_text(result.docx)
    shown = [m for m in result.missing if m.startswith(label)]
    assert shown, (label, result.missing)
    assert _placeholder(shown[0]) in text
    assert "UNKNOWN" not in text and "\ue000" not in text
    with pytest.raises(MissingValuesError) as refused:
        dg.generate(document, set_id, overrides, draft=False, check=False)
    assert shown[0] in refused.value.missing


def test_the_same_values_known_make_a_final():
    dg = core()
    known = {"act.points": [{"text": "Провести совещание.", "subpoints": ["С директорами."]}]}
    result = dg.generate(*LENOBL, known, draft=False, check=False)
    assert "Провести совещание." in _all_text(result.docx)
    assert not result.missing


def test_an_unknown_list_is_one_placeholder_not_its_characters():
    result = core().generate(*LENOBL, {"act.points": UNKNOWN}, draft=True, check=False)
    clauses = [p for p in _all_text(result.docx).split("[") if "Дополнительные пункты" in p]
    assert len(clauses) == 1


def test_validation_lists_the_paths_of_unknown_items_forms_and_groups():
    dg = core()
    found = dg.variables(
        "leningrad/kirovsky",
        {
            "act.points": [UNKNOWN],
            "authority.name": {"nomn": "комитет образования", "datv": UNKNOWN},
            "signer": UNKNOWN,
        },
    ).missing
    assert "act.points[0].text" in found
    assert "authority.name.datv" in found
    assert {"signer.position", "signer.name", "signer.gender"} <= set(found)


def test_an_unknown_optional_field_of_an_unknown_item_is_absent():
    # -- «{% if m.indicator %}» over an unknown measure stays false: no arithmetic on it --
    parts = core().parts(*HMAO, {"roadmap.groups": UNKNOWN})
    groups = parts[0][1]["roadmap"]["groups"]
    measure = next(iter(next(iter(groups))["measures"]))
    assert not measure["indicator"]
    assert measure["text"] and "Наименование мероприятия" in measure["text"]


def test_two_unknown_items_are_not_a_repeated_value():
    found = core().variables("leningrad/kirovsky", {"service.legal_bases": [UNKNOWN, UNKNOWN]})
    assert found.missing == ("service.legal_bases[0]", "service.legal_bases[1]")


def test_two_known_equal_items_still_repeat():
    with pytest.raises(VariablesError, match="повторяется"):
        core().variables("leningrad/kirovsky", {"service.legal_bases": ["fz-2012-273"] * 2})


def test_a_list_item_that_is_neither_a_mapping_nor_unknown_is_still_refused():
    with pytest.raises(VariablesError, match=r"act\.points\[0\]: ожидается словарь полей"):
        core().variables("leningrad/kirovsky", {"act.points": ["Провести совещание."]})


def test_forms_without_a_nominative_are_still_refused():
    with pytest.raises(VariablesError, match="именительный падеж"):
        core().variables("leningrad/kirovsky", {"authority.name": {"datv": "комитету"}})


def test_the_callers_list_is_not_changed():
    items = [UNKNOWN]
    core().variables("leningrad/kirovsky", {"act.points": items})
    assert items == [UNKNOWN]


def test_an_unknown_value_in_an_appendix_title_stays_a_placeholder():
    # -- the title is rendered from the metadata (doc_title): its placeholder kept its
    #    words but lost its markers, so a final would have printed «не заполнено: …» --
    result = core().generate(*LENOBL, {"service.name": UNKNOWN}, draft=True, check=False)
    text = _all_text(result.docx)
    label = "Наименование методической службы"
    assert f"Об утверждении Положения о {_placeholder(label)} Кировского" in text
    assert f"о {label}" not in text.replace(_placeholder(label), "")
