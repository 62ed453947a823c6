"""What a reader sees: hints without internal codes, pages without ids or server paths,
a useful 413 page."""

from __future__ import annotations

import io
import re

import pytest

FORM = "/generate/lenobl-mms/leningrad/kirovsky"


def _helps(page: str) -> list[str]:
    return re.findall(r'<p class="(?:help|origin)"[^>]*>(.*?)</p>', page, re.S)


def test_hints_have_no_codes_paths_or_files(client, app):
    from web import library

    page = client.get(FORM).get_data(as_text=True)
    texts = _helps(page)
    assert texts
    with app.test_request_context():
        schema = library.docgen().schema()
    paths = {p for p in schema.fields if "." in p and "[]" not in p}
    for text in texts:
        assert "variables/" not in text and ".yaml" not in text, text
        assert not any(re.search(rf"(?<![\w.]){re.escape(p)}(?![\w])", text) for p in paths), text
        for code in ("points", "subpoints", "self", "delegate", "digital", "lenobl", "gost"):
            assert not re.search(rf"\b{code}\b", text), text


def test_hints_keep_their_meaning_in_words(client, plain):
    text = plain(client.get(FORM).get_data(as_text=True))
    assert "оставляю за собой: «оставляю за собой»" in text
    assert "значение из справочника муниципального образования, строка" in text
    assert "Собственные акты-основания" in text


def test_act_columns_are_named_without_ids(client, plain):
    text = plain(client.get(FORM).get_data(as_text=True))
    assert "идентификатор в реестре" not in text


@pytest.mark.parametrize(
    "url",
    [
        "/generate/no-such/leningrad/kirovsky",
        "/generate/lenobl-mms/leningrad/nowhere",
        "/generate/lenobl-mms/tver/nowhere",
    ],
)
def test_not_found_pages_list_no_ids(client, url, app):
    from web import library

    response = client.get(url)
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    with app.test_request_context():
        dg = library.docgen()
        others = [i for i in dg.set_ids() + dg.package_ids() if "/" in i or "-" in i]
        others = [i for i in others if i not in url]
    assert "есть:" not in page
    assert not [i for i in others if i in page]


def test_api_errors_list_no_ids(client):
    response = client.post(
        "/api/generate", json={"document": "nope", "municipality": "leningrad/kirovsky"}
    )
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "есть:" not in body and "lenobl-mms" not in body


def test_an_editor_preview_error_shows_no_server_path(client, auth, app, make_docx, plain):
    from web import db, library, versions

    auth.login()
    with app.test_request_context():
        conn = db.get_db()
        number = versions.add_version(
            conn, library.store_dir(), "cover-approval", b"not a zip", "x.docx", "", "editor"
        )
        conn.commit()
        root = str(library.store_dir())
    response = client.get(
        "/editor/cover-approval/preview",
        query_string={"number": number, "municipality": "leningrad/kirovsky"},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert root not in page and app.instance_path not in page
    assert "не читается" in plain(page)


def test_the_413_page_states_the_limit_and_leads_back(make_app, auth, plain):
    app = make_app(MAX_CONTENT_LENGTH=100 * 1024, MAX_TEMPLATE_BYTES=50 * 1024)
    client = app.test_client()
    client.post("/auth/login", data={"username": "editor", "password": "correct-horse"})
    response = client.post(
        "/editor/cover-approval/upload",
        data={"file": (io.BytesIO(b"x" * (200 * 1024)), "big.docx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    text = plain(page)
    assert "не более 50 КБ" in text and "не более 100 КБ" in text
    assert 'href="/editor/cover-approval"' in page
    assert "Вернуться к шаблону" in text


def test_a_date_that_does_not_exist_is_named_in_the_form(submit, plain):
    response = submit(changes={"act.date": "31.02.2024"})
    assert response.status_code == 400
    assert "такой даты нет" in plain(response.get_data(as_text=True)).lower()


def test_bidi_controls_are_refused_in_the_form(submit, plain):
    response = submit(changes={"act.number": "23\u202e3"})
    assert response.status_code == 400
    assert "направления текста" in plain(response.get_data(as_text=True))
