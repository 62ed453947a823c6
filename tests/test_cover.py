"""The act as data: title, preamble, operative formula and clauses built from the set."""

from __future__ import annotations

import textwrap

import pytest

from docgen import ru
from docgen.acts import load_registry
from docgen.citation import citation
from docgen.context import Absent, appendix_entries
from docgen.cover import NO_BASIS, NO_DOCUMENTS, REVIEW, build_cover
from docgen.environment import make_environment
from docgen.kinds import kinds_files, load_kinds
from docgen.placeholders import REVIEW_PREFIX, Missing, labels_in
from docgen.wording import load_wording, wording_files

from paths import VARIABLES

ACTS = """
fz-2012-273:
  kind: федеральный закон
  date: 2012-12-29
  number: 273-ФЗ
  title: Об образовании в Российской Федерации
ko-prikaz-2023-17:
  kind: приказ
  issuer: комитет общего и профессионального образования Ленинградской области
  date: 2023-05-11
  number: "17"
  title: Об утверждении примерного положения
town-rasp-2019-45:
  kind: распоряжение
  issuer: комитет образования
  date: 2019-02-26
  number: "45"
  title: Об утверждении Положения
town-rasp-2020-3:
  kind: распоряжение
  issuer: комитет образования
  date: 2020-01-15
  number: "3"
  title: О внесении изменений
"""
N = "\u00a0"
FZ = f"Федеральным законом от 29.12.2012 №{N}273-ФЗ «Об образовании в Российской Федерации»"
FZ_GENT = f"Федерального закона от 29.12.2012 №{N}273-ФЗ «Об образовании в Российской Федерации»"
KO = (
    "приказа комитета общего и профессионального образования Ленинградской области "
    f"от 11.05.2023 №{N}17 «Об утверждении примерного положения»"
)
KO_ABLT = "приказом" + KO.removeprefix("приказа")
SERVICE = ("Положение о муниципальной методической службе", "УТВЕРЖДЕНО")
COUNCIL = ("Положение о методическом совете", "УТВЕРЖДЕНО")
ACTIVE = ("Положение о методическом активе", "УТВЕРЖДЕНО")
PLAN = ("План мероприятий по развитию службы", "УТВЕРЖДЕН")


@pytest.fixture(scope="module")
def make(tmp_path_factory):
    """Return a builder of the cover of an act with the given `act` fields and appendices."""
    root = tmp_path_factory.mktemp("variables")
    (root / "_acts.yaml").write_text(textwrap.dedent(ACTS), encoding="utf-8")
    kinds = load_kinds(kinds_files(VARIABLES), VARIABLES)
    wording = load_wording(wording_files(VARIABLES), VARIABLES)
    registry = load_registry([root / "_acts.yaml"], root, kinds.names())
    filters = make_environment().filters

    def cited(act_id: str):
        return citation(act_id, registry, kinds, wording)

    def build(appendices=(SERVICE,), **act):
        act = {"kind": "распоряжение", "basis": [{"act": "fz-2012-273"}], **act}
        for key in ("mandate", "basis"):
            if isinstance(act.get(key), list):
                act[key] = [{**item, "act": cited(item["act"])} for item in act[key]]
        if isinstance(act.get("repeals"), list):
            act["repeals"] = [cited(a) for a in act["repeals"]]
        entries = appendix_entries(list(appendices))
        return build_cover({"act": act}, entries, kinds=kinds, wording=wording, filters=filters)

    return build


def texts(cover) -> list[tuple[int, str]]:
    return [(c.level, c.text) for c in cover.clauses]


# -- title -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("appendices", "names", "title"),
    [
        ([SERVICE], "all", "Об утверждении Положения о муниципальной методической службе"),
        (
            [SERVICE, COUNCIL, ACTIVE],
            "all",
            "Об утверждении положений о муниципальной методической службе, о методическом "
            "совете и о методическом активе",
        ),
        (
            [SERVICE, PLAN],
            "all",
            "Об утверждении Положения о муниципальной методической службе и Плана "
            "мероприятий по развитию службы",
        ),
        (
            [SERVICE, PLAN],
            "first",
            "Об утверждении Положения о муниципальной методической службе",
        ),
    ],
)
def test_the_title_names_the_approved_documents(make, appendices, names, title):
    assert make(appendices, title_names=names).title == title


