"""Template versions: the overlay source the core object reads, and the HTML preview."""

from __future__ import annotations

from pathlib import Path

from docgen.web import library, versions
from docgen.web.db import get_db
from docgen.web.preview import docx_to_html

from docgen import FolderSource, OverlaySource, TemplateFiles

from shipped import generate


def test_an_overlay_source_replaces_exactly_the_chosen_templates(web_settings, tmp_path):
    shipped = FolderSource(web_settings.templates_dir)
    upload = tmp_path / "1.docx"
    upload.write_bytes(b"new version")
    meta = shipped.template_files("cover-approval").meta
    overlay = OverlaySource(
        shipped, {"cover-approval": TemplateFiles("cover-approval", upload, meta, "1")}
    )
    assert overlay.template_files("cover-approval").docx == upload
    assert overlay.template_files("cover-approval").version == "1"
    assert overlay.template_files("polozhenie-mms-lenobl") == shipped.template_files(
        "polozhenie-mms-lenobl"
    )
    assert overlay.package_file("lenobl-mms") == shipped.package_file("lenobl-mms")
    assert overlay.template_ids() == shipped.template_ids()
    assert (web_settings.templates_dir / "cover-approval.docx").read_bytes() != b"new version"


def test_the_app_reads_an_active_version_in_place(make_app, web_settings):
    app = make_app()
    data = (web_settings.templates_dir / "cover-approval.docx").read_bytes()
    with app.app_context():
        db = get_db()
        number = versions.add_version(
            db, library.store_dir(), "cover-approval", data, "v.docx", "", "тест"
        )
        assert library.docgen().template("cover-approval").version == "0"
        versions.activate(db, "cover-approval", number, "тест")
        template = library.docgen().template("cover-approval")
        assert template.version == str(number)
        assert template.path == versions.version_path(library.store_dir(), "cover-approval", number)
        # -- the core object is the app's one: the view shares its caches --
        assert library.docgen()._state is library.core()._state
    instance = app.instance_path
    assert not any("overlay" in str(p) for p in Path(instance).rglob("*"))


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
