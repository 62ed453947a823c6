"""docgen import: lists read back from tables and repeated paragraphs, numbers, years, dates,
and the ref of a basis citation.

The round trip over every shipped set (tests/test_import.py) shows the shipped tables come
back; here the pieces, what is not guessed, and a table a region adds that no code knows.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import textwrap

import pytest

from docgen import Docgen, Settings
from docgen.act_import import blocks, clauses, import_act, lists, shapes, typed
from docgen.act_import.deviation import words_off
from docgen.act_import.rendered import render
from docgen.act_import.requisites import citations, end_of_title
from docgen.act_import.source import Line, read_act
from docgen.docxbuild import build_docx
from docgen.schema import UNKNOWN

from doctext import text_of
from paths import TEMPLATES, VARIABLES
from shipped import core

P = "[не заполнено: {}]".format


# -- values of a type read back from the text ------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("int", "2 единицы", 2),
        ("int", "30\u00a0%", 30),
        ("int", "1\u00a0единица", 1),
        ("year", "2024\u00a0году", 2024),
        ("year", "2026", 2026),
        ("date", "15\u00a0сентября\u00a02021\u00a0г.", dt.date(2021, 9, 15)),
        ("date", "23.05.2023", dt.date(2023, 5, 23)),
        ("text", " методист ", "методист"),
        ("year", P("Год"), UNKNOWN),
    ],
)
def test_typed_values_are_read_back(kind, text, expected):
    assert re.fullmatch(typed.group(kind) or ".+", text.strip())
    assert typed.value(kind, text, "Год") == (True, expected)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("int", "две единицы"),
        ("year", "24"),
        ("date", "31.02.2024"),
        ("year", P("Другое поле")),
    ],
)
def test_what_is_not_a_value_of_the_type_is_refused(kind, text):
    assert typed.value(kind, text, "Год") == (False, None)


# -- one item's pattern ------------------------------------------------------------------------

INDICATOR = f"5.1. {P('Т')} (к {P('Г')} – не менее {P('Ц')} {P('Е')})."
FIELDS = {
    "Т": ("text", "text"),
    "Г": ("year", "year"),
    "Ц": ("target", "int"),
    "Е": ("unit", "text"),
}


def unit(*texts: str, row: bool = False) -> blocks.Unit:
    cells = [(0, 0, n) if row else None for n in range(len(texts))]
    return blocks.Unit(
        tuple(Line(t, "", "appendix", "", cell=c) for t, c in zip(texts, cells, strict=True))
    )


def test_a_paragraph_pattern_reads_each_field_by_its_type():
    pattern = blocks.cell(INDICATOR, FIELDS)
    found = blocks.match_unit(
        [pattern],
        unit("5.3. Количество команд (к 2024\u00a0году – не менее 2 управленческих команд)."),
    )
    assert found == {
        "text": "Количество команд",
        "year": 2024,
        "target": 2,
        "unit": "управленческих команд",
    }
    # -- the clause number counts items: any number; the fixed words must be there --
    assert blocks.match_unit([pattern], unit("5.3. Количество команд (не менее 2 команд).")) is None
    assert pattern.literal == len("(к") + len("– не менее") + len(").")


def test_two_free_texts_side_by_side_cannot_be_told_apart():
    assert blocks.cell(f"{P('А')} {P('Б')}", {"А": ("a", "text"), "Б": ("b", "text")}) is None
    # -- a number beside a text can: the number is digits --
    made = blocks.cell(f"не менее {P('Ц')} {P('Е')}", FIELDS)
    assert blocks.match_unit([made], unit("не менее 30 %")) == {"target": 30, "unit": "%"}


def test_a_row_pattern_maps_cells_to_fields_and_repeats_a_column():
    repeats = {"Значение": ("figures", "text")}
    own = {"Наименование": ("name", "text")}
    cells = [blocks.cell(t, own, repeats) for t in ("1.", P("Наименование"), P("Значение"))]
    assert cells[2].repeat == "figures" and cells[0].repeat is None
    row = unit("2.", "Доля педагогов (%)", "5", "10", "20", row=True)
    assert blocks.match_unit(cells, row) == {
        "name": "Доля педагогов (%)",
        "figures": ["5", "10", "20"],
    }
    assert blocks.match_unit(cells, unit("2.", "Доля педагогов (%)", row=True)) is None


def test_units_are_paragraphs_and_table_rows():
    lines = [
        Line("абзац", "", "act", ""),
        Line("а", "", "act", "", cell=(0, 0, 0)),
        Line("б", "", "act", "", cell=(0, 0, 1)),
        Line("в", "", "act", "", cell=(0, 1, 0)),
        Line("другая таблица", "", "act", "", cell=(1, 0, 0)),
    ]
    assert [[x.text for x in u.lines] for u in blocks.units(lines)] == [
        ["абзац"],
        ["а", "б"],
        ["в"],
        ["другая таблица"],
    ]


# -- shapes and variants ----------------------------------------------------------------------


def test_shapes_follow_the_schema():
    schema = core().schema("khmao/oktyabrsky")
    groups = shapes.shape(schema, "roadmap.groups")
    assert [f.path for f in groups.fields] == ["roadmap.groups[].title"]
    (measures,) = groups.nested()
    assert measures.key == "measures"
    assert set(measures.labels()) == {
        schema.fields[f"roadmap.groups[].measures[].{k}"].label
        for k in ("text", "deadline", "responsible", "result", "indicator")
    }
    rows = shapes.shape(schema, "indicators.rows")
    assert list(rows.repeats().values()) == [("figures", "text")]
    assert shapes.shape(schema, "indicators.years").scalar.type == "year"
    # -- items that are registry acts are read from citations, not here --
    assert shapes.shape(schema, "msms.legal_bases") is None
    assert [
        s.path
        for s in lists.readable(schema, ["act.points", "indicators.rows", "msms.legal_bases"])
    ] == ["indicators.rows"]


def test_variants_start_plain_and_cover_each_optional_field():
    schema = core().schema("tyva/kyzyl")
    level = shapes.shape(schema, "kyzyl.indicators")
    found = shapes.variants(level)
    assert len(found) == 4  # -- unit and year: each present or absent --
    assert found[0] == {
        "text": UNKNOWN,
        "target": UNKNOWN,
        "unit": shapes.ABSENT,
        "year": shapes.ABSENT,
    }
    assert shapes.probe(level, {}, {}) == [{"text": UNKNOWN, "target": UNKNOWN}]
    rows = shapes.shape(core().schema("khmao/oktyabrsky"), "indicators.rows")
    assert shapes.probe(rows, {}, {"indicators.rows[].figures": 3})[0]["figures"] == [UNKNOWN] * 3


# -- reading lists from an act ----------------------------------------------------------------


def _kyzyl_text(*replacements: tuple[str, str]) -> bytes:
    act = core().generate("tyva-mms", "tyva/kyzyl", draft=True, check=False)
    text = "\n".join(text_of(act.docx)).replace("\u00a0", " ")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    return text.encode()


def test_items_are_read_while_they_match_and_the_rest_is_a_deviation():
    data = _kyzyl_text(("методист ММС – 2 единицы;", "методист ММС – две единицы;"))
    result = import_act(core(), data, "act.txt", package_id="tyva-mms", region="tyva")
    assert result.values["kyzyl.staff"].value == [{"position": "старший методист", "units": 1}]
    assert [(d.group, d.text) for d in result.deviations] == [
        ("добавлено", "методист ММС – две единицы;")
    ]


def test_a_list_whose_items_do_not_match_is_not_guessed():
    data = _kyzyl_text(
        ("старший методист ММС – 1 единица;", "старший методист ММС – одна единица;"),
        ("методист ММС – 2 единицы;", "методист ММС – две единицы;"),
    )
    result = import_act(core(), data, "act.txt", package_id="tyva-mms", region="tyva")
    assert "kyzyl.staff" not in result.values
    assert "kyzyl.staff" not in result.yaml()
    assert {d.group for d in result.deviations} == {"добавлено"}


def test_an_optional_field_the_text_shows_is_read_and_one_it_does_not_is_left_out():
    result = import_act(core(), _kyzyl_text(), "act.txt", package_id="tyva-mms", region="tyva")
    second = result.values["kyzyl.indicators"].value[1]
    assert second == {
        "text": "Количество управленческих команд, повысивших свою квалификацию",
        "target": 2,
        "unit": "управленческих команд",
    }
    # -- «к [не заполнено: Год …]» in the act: the year is unknown, written as such --
    assert result.values["kyzyl.indicators"].value[0]["year"] is UNKNOWN
    assert "year: !unknown" in result.yaml()


def test_a_looked_up_number_is_read_by_what_it_shows():
    dg = core()
    act = dg.generate("hmao-msms", "khmao/oktyabrsky", draft=True, check=False)
    result = import_act(dg, act.docx, "act.docx", package_id="hmao-msms", region="khmao")
    measures = [m for g in result.values["roadmap.groups"].value for m in g["measures"]]
    assert [m.get("indicator") for m in measures if m.get("indicator")] == [1, 2]
    assert result.values["indicators.years"].value == [2023, 2024, 2025, 2026]
    assert result.values["indicators.rows"].value[1]["figures"] == ["10", "20", "30", "40"]
    assert result.values["roadmap.start"].value == 2023
    assert result.values["msms.agreement_date"].value == dt.date(2021, 9, 15)


# -- a table a region adds: no code knows it ----------------------------------------------------

PLAN_SCHEMA = """
plan.rows:
  type: list
  label: План мероприятий
