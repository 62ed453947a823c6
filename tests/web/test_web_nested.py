"""Lists inside list rows (a roadmap: directions → measures), in the form and the API."""

from __future__ import annotations

import pytest

from docgen.docxbuild import build_docx

URL = "/generate/webtest-doc/leningrad/kirovsky"
SCHEMA = """\
webtest.groups:
  type: list
  label: Направления
webtest.groups[].title:
  type: text
  required: true
  label: Направление
webtest.groups[].measures:
  type: list
  required: true
  label: Мероприятия
webtest.groups[].measures[].text:
  type: text
  required: true
  label: Мероприятие
webtest.groups[].measures[].term:
  type: date
  label: Срок
webtest.years:
  type: list
  label: Годы
webtest.years[]:
  type: year
  label: Год
"""
MARKUP = [
    "{%p for g in webtest.groups %}",
    "Направление: {{ g.title }}",
    "{%p for m in g.measures %}",
    "Мероприятие: {{ m.text }}{% if m.term %} до {{ m.term | date_digital }}{% endif %}",
    "{%p endfor %}",
    "{%p endfor %}",
    "Годы: {{ webtest.years | join(', ') }}",
]


@pytest.fixture(autouse=True)
def nested_template(web_settings):
    """Add a schema file with nested lists and a one-part document using them."""
    schema_dir = web_settings.variables_dir / "_schema"
    schema_dir.mkdir(exist_ok=True)
    (schema_dir / "webtest.yaml").write_text(SCHEMA, encoding="utf-8")
    build_docx("\n".join(MARKUP), web_settings.templates_dir / "webtest-doc.docx")
    (web_settings.templates_dir / "webtest-doc.yaml").write_text(
        "id: webtest-doc\ntitle: Тест вложенных списков\nkind: cover\nregions: [leningrad]\n"
        "variables: [webtest.groups, webtest.years]\n",
        encoding="utf-8",
    )


def test_nested_rows_are_added_filled_and_generated(client, form_values, docx_text):
    page = client.get(URL).get_data(as_text=True)
    assert 'value="add:webtest.groups"' in page
    values = {**form_values(page), "action": "add:webtest.groups"}
    page = client.post(URL, data=values).get_data(as_text=True)
    assert 'name="webtest.groups[0].title"' in page
    assert 'value="add:webtest.groups[0].measures"' in page

    values = {
        **form_values(page),
        "webtest.groups[0].title": "Первое направление",
        "action": "add:webtest.groups[0].measures",
    }
    page = client.post(URL, data=values).get_data(as_text=True)
    assert 'name="webtest.groups[0].measures[0].text"' in page

    values = {
        **form_values(page),
        "webtest.groups[0].measures[0].text": "Семинар",
        "webtest.groups[0].measures[0].term": "2024-12-01",
        "action": "add:webtest.years",
    }
    page = client.post(URL, data=values).get_data(as_text=True)
    values = {**form_values(page), "webtest.years[0]": "2025", "action": "final"}
    response = client.post(URL, data=values)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    text = docx_text(response.data)
    assert "Направление: Первое направление" in text
    assert "Мероприятие: Семинар до 01.12.2024" in text
    assert "Годы: 2025" in text


def test_nested_rows_are_checked_and_labelled(client, form_values):
    values = {
        "webtest.groups[0].title": "Направление",
        "webtest.groups[0].measures[0].term": "не дата",
        "webtest.groups[0].measures[1].text": "Вторая",
        "action": "final",
    }
    page = client.post(
        URL, data={**form_values(client.get(URL).get_data(as_text=True)), **values}
    ).get_data(as_text=True)
    assert 'id="webtest.groups[0].measures[0].term-error"' in page
    assert 'id="webtest.groups[0].measures[0].text-error"' in page
    assert "Направления, строка 1: Мероприятия, строка 1: Срок" in page


def test_removing_a_row_renumbers_the_nested_rows(client, form_values):
    base = form_values(client.get(URL).get_data(as_text=True))
    values = {
        **base,
        "webtest.groups[0].title": "Первое",
        "webtest.groups[0].measures[0].text": "А",
        "webtest.groups[1].title": "Второе",
        "webtest.groups[1].measures[0].text": "Б",
        "webtest.groups[1].measures[1].text": "В",
        "action": "remove:webtest.groups:0",
    }
    after = form_values(client.post(URL, data=values).get_data(as_text=True))
    assert after["webtest.groups[0].title"] == "Второе"
    assert after["webtest.groups[0].measures[1].text"] == "В"
    assert "webtest.groups[1].title" not in after


def test_the_api_takes_nested_lists(client, docx_text):
    response = client.post(
        "/api/generate",
        json={
            "document": "webtest-doc",
            "municipality": "leningrad/kirovsky",
            "values": {
                "webtest.groups": [
                    {
                        "title": "Одно",
                        "measures": [{"text": "Икс"}, {"text": "Игрек", "term": "01.02.2025"}],
                    }
                ],
                "webtest.years": [2024, "2025"],
            },
        },
    )
    assert response.status_code == 200, response.json
    text = docx_text(response.data)
    assert "Мероприятие: Икс" in text and "Мероприятие: Игрек до 01.02.2025" in text
    assert "Годы: 2024, 2025" in text


def test_the_api_names_nested_errors(client):
    response = client.post(
        "/api/generate",
        json={
            "document": "webtest-doc",
            "municipality": "leningrad/kirovsky",
            "values": {
                "webtest.groups": [{"title": "Одно", "measures": [{"term": "вчера", "x": 1}]}],
                "webtest.years": ["двадцать"],
            },
        },
    )
    assert response.status_code == 400
    assert {e["field"] for e in response.json["errors"]} == {
        "webtest.groups[0].measures[0].term",
        "webtest.groups[0].measures[0].x",
        "webtest.years[0]",
    }
