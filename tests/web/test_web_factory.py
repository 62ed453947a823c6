"""The application factory: configuration layers, the instance folder, the secret key."""

from __future__ import annotations

from docgen.web import create_app


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


def test_docgen_serve_answers_and_runs_a_batch_job(tmp_path):
    """``python -m docgen serve``: embedded defaults, the secret key, a job in the pool."""
    import http.cookiejar
    import json
    import os
    import re
    import shutil
    import socket
    import subprocess
    import sys
    import time
    import urllib.parse
    import urllib.request

    from paths import REPO

    variables = tmp_path / "variables"
    shutil.copytree(REPO / "variables", variables)
    for path in (variables / "leningrad").glob("[!_]*.yaml"):
        if path.stem != "kirovsky":
            path.unlink()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DOCGEN_WEB_INSTANCE": str(tmp_path / "instance"),
        "DOCGEN_VARIABLES_DIR": str(variables),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "docgen", "serve", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with opener.open(f"{base}/healthz", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert proc.poll() is None, proc.stdout.read().decode()
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert (tmp_path / "instance" / "secret_key").exists()
        with opener.open(f"{base}/batch/", timeout=10) as response:
            page = response.read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode(
            {"csrf_token": token, "package": "lenobl-mms", "region": "leningrad", "mode": "draft"}
        ).encode()
        with opener.open(f"{base}/batch/", data=form, timeout=10) as response:
            job_url = response.url
        deadline = time.monotonic() + 120
        while True:
            with opener.open(job_url + ".json", timeout=10) as response:
                job = json.loads(response.read())
            if job["status"] not in ("queued", "running"):
                break
            assert time.monotonic() < deadline
            time.sleep(0.3)
        assert (job["status"], job["done"], job["total"]) == ("done", 1, 1)
    finally:
        proc.terminate()
        proc.wait(10)
        proc.stdout.close()
