"""Fixtures of the web tests: an app on temporary folders, its client and CLI runner, login.

The app reads the shipped variable sets and a temporary copy of the shipped templates
(so uploads and activations never touch the repository); its instance folder is
temporary too.
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import threading

import docx
import pytest
from docgen.web import create_app
from werkzeug.serving import make_server

from docgen import Settings
from docgen.docxbuild import build_docx

from browsers import CHROMIUM, CHROMIUM_ARGS, unavailable
from paths import REPO
from webform import form_values as _form_values

PACKAGE = "lenobl-mms"
KIROVSKY = "leningrad/kirovsky"
FORM_URL = f"/generate/{PACKAGE}/{KIROVSKY}"


#: A set like Кировский with some values explicitly unknown.
TESTOVY = "leningrad/testovy"
_UNKNOWNS = {
    'number: "233"': "number: !unknown",
    "name: И.В. Носова": "name: !unknown",
    "  short: Кировский район": "  short: Тестовый район",
}


@pytest.fixture
def web_settings(tmp_path) -> Settings:
    """Return settings over temporary copies of the shipped templates and variable sets.

    The variables get one more set, «leningrad/testovy»: Кировский with the act number and
    the signer's name unknown.
    """
    templates = tmp_path / "templates_docx"
    shutil.copytree(REPO / "templates_docx", templates, ignore=shutil.ignore_patterns("src"))
    variables = tmp_path / "variables"
    shutil.copytree(REPO / "variables", variables)
    text = (variables / "leningrad" / "kirovsky.yaml").read_text(encoding="utf-8")
    for old, new in _UNKNOWNS.items():
        assert old in text, old
        text = text.replace(old, new)
    # -- the acts it cites and repeals are Кировский's, declared under its own ids (a
    #    municipality's acts are its own: the region's model sees them all at once) --
    (variables / "leningrad" / "testovy.yaml").write_text(_own_ids(text), encoding="utf-8")
    acts = variables / "leningrad" / "_acts"
    own = _own_ids((acts / "kirovsky.yaml").read_text(encoding="utf-8"))
    (acts / "testovy.yaml").write_text(own, encoding="utf-8")
    return Settings(templates_dir=templates, variables_dir=variables, run_checks=False)


def _own_ids(text: str) -> str:
    return text.replace("kirovsky-", "testovy-")


@pytest.fixture
def app_config(tmp_path, web_settings) -> dict:
    """Return the test configuration (CSRF off; tests that need it switch it on)."""
    return {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "test",
        "WTF_CSRF_ENABLED": False,
        "DOCGEN_SETTINGS": web_settings,
    }


@pytest.fixture
def make_app(app_config):
    """Return a factory of apps on the same instance folder (a «restarted server»)."""
    made = []

    def make(**changes):
        app = create_app({**app_config, **changes})
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["docgen_jobs"].shutdown()


@pytest.fixture
def app(make_app):
    """Return the app under test."""
    return make_app()


@pytest.fixture
def client(app):
    """Return a test client of the app."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Return a CLI runner bound to the app."""
    return app.test_cli_runner()


class AuthActions:
    """Create an editor account and log in or out through the client."""

    def __init__(self, app, client) -> None:
        self._app = app
        self._client = client

    def create(self, username: str = "editor", password: str = "correct-horse") -> None:
        from web import auth, db

        with self._app.app_context():
            auth.create_user(db.get_db(), username, password)

    def login(self, username: str = "editor", password: str = "correct-horse"):
        return self._client.post("/auth/login", data={"username": username, "password": password})

    def logout(self):
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(app, client) -> AuthActions:
    """Return an AuthActions bound to the client, with the default account created."""
    actions = AuthActions(app, client)
    actions.create()
    return actions


@pytest.fixture
def editor(client, auth):
    """Return the client of a logged-in editor."""
    auth.login()
    return client


@pytest.fixture
def submit(client):
    """Return a helper: GET the form at `url`, change values, POST it with `action`."""

    def post(
        url: str = FORM_URL,
        changes: dict | None = None,
        action: str = "preview",
        drop: tuple[str, ...] = (),
    ):
        values = _form_values(client.get(url).get_data(as_text=True))
        values.update(changes or {})
        for name in drop:
            values.pop(name, None)
        values["action"] = action
        return client.post(url, data=values)

    return post


def _docx_text(data: bytes) -> str:
    """Return all paragraph texts of .docx `data`, joined by newlines (tables included)."""
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    return "\n".join(texts)


@pytest.fixture
def make_docx(tmp_path):
    """Return a builder of a .docx template from docgen markup lines; returns its bytes."""

    def make(*lines: str) -> bytes:
        target = tmp_path / f"built-{len(list(tmp_path.glob('built-*')))}.docx"
        build_docx("\n".join(lines), target)
        return target.read_bytes()

    return make


def _plain(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.fixture
def form_values():
    """Return the parser of the values a browser would submit for a form of a page."""
    return _form_values


@pytest.fixture
def docx_text():
    """Return the reader of all texts of .docx bytes (paragraphs, then table cells)."""
    return _docx_text


@pytest.fixture
def plain():
    """Return the converter of an HTML page to its visible text (whitespace collapsed)."""
    return _plain


# -- the browser tests (test_web_browser.py, test_web_layout.py) ---------------------------------


@pytest.fixture(scope="module")
def browser():
    """Return a headless Debian chromium (skip, or fail in CI, when it is missing)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("не установлен пакет playwright (pip install playwright)")
    if not os.path.exists(CHROMIUM):
        unavailable(f"нет {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def live_server(make_app):
    """Return the base URL of the app served on a free port of 127.0.0.1 (in a thread)."""
    app = make_app(TESTING=False, WTF_CSRF_ENABLED=True)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(10)
