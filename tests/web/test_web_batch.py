"""Batch jobs: a task queue, progress in SQLite, ZIP on disk, crashes never lost."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from docgen.web import db as web_db
from docgen.web import jobs

from docgen import Docgen


@pytest.fixture
def small_region(web_settings):
    """Leave only two Leningrad sets (Кировский and the incomplete «testovy»)."""
    for path in (web_settings.variables_dir / "leningrad").glob("*.yaml"):
        if not path.stem.startswith("_") and path.stem not in ("kirovsky", "testovy"):
            path.unlink()
    return ["leningrad/kirovsky", "leningrad/testovy"]


def _start(client, **form):
    data = {"package": "lenobl-mms", "region": "leningrad", "mode": "draft", **form}
    response = client.post("/batch/", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    return response.headers["Location"].rsplit("/", 1)[-1]


def _own(client, key: str = "k" * 32) -> str:
    """Give `client` a batch owner key in its session; return the job owner it means."""
    with client.session_transaction() as session:
        session["batch_owner"] = key
    return f"session:{key}"


def _wait(app, job_id):
    app.extensions["docgen_jobs"].wait(job_id, timeout=120)


def test_batch_page_offers_packages_regions_and_modes(client, plain):
    text = plain(client.get("/batch/").get_data(as_text=True))
    assert "Распоряжение об утверждении Положения" in text
    assert "Ленинградская область" in text
    assert "черновики" in text and "чистовики" in text
    assert "Заданий ещё не было" in text


def test_a_job_runs_in_the_pool_and_zips_the_drafts(
    app, client, small_region, plain, docx_text, web_settings
):
    job_id = _start(client)
    page = client.get(f"/batch/{job_id}").get_data(as_text=True)
    assert "<progress" in page and "Кировский район" in plain(page)
    _wait(app, job_id)

    status = client.get(f"/batch/{job_id}.json").json
    assert status["status"] == "done" and status["done"] == status["total"] == 2
    by_set = {i["municipality"]: i for i in status["items"]}
    assert by_set["leningrad/kirovsky"]["status"] == "ok"
    assert by_set["leningrad/testovy"]["status"] == "unfilled"
    assert by_set["leningrad/testovy"]["label"] == "черновик: не заполнено 2"
    assert (
        by_set["leningrad/testovy"]["message"] == "Не заполнено (2): Номер акта; ФИО подписывающего"
    )

    text = plain(client.get(f"/batch/{job_id}").get_data(as_text=True))
    assert "готово" in text and "черновик: не заполнено 2" in text
    assert "ошибки оформления" not in text
    assert "Скачать ZIP" in text

    with client.get(f"/batch/{job_id}/result.zip") as response:
        assert response.status_code == 200 and response.mimetype == "application/zip"
        assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
        data = response.data
    title = Docgen(web_settings).package("lenobl-mms").title
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        kirovsky = f"Кировский район — {title} (черновик).docx"
        assert names[:2] == [kirovsky, f"Тестовый район — {title} (черновик).docx"]
        assert {"report.txt", "report.json"} <= set(names)
        assert "КОМИТЕТ ОБРАЗОВАНИЯ" in docx_text(zf.read(kirovsky))
    report = client.get(f"/batch/{job_id}/report.txt")
    assert "Сформировано документов: 2 из 2" in report.get_data(as_text=True)


def test_final_mode_reports_what_is_missing(app, client, small_region):
    job_id = _start(client, mode="final")
    _wait(app, job_id)
    items = {i["municipality"]: i for i in client.get(f"/batch/{job_id}.json").json["items"]}
    assert items["leningrad/kirovsky"]["status"] == "ok"
    assert items["leningrad/testovy"]["status"] == "failed"
    assert "Номер акта" in items["leningrad/testovy"]["message"]


def test_jobs_and_results_survive_a_server_restart(make_app, small_region, plain):
    first = make_app()
    before = first.test_client()
    job_id = _start(before)
    _wait(first, job_id)
    first.extensions["docgen_jobs"].shutdown()

    client = make_app().test_client()
    client.set_cookie("session", before.get_cookie("session").value)
    assert "готово" in plain(client.get(f"/batch/{job_id}").get_data(as_text=True))
    with client.get(f"/batch/{job_id}/result.zip") as response:
        assert response.status_code == 200
    assert job_id in client.get("/batch/").get_data(as_text=True)


def test_a_job_left_running_by_a_stopped_server_shows_failed(app, client, plain):
    with app.app_context():
        job_id = jobs.create_job(
            web_db.get_db(),
            "lenobl-mms",
            "leningrad",
            True,
            ["leningrad/kirovsky"],
            owner=_own(client),
        )
        web_db.get_db().execute(
            "UPDATE job SET status = 'running', heartbeat = ? WHERE id = ?",
            (time.time() - 3600, job_id),
        )
        web_db.get_db().commit()
    text = plain(client.get(f"/batch/{job_id}").get_data(as_text=True))
    assert "ошибка" in text and "сервер был остановлен или перезапущен" in text
    assert "Запустить заново" in text
    assert client.get(f"/batch/{job_id}.json").json["status"] == "failed"


def test_a_fresh_running_job_stays_running(app, client):
    with app.app_context():
        job_id = jobs.create_job(
            web_db.get_db(),
            "lenobl-mms",
            "leningrad",
            True,
            ["leningrad/kirovsky"],
            owner=_own(client),
        )
    status = client.get(f"/batch/{job_id}.json").json
    assert status["status"] == "queued"
    page = client.get(f"/batch/{job_id}").get_data(as_text=True)
    assert '<noscript><meta http-equiv="refresh"' in page
    assert client.get(f"/batch/{job_id}/result.zip").status_code == 404


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("batch_workers:crash", "процесс обработки аварийно завершился"),
        ("batch_workers:raise_error", "внутренняя ошибка при выполнении задания"),
    ],
)
def test_a_crashing_worker_fails_its_job(
    make_app, small_region, plain, monkeypatch, target, message
):
    # -- the worker process imports the target from this folder --
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    app = make_app(BATCH_TARGET=target)
    client = app.test_client()
    job_id = _start(client)
    _wait(app, job_id)
    status = client.get(f"/batch/{job_id}.json").json
    assert status["status"] == "failed"
    assert message in status["error"]
    assert "boom" not in plain(client.get(f"/batch/{job_id}").get_data(as_text=True))


def test_a_worker_that_cannot_write_fails_its_job(make_app, small_region, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    app = make_app(JOBS_DIR=str(blocker))
    client = app.test_client()
    job_id = _start(client)
    _wait(app, job_id)
    assert client.get(f"/batch/{job_id}.json").json["status"] == "failed"


def test_retry_starts_a_new_job_with_the_same_choice(app, client, small_region):
    job_id = _start(client)
    _wait(app, job_id)
    response = client.post(f"/batch/{job_id}/retry")
    assert response.status_code == 303
    new_id = response.headers["Location"].rsplit("/", 1)[-1]
    assert new_id != job_id
    _wait(app, new_id)
    assert client.get(f"/batch/{new_id}.json").json["total"] == 2


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"package": "no-such"}, "не найден"),
        ({"region": "tver"}, "не предназначен для региона"),
    ],
)
def test_bad_choices_are_refused_with_a_message(client, form, message):
    response = client.post(
        "/batch/",
        data={"package": "lenobl-mms", "region": "leningrad", **form},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_unknown_job_is_404(client):
    for url in (
        "/batch/" + "0" * 32,
        "/batch/" + "0" * 32 + ".json",
        "/batch/" + "0" * 32 + "/result.zip",
    ):
        assert client.get(url).status_code == 404
