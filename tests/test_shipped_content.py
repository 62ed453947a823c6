"""Shipped content: every document renders for every matching set; docs and API are complete."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

import docgen
from docgen.errors import MissingValuesError
from docgen.settings import Settings, describe

from paths import REPO
from shipped import documents_and_sets, generate

SETTINGS = Settings(run_checks=False)


@pytest.mark.parametrize(("document_id", "set_id"), documents_and_sets(SETTINGS))
def test_every_document_renders_for_every_matching_set(document_id, set_id):
    result = generate(document_id, set_id, draft=True, settings=SETTINGS)
    with zipfile.ZipFile(io.BytesIO(result.docx)) as zf:
        document = zf.read("word/document.xml")
    etree.fromstring(document)
    text = document.decode("utf-8")
    assert "{{" not in text and "{%" not in text and "\ue000" not in text
    if not result.missing:
        assert generate(document_id, set_id, settings=SETTINGS).docx
    else:
        with pytest.raises(MissingValuesError):
            generate(document_id, set_id, settings=SETTINGS)


def test_every_setting_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, _default, help_text in describe():
        assert f"`{name}`" in readme and help_text in readme, name


def test_public_api_is_exactly_all():
    public = sorted(
        n
        for n in vars(docgen)
        if not n.startswith("_")
        and n not in {"annotations", "Path"}
        and not isinstance(getattr(docgen, n), type(docgen))
    )
    assert sorted(docgen.__all__) == public


def test_readme_lists_every_check_rule():
    from docgen.checks import rules_markdown

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert rules_markdown() in readme
