"""Editor accounts: log in and out, the login wall, safe redirects, ``docgen user add``."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from docgen.web import auth as web_auth
from docgen.web import db as web_db


@pytest.mark.parametrize(
    "url", ["/editor/", "/editor/cover-approval", "/editor/cover-approval/preview?number=0"]
)
def test_editor_needs_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")


def test_editor_post_needs_login_too(client):
    response = client.post("/editor/cover-approval/versions/0/activate")
    assert response.status_code == 302


def test_login_and_logout(client, auth):
    response = auth.login()
    assert response.status_code == 302 and response.headers["Location"] == "/editor/"
    page = client.get("/editor/").get_data(as_text=True)
    assert "Выйти (editor)" in page
    assert auth.logout().status_code == 302
    assert client.get("/editor/").status_code == 302


@pytest.mark.parametrize(
    ("username", "password"), [("editor", "wrong-password"), ("nobody", "correct-horse"), ("", "")]
)
def test_wrong_credentials_are_refused(client, auth, username, password):
    response = auth.login(username, password)
    assert response.status_code == 401
    assert "Неверное имя пользователя или пароль" in response.get_data(as_text=True)
    assert client.get("/editor/").status_code == 302


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/editor/cover-approval", "/editor/cover-approval"),
        ("//evil.example/x", "/editor/"),
        ("https://evil.example/", "/editor/"),
        ("/\\evil.example", "/editor/"),
    ],
)
def test_login_redirects_only_inside_the_site(client, auth, target, expected):
    response = client.post(
        "/auth/login", data={"username": "editor", "password": "correct-horse", "next": target}
    )
    assert response.headers["Location"] == expected


def test_passwords_are_stored_hashed(app, auth):
    with app.app_context():
        row = web_db.get_db().execute("SELECT password_hash FROM user").fetchone()
    assert "correct-horse" not in row["password_hash"]
    assert row["password_hash"].startswith(("scrypt:", "pbkdf2:"))


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("editor", "another-password", "уже есть"),
        ("bad name", "long-enough-pw", "латинские буквы"),
        ("shorty", "123", "не короче 8"),
    ],
)
def test_create_user_refuses_bad_accounts(app, auth, username, password, message):
    with app.app_context(), pytest.raises(web_auth.AccountError, match=message):
        web_auth.create_user(web_db.get_db(), username, password)


def test_user_add_reads_the_password_from_stdin(runner, client):
    result = runner.invoke(
        args=["user", "add", "alice", "--password-stdin"], input="alice-password\n"
    )
    assert result.exit_code == 0, result.output
    assert "Создан пользователь «alice»" in result.output
    response = client.post("/auth/login", data={"username": "alice", "password": "alice-password"})
    assert response.status_code == 302


def test_user_add_prompts_twice_for_the_password(runner):
    result = runner.invoke(args=["user", "add", "bob"], input="bob-password\nbob-password\n")
    assert result.exit_code == 0, result.output


def test_user_add_fails_with_a_message(runner):
    runner.invoke(args=["user", "add", "carol", "--password-stdin"], input="carol-password\n")
    result = runner.invoke(
        args=["user", "add", "carol", "--password-stdin"], input="carol-password\n"
    )
    assert result.exit_code == 1
    assert "пользователь «carol» уже есть" in result.output


def test_docgen_cli_has_the_web_commands(monkeypatch, tmp_path):
    from docgen.cli import cli

    monkeypatch.setenv("DOCGEN_WEB_INSTANCE", str(tmp_path / "instance"))
    runner = CliRunner()
    result = runner.invoke(
        cli, ["user", "add", "dave", "--password-stdin"], input="dave-password\n"
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "instance" / "docgen-web.sqlite").exists()
    assert runner.invoke(cli, ["serve", "--help"]).exit_code == 0


def test_serve_runs_waitress_with_the_app(app, monkeypatch):
    from web.commands import serve

    calls = {}
    monkeypatch.setattr("waitress.serve", lambda wsgi, **kw: calls.update(app=wsgi, **kw))
    result = app.test_cli_runner().invoke(serve, ["--port", "8123"])
    assert result.exit_code == 0, result.output
    assert calls["app"] is app
    assert (calls["host"], calls["port"]) == ("127.0.0.1", 8123)
    assert "http://127.0.0.1:8123/" in result.output
