"""Batch jobs belong to whoever started them, are limited per client and expire."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from docgen.web import db as web_db
from docgen.web import jobs


@pytest.fixture
def small_region(web_settings):
    """Leave only two Leningrad sets."""
    for path in (web_settings.variables_dir / "leningrad").glob("*.yaml"):
        if not path.stem.startswith("_") and path.stem not in ("kirovsky", "testovy"):
            path.unlink()


def _start(client):
    data = {"package": "lenobl-mms", "region": "leningrad", "mode": "draft"}
    return client.post("/batch/", data=data)


def _job_id(response) -> str:
    assert response.status_code == 303, response.get_data(as_text=True)[:300]
    return response.headers["Location"].rsplit("/", 1)[-1]


def test_a_job_is_private_to_its_session(app, client, small_region):
    job_id = _job_id(_start(client))
    app.extensions["docgen_jobs"].wait(job_id, 120)
    assert job_id in client.get("/batch/").get_data(as_text=True)
    other = app.test_client()
    assert job_id not in other.get("/batch/").get_data(as_text=True)
    for suffix in ("", ".json", "/result.zip", "/report.txt"):
        assert other.get(f"/batch/{job_id}{suffix}").status_code == 404
    assert other.post(f"/batch/{job_id}/retry").status_code == 404
    with client.get(f"/batch/{job_id}/result.zip") as response:
        assert response.status_code == 200


def test_editors_see_the_jobs_of_editors(app, client, auth, small_region):
    auth.create("second", "second-password")
    auth.login()
    job_id = _job_id(_start(client))
    app.extensions["docgen_jobs"].wait(job_id, 120)
    other = app.test_client()
    assert other.get(f"/batch/{job_id}").status_code == 404
    other.post("/auth/login", data={"username": "second", "password": "second-password"})
    assert other.get(f"/batch/{job_id}").status_code == 200
    assert job_id in other.get("/batch/").get_data(as_text=True)


def test_active_jobs_are_limited_per_client(make_app, small_region, plain):
    app = make_app(MAX_ACTIVE_JOBS=2)
    client = app.test_client()
    with client.session_transaction() as session:
        session["batch_owner"] = "a" * 32
    with app.app_context():
        for _ in range(2):
            jobs.create_job(
                web_db.get_db(),
                "lenobl-mms",
                "leningrad",
                True,
                ["x"],
                owner="session:" + "a" * 32,
                address="127.0.0.1",
            )
    refused = _start(client)
    assert refused.status_code == 303 and refused.headers["Location"].endswith("/batch/")
    page = plain(client.get("/batch/").get_data(as_text=True))
    assert "Задание не запущено: у вас уже выполняется заданий — 2" in page
    # -- a new session from the same address does not get round it --
    fresh = app.test_client()
    assert _start(fresh).headers["Location"].endswith("/batch/")


def test_new_jobs_are_limited_per_address(make_app, small_region):
    app = make_app(BATCH_LIMIT_ADDRESS="3 per minute", MAX_ACTIVE_JOBS=100)
    codes = [_start(app.test_client()).status_code for _ in range(5)]
    assert codes[:3] == [303, 303, 303]
    assert codes[3:] == [429, 429]
    for job in _all_jobs(app):
        app.extensions["docgen_jobs"].wait(job, 120)


def _all_jobs(app) -> list[str]:
    with app.app_context():
        return [r["id"] for r in web_db.get_db().execute("SELECT id FROM job")]


def test_results_are_kept_for_a_while_then_deleted(make_app, small_region, plain):
    app = make_app(JOB_KEEP_HOURS=2.0)
    client = app.test_client()
    job_id = _job_id(_start(client))
    app.extensions["docgen_jobs"].wait(job_id, 120)
    text = plain(client.get(f"/batch/{job_id}").get_data(as_text=True))
    assert "Результаты хранятся до" in text
    with app.app_context():
        row = jobs.load_job(web_db.get_db(), job_id, 30)
        assert 2 * 3600 - 60 < row["expires_at"] - time.time() <= 2 * 3600
        web_db.get_db().execute("UPDATE job SET expires_at = ? WHERE id = ?", (1.0, job_id))
        web_db.get_db().commit()
    folder = Path(app.instance_path) / "jobs" / job_id
    assert folder.exists()
    client.get("/batch/")
    assert not folder.exists()
    assert client.get(f"/batch/{job_id}").status_code == 404


def test_the_job_table_and_the_zip_follow_russian_order(app, client, web_settings, plain):
    # -- Latin ids sort kirovsky < vyborgsky; Russian names Выборгский < Кировский --
    for path in (web_settings.variables_dir / "leningrad").glob("*.yaml"):
        if not path.stem.startswith("_") and path.stem not in ("kirovsky", "vyborgsky"):
            path.unlink()
    job_id = _job_id(_start(client))
    app.extensions["docgen_jobs"].wait(job_id, 120)
    rows = [i["municipality"] for i in client.get(f"/batch/{job_id}.json").get_json()["items"]]
    assert rows == ["leningrad/vyborgsky", "leningrad/kirovsky"]
    page = plain(client.get(f"/batch/{job_id}").get_data(as_text=True))
    assert page.index("Выборгский район") < page.index("Кировский район")
    assert "leningrad/kirovsky" not in page
    with client.get(f"/batch/{job_id}/result.zip") as response:
        names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert names[0].startswith("Выборгский район — ") and names[1].startswith("Кировский район — ")
