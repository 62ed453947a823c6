"""The generation form: built from template metadata, prefilled, checked, previewed, downloaded."""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import unquote

import pytest

from docgen import Docgen
from docgen.findings import Finding, Severity

FORM_URL = "/generate/lenobl-mms/leningrad/kirovsky"
TESTOVY_URL = "/generate/lenobl-mms/leningrad/testovy"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _input(page: str, name: str) -> str:
    """Return the HTML of the control named `name`."""
    match = re.search(rf'<(input|select|textarea)[^>]*name="{re.escape(name)}"[^>]*>', page)
    assert match, name
    return match.group(0)


def _filename(response) -> str:
    header = response.headers["Content-Disposition"]
    assert header.startswith("attachment;")
    return unquote(re.search(r"filename\*=UTF-8''(\S+)", header).group(1))


# -- the form -----------------------------------------------------------------------------


def test_form_has_labels_help_types_and_prefilled_values(client, plain):
    page = client.get(FORM_URL).get_data(as_text=True)
    text = plain(page)
    for label in (
        "Вид акта",
        "Дата акта",
        "Номер акта",
        "Должность подписывающего",
        "ФИО подписывающего",
        "Орган управления образованием (полное наименование)",
    ):
        assert label in text
    assert "например «Администрация Кировского муниципального района" in text
    assert 'type="date"' in _input(page, "act.date")
    assert 'value="2023-05-23"' in _input(page, "act.date")
    assert _input(page, "act.kind").startswith("<select")
    assert 'value="233"' in _input(page, "act.number")
    assert 'value="И.В. Носова"' in _input(page, "signer.name")
    assert "значение из справочника муниципального образования, строка" in text
    assert "variables/" not in text


def test_form_fields_are_the_union_of_the_templates_variables(client, web_settings):
    from shipped import core

    page = client.get(FORM_URL).get_data(as_text=True)
    dg = core(web_settings)
    for template in dg.package_templates(dg.package("lenobl-mms")):
        for variable in template.variables:
            assert f'name="{variable}' in page or f'id="f-{variable}' in page, variable
    assert 'name="signer.gender"' in page  # -- the gender of a person comes along --


def _selected(page: str, name: str) -> str:
    """Return the value of the selected option of select `name`."""
    select = page.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
    match = re.search(r'<option value="([^"]*)" selected', select)
    assert match, name
    return match.group(1)


def test_form_has_rows_of_bases_and_repealed_acts_from_the_registry(client, plain):
    page = client.get(FORM_URL).get_data(as_text=True)
    assert _selected(page, "act.mandate[0].act") == "lenobl-ko-prikaz-2023-17"
    assert _selected(page, "act.repeals[0]") == "kirovsky-ko-rasp-2019-45"
    assert 'value="add:act.mandate"' in page and 'value="remove:act.mandate:0"' in page
    text = plain(page)
    assert "Акты, признаваемые утратившими силу" in text
    # -- an act is chosen by how it reads, not by its registry id --
    assert (
        "распоряжение комитета образования администрации Кировского муниципального района" in text
    )
    assert "от 26.02.2019" in text


def test_form_shows_derived_case_forms_and_initials(client, plain):
    page = client.get(FORM_URL).get_data(as_text=True)
    gent = _input(page, "authority.name:gent")
    assert 'value="комитета образования администрации Кировского муниципального района' in gent
    assert 'name="authority.name:gent:auto"' in page
    assert "Падежные формы" in plain(page)
    assert "инициалы: И.В. Носова" in plain(page)


def test_unknown_values_are_marked_not_filled(client, plain):
    page = client.get(TESTOVY_URL).get_data(as_text=True)
    assert 'id="act.number-unfilled"' in page
    assert 'id="signer.name-unfilled"' in page
    assert 'id="act.date-unfilled"' not in page
    assert "не заполнено" in plain(page)


@pytest.mark.parametrize(
    "url",
    [
        "/generate/lenobl-mms/leningrad/nowhere",
        "/generate/no-such-package/leningrad/kirovsky",
    ],
)
def test_unknown_ids_are_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "не найден" in response.get_data(as_text=True)


