"""What is installed: a wheel that works on its own, and shells that use only the public API."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import docgen

from paths import REPO

#: The modules the shells (CLI wiring aside) and the web app may import from docgen.
PUBLIC = {"docgen", "docgen.checks", "docgen.ru", "docgen.pdf"}


def _imports(path: Path) -> set[str]:
    """Return the absolute module names a Python file imports."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("path", sorted((REPO / "web").rglob("*.py")), ids=lambda p: p.name)
def test_the_web_app_imports_only_the_public_api(path):
    private = {
        name
        for name in _imports(path)
        if name.split(".")[0] == "docgen"
        and name not in PUBLIC
        and not name.startswith("docgen.web")
    }
    assert private == set(), f"{path.name} reaches past the public API: {sorted(private)}"


def test_the_public_api_lists_what_the_shells_need():
    for name in ("Docgen", "Settings", "GenerationResult", "OverlaySource", "run_batch"):
        assert name in docgen.__all__


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Return the wheel built from the checkout (no dependencies, no build isolation)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(out), str(REPO)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    (found,) = out.glob("docgen-*.whl")
    return found


def test_the_wheel_installs_docgen_web_and_the_shipped_library_but_no_bare_web(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if n.startswith("web/")]
    assert "docgen/web/__init__.py" in names
    assert "docgen/_shipped/templates/packages/lenobl-mms.yaml" in names
    assert "docgen/_shipped/variables/leningrad/kirovsky.yaml" in names
    assert "docgen/_shipped/variables/_acts.yaml" in names
    assert "docgen/web/templates/base.html" in names
    assert "docgen/checks/profiles.yaml" in names
    shipped = {p.relative_to(REPO / "templates_docx").as_posix()
               for p in (REPO / "templates_docx").glob("*.docx")}  # fmt: skip
    assert {f"docgen/_shipped/templates/{n}" for n in shipped} <= set(names)


def test_the_installed_wheel_generates_from_another_directory(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site),
         str(wheel)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCGEN_")}
    env["PYTHONPATH"] = str(site)
    where = subprocess.run(
        [sys.executable, "-c", "import docgen, docgen.settings as s; "
         "print(docgen.__file__); print(s.Settings().templates_dir)"],
        cwd=elsewhere, env=env, check=True, capture_output=True, text=True,
    ).stdout.splitlines()  # fmt: skip
    assert where[0].startswith(str(site)), where
    assert where[1].startswith(str(site / "docgen" / "_shipped")), where
    done = subprocess.run(
        [sys.executable, "-m", "docgen", "generate", "lenobl-mms", "leningrad/kirovsky",
         "-o", "x.docx"],
        cwd=elsewhere, env={**env, "DOCGEN_RUN_CHECKS": "0"}, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (elsewhere / "x.docx").read_bytes().startswith(b"PK")
