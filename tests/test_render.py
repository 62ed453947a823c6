"""Rendering: clause numbers, literal values, placeholders, located template errors."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn

from docgen.errors import MissingValuesError, TemplateRenderError
from docgen.render import ClauseCounter
from docgen.schema import UNKNOWN

from shipped import generate


def test_clause_counter_numbers_levels_literally():
    num = ClauseCounter()
    got = [num(1), num(2), num(2), num(3), num(3), num(1), num(2), num(1)]
    assert got == ["1.", "1.1.", "1.2.", "1.2.1.", "1.2.2.", "2.", "2.1.", "3."]


@pytest.mark.parametrize("level", [0, 5, "1"])
def test_clause_counter_rejects_bad_levels(level):
    with pytest.raises(ValueError):
        ClauseCounter()(level)


def test_clause_counter_rejects_a_skipped_level():
    num = ClauseCounter()
    num(1)
    with pytest.raises(ValueError, match="без пункта уровня 2"):
        num(3)


def test_conditions_never_leave_gaps(make_template, tmp_settings, paragraphs):
    make_template(
        "t-numbers",
        "{{ num(1) }} Первый.",
        "{%p if false %}",
        "{{ num(1) }} Выключенный.",
        "{%p endif %}",
        "{{ num(1) }} Второй.",
        "{{ num(2) }} Подпункт.",
    )
    result = generate("t-numbers", "leningrad/kirovsky", settings=tmp_settings)
    assert paragraphs(result.docx) == ["1. Первый.", "2. Второй.", "2.1. Подпункт."]


HOSTILE = [
    'ООО <Ромашка> & Co "кавычки"',
    "{{ 7*7 }} {% if true %}X{% endif %} {#c#}",
    "{{ ''.__class__.__mro__ }}",
    "</w:t></w:r><w:r><w:t>инъекция",
    "]]> <![CDATA[ x ]]>",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_come_out_literally(make_template, tmp_settings, value, paragraphs):
    make_template("t-echo", "Значение: {{ signer.position }}; конец")
    result = generate(
        "t-echo", "leningrad/kirovsky", {"signer.position": value}, settings=tmp_settings
    )
    text = paragraphs(result.docx)[0]
    assert text.startswith("Значение: ") and text.endswith("; конец")
    inner = text[len("Значение: ") : -len("; конец")]
    assert inner.replace("«", '"').replace("»", '"') == value.replace("«", '"').replace("»", '"')


def test_control_characters_are_dropped_and_newlines_become_breaks(make_template, tmp_settings):
    make_template("t-echo", "Значение: {{ signer.position }}")
    result = generate(
        "t-echo",
        "leningrad/kirovsky",
        {"signer.position": "первая\x00\x07 строка\nвторая строка"},
        settings=tmp_settings,
    )
    doc = docx.Document(io.BytesIO(result.docx))
    assert doc.paragraphs[0].text == "Значение: первая строка\nвторая строка"
    assert doc.paragraphs[0]._p.findall(f".//{qn('w:br')}")


def test_a_100_kb_value_renders_whole(make_template, tmp_settings, paragraphs):
    make_template("t-echo", "{{ signer.position }}")
    long_value = "Длинное наименование " * 5000
    result = generate(
        "t-echo", "leningrad/kirovsky", {"signer.position": long_value}, settings=tmp_settings
    )
    assert paragraphs(result.docx)[0] == long_value.strip()


def test_unknown_values_are_highlighted_placeholders_in_a_draft(make_template, tmp_settings):
    make_template("t-echo", "Подпись: {{ signer.position }}, {{ act.number }}.")
    result = generate(
        "t-echo",
        "leningrad/kirovsky",
        {"signer.position": UNKNOWN},
        draft=True,
        settings=tmp_settings,
    )
    doc = docx.Document(io.BytesIO(result.docx))
    assert doc.paragraphs[0].text == "Подпись: [не заполнено: Должность подписывающего], 233."
    marked = [r.text for r in doc.paragraphs[0].runs if r.font.highlight_color is not None]
    assert marked == ["[не заполнено: Должность подписывающего]"]
    assert result.missing == ("Должность подписывающего",)


def test_final_mode_refuses_and_lists_what_is_missing(make_template, tmp_settings):
    make_template("t-echo", "{{ signer.position }} {{ act.number }}")
    with pytest.raises(MissingValuesError) as info:
        generate(
            "t-echo",
            "leningrad/kirovsky",
            {"signer.position": UNKNOWN, "act.number": UNKNOWN},
            settings=tmp_settings,
        )
    assert info.value.missing == ["Должность подписывающего", "Номер акта"]
    assert "Должность подписывающего; Номер акта" in str(info.value)


def test_unused_unknown_values_do_not_block_the_final_mode(make_template, tmp_settings, paragraphs):
    make_template("t-echo", "{{ act.number }}")
    result = generate(
        "t-echo", "leningrad/kirovsky", {"signer.position": UNKNOWN}, settings=tmp_settings
    )
    assert paragraphs(result.docx) == ["233"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{{ signer.position }", "ошибка синтаксиса шаблона"),
        ("{{ no_such_variable }}", "неизвестной переменной"),
        ("{{ signer.position.__class__.__mro__ }}", "неизвестной переменной|запрещённое"),
        ("{{ signer.position | no_such_filter }}", "ошибка синтаксиса шаблона"),
        ("{{ act.repeals.append(1) }}", "запрещённое обращение"),
        ("{{ act.update({}) }}", "запрещённое обращение"),
        ("{{ 1 // 0 }}", "ошибка при заполнении шаблона"),
    ],
)
def test_template_errors_name_the_template(make_template, tmp_settings, line, message):
    make_template("t-bad", "Первый абзац", line, "Третий")
    with pytest.raises(TemplateRenderError, match=message) as info:
        generate("t-bad", "leningrad/kirovsky", settings=tmp_settings)
    assert "t-bad" in str(info.value)


def test_column_loops_get_a_repaired_grid(make_template, tmp_settings):
    from docx.oxml.ns import qn

    make_template(
        "t-cols",
        ".table 10,50,10,20,10",
        "|! № | Показатель | {%tc for y in [2023, 2024, 2025] %} | {{ y }} | {%tc endfor %}",
        "|= Группа",
        ".endtable",
    )
    result = generate("t-cols", "leningrad/kirovsky", settings=tmp_settings)
    table = docx.Document(io.BytesIO(result.docx)).tables[0]
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    assert len(grid) == 5  # № + показатель + three years
    assert [c.text for c in table.rows[0].cells] == ["№", "Показатель", "2023", "2024", "2025"]
    group = table.rows[1]._tr.tc_lst[0]
    assert group.tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "5"
    widths = [int(c.get(qn("w:w"))) for c in grid]
    assert widths[2] == widths[3] == widths[4]


@pytest.mark.parametrize(
    "doc_title", ["Положение о {{ service.name", "{{ 1 / 0 }}", "{{ '{:>99999999}'.format() }}"]
)
def test_a_broken_doc_title_names_the_metadata_file(tmp_settings, doc_title):
    meta = tmp_settings.templates_dir / "polozhenie-mms-lenobl.yaml"
    text = meta.read_text(encoding="utf-8")
    lines = [
        f"doc_title: {doc_title!r}" if line.startswith("doc_title:") else line
        for line in text.splitlines()
    ]
    meta.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(TemplateRenderError, match="doc_title не вычисляется") as info:
        generate("lenobl-mms", "leningrad/kirovsky", settings=tmp_settings)
    assert "polozhenie-mms-lenobl.yaml" in str(info.value)


@pytest.mark.parametrize(
    ("lines", "paragraph", "variable", "message"),
    [
        (
            ("Первый", "Глава {{ none | case('datv') }} района", "Третий"),
            2,
            None,
            "фильтр «case»: нет значения",
        ),
        (
            (
                "Место: {{ act.place }}",
                "{%p for s in ['а', 'б'] %}",
                "Пункт {{ act.place }}: {{ s.name }}.",
                "{%p endfor %}",
            ),
            3,
            "«s.name»",
            "has no attribute 'name'",
        ),
        (
            ("Первый", "Второй", "Должность: {{ signer.position | case('zzz') }}"),
            3,
            "«signer.position»",
            "zzz",
        ),
    ],
)
def test_a_render_error_names_the_paragraph_its_quote_and_the_variable(
    make_template, tmp_settings, lines, paragraph, variable, message
):
    make_template("t-bad", *lines)
    with pytest.raises(TemplateRenderError) as info:
        generate("t-bad", "leningrad/kirovsky", settings=tmp_settings)
    error = info.value
    assert error.location == f"шаблон t-bad, основной текст, абзац {paragraph}"
    assert message in error.message
    assert error.context == [lines[paragraph - 1]]
    if variable:
        assert variable in error.message
        assert "act.place" not in error.message  # -- only the variable the error is about --


@pytest.mark.parametrize("quotes", ["«datv»", "„datv“"])
def test_typographic_quotes_fail_with_the_russian_hint_and_the_paragraph(
    make_template, tmp_settings, quotes
):
    make_template("t-bad", "Первый", f"{{{{ signer.position | case({quotes}) }}}}")
    with pytest.raises(TemplateRenderError, match="типографские кавычки") as info:
        generate("t-bad", "leningrad/kirovsky", settings=tmp_settings)
    assert info.value.location == "шаблон t-bad, основной текст, абзац 2"
