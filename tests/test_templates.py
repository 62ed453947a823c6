"""Template sources and readers: folder and overlay, metadata and package declarations."""

from __future__ import annotations

import hashlib
import re
import textwrap

import pytest

from docgen import Docgen, FolderSource, OverlaySource, Settings, TemplateError, TemplateFiles
from docgen.errors import UnknownIdError
from docgen.templates import (
    Package,
    read_package,
    read_template,
    single_part_package,
    validate_id,
    validate_package_parts,
)

META = """
id: note
title: Записка
kind: appendix
doc_title: Положение о службе
regions: [lo]
variables: [act.number]
"""


@pytest.fixture
def folder(tmp_path):
    """Return a template folder with «note» (.docx + .yaml) and a package «pack»."""
    (tmp_path / "packages").mkdir()
    (tmp_path / "note.docx").write_bytes(b"PK fake docx")
    (tmp_path / "note.yaml").write_text(META, encoding="utf-8")
    (tmp_path / "packages" / "pack.yaml").write_text(
        "id: pack\ntitle: Пакет\nregions: [lo]\nparts: [note]\n", encoding="utf-8"
    )
    return tmp_path


def files_of(folder, meta: str = META, template_id: str = "note") -> TemplateFiles:
    """Return the files of `template_id` in `folder`, its metadata replaced by `meta`."""
    (folder / f"{template_id}.yaml").write_text(textwrap.dedent(meta), encoding="utf-8")
    return FolderSource(folder, label="lib").template_files(template_id)


# -- sources -------------------------------------------------------------------------------------


def test_a_folder_lists_templates_and_packages_by_valid_file_names(folder):
    (folder / "Note copy.docx").write_bytes(b"")
    (folder / "packages" / "_draft.yaml").write_text("", encoding="utf-8")
    source = FolderSource(folder)
    assert source.template_ids() == ["note"]
    assert source.package_ids() == ["pack"]
    assert source.template_files("note").meta == folder / "note.yaml"
    assert source.package_file("pack") == folder / "packages" / "pack.yaml"
    assert source.template_files("nope") is None and source.package_file("nope") is None


def test_an_overlay_replaces_and_adds_without_touching_its_base(folder, tmp_path_factory):
    uploads = tmp_path_factory.mktemp("uploads")
    replaced = TemplateFiles("note", uploads / "note.docx", uploads / "note.yaml", "3")
    added = TemplateFiles("memo", uploads / "memo.docx", uploads / "memo.yaml", "1")
    base = FolderSource(folder)
    overlay = OverlaySource(
        base, {"note": replaced, "memo": added}, {"extra": uploads / "extra.yaml"}
    )
    assert overlay.template_ids() == ["memo", "note"]
    assert overlay.package_ids() == ["extra", "pack"]
    assert overlay.template_files("note") is replaced
    assert overlay.package_file("pack") == base.package_file("pack")
    assert base.template_files("note").version == "0"


# -- template metadata ---------------------------------------------------------------------------


def test_a_valid_template_is_read_with_its_hash_and_approval_word(folder):
    template = read_template(files_of(folder))
    assert (template.id, template.kind, template.regions) == ("note", "appendix", ("lo",))
    assert template.content_hash == hashlib.sha256(b"PK fake docx").hexdigest()
    assert (template.level, template.approval_word) == ("municipality", "УТВЕРЖДЕНО")
    assert template.meta_label == "lib/note.yaml"


@pytest.mark.parametrize(
    ("gender", "word"),
    [("m", "УТВЕРЖДЕН"), ("f", "УТВЕРЖДЕНА"), ("n", "УТВЕРЖДЕНО"), ("pl", "УТВЕРЖДЕНЫ")],
)
def test_the_approval_word_follows_the_documents_gender(folder, gender, word):
    assert read_template(files_of(folder, META + f"doc_gender: {gender}\n")).approval_word == word


def test_metadata_id_must_match_the_file_name(folder):
    # -- a copied template whose metadata still names the original would be listed under
    #    one id and describe another: refused, naming the metadata file --
    with pytest.raises(TemplateError) as info:
        read_template(files_of(folder, META.replace("id: note", "id: polozhenie")))
    assert info.value.message == "id «polozhenie» не совпадает с именем файла «note»"
    assert info.value.location == "lib/note.yaml"