def test_an_act_without_appendices_has_a_placeholder_title(make):
    cover = make(())
    assert labels_in(cover.title) == [NO_DOCUMENTS]
    assert not cover.clauses[0].text.startswith("Утвердить")


# -- preamble and formula --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("act", "preamble"),
    [
        ({}, f"В соответствии с {FZ}:"),
        ({"kind": "приказ"}, f"В соответствии с {FZ},"),
        ({"basis_formula": "На основании"}, f"На основании {FZ_GENT}:"),
        (
            {
                "mandate": [{"act": "ko-prikaz-2023-17", "formula": "Во исполнение"}],
                "basis": [{"act": "fz-2012-273", "formula": "В соответствии с"}],
            },
            f"Во исполнение {KO}, в соответствии с {FZ}:",
        ),
        (
            {
                "mandate": [{"act": "ko-prikaz-2023-17", "formula": "Во исполнение"}],
                "basis": [{"act": "fz-2012-273"}],
                "kind": "приказ",
            },
            f"Во исполнение {KO}, {FZ_GENT},",
        ),
        (
            {
                "basis": [
                    {
                        "act": "ko-prikaz-2023-17",
                        "formula": "Во исполнение",
                        "ref": "пункта 2 положения, утвержденного",
                    }
                ]
            },
            f"Во исполнение пункта 2 положения, утвержденного {KO_ABLT}:",
        ),
    ],
)
def test_the_preamble_cites_every_basis_in_the_case_its_formula_governs(make, act, preamble):
    assert make(**act).preamble == preamble


def test_the_preamble_dates_may_be_long(make):
    assert make(citation_date="long").preamble.startswith(
        f"В соответствии с Федеральным законом от 29{N}декабря{N}2012{N}г. №{N}273-ФЗ"
    )


def test_a_basis_proposed_without_a_source_is_marked_for_review(make):
    preamble = make(basis=[{"act": "fz-2012-273", "review": True}]).preamble
    assert preamble.endswith(f" {Missing(REVIEW, REVIEW_PREFIX)}:")
    assert labels_in(preamble) == [f"{REVIEW_PREFIX}{REVIEW}"]
    assert labels_in(make(basis=[{"act": "fz-2012-273", "review": False}]).preamble) == []


@pytest.mark.parametrize(
    ("act", "label"),
    [
        ({"basis": []}, NO_BASIS),
        ({"basis": None}, NO_BASIS),
        ({"mandate": Missing("Правовое основание")}, "Правовое основание"),
    ],
)
def test_an_act_without_a_known_basis_has_a_placeholder_preamble(make, act, label):
    assert labels_in(make(**act).preamble) == [label]


@pytest.mark.parametrize(
    ("kind", "formula"),
    [("приказ", "ПРИКАЗЫВАЮ:"), ("постановление", "ПОСТАНОВЛЯЮ:"), ("распоряжение", "")],
)
def test_the_operative_formula_is_the_kinds(make, kind, formula):
    assert make(kind=kind).formula == formula


def test_an_unknown_kind_has_no_formula_and_keeps_its_placeholder(make):
    cover = make(kind=Missing("Вид акта"))
    assert cover.formula == ""
    assert labels_in(texts(cover)[-1][1]) == ["Вид акта"]


# -- clauses ---------------------------------------------------------------------------------------

DOC1 = "Положение о муниципальной методической службе"
DOC2 = "Положение о методическом совете"


