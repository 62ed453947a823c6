"""CLI: messages in Russian, exit codes 0 / 1 (error in data or template) / 2 (usage)."""

from __future__ import annotations

import json
import subprocess
import sys

import docx
import pytest
from click.testing import CliRunner

from docgen import Docgen, Settings
from docgen.cli import cli

from paths import REPO


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args, env=None):
        return runner.invoke(
            cli, list(args), env={"DOCGEN_RUN_CHECKS": "0", **(env or {})}, catch_exceptions=False
        )

    return invoke


def test_list_shows_packages_templates_and_sets(run):
    result = run("list")
    assert result.exit_code == 0
    assert "lenobl-mms" in result.output and "polozhenie-mms-lenobl" in result.output
    assert "leningrad/kirovsky" in result.output


def test_generate_writes_the_docx(run, tmp_path):
    out = tmp_path / "k.docx"
    result = run("generate", "lenobl-mms", "leningrad/kirovsky", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Записан" in result.output
    assert "И.В.\u00a0Носова" in "\n".join(p.text for p in docx.Document(out).paragraphs)


def test_generate_with_overrides(run, tmp_path):
    out = tmp_path / "k.docx"
    result = run(
        "generate",
        "lenobl-mms",
        "leningrad/kirovsky",
        "-o",
        str(out),
        "--var",
        "act.number=234",
        "--var",
        "act.date=2023-06-01",
    )
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert "от 01.06.2023 №\u00a0234" in text


def test_final_mode_with_unknown_values_exits_1_and_lists_them(run, tmp_path):
    out = tmp_path / "k.docx"
    result = run(
        "generate",
        "lenobl-mms",
        "leningrad/kirovsky",
        "-o",
        str(out),
        "--var",
        "act.number=!unknown",
    )
    assert result.exit_code == 1
    assert "не заполнены значения — Номер акта" in result.output
    assert not out.exists()


def test_draft_lists_unknown_values(run, tmp_path):
    out = tmp_path / "k.docx"
    result = run(
        "generate",
        "lenobl-mms",
        "leningrad/kirovsky",
        "-o",
        str(out),
        "--draft",
        "--var",
        "act.number=!unknown",
    )
    assert result.exit_code == 0
    assert "не заполнено: Номер акта" in result.output


def test_a_checked_draft_lists_its_placeholders_once_and_exits_0(run, tmp_path):
    args = ["generate", "lenobl-mms", "leningrad/kirovsky", "-o", str(tmp_path / "k.docx")]
    env = {"DOCGEN_RUN_CHECKS": "1"}
    draft = run(*args, "--draft", "--var", "act.number=!unknown", env=env)
    assert draft.exit_code == 0, draft.output
    assert "не заполнено: Номер акта" in draft.output and "G-51" not in draft.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("generate", "no-such", "leningrad/kirovsky"), "документ «no-such» не найден"),
        (
            ("generate", "lenobl-mms", "leningrad/nowhere"),
            "набор переменных «leningrad/nowhere» не найден",
        ),
        (
            ("generate", "lenobl-mms", "leningrad/kirovsky", "--var", "act.datee=1"),
            "неизвестный ключ",
        ),
    ],
)
def test_library_errors_exit_1_with_a_russian_message(run, tmp_path, args, message):
    result = run(*args, "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 1
    assert message in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("generate", "lenobl-mms"),
        ("generate", "lenobl-mms", "leningrad/kirovsky"),
        ("generate", "lenobl-mms", "leningrad/kirovsky", "-o", "x.docx", "--var", "novalue"),
        ("no-such-command",),
    ],
)
def test_usage_errors_exit_2(run, args):
    assert run(*args).exit_code == 2


def test_validate_passes_on_shipped_sets(run):
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "✓ leningrad/kirovsky" in result.output


def test_validate_fails_on_a_broken_set(run, tmp_path):
    import shutil

    variables = tmp_path / "variables"
    shutil.copytree(REPO / "variables", variables)
    (variables / "leningrad" / "kirovsky.yaml").write_text("act:\n  kind: [\n", encoding="utf-8")
    result = run("validate", env={"DOCGEN_VARIABLES_DIR": str(variables)})
    assert result.exit_code == 1
    assert "variables/leningrad/kirovsky.yaml:" in result.output


def test_batch_writes_every_package_and_a_report(run, tmp_path):
    result = run("batch", "lenobl-mms", "--region", "leningrad", "--draft", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    districts = Docgen(Settings()).sets_for("lenobl-mms", "leningrad")
    assert len(report["items"]) == len(districts) > 0
    assert len(list(tmp_path.glob("*.docx"))) == len(districts)
    assert f"Сформировано документов: {len(districts)} из {len(districts)}" in result.output


def test_lint_reports_and_exits_1(run, tmp_path):
    from docgen.docxbuild import build_docx

    bad = tmp_path / "bad.docx"
    build_docx("{{ act.nmber }}\n{{ x }", bad)
    result = run("lint", str(bad))
    assert result.exit_code == 1
    assert "L-04" in result.output and "L-02" in result.output
    assert run("lint", str(REPO / "templates_docx" / "cover-approval.docx")).exit_code == 0


def test_python_m_docgen_works():
    proc = subprocess.run(
        [sys.executable, "-m", "docgen", "--version"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert proc.returncode == 0 and proc.stdout.startswith("docgen ")


# -- error findings make `generate` fail, whatever else went well -----------------------------


@pytest.mark.parametrize(
    ("extra", "code", "printed"),
    [
        ((), 0, None),
        (("--draft", "--var", "act.number=!unknown"), 0, "не заполнено: Номер акта"),
        (("--var", "act.points=[{text: Назначить ответственного ___.}]"), 1, "ошибка G-51"),
        (("--draft", "--var", 'act.points=[{text: "Назначить,, как принято."}]'), 1, "ошибка T-15"),
    ],
    ids=["clean-final", "unknown-in-draft", "blank-in-final", "doubled-comma-in-draft"],
)
def test_generate_exits_1_when_the_checker_finds_errors(run, tmp_path, extra, code, printed):
    out = tmp_path / "k.docx"
    result = run(
        "generate",
        "lenobl-mms",
        "leningrad/kirovsky",
        "-o",
        str(out),
        *extra,
        env={"DOCGEN_RUN_CHECKS": "1"},
    )
    assert result.exit_code == code, result.output
    assert "Записан" in result.output
    if printed:
        assert printed in result.output