def test_the_core_refuses_a_template_whose_id_differs_from_its_file_name(folder):
    (folder / "note.yaml").write_text(META.replace("id: note", "id: other"), encoding="utf-8")
    dg = Docgen(Settings(templates_dir=folder, run_checks=False))
    with pytest.raises(TemplateError, match="id «other» не совпадает с именем файла «note»"):
        dg.template("note")
    with pytest.raises(TemplateError, match="не совпадает с именем файла"):
        dg.package("pack")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("title: Записка\n", "", "не заданы поля: title"),
        ("regions: [lo]\nvariables: [act.number]\n", "", "не заданы поля: regions, variables"),
        ("kind: appendix", "kind: annex", "kind: одно из cover, appendix"),
        ("doc_title: Положение о службе\n", "", "у приложения нужно поле doc_title"),
        ("regions: [lo]", "regions: lo", "regions: список регионов, например [leningrad], или all"),
        ("variables: [act.number]", "variables: [1, 2]", "variables: ожидается список строк"),
        ("regions: [lo]", "regions: [lo]\ndoc_gender: x", "doc_gender: одно из m, f, n, pl"),
        ("regions: [lo]", "regions: [lo]\nlevel: city", "level: одно из municipality, region"),
        ("title: Записка", "title: [Записка", "ошибка синтаксиса YAML"),
    ],
)
def test_wrong_metadata_is_refused_naming_the_file(folder, old, new, message):
    with pytest.raises(TemplateError, match=re.escape(message)) as info:
        read_template(files_of(folder, META.replace(old, new)))
    assert info.value.location.startswith("lib/note.yaml")


def test_a_template_without_metadata_is_refused(folder):
    (folder / "note.yaml").unlink()
    files = FolderSource(folder, label="lib").template_files("note")
    with pytest.raises(TemplateError, match="нет файла метаданных шаблона"):
        read_template(files)


def test_a_cover_needs_no_document_title(folder):
    meta = META.replace("kind: appendix", "kind: cover").replace(
        "doc_title: Положение о службе\n", ""
    )
    assert read_template(files_of(folder, meta)).kind == "cover"


# -- packages ------------------------------------------------------------------------------------

PACKAGE = """
id: pack
title: Пакет
regions: [lo, xx]
level: region
defaults:
  act.title_names: first
parts:
  - act
  - template: note
    when: "'x' in mms_set.appendices"
  - {template: memo}
"""


def test_a_package_declares_parts_conditions_level_and_defaults(folder):
    path = folder / "packages" / "pack.yaml"
    path.write_text(PACKAGE, encoding="utf-8")
    package, parts = read_package("pack", path, "lib/packages/pack.yaml")
    assert parts == ["act", "note", "memo"] and package.parts == ("act", "note", "memo")
    assert package.conditions == {"note": "'x' in mms_set.appendices"}
    assert (package.level, package.regions) == ("region", ("lo", "xx"))
    assert package.defaults == {"act.title_names": "first"}
    assert package.label == "lib/packages/pack.yaml"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("id: pack", "id: other", "id «other» не совпадает с именем файла «pack»"),
        ("title: Пакет\n", "", "не заданы поля: title"),
        ("  - {template: memo}", "  - {when: x}", "у части пакета нужно поле template"),
        ("level: region", "level: town", "level: одно из municipality, region"),
        ("defaults:\n  act.title_names: first", "defaults: [x]", "defaults: ожидается словарь"),
    ],
)
def test_a_wrong_package_is_refused_naming_the_file(folder, old, new, message):
    path = folder / "packages" / "pack.yaml"
    path.write_text(PACKAGE.replace(old, new), encoding="utf-8")
    with pytest.raises(TemplateError, match=re.escape(message)) as info:
        read_package("pack", path, "lib/packages/pack.yaml")
    assert info.value.location == "lib/packages/pack.yaml"


def test_a_package_without_parts_is_refused(folder):
    path = folder / "packages" / "pack.yaml"
    path.write_text("id: pack\ntitle: Пакет\nregions: [lo]\nparts: []\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="parts: ожидается непустой список шаблонов"):
        read_package("pack", path, "lib/packages/pack.yaml")


@pytest.mark.parametrize(
    ("level", "set_id", "accepted"),
    [
        ("municipality", "lo/town", True),
        ("municipality", "lo", False),
        ("region", "lo", True),
        ("region", "lo/town", False),
        ("municipality", "xx/town", False),
    ],
)
def test_a_package_accepts_sets_of_its_regions_and_level(level, set_id, accepted):
    assert Package("p", "П", ("a",), ("lo",), level=level).accepts(set_id) is accepted


def test_the_first_of_several_parts_must_be_the_act(folder):
    appendix = read_template(files_of(folder))
    package = Package("p", "П", ("note", "note"), ("lo",), label="lib/packages/p.yaml")
    with pytest.raises(TemplateError, match="первая часть пакета должна быть актом"):
        validate_package_parts(package, [appendix, appendix])
    validate_package_parts(package, [appendix])  # -- a lone appendix is a document of its own --
    alone = single_part_package(appendix)
    assert (alone.id, alone.parts, alone.label) == ("note", ("note",), "lib/note.yaml")


@pytest.mark.parametrize("value", ["../x", "Note", "1note", "note_1", "", None])
def test_ids_are_latin_lower_case_digits_and_hyphens(value):
    with pytest.raises(UnknownIdError, match="недопустимый идентификатор шаблона"):
        validate_id("шаблона", value)
    validate_id("шаблона", "note-1")
