"""POST /api/generate: JSON in, DOCX out, or a JSON 400 listing the field errors."""

from __future__ import annotations

import pytest

KIROVSKY = {"document": "lenobl-mms", "municipality": "leningrad/kirovsky"}
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _fields(response) -> set[str]:
    return {e["field"] for e in response.json["errors"]}


def test_generates_the_docx(client, docx_text):
    response = client.post(
        "/api/generate",
        json={**KIROVSKY, "values": {"act.number": "234", "act.date": "2024-02-01"}},
    )
    assert response.status_code == 200
    assert response.mimetype == DOCX_MIME
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    assert "от 01.02.2024 №\u00a0234" in docx_text(response.data)


def test_values_are_optional(client):
    assert client.post("/api/generate", json=KIROVSKY).status_code == 200


def test_lists_and_case_forms(client, docx_text):
    response = client.post(
        "/api/generate",
        json={
            **KIROVSKY,
            "values": {
                "act.mandate": [
                    {"act": "lenobl-ko-prikaz-2023-17", "formula": "На основании"},
                    {"act": "fz-2012-273", "formula": "В соответствии с"},
                ],
                "act.repeals": [],
                "authority.name": {
                    "nomn": "комитет образования",
                    "gent": "комитета ОСОБОГО образования",
                },
            },
        },
    )
    assert response.status_code == 200, response.json
    text = docx_text(response.data)
    assert "На основании приказа комитета общего и профессионального образования" in text
    assert "в соответствии с Федеральным законом от 29.12.2012 №\u00a0273-ФЗ" in text
    assert "утратившим силу" not in text
    assert "комитета ОСОБОГО образования" in text


def test_field_errors_are_listed_all_at_once(client):
    response = client.post(
        "/api/generate",
        json={
            **KIROVSKY,
            "values": {
                "act.date": "завтра",
                "act.number": "x" * 3000,
                "act.kind": "указ",
                "no.such": 1,
                "act.mandate": [{"formula": "вчера", "bogus": 1}],
                "signer.position": ["список"],
            },
        },
    )
    assert response.status_code == 400
    body = response.json
    assert body["ok"] is False and body["status"] == 400
    assert _fields(response) == {
        "act.date",
        "act.number",
        "act.kind",
        "no.such",
        "act.mandate[0].formula",
        "act.mandate[0].bogus",
        "signer.position",
    }
    messages = {e["field"]: e["message"] for e in body["errors"]}
    assert messages["act.date"].startswith("Ожидается дата")
    assert "не более 2000" in messages["act.number"]


def test_final_with_unknown_values_lists_them(client):
    response = client.post(
        "/api/generate", json={"document": "lenobl-mms", "municipality": "leningrad/testovy"}
    )
    assert response.status_code == 400
    labels = {e["label"] for e in response.json["errors"]}
    assert {"Номер акта", "ФИО подписывающего"} <= labels


def test_draft_with_unknown_values_is_generated(client, docx_text):
    response = client.post(
        "/api/generate",
        json={"document": "lenobl-mms", "municipality": "leningrad/testovy", "draft": True},
    )
    assert response.status_code == 200
    assert "[не заполнено: Номер акта]" in docx_text(response.data)


def test_null_marks_a_value_unknown(client):
    response = client.post("/api/generate", json={**KIROVSKY, "values": {"act.number": None}})
    assert response.status_code == 400
    assert response.json["errors"][0]["label"] == "Номер акта"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"document": "no-such", "municipality": "leningrad/kirovsky"}, "document"),
        ({"document": "../etc", "municipality": "leningrad/kirovsky"}, "document"),
        ({"document": "lenobl-mms", "municipality": "leningrad/nowhere"}, "municipality"),
        ({"document": "lenobl-mms", "municipality": "leningrad"}, "municipality"),
        ({"document": "lenobl-mms", "municipality": "tver/x"}, "municipality"),
        ({"document": "lenobl-mms"}, "municipality"),
        ({**KIROVSKY, "values": []}, "values"),
        ({**KIROVSKY, "draft": "yes"}, "draft"),
        ({**KIROVSKY, "extra": 1}, "extra"),
    ],
)
def test_bad_requests_name_the_field(client, body, field):
    response = client.post("/api/generate", json=body)
    assert response.status_code == 400
    assert field in _fields(response)


def test_body_must_be_json(client):
    response = client.post("/api/generate", data={"document": "lenobl-mms"})
    assert response.status_code == 415
    assert response.json["ok"] is False


def test_malformed_json_is_a_400(client):
    response = client.post("/api/generate", data="{nope", content_type="application/json")
    assert response.status_code == 400
    assert response.json["error"].startswith("тело запроса — не JSON (строка 1, позиция 2")


@pytest.mark.parametrize("value", ["{{ 7*7 }}", "<w:t>&amp;</w:t>", "{{ ''.__class__ }}"])
def test_hostile_values_appear_literally(client, docx_text, value):
    response = client.post("/api/generate", json={**KIROVSKY, "values": {"act.number": value}})
    assert response.status_code == 200
    assert value in docx_text(response.data)


def test_the_api_needs_no_csrf_token(make_app):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    assert client.post("/api/generate", json=KIROVSKY).status_code == 200


def test_api_errors_have_the_json_shape(client):
    response = client.get("/api/generate")
    assert response.status_code == 405
    assert set(response.json) == {"ok", "status", "error", "errors"}
