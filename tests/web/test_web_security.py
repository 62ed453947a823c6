"""Security: CSRF on every form, headers, size limits, strict ids, no stack traces."""

from __future__ import annotations

import re

import pytest
from werkzeug.exceptions import InternalServerError

from docgen import Docgen

FORM_URL = "/generate/lenobl-mms/leningrad/kirovsky"


@pytest.fixture
def csrf_client(make_app):
    """Return a client of an app with CSRF protection on (as in production)."""
    return make_app(WTF_CSRF_ENABLED=True).test_client()


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (FORM_URL, {"action": "preview"}),
        ("/batch/", {"package": "lenobl-mms", "region": "leningrad"}),
        ("/auth/login", {"username": "x", "password": "y"}),
        ("/auth/logout", {}),
    ],
)
def test_forms_without_csrf_token_are_refused(csrf_client, url, data):
    response = csrf_client.post(url, data=data)
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)


def test_form_with_csrf_token_is_accepted(csrf_client):
    page = csrf_client.get(FORM_URL).get_data(as_text=True)
    response = csrf_client.post(
        FORM_URL, data={"csrf_token": _token(page), "action": "add:act.repeals"}
    )
    assert response.status_code == 200


def test_every_page_form_carries_a_token(csrf_client):
    for url in ("/", FORM_URL, "/batch/", "/auth/login"):
        page = csrf_client.get(url).get_data(as_text=True)
        for form in re.findall(r'(?s)<form[^>]*method="post".*?</form>', page):
            assert 'name="csrf_token"' in form, url


def test_security_headers_on_pages_and_errors(client):
    for url in ("/", "/nope"):
        headers = client.get(url).headers
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"


def test_pages_use_no_inline_script_or_style(client):
    page = client.get(FORM_URL).get_data(as_text=True)
    assert "<script>" not in page and " style=" not in page and "<style" not in page


@pytest.mark.parametrize(
    "url",
    [
        "/generate/lenobl-mms/../../etc/passwd",
        "/generate/lenobl-mms/leningrad/..%2f..%2fsecret",
        "/generate/LENOBL/leningrad/kirovsky",
        "/generate/lenobl-mms/leningrad",
        "/generate/lenobl-mms/leningrad/kirovsky/extra",
        "/generate/lenobl-mms/leningrad/%00kirovsky",
        "/batch/../../etc",
        "/batch/0123",
        "/editor/..%2f..%2fetc/versions/1/download",
    ],
)
def test_strict_ids_refuse_path_tricks(client, url):
    response = client.get(url)
    assert response.status_code in (302, 404)
    assert b"Traceback" not in response.data


def test_request_size_limit(make_app):
    client = make_app(MAX_CONTENT_LENGTH=1024).test_client()
    response = client.post(FORM_URL, data={"act.number": "x" * 5000})
    assert response.status_code == 413
    assert "Слишком большой запрос" in response.get_data(as_text=True)


def test_internal_errors_show_no_stack_trace(make_app, monkeypatch):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    def boom(*args, **kwargs):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr("docgen.web.catalog.regions", boom)
    response = app.test_client().get("/")
    text = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Внутренняя ошибка" in text
    assert "secret internals" not in text and "Traceback" not in text


def test_internal_errors_of_the_api_are_json(make_app, monkeypatch):
    app = make_app(PROPAGATE_EXCEPTIONS=False)
    monkeypatch.setattr(
        Docgen, "generate", lambda *a, **k: (_ for _ in ()).throw(InternalServerError())
    )
    response = app.test_client().post(
        "/api/generate", json={"document": "lenobl-mms", "municipality": "leningrad/kirovsky"}
    )
    assert response.status_code == 500
    assert response.json["ok"] is False and "Traceback" not in response.get_data(as_text=True)


def test_unknown_page_is_a_russian_404(client):
    response = client.get("/nope")
    assert response.status_code == 404
    assert "Страница не найдена" in response.get_data(as_text=True)


def test_wrong_method_is_405(client):
    assert client.delete("/").status_code == 405


def test_every_post_form_in_the_templates_has_a_csrf_field():
    from pathlib import Path

    import web

    root = Path(web.__file__).parent / "templates"
    for path in root.rglob("*.html"):
        for form in re.findall(r'(?s)<form[^>]*method="post".*?</form>', path.read_text("utf-8")):
            assert 'name="csrf_token" value="{{ csrf_token() }}"' in form, path.name


def test_editor_forms_need_the_token_too(make_app):
    from web import auth, db

    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        auth.create_user(db.get_db(), "editor", "correct-horse")
    client = app.test_client()
    token = _token(client.get("/auth/login").get_data(as_text=True))
    client.post(
        "/auth/login", data={"username": "editor", "password": "correct-horse", "csrf_token": token}
    )
    assert client.get("/editor/").status_code == 200
    assert client.post("/editor/cover-approval/versions/0/activate").status_code == 400
    page = client.get("/editor/cover-approval").get_data(as_text=True)
    response = client.post(
        "/editor/cover-approval/versions/0/activate", data={"csrf_token": _token(page)}
    )
    assert response.status_code == 303