plan.rows[].what:
  type: text
  required: true
  label: Мероприятие плана
plan.rows[].year:
  type: year
  required: true
  label: Год мероприятия плана
plan.rows[].cost:
  type: int
  label: Стоимость мероприятия плана, тыс. руб.
plan.rows[].who:
  type: text
  label: Исполнитель мероприятия плана
plan.rows[].steps:
  type: list
  label: Этапы мероприятия
plan.rows[].steps[]:
  type: text
  label: Этап мероприятия
"""

PLAN_TEMPLATE = """
.mark Приложение{% if part.number %} {{ part.number }}{% endif %}
.mark к {{ act.kind | case('datv') }} {{ authority.name | case('gent') }}
.empty
.doctitle {{ part.heading }}
.doctitle {{ part.subject }}
.empty
.table 8,40,14,20,1,16,1
|! № | Мероприятие | Год | Исполнитель | {%tc for s in range(1) %} | Этапы | {%tc endfor %}
|= {%tr for r in plan.rows %}
{row}
|= {%tr endfor %}
.endtable
""".replace(
    "{row}",
    " | ".join(
        [
            "| {{ loop.index }}.",
            "{{ r.what }}{% if r.cost %} ({{ r.cost }} тыс. руб.){% endif %}",
            "{{ r.year }} г.",
            "{{ r.who or 'Департамент' }}",
            "{%tc for s in r.steps %}",
            "{{ s }}",
            "{%tc endfor %}",
        ]
    ),
)

PLAN = """
plan:
  rows:
    - what: Семинар для методистов
      year: 2025
      cost: 21
      who: ММС
      steps: [подготовка, проведение]
    - what: Конкурс педагогического мастерства
      year: 2026
      steps: [отбор, финал]
