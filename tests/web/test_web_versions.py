"""Template versions: the overlay source the core object reads, the store, the HTML preview."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import yaml
from docgen.web import library, versions
from docgen.web.db import get_db
from docgen.web.preview import docx_to_html

from docgen import Docgen, FolderSource, OverlaySource, TemplateFiles

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


def test_preview_shows_links_and_markup_as_plain_text(web_settings):
    import io
    import zipfile

    result = generate("lenobl-mms", "leningrad/kirovsky", draft=True, settings=web_settings)
    source = zipfile.ZipFile(io.BytesIO(result.docx))
    xml = source.read("word/document.xml").decode("utf-8")
    link = (
        '<w:p><w:hyperlink r:id="x"><w:r><w:t>ссылка</w:t></w:r></w:hyperlink>'
        "<w:r><w:t>&lt;script&gt;alert(1)&lt;/script&gt;</w:t></w:r></w:p>"
    )
    xml = xml.replace("<w:body>", "<w:body>" + link, 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, xml if name == "word/document.xml" else source.read(name))
    html = str(docx_to_html(out.getvalue()))
    assert "<p>ссылка&lt;script&gt;alert(1)&lt;/script&gt;</p>" in html
    assert "<a " not in html and "<script" not in html


def test_preview_of_a_damaged_file_says_so():
    assert "не читается" in str(docx_to_html(b"not a zip"))


def test_the_overlay_holds_metadata_new_templates_and_packages(make_app, web_settings):
    from docgen.web import store

    app = make_app()
    shipped = Docgen(web_settings)
    cover = web_settings.templates_dir / "cover-approval"
    meta = yaml.safe_load(cover.with_suffix(".yaml").read_text("utf-8"))
    new_meta = {
        **yaml.safe_load(
            (web_settings.templates_dir / "polozhenie-mms-lenobl.yaml").read_text("utf-8")
        ),
        "id": "polozhenie-kopiya",
        "title": "Копия положения",
    }
    package = {
        "id": "lenobl-kopiya",
        "title": "Копия",
        "regions": ["leningrad"],
        "parts": ["cover-approval", "polozhenie-kopiya"],
    }
    with app.app_context():
        db, root = get_db(), library.library_dir()
        assert library.docgen() is library.core()  # -- nothing stored: the shipped library --
        store.add_meta(
            db, root, "cover-approval", store.dump_yaml({**meta, "title": "Акт"}), "", "т"
        )
        store.add_template(
            db,
            root,
            "polozhenie-kopiya",
            (web_settings.templates_dir / "polozhenie-mms-lenobl.docx").read_bytes(),
            "копия.docx",
            store.dump_yaml(new_meta),
            "т",
        )
        store.add_package(db, root, "lenobl-kopiya", store.dump_yaml(package), "т")
        dg = library.docgen()
        assert dg._state is library.core()._state
        assert dg.template("cover-approval").title == "Акт"
        assert dg.template("cover-approval").path == cover.with_suffix(".docx")
        assert dg.template("polozhenie-kopiya").path.is_relative_to(app.instance_path)
        assert dg.template_ids() == sorted([*shipped.template_ids(), "polozhenie-kopiya"])
        assert dg.package_ids() == sorted([*shipped.package_ids(), "lenobl-kopiya"])
        assert dg.package("lenobl-kopiya").parts == ("cover-approval", "polozhenie-kopiya")
        result = dg.generate("lenobl-kopiya", "leningrad/kirovsky", draft=True, check=False)
        assert result.templates[1].id == "polozhenie-kopiya"
        # -- a candidate puts one change on top: here the shipped metadata back --
        candidate = library.docgen(library.Candidate("cover-approval", meta=0))
        assert (
            candidate.template("cover-approval").title == shipped.template("cover-approval").title
        )
        assert library.docgen().template("cover-approval").title == "Акт"
    stored = sorted(
        str(p.relative_to(app.instance_path))
        for p in Path(app.instance_path).rglob("*.*")
        if "templates" in p.parts
    )
    assert stored == [
        "templates/meta/cover-approval/1.yaml",
        "templates/meta/polozhenie-kopiya/1.yaml",
        "templates/packages/lenobl-kopiya.yaml",
        "templates/versions/polozhenie-kopiya/1.docx",
    ]


def test_new_tables_are_added_to_an_existing_database(app_config, make_app):
    from docgen.web import store

    path = Path(app_config["INSTANCE_PATH"])
    path.mkdir(parents=True)
    old = sqlite3.connect(path / "docgen-web.sqlite")
    old.executescript(
        "CREATE TABLE template_active (template_id TEXT PRIMARY KEY, number INTEGER NOT NULL,"
        " activated_by TEXT NOT NULL, activated_at TEXT NOT NULL);"
        "INSERT INTO template_active VALUES ('cover-approval', 0, 'старый', '2024-01-01');"
    )
    old.commit()
    old.close()
    app = make_app()
    with app.app_context():
        db = get_db()
        assert versions.active_numbers(db) == {"cover-approval": 0}
        assert store.active_meta_numbers(db) == {}
        assert store.created_templates(db) == {} and store.created_packages(db) == {}


def test_an_overlay_package_is_named_where_it_is_kept(web_settings, tmp_path):
    from docgen import TemplateError

    shipped = FolderSource(web_settings.templates_dir)
    bad = tmp_path / "lenobl-kopiya.yaml"
    bad.write_text("id: lenobl-kopiya\ntitle: Копия\nregions: [leningrad]\n", encoding="utf-8")
    overlay = OverlaySource(shipped, packages={"lenobl-kopiya": bad}, label="экземпляр/packages")
    assert overlay.package_label("lenobl-kopiya") == "экземпляр/packages/lenobl-kopiya.yaml"
    assert overlay.package_label("lenobl-mms") == "templates_docx/packages/lenobl-mms.yaml"
    dg = Docgen(web_settings).using(overlay)
    with pytest.raises(TemplateError, match="parts") as info:
        dg.package("lenobl-kopiya")
    assert "экземпляр/packages/lenobl-kopiya.yaml" in str(info.value)