@pytest.mark.parametrize(
    ("appendices", "style", "clauses"),
    [
        (
            [SERVICE],
            "points",
            [(1, f"Утвердить {DOC1} согласно приложению к настоящему распоряжению.")],
        ),
        (
            [SERVICE, COUNCIL],
            "points",
            [
                (1, f"Утвердить {DOC1} согласно приложению 1 к настоящему распоряжению."),
                (1, f"Утвердить {DOC2} согласно приложению 2 к настоящему распоряжению."),
            ],
        ),
        (
            [SERVICE, COUNCIL],
            "inline",
            [(1, f"Утвердить {DOC1} (приложение 1)."), (1, f"Утвердить {DOC2} (приложение 2).")],
        ),
        (
            [SERVICE, COUNCIL],
            "subpoints",
            [(1, "Утвердить:"), (2, f"{DOC1} (приложение 1);"), (2, f"{DOC2} (приложение 2).")],
        ),
        (
            [SERVICE],
            "subpoints",
            [(1, f"Утвердить {DOC1} согласно приложению к настоящему распоряжению.")],
        ),
    ],
)
def test_appendices_are_approved_in_the_style_chosen(make, appendices, style, clauses):
    assert texts(make(appendices, approve_style=style))[:-1] == clauses


def test_own_points_come_after_the_approval_and_before_the_repeal(make):
    points = [{"text": "Довести до сведения:", "subpoints": ["школ;", "детских садов."]}]
    clauses = texts(make(points=points, repeals=["town-rasp-2019-45"]))
    assert [level for level, _ in clauses] == [1, 1, 2, 2, 1, 1]
    assert clauses[1:4] == [(1, "Довести до сведения:"), (2, "школ;"), (2, "детских садов.")]
    assert clauses[4][1].startswith("Признать утратившим силу")


@pytest.mark.parametrize(
    ("repeals", "clauses"),
    [
        ([], []),
        (
            ["town-rasp-2019-45"],
            [
                (
                    1,
                    "Признать утратившим силу распоряжение комитета образования от 26.02.2019 "
                    f"№{N}45 «Об утверждении Положения».",
                )
            ],
        ),
        (
            ["town-rasp-2019-45", "town-rasp-2020-3"],
            [
                (1, "Признать утратившими силу:"),
                (
                    2,
                    "распоряжение комитета образования от 26.02.2019 "
                    f"№{N}45 «Об утверждении Положения»;",
                ),
                (
                    2,
                    "распоряжение комитета образования от 15.01.2020 "
                    f"№{N}3 «О внесении изменений».",
                ),
            ],
        ),
    ],
)
def test_repealed_acts_are_named_one_or_one_per_subpoint(make, repeals, clauses):
    assert texts(make(repeals=repeals))[1:-1] == clauses


def test_an_undecided_repeal_is_a_placeholder_clause(make):
    [(level, text)] = texts(make(repeals=Missing("Акты, признаваемые утратившими силу")))[1:-1]
    assert level == 1 and text.startswith("Признать утратившим силу")
    assert labels_in(text) == ["Акты, признаваемые утратившими силу"]


@pytest.mark.parametrize(
    ("act", "control"),
    [
        ({}, "Контроль за исполнением настоящего распоряжения оставляю за собой."),
        (
            {"kind": "приказ", "control": "self"},
            "Контроль за исполнением настоящего приказа оставляю за собой.",
        ),
        (
            {
                "control": "delegate",
                "control_position": ru.Phrase("заместитель председателя комитета"),
                "control_person": ru.Person("Иванова Анна Петровна", "f"),
            },
            "Контроль за исполнением настоящего распоряжения возложить на заместителя "
            f"председателя комитета А.П.{N}Иванову.",
        ),
    ],
)
def test_control_is_kept_by_the_signer_or_given_to_an_official(make, act, control):
    assert texts(make(**act))[-1] == (1, control)


def test_control_given_to_a_position_without_a_name_ends_cleanly(make):
    act = {
        "control": "delegate",
        "control_position": ru.Phrase("заместитель председателя комитета"),
        "control_person": Absent("ФИО ответственного за контроль"),
    }
    assert texts(make(**act))[-1] == (
        1,
        "Контроль за исполнением настоящего распоряжения возложить на заместителя "
        "председателя комитета.",
    )


def test_as_context_is_plain_data(make):
    context = make().as_context()
    assert set(context) == {"title", "preamble", "formula", "clauses"}
    assert context["clauses"][0] == {
        "level": 1,
        "text": f"Утвердить {DOC1} согласно приложению к настоящему распоряжению.",
    }
