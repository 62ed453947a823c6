"""Sessions: logout and a new password end every copy; failed logins are throttled."""

from __future__ import annotations

import pytest


def _login(client, password: str = "correct-horse", username: str = "editor"):
    return client.post("/auth/login", data={"username": username, "password": password})


def test_a_copied_cookie_stops_working_after_logout(app, client, auth):
    assert _login(client).status_code == 302
    cookie = client.get_cookie("session").value
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    assert thief.get("/editor/").status_code == 200
    client.post("/auth/logout")
    assert client.get("/editor/").status_code == 302
    assert thief.get("/editor/").status_code == 302


def test_a_new_password_ends_every_session(app, client, auth, runner):
    _login(client)
    assert client.get("/editor/").status_code == 200
    result = runner.invoke(
        args=["user", "passwd", "editor", "--password-stdin"], input="new-pw-123\n"
    )
    assert result.exit_code == 0, result.output
    assert "сеансы завершены" in result.output
    assert client.get("/editor/").status_code == 302
    assert _login(client).status_code == 401
    assert _login(client, "new-pw-123").status_code == 302
    assert client.get("/editor/").status_code == 200


def test_passwd_of_an_unknown_user_fails(runner):
    result = runner.invoke(args=["user", "passwd", "nobody", "--password-stdin"], input="x" * 9)
    assert result.exit_code == 1
    assert "нет" in result.output


def test_wrong_passwords_are_throttled_per_account(app, client, auth, plain):
    for _ in range(5):
        assert _login(client, "wrong-password").status_code == 401
    refused = _login(client)
    assert refused.status_code == 429
    assert "Слишком много неудачных попыток входа" in plain(refused.get_data(as_text=True))
    assert client.get("/editor/").status_code == 302
    # -- another account from the same address is not locked by these five --
    auth.create("second", "second-password")
    assert _login(client, "second-password", "second").status_code == 302


def test_successful_logins_are_not_counted(client, auth):
    for _ in range(8):
        assert _login(client).status_code == 302
        client.post("/auth/logout")


def test_wrong_passwords_are_throttled_per_address(make_app, auth):
    app = make_app(LOGIN_LIMIT_ADDRESS="3 per minute", LOGIN_LIMIT_ACCOUNT="100 per minute")
    client = app.test_client()
    for name in ("a", "b", "c"):
        assert _login(client, "x" * 9, name).status_code == 401
    assert _login(client).status_code == 429


@pytest.mark.parametrize(
    "target",
    [
        "/\t/evil.example",
        "/%09/evil.example",
        "/\n/evil.example",
        "/ /evil.example",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
    ],
)
def test_next_is_only_a_path_of_this_site(client, auth, target):
    from urllib.parse import unquote

    response = client.post(
        "/auth/login",
        data={"username": "editor", "password": "correct-horse", "next": unquote(target)},
    )
    assert response.headers["Location"] == "/editor/"


def test_next_in_the_query_string_with_a_tab(client, auth):
    response = client.post(
        "/auth/login?next=/%09/evil.example",
        data={"username": "editor", "password": "correct-horse"},
    )
    assert response.headers["Location"] == "/editor/"


def test_a_same_site_next_is_followed(client, auth):
    response = client.post(
        "/auth/login",
        data={"username": "editor", "password": "correct-horse", "next": "/editor/x?a=1"},
    )
    assert response.headers["Location"] == "/editor/x?a=1"


def test_serve_with_workers_runs_gunicorn_processes(app, monkeypatch):
    from web import serving
    from web.commands import serve

    calls = {}
    monkeypatch.setattr(serving, "has_gunicorn", lambda: True)
    monkeypatch.setattr(
        serving,
        "run_gunicorn",
        lambda factory, host, port, workers, threads: calls.update(
            app=factory(), host=host, port=port, workers=workers, threads=threads
        ),
    )
    result = app.test_cli_runner().invoke(serve, ["--port", "8124", "--workers", "3"])
    assert result.exit_code == 0, result.output
    assert calls["app"] is app
    assert (calls["workers"], calls["threads"], calls["port"]) == (3, 32, 8124)
    assert "3 процесса(ов) gunicorn" in result.output
