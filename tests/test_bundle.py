"""The signature-ready package: output formats, the manifest, `verify`, and the CLI over them."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdf.conftest import require_office

from docgen import Docgen, Settings
from docgen.bundle import (
    BundleError,
    build_bundle,
    format_of,
    manifest,
    produce,
    read_bundle,
    verify,
)
from docgen.cli import cli
from docgen.errors import ConversionError, DocgenError

from paths import TEMPLATES, VARIABLES
from shipped import copied, core, generate

PACKAGE, SET = "lenobl-mms", "leningrad/kirovsky"


@pytest.fixture
def library(tmp_path: Path) -> Docgen:
    """Return a core object over copies of the shipped library (the tests change them)."""
    return copied(tmp_path)


def _bundle(dg: Docgen, overrides=None) -> bytes:
    result = dg.generate(PACKAGE, SET, overrides)
    return build_bundle(result, b"%PDF-1.7 test", manifest(result, dg, pdf=b"%PDF-1.7 test"))


@pytest.mark.parametrize(
    ("name", "forced", "expected"),
    [("act.docx", None, "docx"), ("act.PDF", None, "pdf"), ("act.zip", None, "zip"),
     ("act", None, "docx"), ("act.docx", "pdf", "pdf")],
)  # fmt: skip
def test_the_format_follows_the_extension_unless_forced(name, forced, expected):
    assert format_of(name, forced) == expected


def test_an_unknown_forced_format_is_refused():
    with pytest.raises(DocgenError, match="формат"):
        format_of("act.docx", "odt")


def test_the_manifest_names_everything_the_act_was_made_from(library):
    result = library.generate(PACKAGE, SET, {"act.number": "234"})
    meta = manifest(result, library, pdf=b"pdf", overrides={"act.number": "234"})
    assert meta["package"] == PACKAGE and meta["set"] == SET and meta["draft"] is False
    assert [t["id"] for t in meta["templates"]] == ["cover-approval", "polozhenie-mms-lenobl"]
    assert all(len(t["sha256"]) == 64 and t["version"] == "0" for t in meta["templates"])
    assert meta["overrides"] == {"act.number": "234"}
    # -- the values after layering and overrides, and the overrides themselves --
    assert meta["variables"]["values"]["act"]["number"] == "234"
    cited = {a["id"]: a for a in meta["cited_acts"]}
    assert cited["lenobl-ko-prikaz-2023-17"]["citation"].startswith("приказ комитета общего")
    assert cited["ukaz-2020-474"]["status"] == "утратил силу"
    assert meta["docgen_version"] and meta["generated_at"].endswith("+00:00")
    assert set(meta["files"]) == {"act.docx", "act.pdf"}


def test_a_fresh_package_is_current(library):
    verdict = verify(_bundle(library), library)
    assert verdict.current and verdict.changes == ()


def test_a_changed_value_makes_it_stale_and_says_which(library):
    data = _bundle(library)
    path = library.settings.variables_dir / "leningrad" / "kirovsky.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('number: "233"', 'number: "234"'),
        encoding="utf-8",
    )
    verdict = verify(data, library)
    assert not verdict.current
    assert verdict.changes == ("значение act.number: «233» → «234»",)


def test_a_changed_template_makes_it_stale_and_names_it(library):
    data = _bundle(library)
    docx = library.settings.templates_dir / "polozhenie-mms-lenobl.docx"
    with zipfile.ZipFile(docx) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["docProps/custom.xml"] = b"<x/>"
    with zipfile.ZipFile(docx, "w") as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    (changed,) = verify(data, library).changes
    assert changed.startswith("шаблон «polozhenie-mms-lenobl» изменился")


def test_the_overrides_given_are_replayed(library):
    data = _bundle(library, {"act.number": "234"})
    assert verify(data, library).current


def test_a_file_changed_inside_the_package_is_reported(library):
    meta, docx, _pdf = read_bundle(_bundle(library))
    tampered = io.BytesIO()
    with zipfile.ZipFile(tampered, "w") as zf:
        zf.writestr("act.docx", docx)
        zf.writestr("act.pdf", b"another pdf")
        zf.writestr("manifest.json", json.dumps(meta))
    assert verify(tampered.getvalue(), library).changes == (
        "файл act.pdf изменён после формирования",
    )


@pytest.mark.parametrize("data", [b"not a zip", b"PK\x03\x04broken"], ids=["text", "truncated"])
def test_what_is_not_a_package_is_unreadable(data):
    with pytest.raises(BundleError):
        read_bundle(data)


def test_a_zip_without_a_manifest_is_unreadable():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("act.docx", b"x")
    with pytest.raises(BundleError, match="manifest.json"):
        read_bundle(buffer.getvalue())


def test_producing_pdf_without_an_office_is_a_clear_error():
    with pytest.raises(DocgenError, match="LibreOffice"):
        produce(core(), generate(PACKAGE, SET), "pdf")


# -- the CLI ---------------------------------------------------------------------------------


def _run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env={"DOCGEN_RUN_CHECKS": "0", **(env or {})})


def test_verify_exits_0_current_1_stale_2_unreadable(library, tmp_path):
    package = tmp_path / "act.zip"
    package.write_bytes(_bundle(library))
    env = {
        "DOCGEN_TEMPLATES_DIR": str(library.settings.templates_dir),
        "DOCGEN_VARIABLES_DIR": str(library.settings.variables_dir),
    }
    current = _run("verify", str(package), env=env)
    assert current.exit_code == 0 and "акт актуален" in current.output
    path = library.settings.variables_dir / "leningrad" / "kirovsky.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("И.В. Носова", "И.В. Носов"))
    stale = _run("verify", str(package), env=env)
    assert stale.exit_code == 1 and "signer.name: «И.В. Носова» → «И.В. Носов»" in stale.output
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"nothing")
    unreadable = _run("verify", str(broken), env=env)
    assert unreadable.exit_code == 2 and "не читается" in unreadable.output


def test_generate_writes_pdf_and_zip_by_extension(tmp_path):
    require_office()
    pdf, bundle = tmp_path / "act.pdf", tmp_path / "act.zip"
    assert _run("generate", PACKAGE, SET, "-o", str(pdf)).exit_code == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert _run("generate", PACKAGE, SET, "-o", str(bundle)).exit_code == 0
    meta, docx, inner_pdf = read_bundle(bundle.read_bytes())
    assert inner_pdf.startswith(b"%PDF") and docx.startswith(b"PK")
    assert meta["package"] == PACKAGE
    assert _run("verify", str(bundle)).exit_code == 0
    forced = tmp_path / "act.bin"
    assert _run("generate", PACKAGE, SET, "-o", str(forced), "--format", "pdf").exit_code == 0
    assert forced.read_bytes().startswith(b"%PDF")


def test_a_failed_conversion_fails_its_batch_item_only(tmp_path, monkeypatch):
    from docgen import batch

    class Flaky:
        """Converts every document but one, which fails as a killed office would."""

        def docx_to_pdf(self, docx, name=None):
            if "kirovsky" in (name or ""):
                raise ConversionError("LibreOffice завершился при конвертации", reason="crashed")

            class Result:
                pdf = b"%PDF-1.7 stub"
                notes = ()

            return Result()

    monkeypatch.setattr(batch, "shared_converter", lambda: Flaky())
    dg = Docgen(Settings(templates_dir=TEMPLATES, variables_dir=VARIABLES, run_checks=False))
    ids = ["leningrad/kirovsky", "leningrad/gatchinsky"]
    report = batch.run_batch(
        PACKAGE, tmp_path, draft=True, docgen=dg, municipalities=ids, workers=1, fmt="pdf"
    )
    by_set = {i.municipality: i for i in report.items}
    assert by_set["leningrad/kirovsky"].status == "failed"
    assert "LibreOffice завершился" in by_set["leningrad/kirovsky"].errors[0]
    assert by_set["leningrad/gatchinsky"].status != "failed"
    written = sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf")
    assert written == ["lenobl-mms_leningrad-gatchinsky.pdf"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_var_takes_lists_and_mappings_in_yaml_flow_syntax(tmp_path):
    out = tmp_path / "set.docx"
    result = _run(
        "generate",
        "lenobl-mms-set",
        "leningrad/gatchinsky",
        "-o",
        str(out),
        "--draft",
        "--var",
        "mms_set.appendices=[mms, council]",
        "--var",
        "authority.short={nomn: комитет, gent: комитета}",
    )
    assert result.exit_code == 0, result.output
    from doctext import text_of

    text = "\n".join(text_of(out.read_bytes()))
    assert "положений о муниципальной методической службе" in text
    assert "о муниципальном методическом совете" in text
    bad = _run("generate", PACKAGE, SET, "-o", str(out), "--var", "act.repeals=[unclosed")
    assert bad.exit_code == 2 and "--var act.repeals" in bad.output
