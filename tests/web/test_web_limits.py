"""Resource limits of editors' templates: the sandbox at upload, the time limit per render."""

from __future__ import annotations

import io
import time

import pytest

from paths import REPO

TEMPLATE = "cover-approval"
PAGE = f"/editor/{TEMPLATE}"
#: Within every sandbox limit, but minutes of work.
SLOW = "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}"


@pytest.fixture
def source_lines() -> list[str]:
    """Return the markup lines of the shipped cover template."""
    text = (REPO / "templates_docx" / "src" / f"{TEMPLATE}.txt").read_text(encoding="utf-8")
    return text.splitlines()


def _upload(client, data: bytes):
    return client.post(
        f"{PAGE}/upload",
        data={"file": (io.BytesIO(data), "версия.docx"), "comment": ""},
        content_type="multipart/form-data",
    )


def _store_unchecked(app, data: bytes, activate: bool = False) -> int:
    """Store `data` as a version without the upload checks (as if the data changed since)."""
    from web import db, library, versions

    with app.test_request_context():
        conn = db.get_db()
        number = versions.add_version(
            conn, library.store_dir(), TEMPLATE, data, "x.docx", "", "editor"
        )
        if activate:
            versions.activate(conn, TEMPLATE, number, "editor")
        conn.commit()
    return number


@pytest.mark.parametrize(
    ("tag", "words"),
    [
        ("{{ act.number | attr('__class__') }}", "запрещённое обращение"),
        ("{{ (3**(3**15)) % 7 }}", "слишком большая степень"),
        ("{{ 'x' * 10**7 }}", "повторение"),
        ("{% for x in range(10**9) %}{% endfor %}", "range"),
        ("{{ '%099999999d' % 1 }}", "ширина поля"),
        ("{{ 'x' | center(10**7) }}", "center"),
        ("{% for a in range(9999) %}{{ 'x' * 9999 }}{% endfor %}", "слишком много текста"),
    ],
)
def test_the_trial_render_refuses_what_the_sandbox_refuses(
    editor, make_docx, source_lines, plain, tag, words
):
    started = time.monotonic()
    response = _upload(editor, make_docx(*source_lines, tag))
    text = plain(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "U-RENDER" in text and words in text
    assert time.monotonic() - started < 10


def test_a_template_within_the_limits_is_accepted(editor, make_docx, source_lines):
    tag = "{{ 2**10 }} {{ 'ab' * 3 }} {{ range(3) | join(',') }} {{ '%5d' | format(7) }}"
    assert _upload(editor, make_docx(*source_lines, tag)).status_code == 303


def test_a_slow_template_is_stopped_at_upload(make_app, client, auth, make_docx, source_lines):
    app = make_app(GATE_TIMEOUT=2.0)
    editor = app.test_client()
    _login(editor)
    started = time.monotonic()
    response = _upload(editor, make_docx(*source_lines, SLOW))
    text = " ".join(response.get_data(as_text=True).split())
    assert response.status_code == 400
    assert "дольше 2 с" in text and "U-RENDER" in text
    assert time.monotonic() - started < 15


def _login(client) -> None:
    client.post("/auth/login", data={"username": "editor", "password": "correct-horse"})


def test_a_slow_preview_is_killed_and_the_next_one_works(
    make_app, auth, make_docx, source_lines, plain
):
    app = make_app(RENDER_TIMEOUT=1.5)
    number = _store_unchecked(app, make_docx(*source_lines, SLOW))
    editor = app.test_client()
    _login(editor)
    query = {"municipality": "leningrad/kirovsky"}
    started = time.monotonic()
    slow = editor.get(f"{PAGE}/preview", query_string={**query, "number": number})
    assert slow.status_code == 400
    assert "дольше 1.5 с" in plain(slow.get_data(as_text=True))
    assert time.monotonic() - started < 10
    ok = editor.get(f"{PAGE}/preview", query_string={**query, "number": 0})
    assert ok.status_code == 200


def test_public_generation_with_a_broken_active_version_answers_400(
    make_app, auth, make_docx, source_lines, plain
):
    app = make_app(RENDER_TIMEOUT=1.5)
    _store_unchecked(app, make_docx(*source_lines, SLOW), activate=True)
    client = app.test_client()
    api = client.post(
        "/api/generate",
        json={"document": "lenobl-mms", "municipality": "leningrad/kirovsky", "draft": True},
    )
    assert api.status_code == 400
    assert "дольше" in api.get_json()["error"]
    form = client.post("/generate/lenobl-mms/leningrad/kirovsky", data={"action": "preview"})
    assert form.status_code == 400
    assert "дольше" in plain(form.get_data(as_text=True))


def test_shipped_renders_stay_in_the_thread(app, client):
    from web import rendering

    with app.test_request_context():
        from web import library

        assert rendering.trusted(library.docgen())
    response = client.post(
        "/api/generate",
        json={"document": "lenobl-mms", "municipality": "leningrad/kirovsky", "draft": True},
    )
    assert response.status_code == 200


def test_every_shipped_result_crosses_the_process_boundary(web_settings):
    import pickle

    from docgen import Docgen

    dg = Docgen(web_settings)
    for package_id in dg.package_ids():
        package = dg.package(package_id)
        assert pickle.loads(pickle.dumps(package)) == package
        set_id = dg.sets_for(package_id)[0]
        result = dg.generate(package_id, set_id, draft=True, check=False)
        assert pickle.loads(pickle.dumps(result)).docx == result.docx
