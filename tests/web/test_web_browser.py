"""Browser tests: Debian's chromium driven by Playwright against a live server.

A new user goes from the home page to a correct Кировский draft; the same works without
JavaScript; a batch job runs from its page. Screenshots go to ``test-artifacts/``.

Without playwright or ``/usr/bin/chromium`` these tests are skipped — except in CI
(``CI=true``), where a missing browser is a failure. No browser is ever downloaded.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest

from browsers import ARTIFACTS
from paths import REPO, SEEDS

PACKAGE_TITLE = (
    "Распоряжение об утверждении Положения о муниципальной методической службе "
    "(Ленинградская область)"
)
DRAFT_NAME = "Распоряжение от 23.05.2023 № 233 — Кировский район (черновик).docx"

SEED_000 = next(SEEDS.glob("000_*.txt"))

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _new_page(browser, javascript: bool):
    context = browser.new_context(
        locale="ru-RU",
        viewport={"width": 1280, "height": 900},
        java_script_enabled=javascript,
        accept_downloads=True,
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    return context, page


@pytest.fixture
def page(browser):
    """Return a fresh Russian-locale page."""
    context, page = _new_page(browser, javascript=True)
    yield page
    context.close()


@pytest.fixture
def nojs_page(browser):
    """Return a fresh Russian-locale page with JavaScript switched off."""
    context, page = _new_page(browser, javascript=False)
    yield page
    context.close()


def _shot(page, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=full_page)


def _field(page, name: str):
    return page.locator(f'[id="{name}"]')


def _from_home_to_draft(page, base: str, docx_text, screenshots: bool) -> str:
    """Do what a new user does; return the text of the downloaded draft."""
    page.goto(base + "/")
    card = page.locator("form.region-card", has_text="Ленинградская область")
    card.get_by_label(PACKAGE_TITLE).check()
    page.get_by_placeholder("Найти", exact=False).fill("Киров")
    card.get_by_label("Кировский район").check()
    card.get_by_role("button", name="Открыть форму").click()
    page.wait_for_url(re.compile(r"/generate/lenobl-mms/leningrad/kirovsky$"))
    assert _field(page, "act.number").input_value() == "233"
    assert _field(page, "act.date").input_value() == "2023-05-23"
    assert _field(page, "signer.name").input_value() == "И.В. Носова"
    if screenshots:
        _shot(page, "form.png")
    page.get_by_role("button", name="Предпросмотр").first.click()
    paper = page.locator("article.paper")
    paper.wait_for()
    preview = paper.inner_text()
    assert "РАСПОРЯЖЕНИЕ" in preview and "ПОЛОЖЕНИЕ" in preview
    assert "Все значения заполнены" in page.locator("aside.side").inner_text()
    if screenshots:
        _shot(page, "preview.png")
    with page.expect_download() as info:
        page.locator("aside.side").get_by_role("button", name="Скачать черновик (DOCX)").click()
    download = info.value
    assert download.suggested_filename == DRAFT_NAME
    return docx_text(Path(download.path()).read_bytes())


def test_a_new_user_gets_the_kirovsky_draft_in_under_a_minute(live_server, page, docx_text):
    started = time.monotonic()
    text = _from_home_to_draft(page, live_server, docx_text, screenshots=True)
    assert time.monotonic() - started < 60
    for expected in (
        "КОМИТЕТ ОБРАЗОВАНИЯ",
        "РАСПОРЯЖЕНИЕ",
        "от 23.05.2023 №\u00a0233",
        "Об утверждении Положения о муниципальной информационно-методической "
        "службе Кировского муниципального района Ленинградской области",
        "Во исполнение приказа комитета общего и профессионального образования",
        "Признать утратившим силу распоряжение комитета образования администрации Кировского",
        "И.В.\u00a0Носова",
        "ПОЛОЖЕНИЕ",
    ):
        assert expected in text, expected
    assert "[не заполнено" not in text


def test_everything_works_without_javascript(live_server, nojs_page, docx_text):
    text = _from_home_to_draft(nojs_page, live_server, docx_text, screenshots=False)
    assert "КОМИТЕТ ОБРАЗОВАНИЯ" in text


def test_rows_are_added_and_values_corrected_without_javascript(live_server, nojs_page, docx_text):
    page = nojs_page
    page.goto(live_server + "/generate/lenobl-mms/leningrad/kirovsky")
    page.locator('[id="f-act.mandate"]').get_by_role("button", name="+ Добавить строку").click()
    row = '[id="act.mandate[1].{}"]'
    page.locator(row.format("act")).select_option("fz-2012-273")
    page.locator(row.format("formula")).select_option("В соответствии с")
    page.locator(row.format("ref")).fill("статьи 9 <и> & {{ 7*7 }}")
    _field(page, "act.number").fill("234")
    with page.expect_download() as info:
        page.locator(".toc").get_by_role("button", name="Скачать черновик (DOCX)").click()
    text = docx_text(Path(info.value.path()).read_bytes())
    assert "в соответствии с статьи 9 <и> & {{ 7*7 }} Федеральным законом" in text
    assert "№\u00a0234" in text


def test_field_messages_and_the_final_refusal(live_server, page):
    page.goto(live_server + "/generate/lenobl-mms/leningrad/testovy")
    assert page.locator('[id="act.number-unfilled"]').is_visible()
    page.locator(".toc").get_by_role("button", name="Скачать чистовик (DOCX)").click()
    page.locator('[id="act.number-error"]').wait_for()
    assert "Чистовой вариант не сформирован" in page.locator(".flash.error").inner_text()
    _shot(page, "final-refused.png")


def test_batch_page_runs_a_job_to_the_zip(live_server, page, web_settings):
    expected = len(list((web_settings.variables_dir / "leningrad").glob("[!_]*.yaml")))
    page.goto(live_server + "/batch/")
    page.get_by_role("button", name="Запустить").click()
    page.wait_for_url(re.compile(r"/batch/[0-9a-f]{32}$"))
    page.locator("progress").wait_for()
    page.get_by_role("link", name="Скачать ZIP", exact=False).wait_for(timeout=120_000)
    assert page.locator("#job-status").inner_text() == "готово"
    _shot(page, "batch.png", full_page=True)
    with page.expect_download() as info:
        page.get_by_role("link", name="Скачать ZIP", exact=False).click()
    with zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes())) as zf:
        docs = [n for n in zf.namelist() if n.endswith(".docx")]
        assert len(docs) == expected and "report.txt" in zf.namelist()


# -- the template editor ---------------------------------------------------------------------

NEW_TEMPLATE = "poryadok-raboty"
NEW_PACKAGE_TITLE = "Распоряжение об утверждении Порядка работы методической службы (тест)"
APPENDIX_MARKUP = "\n".join(
    [
        ".mark {{ part.approval }}",
        ".mark {{ act.kind | case('ablt') }} от {{ act.date | date_digital }} № {{ act.number }}",
        ".mark {{ part.ref }}",
        ".empty",
        ".doctitle {{ part.heading }}",
        ".doctitle {{ part.subject }}",
        ".empty",
        "{{ num(1) }} Настоящий Порядок определяет работу {{ service.name | case('gent') }} "
        "{{ municipality.name | case('gent') }}.",
    ]
)


@pytest.fixture
def editor_page(live_server, make_app, page):
    """Return the page of an editor logged in to the live server."""
    from docgen.web import auth, db

    with make_app().app_context():  # -- the same instance folder as the live server --
        auth.create_user(db.get_db(), "editor", "correct-horse")
    page.goto(live_server + "/auth/login")
    page.get_by_label("Имя пользователя").fill("editor")
    page.get_by_label("Пароль").fill("correct-horse")
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(re.compile(r"/editor/$"))
    return page


def test_an_editor_creates_a_template_and_a_package_that_users_generate(
    live_server, editor_page, tmp_path, docx_text
):
    from docgen.docxbuild import build_docx

    page = editor_page
    source = tmp_path / "порядок.docx"
    build_docx(APPENDIX_MARKUP, source)
    page.get_by_role("link", name="Создать шаблон").click()
    page.locator("#file").set_input_files(str(source))
    page.get_by_label("Идентификатор").fill(NEW_TEMPLATE)
    page.get_by_label("Наименование шаблона").fill("Порядок работы методической службы")
    page.get_by_label("приложение (утверждаемый документ)").check()
    page.get_by_label("Наименование документа (выражение Jinja)").fill(
        "Порядок работы {{ service.name | case('gent') }}"
    )
    page.get_by_label("Гриф утверждения").select_option("m")
    page.locator("#f-regions").get_by_label("Ленинградская область").check()
    for path in ("act.kind", "act.date", "act.number", "municipality.name", "service.name"):
        page.locator(f'[id="var-{path}"]').check()
    _shot(page, "editor-new-template.png", full_page=True)
    page.get_by_role("button", name="Проверить и создать шаблон").click()
    page.wait_for_url(re.compile(rf"/editor/{NEW_TEMPLATE}$"))
    assert "создан" in page.locator(".flash.ok").inner_text()

    page.goto(live_server + "/editor/create/package")
    page.get_by_label("Идентификатор").fill("lenobl-poryadok")
    page.get_by_label("Наименование документа").fill(NEW_PACKAGE_TITLE)
    page.locator("#f-regions").get_by_label("Ленинградская область").check()
    page.locator("#part-0").select_option("cover-approval")
    page.locator("#part-1").select_option(NEW_TEMPLATE)
    page.get_by_role("button", name="Проверить и создать документ").click()
    page.wait_for_url(re.compile(r"/editor/#packages$"))
    assert "создан" in page.locator(".flash.ok").inner_text()
    _shot(page, "editor-packages.png", full_page=True)

    page.goto(live_server + "/")
    card = page.locator("form.region-card", has_text="Ленинградская область")
    card.get_by_label(NEW_PACKAGE_TITLE).check()
    card.get_by_label("Кировский район").check()
    card.get_by_role("button", name="Открыть форму").click()
    page.wait_for_url(re.compile(r"/generate/lenobl-poryadok/leningrad/kirovsky$"))
    with page.expect_download() as info:
        page.locator(".toc").get_by_role("button", name="Скачать черновик (DOCX)").click()
    text = docx_text(Path(info.value.path()).read_bytes())
    for expected in (
        "РАСПОРЯЖЕНИЕ",
        "Об утверждении Порядка работы муниципальной информационно-методической службы",
        "Утвердить Порядок работы муниципальной информационно-методической службы "
        "согласно приложению к настоящему распоряжению.",
        "УТВЕРЖДЕН",
        "ПОРЯДОК",
        "Настоящий Порядок определяет работу муниципальной информационно-методической "
        "службы Кировского муниципального района Ленинградской области.",
    ):
        assert expected in text, expected


def test_a_version_that_breaks_some_sets_is_refused_in_the_browser(
    live_server, editor_page, tmp_path, docx_text
):
    from docgen.docxbuild import build_docx

    page = editor_page
    markup = (REPO / "templates_docx" / "src" / "cover-approval.txt").read_text("utf-8")
    broken = tmp_path / "акт.docx"
    build_docx(markup + "\nСледующий номер: {{ act.number | int + 1 }}", broken)
    page.goto(live_server + "/editor/cover-approval")
    page.locator("#file").set_input_files(str(broken))
    page.get_by_role("button", name="Проверить и загрузить").click()
    assert "Версия 1 загружена" in page.locator(".flash.ok").inner_text()
    page.locator("#activate-1").get_by_role("button", name="Активировать").click()
    failures = page.locator("#failures")
    failures.wait_for()
    assert "leningrad/testovy" in failures.inner_text()
    assert "Активной осталась поставляемая версия" in page.locator(".flash.error").inner_text()
    _shot(page, "editor-activation-refused.png", full_page=True)
    page.goto(live_server + "/generate/lenobl-mms/leningrad/kirovsky")
    with page.expect_download() as info:
        page.locator(".toc").get_by_role("button", name="Скачать черновик (DOCX)").click()
    text = docx_text(Path(info.value.path()).read_bytes())
    assert "РАСПОРЯЖЕНИЕ" in text and "Следующий номер" not in text


def test_upload_of_the_act_in_force_prefills_the_form_with_marks(live_server, page):
    page.goto(live_server + "/")
    card = page.locator("form.region-card", has_text="Ленинградская область")
    card.get_by_label(PACKAGE_TITLE).check()
    card.get_by_label("Кировский район").check()
    card.get_by_role("button", name="Загрузить действующий акт").click()
    page.wait_for_url(re.compile(r"/import/lenobl-mms/leningrad/kirovsky$"))
    page.get_by_label("Действующий акт", exact=False).set_input_files(str(SEED_000))
    page.get_by_role("button", name="Загрузить и заполнить форму").click()
    page.wait_for_url(re.compile(r"/generate/lenobl-mms/leningrad/kirovsky\?import=[0-9a-f]{32}$"))
    assert _field(page, "act.number").input_value() == "233"
    assert _field(page, "act.date").input_value() == "2023-05-23"
    mark = page.locator('[id="act.number-source"]')
    assert mark.inner_text() == "из документа"
    assert "от 23.05.2023 года № 233" in mark.get_attribute("title")
    report = page.locator("#imported")
    assert "Отклонения от документа" in report.inner_text()
    assert "п. 2.1.13" in report.locator('[data-group="изменено"]').inner_text()
    _shot(page, "import-form.png")
    # -- the clerk reviews and previews: the marks and the report stay, beside the preview --
    page.locator(".toc").get_by_role("button", name="Предпросмотр").click()
    page.locator("article.paper").wait_for()
    assert page.locator('aside.side [id="imported"]').count() == 1
    assert page.locator('[id="act.date-source"]').count() == 1
    # -- an unsuitable file is refused with its name --
    page.goto(live_server + "/import/lenobl-mms/leningrad/kirovsky")
    page.get_by_label("Действующий акт", exact=False).set_input_files(
        files=[{"name": "скан.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}]
    )
    page.get_by_role("button", name="Загрузить и заполнить форму").click()
    assert "Файл «скан.pdf» не принят" in page.locator(".flash.error").inner_text()
