"""Shared fixtures: the shipped settings, tiny variable trees and one-paragraph templates."""

from __future__ import annotations

import io
import shutil
import textwrap
from pathlib import Path

import docx
import pytest

from docgen import Settings
from docgen.docxbuild import build_docx

from paths import REPO


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Return the settings of the shipped templates and variable sets."""
    return Settings(
        templates_dir=REPO / "templates_docx", variables_dir=REPO / "variables", run_checks=False
    )


@pytest.fixture
def var_tree(tmp_path):
    """Return a writer of variable-set files in a temporary tree with the shipped schema."""
    root = tmp_path / "variables"
    root.mkdir()
    shutil.copy(REPO / "variables" / "_schema.yaml", root / "_schema.yaml")

    def write(relpath: str, text: str) -> Path:
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    write.root = root
    return write


@pytest.fixture
def tmp_settings(tmp_path, settings):
    """Return settings whose templates dir is a temporary copy (safe to add templates)."""
    templates = tmp_path / "templates_docx"
    shutil.copytree(settings.templates_dir, templates)
    return Settings(templates_dir=templates, variables_dir=settings.variables_dir, run_checks=False)


@pytest.fixture
def make_template(tmp_settings):
    """Return a builder of a tiny appendix-less template from markup lines."""

    def make(
        template_id: str, *lines: str, kind: str = "cover", variables: tuple[str, ...] = ()
    ) -> str:
        d = tmp_settings.templates_dir
        build_docx("\n".join(lines), d / f"{template_id}.docx")
        (d / f"{template_id}.yaml").write_text(
            f"id: {template_id}\ntitle: Тест\nkind: {kind}\nregions: [leningrad]\n"
            f"variables: [{', '.join(variables)}]\n",
            encoding="utf-8",
        )
        return template_id

    return make


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


@pytest.fixture
def paragraphs():
    """Return a function giving the texts of all body paragraphs of .docx bytes."""
    return _paragraphs