def test_municipality_of_another_region_is_refused(client, web_settings):
    region = web_settings.variables_dir / "tver"
    region.mkdir()
    (region / "_region.yaml").write_text(
        (web_settings.variables_dir / "leningrad" / "_region.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (region / "test.yaml").write_text(
        (web_settings.variables_dir / "leningrad" / "kirovsky.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    response = client.get("/generate/lenobl-mms/tver/test")
    assert response.status_code == 404
    assert "предназначен для регионов: leningrad" in response.get_data(as_text=True)


# -- preview and download -----------------------------------------------------------------


def test_preview_shows_the_draft_as_html(submit, plain):
    response = submit()
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'class="paper"' in page
    text = plain(page)
    assert "РАСПОРЯЖЕНИЕ" in text and "КОМИТЕТ ОБРАЗОВАНИЯ" in text
    assert "Все значения заполнены" in text
    assert "ПОЛОЖЕНИЕ" in text


def test_preview_highlights_placeholders_and_lists_them(client, submit, plain):
    page = submit(TESTOVY_URL).get_data(as_text=True)
    assert '<mark class="placeholder">[не заполнено: Номер акта]</mark>' in page
    assert "Не заполнено: 2" in plain(page)


def test_preview_lists_the_checker_findings(submit, monkeypatch, plain):
    finding = Finding(
        "G-04",
        Severity.WARNING,
        "страница 2",
        "нет номера страницы",
        "вставьте поле PAGE",
        "ПОЛОЖЕНИЕ",
    )

    real = Docgen.generate

    def fake(self, *args, **kwargs):
        return dataclasses.replace(real(self, *args, **kwargs), findings=(finding,))

    monkeypatch.setattr(Docgen, "generate", fake)
    text = plain(submit().get_data(as_text=True))
    assert "Замечания по оформлению (1)" in text
    assert "G-04" in text and "нет номера страницы" in text and "вставьте поле PAGE" in text


def test_draft_download_is_a_docx_with_a_cyrillic_name(submit, docx_text):
    response = submit(action="draft")
    assert response.status_code == 200
    assert response.mimetype == DOCX_MIME
    assert (
        _filename(response) == "Распоряжение от 23.05.2023 № 233 — Кировский район (черновик).docx"
    )
    disposition = response.headers["Content-Disposition"]
    assert 'filename="lenobl-mms_leningrad-kirovsky.docx"' in disposition
    text = docx_text(response.data)
    assert "КОМИТЕТ ОБРАЗОВАНИЯ" in text and "И.В.\u00a0Носова" in text


def test_final_download_of_a_complete_set(submit, docx_text):
    response = submit(action="final")
    assert response.status_code == 200
    assert _filename(response) == "Распоряжение от 23.05.2023 № 233 — Кировский район.docx"
    assert "[не заполнено" not in docx_text(response.data)


def test_final_refuses_while_required_values_are_missing(submit, plain):
    response = submit(TESTOVY_URL, action="final")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    text = plain(page)
    assert "Номер акта" in text and "ФИО подписывающего" in text
    assert 'id="act.number-error"' in page and 'id="signer.name-error"' in page


def test_draft_of_an_incomplete_set_has_highlighted_placeholders(submit, docx_text):
    response = submit(TESTOVY_URL, action="draft")
    assert response.status_code == 200
    assert "[не заполнено: Номер акта]" in docx_text(response.data)
    assert "(черновик)" in _filename(response)


def test_filling_the_missing_values_allows_the_final(submit, docx_text):
    response = submit(
        TESTOVY_URL,
        {"act.number": "17-р", "signer.name": "Петров Пётр Петрович", "signer.gender": "m"},
        action="final",
    )
    assert response.status_code == 200
    text = docx_text(response.data)
    assert "№\u00a017-р" in text
    assert "П.П.\u00a0Петров" in text


def test_changed_values_appear_in_the_document(submit, docx_text):
    response = submit(
        changes={"act.number": "234", "act.date": "2024-02-01", "act.kind": "приказ"},
        action="draft",
    )
    text = docx_text(response.data)
    assert "ПРИКАЗ" in text
    assert "от 01.02.2024 №\u00a0234" in text
    assert _filename(response).startswith("Приказ от 01.02.2024 № 234")


def test_dates_may_be_typed_the_russian_way(submit, docx_text):
    response = submit(changes={"act.date": "01.02.2024"}, action="draft")
    assert "от 01.02.2024" in docx_text(response.data)


# -- validation ---------------------------------------------------------------------------


def test_field_errors_are_shown_beside_the_field_and_the_form_is_kept(submit, plain):
    response = submit(
        changes={"act.date": "32.13.2023", "act.number": "999", "signer.position": "Председатель"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert re.search(r'id="act.date-error">Такой даты нет: «32.13.2023»', page)
    assert 'value="32.13.2023"' in _input(page, "act.date")
    assert 'value="999"' in _input(page, "act.number")
    assert 'value="Председатель"' in _input(page, "signer.position")
    assert 'class="paper"' not in page
    assert "Проверьте отмеченное поле" in plain(page)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("act.number", "x" * 100_000, "Слишком длинное значение: 100000 символов"),
        ("signer.position", "первая\x07вторая", "Недопустимый управляющий символ (код U+0007)"),
        ("act.kind", "{{ 7*7 }}", "Допустимые значения: распоряжение, приказ"),
        ("act.date", "{% if true %}", "Ожидается дата"),
        ("act.mandate[0].act", "<script>", "Допустимые значения"),
        ("act.mandate[0].formula", "]]>", "Допустимые значения"),
    ],
)
def test_hostile_input_gets_a_field_message(submit, name, value, message):
    response = submit(changes={name: value})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page
    assert "<script>" not in page.split('id="docform"')[1].replace("&lt;script&gt;", "")


HOSTILE = [
    "{{ 7*7 }} {% if true %}X{% endif %} {#c#}",
    "{{ ''.__class__.__mro__ }}",
    "ООО <Ромашка> & Co",
    "</w:t></w:r><w:r><w:t>инъекция",
    "]]> <![CDATA[ x ]]> &amp; &#x41;",
]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(
    "name", ["act.number", "signer.position", "act.mandate[0].ref", "service.abbr"]
)
def test_hostile_text_appears_literally_in_the_docx(submit, docx_text, name, value):
    response = submit(changes={name: value}, action="draft")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    text = docx_text(response.data).replace("\u00a0", " ")
    assert value.replace('"', "«") in text or value in text


@pytest.mark.parametrize("name", ["authority.name", "signer.name", "region.name"])
def test_text_that_cannot_be_declined_gets_a_field_message(submit, name):
    response = submit(changes={name: "{{ 7*7 }} <b>"}, action="draft")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'id="{name}-error"' in page
    assert "{{ 7*7 }} &lt;b&gt;" in page


def test_hostile_value_in_the_preview_is_escaped(submit):
    page = submit(changes={"act.number": "<img src=x onerror=alert(1)>"}).get_data(as_text=True)
    preview = page.split('class="paper"')[1].split("</article>")[0]
    assert "<img" not in preview and "&lt;img src=x onerror=alert(1)&gt;" in preview


def test_unknown_action_means_preview(submit):
    assert 'class="paper"' in submit(action="explode").get_data(as_text=True)


# -- lists --------------------------------------------------------------------------------


def test_add_row_keeps_the_typed_values(submit):
    response = submit(changes={"act.number": "555"}, action="add:act.mandate")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="act.mandate[1].act"' in page
    assert 'value="555"' in _input(page, "act.number")
    assert 'class="paper"' not in page


def test_remove_row_shifts_the_rest(client, form_values):
    values = form_values(client.get(FORM_URL).get_data(as_text=True))
    values.update(
        {
            "act.mandate[1].act": "fz-2012-273",
            "act.mandate[1].formula": "В соответствии с",
            "action": "remove:act.mandate:0",
        }
    )
    page = client.post(FORM_URL, data=values).get_data(as_text=True)
    assert _selected(page, "act.mandate[0].act") == "fz-2012-273"
    assert 'name="act.mandate[1].act"' not in page


def test_a_new_basis_reaches_the_preamble(client, form_values, docx_text):
    values = form_values(client.get(FORM_URL).get_data(as_text=True))
    values.update(
        {
            "act.mandate[1].act": "fz-2012-273",
            "act.mandate[1].formula": "В соответствии с",
            "action": "draft",
        }
    )
    text = docx_text(client.post(FORM_URL, data=values).data)
    assert (
        "от 11.05.2023 №\u00a017 «Об утверждении положения о региональной системе "
        "научно-методического сопровождения педагогических работников и управленческих "
        "кадров Ленинградской области», в соответствии с Федеральным законом от 29.12.2012 "
        "№\u00a0273-ФЗ «Об образовании в Российской Федерации»:"
    ) in text


def test_removing_all_repealed_acts(submit, docx_text):
    text = docx_text(submit(action="draft", drop=("act.repeals[0]",)).data)
    assert "утратившим силу" not in text


def test_a_half_filled_row_needs_its_required_values_for_the_final(client, form_values):
    values = form_values(client.get(FORM_URL).get_data(as_text=True))
    values.update({"act.mandate[1].ref": "пункта 5 положения, утвержденного", "action": "final"})
    response = client.post(FORM_URL, data=values)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="act.mandate[1].act-error"' in page


def test_too_many_rows_are_refused(client, form_values):
    values = form_values(client.get(FORM_URL).get_data(as_text=True))
    for i in range(1, 60):
        values[f"act.mandate[{i}].ref"] = str(i)
    values["action"] = "draft"
    response = client.post(FORM_URL, data=values)
    assert response.status_code == 400
    assert "Не более 50 строк" in response.get_data(as_text=True)


# -- case forms ---------------------------------------------------------------------------


def test_a_case_form_can_be_overridden(submit, docx_text):
    response = submit(
        changes={"authority.name:gent": "комитета ОСОБОГО образования"}, action="draft"
    )
    assert "распоряжением комитета ОСОБОГО образования" in docx_text(response.data)


def test_derived_forms_follow_a_changed_name(submit, docx_text):
    response = submit(
        changes={"authority.name": "комитет по образованию администрации Тестового района"},
        action="draft",
    )
    assert "распоряжением комитета по образованию администрации Тестового района" in docx_text(
        response.data
    )


def test_an_overridden_form_is_kept_when_the_form_is_shown_again(submit):
    page = submit(changes={"authority.name:gent": "комитета ОСОБОГО образования"}).get_data(
        as_text=True
    )
    assert 'value="комитета ОСОБОГО образования"' in _input(page, "authority.name:gent")
    assert 'name="authority.name:gent:auto"' not in page
    assert "вручную" in page


ANY_FIELD_HOSTILE = [
    "{{ 7*7 }}{% for x in range(9) %}x{% endfor %}",
    "<w:p>&lt;&amp;\"'</w:p> ]]>",
    "x" * 100_000,
    "a\x00b\x1bc",
]


@pytest.mark.parametrize("value", ANY_FIELD_HOSTILE, ids=["jinja", "xml", "100kb", "control"])
def test_hostile_input_in_every_field_never_breaks_the_page(client, form_values, docx_text, value):
    page = client.get(FORM_URL).get_data(as_text=True)
    baseline = form_values(page)
    names = [n for n in baseline if n != "csrf_token" and not n.endswith(":auto")]
    assert len(names) > 40
    for name in names:
        values = {**baseline, name: value, "action": "draft"}
        response = client.post(FORM_URL, data=values)
        assert response.status_code in (200, 400), name
        if response.status_code == 400:
            assert f'id="{name}-error"' in response.get_data(as_text=True), name
        elif name in ("act.number", "signer.position", "act.repeals[0].title", "act.place"):
            assert _unquoted(value) in _unquoted(docx_text(response.data)), name


def _unquoted(text: str) -> str:
    """Return `text` without quote marks (typography turns "…" into «…»)."""
    return re.sub("[\"'«»„“”‘’]", "", text)


def _shipped_pairs():
    from shipped import package_set_pairs

    first: dict[str, str] = {}
    for package_id, set_id in package_set_pairs():
        first.setdefault(package_id, set_id)
    return list(first.items())


@pytest.mark.parametrize(("package", "municipality"), _shipped_pairs())
def test_every_shipped_package_has_a_working_form(
    client, form_values, plain, package, municipality
):
    url = f"/generate/{package}/{municipality}"
    page = client.get(url)
    assert page.status_code == 200
    values = {**form_values(page.get_data(as_text=True)), "action": "preview"}
    response = client.post(url, data=values)
    assert response.status_code == 200, plain(response.get_data(as_text=True))[:600]
    assert 'class="paper"' in response.get_data(as_text=True)
