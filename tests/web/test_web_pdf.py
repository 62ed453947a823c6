"""PDF in the web app: real page images in the preview, PDF and ZIP downloads, the API's
``format``, PDF in batch jobs, and the fallback without LibreOffice."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile

import pytest

from docgen import Docgen
from docgen.pdf import pdfa_part, unavailable_reason

FORM = "/generate/lenobl-mms/leningrad/kirovsky"
BODY = {"document": "lenobl-mms", "municipality": "leningrad/kirovsky", "draft": True}


@pytest.fixture
def office():
    """Require LibreOffice (skip without it; in CI a missing office is a failure)."""
    reason = unavailable_reason()
    if reason:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"PDF-тесты обязательны в CI: {reason}", pytrace=False)
        pytest.skip(reason)


def _pages_url(page: str) -> str:
    match = re.search(r'data-pages-url="([^"]+)"', page)
    assert match, "в предпросмотре нет страниц"
    return match.group(1)


@pytest.mark.slow
def test_the_preview_shows_the_real_pages(client, office):
    page = client.post(FORM, data={"action": "preview"}).get_data(as_text=True)
    info = client.get(_pages_url(page)).get_json()
    assert info["error"] == "" and info["pages"] >= 2
    assert len(info["images"]) == info["pages"]
    with client.get(info["images"][0]) as first:
        assert first.status_code == 200 and first.mimetype == "image/png"
        assert first.data.startswith(b"\x89PNG")
        assert "immutable" in first.headers["Cache-Control"]
    # -- every finding is on a page that exists («0»: the document as a whole) --
    assert all(0 <= int(n) <= info["pages"] for n in info["findings"])
    assert (
        client.get(info["images"][0].replace("/1.png", f"/{info['pages'] + 1}.png")).status_code
        == 404
    )
    with client.get(info["pdf"]) as pdf:
        assert pdf.data.startswith(b"%PDF")
    # -- the same document again: nothing is converted twice --
    again = client.post(FORM, data={"action": "preview"}).get_data(as_text=True)
    assert _pages_url(again) == _pages_url(page)


def test_unknown_or_malformed_page_keys_are_404(client):
    assert client.get("/preview/" + "0" * 64 + "/pages.json").status_code == 404
    assert client.get("/preview/../../etc/pages.json").status_code == 404
    assert client.get("/preview/xyz/1.png").status_code == 404


@pytest.mark.slow
def test_the_form_downloads_pdf_and_the_package(client, office, web_settings):
    pdf = client.post(FORM, data={"action": "draft-pdf"})
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdfa_part(pdf.data) == ("2", "B")
    assert ".pdf" in pdf.headers["Content-Disposition"]
    package = client.post(FORM, data={"action": "draft-zip"})
    assert package.status_code == 200 and package.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(package.data)) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
        for name, digest in manifest["files"].items():
            assert hashlib.sha256(zf.read(name)).hexdigest() == digest
    assert sorted(n.rsplit(".", 1)[1] for n in names) == ["docx", "json", "pdf"]
    assert manifest["package"] == "lenobl-mms" and manifest["draft"] is True
    # -- the same package as «docgen generate -o act.zip»: «docgen verify» reads it --
    from docgen.bundle import verify

    assert verify(package.data, Docgen(web_settings)).current


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "mimetype", "magic"), [
    ("pdf", "application/pdf", b"%PDF"),
    ("zip", "application/zip", b"PK"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
])  # fmt: skip
def test_the_api_takes_a_format(client, office, fmt, mimetype, magic):
    response = client.post("/api/generate", json={**BODY, "format": fmt})
    assert response.status_code == 200
    assert response.mimetype == mimetype and response.data.startswith(magic)


def test_an_unknown_format_is_refused(client):
    response = client.post("/api/generate", json={**BODY, "format": "odt"})
    assert response.status_code == 400
    assert response.get_json()["errors"] == [
        {"field": "format", "message": "ожидается «docx», «pdf» или «zip»"}
    ]


def test_without_libreoffice_the_preview_falls_back_with_a_note(client, monkeypatch, plain):
    from docgen.web import pdfout

    monkeypatch.setattr(pdfout, "available", lambda: "LibreOffice не установлен")
    page = client.post(FORM, data={"action": "preview"}).get_data(as_text=True)
    text = plain(page)
    assert "Точный вид страниц недоступен на этом сервере (LibreOffice не установлен)" in text
    assert "data-pages-url" not in page and 'class="paper"' in page
    assert "Скачать черновик (PDF)" not in text
    api = client.post("/api/generate", json={**BODY, "format": "pdf"})
    assert api.status_code == 503
    assert "LibreOffice не установлен" in api.get_json()["error"]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["pdf", "zip"])
def test_a_batch_job_makes_pdf_or_packages(app, client, office, web_settings, fmt):
    for path in (web_settings.variables_dir / "leningrad").glob("*.yaml"):
        if not path.stem.startswith("_") and path.stem != "kirovsky":
            path.unlink()
    response = client.post(
        "/batch/",
        data={
            "package": "lenobl-mms",
            "region": "leningrad",
            "mode": "draft",
            "formats": fmt,
        },
    )
    job_id = response.headers["Location"].rsplit("/", 1)[-1]
    app.extensions["docgen_jobs"].wait(job_id, 300)
    assert client.get(f"/batch/{job_id}.json").get_json()["status"] == "done"
    with client.get(f"/batch/{job_id}/result.zip") as download:
        with zipfile.ZipFile(io.BytesIO(download.data)) as zf:
            (made,) = [n for n in zf.namelist() if not n.startswith("report.")]
            assert made.startswith("Кировский район — ") and made.endswith(f".{fmt}")
            data = zf.read(made)
    if fmt == "zip":
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            assert set(package.namelist()) == {"act.docx", "act.pdf", "manifest.json"}
            data = package.read("act.pdf")
    assert pdfa_part(data) == ("2", "B")
