"""Layout in a real browser: the search filter, tables at 1366 px, no sideways scroll at 390 px.

Screenshots of every page at both widths go to ``test-artifacts/``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browsers import ARTIFACTS, unavailable

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FORM = "/generate/lenobl-mms/leningrad/kirovsky"
PAGES = {
    "home": "/",
    "form": FORM,
    "batch": "/batch/",
    "editor": "/editor/",
    "editor-template": "/editor/cover-approval",
}


@pytest.fixture
def editor_at(browser, live_server, make_app):
    """Return a factory: a logged-in editor's page at viewport `width`."""
    from docgen.web import auth, db

    with make_app().app_context():
        auth.create_user(db.get_db(), "editor", "correct-horse")
    contexts = []

    def make(width: int):
        context = browser.new_context(locale="ru-RU", viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(live_server + "/auth/login")
        page.get_by_label("Имя пользователя").fill("editor")
        page.get_by_label("Пароль").fill("correct-horse")
        page.get_by_role("button", name="Войти").click()
        page.wait_for_url(re.compile(r"/editor/$"))
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", [1366, 390])
def test_no_page_scrolls_sideways(editor_at, live_server, width):
    page = editor_at(width)
    ARTIFACTS.mkdir(exist_ok=True)
    for name, url in PAGES.items():
        page.goto(live_server + url)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=name != "form")
        assert scroll <= width, f"{url}: {scroll} px при ширине {width}"


@pytest.mark.parametrize("width", [1366, 390])
def test_legal_basis_rows_keep_readable_columns(editor_at, live_server, width):
    page = editor_at(width)
    page.goto(live_server + FORM)
    rows = page.locator('[id="f-act.mandate"] table.rows tbody tr')
    assert rows.count() >= 1
    cells = page.evaluate(
        """() => Array.from(document.querySelectorAll('[id="f-act.mandate"] tbody tr td'))
                 .filter(c => !c.classList.contains('num'))
                 .map(c => c.getBoundingClientRect().width)"""
    )
    assert cells and min(cells) >= 100, cells
    select = page.locator('[id="act.mandate[0].act"]')
    assert select.bounding_box()["width"] >= 250
    page.locator('[id="f-act.mandate"]').screenshot(
        path=str(ARTIFACTS / f"form-legal-basis-{width}.png")
    )


def test_home_search_filters_as_you_type(browser, live_server):
    context = browser.new_context(locale="ru-RU", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(live_server + "/")
    items = page.locator("[data-item]")
    total = items.count()
    assert total > 1
    page.get_by_placeholder("Найти", exact=False).fill("Киров")
    shown = [items.nth(i) for i in range(total) if items.nth(i).is_visible()]
    assert 1 <= len(shown) < total
    assert all("киров" in i.get_attribute("data-text").lower() for i in shown)
    assert "Кировский район" in [i.inner_text().strip() for i in shown]
    page.get_by_placeholder("Найти", exact=False).fill("нет такого района")
    assert page.locator("[data-item]:visible").count() == 0
    assert page.locator("[data-empty]").is_visible()
    page.get_by_placeholder("Найти", exact=False).fill("")
    assert page.locator("[data-item]:visible").count() == total
    context.close()


def test_the_preview_shows_page_images_and_the_pdf_downloads(browser, live_server):
    from docgen.pdf import unavailable_reason

    reason = unavailable_reason()
    if reason:
        unavailable(reason)
    context = browser.new_context(
        locale="ru-RU", viewport={"width": 1366, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(live_server + FORM)
    page.get_by_role("button", name="Предпросмотр").first.click()
    first = page.locator("#page-list figure.page img").first
    first.wait_for()
    first.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const i = document.querySelector('#page-list img'); "
        "return i && i.complete && i.naturalWidth > 500; }"
    )
    captions = page.locator("#page-list figcaption").all_inner_texts()
    assert captions[0].startswith("Страница 1") and len(captions) >= 2
    assert page.locator("#pages-status").inner_text().startswith("Страниц:")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "preview-pages-1366.png"))
    with page.expect_download() as info:
        page.locator("aside.side").get_by_role("button", name="Скачать черновик (PDF)").click()
    download = info.value
    assert download.suggested_filename.endswith("(черновик).pdf")
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
    context.close()
