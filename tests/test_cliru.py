"""The CLI in Russian: click's own texts, help without a command, exit codes, real paths."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys

import pytest
from click.testing import CliRunner

from docgen.cli import cli

from paths import REPO


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args, env=None, checks=False):
        return runner.invoke(
            cli, list(args), env={"DOCGEN_RUN_CHECKS": "1" if checks else "0", **(env or {})}
        )

    return invoke


ENGLISH = ("Usage:", "Options:", "Error:", "Missing", "No such", "Show this", "Try '", "[OPTIONS]")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ((), "[ПАРАМЕТРЫ] КОМАНДА [АРГУМЕНТЫ]"),
        (("--help",), "Показать эту справку и выйти."),
        (("generate",), "Не указан аргумент"),
        (("generate", "a", "b"), "Не указан параметр '-o' / '--output'"),
        (("generate", "a", "b", "-o", "x", "--bogus"), "Нет такого параметра: '--bogus'"),
        (("genrate",), "Нет такой команды"),
        (("serve", "--port", "0"), "вне допустимого диапазона"),
        (("generate", "--help"), "ДОКУМЕНТ НАБОР"),
    ],
)
def test_click_speaks_russian(run, args, words):
    result = run(*args)
    assert words in result.output
    assert not any(english in result.output for english in ENGLISH), result.output


def test_bare_docgen_prints_help_and_exits_0(run):
    result = run()
    assert result.exit_code == 0
    assert "Команды:" in result.output and "generate" in result.output


def test_bare_docgen_from_the_shell():
    done = subprocess.run(
        [sys.executable, "-m", "docgen"], capture_output=True, text=True, check=False, cwd=REPO
    )
    assert done.returncode == 0
    assert "Использование:" in done.stdout


@pytest.mark.parametrize("args", [("generate",), ("nope",), ("batch", "--workers", "0")])
def test_usage_errors_exit_2(run, args):
    assert run(*args).exit_code == 2


def test_a_draft_with_its_placeholders_exits_0_in_generate_and_batch(run, tmp_path):
    draft = run(
        "generate",
        "lenobl-mms",
        "leningrad/kirovsky",
        "-o",
        str(tmp_path / "d.docx"),
        "--draft",
        "--var",
        "act.number=!unknown",
        checks=True,
    )
    assert draft.exit_code == 0, draft.output
    assert "не заполнено: Номер акта" in draft.output
    assert "G-51" not in draft.output
    batch = run(
        "batch", "lenobl-mms", "--region", "leningrad", "--draft", "-o", str(tmp_path / "b"),
        checks=True,
    )  # fmt: skip
    assert batch.exit_code == 0, batch.output


def test_a_final_with_unfilled_values_exits_1(run, tmp_path):
    result = run(
        "generate",
        "lenobl-mms",
        "leningrad/kirovsky",
        "-o",
        str(tmp_path / "f.docx"),
        "--var",
        "act.number=!unknown",
    )
    assert result.exit_code == 1
    assert "Ошибка:" in result.output


def test_errors_name_the_real_variables_folder(run, tmp_path):
    data = tmp_path / "наборы"
    shutil.copytree(REPO / "variables", data)
    (data / "leningrad" / "kirovsky.yaml").write_text("act:\n  kind: [\n", encoding="utf-8")
    env = {"DOCGEN_VARIABLES_DIR": str(data)}
    result = run(
        "generate", "lenobl-mms", "leningrad/kirovsky", "-o", str(tmp_path / "x.docx"), env=env
    )
    assert result.exit_code == 1
    assert f"{data}/leningrad/kirovsky.yaml" in result.output
    assert "variables/leningrad" not in result.output
    validate = run("validate", env=env)
    assert f"{data}/leningrad/kirovsky.yaml" in validate.output


def test_a_busy_port_is_one_russian_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "docgen", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            check=False,
            env={"DOCGEN_WEB_INSTANCE": str(tmp_path / "i"), "PATH": "/usr/bin:/bin"},
            timeout=60,
        )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"Ошибка: порт {port} на 127.0.0.1 уже занят (запущен другой сервер?): остановите его "
        "или укажите другой порт: --port"
    ]
    assert "Traceback" not in done.stderr


def test_readme_says_where_the_commands_are():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/docgen" in readme
    assert "source .venv/bin/activate" in readme
