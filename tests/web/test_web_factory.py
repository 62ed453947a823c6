"""The application factory: configuration layers, the instance folder, the secret key."""

from __future__ import annotations

from web import create_app


def test_config_defaults_and_testing(app_config, tmp_path):
    assert not create_app({"INSTANCE_PATH": str(tmp_path / "i")}).testing
    app = create_app(app_config)
    assert app.testing
    assert app.config["MAX_CONTENT_LENGTH"] > app.config["MAX_TEMPLATE_BYTES"]
    assert app.config["DATABASE"].startswith(app_config["INSTANCE_PATH"])
    app.extensions["docgen_jobs"].shutdown()


def test_secret_key_is_generated_once_and_kept(tmp_path):
    instance = tmp_path / "instance"
    first = create_app({"INSTANCE_PATH": str(instance)})
    second = create_app({"INSTANCE_PATH": str(instance)})
    key_file = instance / "secret_key"
    assert key_file.exists()
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert len(first.config["SECRET_KEY"]) == 64
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]


def test_instance_folder_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DOCGEN_WEB_INSTANCE", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("DOCGEN_WEB_BATCH_WORKERS", "3")
    app = create_app()
    assert app.instance_path == str(tmp_path / "elsewhere")
    assert app.config["BATCH_WORKERS"] == 3
    assert (tmp_path / "elsewhere" / "docgen-web.sqlite").exists()


def test_instance_config_file_is_read(monkeypatch, tmp_path):
    instance = tmp_path / "inst"
    instance.mkdir()
    (instance / "config.py").write_text("BATCH_WORKERS = 5\n", encoding="utf-8")
    monkeypatch.setenv("DOCGEN_WEB_INSTANCE", str(instance))
    assert create_app().config["BATCH_WORKERS"] == 5


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_docgen_serve_answers_on_embedded_defaults(tmp_path):
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    from docgen.settings import ROOT

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "DOCGEN_WEB_INSTANCE": str(tmp_path / "instance")}
    proc = subprocess.Popen([sys.executable, "-m", "docgen", "serve", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert proc.poll() is None, proc.stdout.read().decode()
                assert time.monotonic() < deadline
                time.sleep(0.2)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as r:
            assert "Кировский район" in r.read().decode("utf-8")
        assert (tmp_path / "instance" / "secret_key").exists()
    finally:
        proc.terminate()
        proc.wait(10)
        proc.stdout.close()