"""


def test_a_table_a_region_adds_is_read_back_by_its_template(tmp_path):
    templates, variables = tmp_path / "templates_docx", tmp_path / "variables"
    shutil.copytree(TEMPLATES, templates)
    shutil.copytree(VARIABLES, variables)
    (variables / "_schema" / "plan.yaml").write_text(PLAN_SCHEMA, encoding="utf-8")
    build_docx(textwrap.dedent(PLAN_TEMPLATE), templates / "plan-tyva.docx")
    (templates / "plan-tyva.yaml").write_text(
        "id: plan-tyva\ntitle: План\nkind: appendix\ndoc_gender: m\n"
        "doc_title: План мероприятий службы\nregions: [tyva]\n"
        "variables: [act.kind, authority.name, plan.rows]\n",
        encoding="utf-8",
    )
    package = templates / "packages" / "tyva-mms.yaml"
    package.write_text(
        package.read_text(encoding="utf-8") + '  - {template: plan-tyva, when: "plan.rows"}\n',
        encoding="utf-8",
    )
    kyzyl = variables / "tyva" / "kyzyl.yaml"
    kyzyl.write_text(kyzyl.read_text(encoding="utf-8") + PLAN, encoding="utf-8")
    dg = Docgen(Settings(templates_dir=templates, variables_dir=variables, run_checks=False))
    act = dg.generate("tyva-mms", "tyva/kyzyl", draft=True, check=False)
    shown = [line.text for line in read_act(act.docx, "act.docx") if line.cell]
    assert shown[-6:] == [
        "2.",
        "Конкурс педагогического мастерства",
        "2026 г.",
        "Департамент",
        "отбор",
        "финал",
    ]

    result = import_act(dg, act.docx, "act.docx", package_id="tyva-mms", region="tyva")
    assert result.values["plan.rows"].value == dg.variables("tyva/kyzyl").data["plan"]["rows"]
    assert result.deviations == []


# -- the basis: acts inside a cited title, the ref before a citation ----------------------------

PREAMBLE = (
    "Во исполнение пункта 13 основных принципов национальной системы профессионального роста "
    "педагогических работников Российской Федерации, утвержденных распоряжением Правительства "
    "Российской Федерации от 31 декабря 2019 г. № 3273-р «Об утверждении основных принципов», "
    "в соответствии с распоряжением Министерства просвещения Российской Федерации от 15 декабря "
    "2022 г. № Р-303 «О внесении изменений в Концепцию («единую»), утвержденную распоряжением "
    "Министерства просвещения Российской Федерации от 16 декабря 2020 г. № Р-174»,"
)


def test_an_act_named_inside_a_cited_title_is_no_basis():
    registry = core().registry()
    found = [act_id for act_id, _ in citations(PREAMBLE, registry)]
    assert found == ["pravitelstvo-rasp-2019-3273-r", "minpros-rasp-2022-r-303"]
    start = PREAMBLE.index("«О внесении")
    assert end_of_title(PREAMBLE, start - 1) == PREAMBLE.index("»,", start + 50) + 1
    assert end_of_title("без названия", 3) == 3


def test_the_ref_before_a_citation_is_read():
    dg = core()
    lines = [Line(PREAMBLE, "preamble", "act", "приказ, абзац 7")]
    formulas = list(dg.schema("khmao").fields["act.basis_formula"].choices)

    def head(act_id):
        return re.split(r"\sот\s+\d", dg.citation(act_id, "khmao").text("ablt"), maxsplit=1)[0]

    items, missing = clauses.basis(lines, dg.registry(), formulas, head)
    assert missing == []
    assert items == [
        {
            "act": "pravitelstvo-rasp-2019-3273-r",
            "formula": "Во исполнение",
            "ref": "пункта 13 основных принципов национальной системы профессионального роста "
            "педагогических работников Российской Федерации, утвержденных",
        },
        # -- «в соответствии с распоряжением»: the formula's own case, no ref --
        {"act": "minpros-rasp-2022-r-303", "formula": "В соответствии с"},
    ]


def test_a_list_is_kept_only_when_the_act_is_closer_with_it():
    dg = core()
    act = dg.generate("tyva-mms", "tyva/kyzyl", draft=True, check=False)
    lines = read_act(act.docx, "act.docx")
    imported = import_act(dg, act.docx, "act.docx", package_id="tyva-mms", region="tyva")
    current = {p: v for p, v in imported.overrides().items() if p != "kyzyl.staff"}
    score = words_off(lines, render(dg, "tyva-mms", "tyva/_model", current))
    staff = imported.values["kyzyl.staff"]
    wrong = [{"position": f"консультант {n}", "units": n} for n in range(1, 6)]

    def kept(value):
        found = {"kyzyl.staff": (value, staff.line)}
        return lists._accept(dg, lines, "tyva-mms", "tyva/_model", current, score, found)

    assert kept(staff.value) == ["kyzyl.staff"]
    assert kept(wrong) == []
