"""Template versions: the overlay folder docgen reads, and the HTML preview."""

from __future__ import annotations

import os

from docgen import generate
from web import versions
from web.preview import docx_to_html


def test_no_active_upload_means_the_shipped_folder(web_settings, tmp_path):
    shipped = web_settings.templates_dir
    assert versions.effective_dir(shipped, tmp_path / "overlays", {}) == shipped


def test_an_overlay_replaces_exactly_the_chosen_templates(web_settings, tmp_path):
    shipped = web_settings.templates_dir
    upload = tmp_path / "1.docx"
    upload.write_bytes(b"new version")
    overlay = versions.effective_dir(shipped, tmp_path / "overlays", {"cover-approval": upload})
    assert overlay != shipped
    assert (overlay / "cover-approval.docx").read_bytes() == b"new version"
    assert (overlay / "cover-approval.yaml").read_bytes() == (
        shipped / "cover-approval.yaml"
    ).read_bytes()
    assert (overlay / "packages" / "lenobl-mms.yaml").exists()
    assert (shipped / "cover-approval.docx").read_bytes() != b"new version"


def test_overlays_are_reused_and_follow_changes(web_settings, tmp_path):
    shipped = web_settings.templates_dir
    upload = tmp_path / "1.docx"
    upload.write_bytes(b"v1")
    files = {"cover-approval": upload}
    first = versions.effective_dir(shipped, tmp_path / "overlays", files)
    assert versions.effective_dir(shipped, tmp_path / "overlays", files) == first
    meta = shipped / "polozhenie-mms-lenobl.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(meta, ns=(1, 1))
    second = versions.effective_dir(shipped, tmp_path / "overlays", files)
    assert second != first
    assert (second / "polozhenie-mms-lenobl.yaml").read_text(encoding="utf-8").endswith("\n\n")


def test_preview_marks_placeholders_and_lays_out_the_signature(web_settings):
    from docgen.schema import UNKNOWN

    result = generate(
        "lenobl-mms",
        "leningrad/kirovsky",
        {"act.number": UNKNOWN},
        draft=True,
        settings=web_settings,
    )
    html = str(docx_to_html(result.docx))
    assert '<mark class="placeholder">[не заполнено: Номер акта]</mark>' in html
    assert '<p class="s-sign"><span>Заместитель председателя комитета</span><span>' in html
    assert '<hr class="section-break"><p class="s-mark">УТВЕРЖДЕНО</p>' in html
    assert '<p class="s-kind">РАСПОРЯЖЕНИЕ</p>' in html


def test_preview_neutralises_script_links(monkeypatch):
    import mammoth

    class Result:
        value = (
            '<p><a href="javascript:alert(1)">x</a> <a href="https://example.org/">y</a>'
            ' <a href="JaVaScRiPt:alert(2)">z</a></p>'
        )

    monkeypatch.setattr(mammoth, "convert_to_html", lambda *a, **k: Result())
    html = str(docx_to_html(b""))
    assert "javascript" not in html.lower()
    assert 'href="https://example.org/"' in html
