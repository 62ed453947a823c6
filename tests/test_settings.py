"""Settings: defaults that find the shipped library, ``DOCGEN_*`` overrides, Russian errors."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from docgen import Settings, SettingsError
from docgen.settings import describe

from paths import TEMPLATES, VARIABLES


def test_defaults_point_to_the_shipped_folders():
    settings = Settings()
    assert settings.templates_dir.resolve() == TEMPLATES.resolve()
    assert settings.variables_dir.resolve() == VARIABLES.resolve()
    assert (settings.gost_profile, settings.page_numbering, settings.run_checks) == (
        "gost2025",
        "separate",
        True,
    )


def test_the_environment_overrides_each_field():
    environ = {
        "DOCGEN_TEMPLATES_DIR": "/srv/templates",
        "DOCGEN_VARIABLES_DIR": "/srv/vars",
        "DOCGEN_GOST_PROFILE": "gost2016",
        "DOCGEN_PAGE_NUMBERING": "continuous",
        "DOCGEN_RUN_CHECKS": "нет",
    }
    settings = Settings.from_env(environ=environ)
    assert settings.templates_dir == Path("/srv/templates")
    assert settings.variables_dir == Path("/srv/vars")
    assert (settings.gost_profile, settings.page_numbering) == ("gost2016", "continuous")
    assert settings.run_checks is False


def test_without_variables_the_defaults_stay_and_a_prefix_may_be_chosen():
    assert Settings.from_env(environ={}) == Settings()
    settings = Settings.from_env("MYAPP", {"MYAPP_RUN_CHECKS": "0", "DOCGEN_RUN_CHECKS": "1"})
    assert settings.run_checks is False


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("Yes", True), ("да", True), ("0", False), ("FALSE", False)],
)
def test_a_bool_setting_takes_yes_and_no_words(raw, expected):
    assert Settings.from_env(environ={"DOCGEN_RUN_CHECKS": raw}).run_checks is expected


@pytest.mark.parametrize(
    ("name", "raw", "where", "message"),
    [
        ("DOCGEN_RUN_CHECKS", "может быть", "DOCGEN_RUN_CHECKS", "ожидается да/нет (1/0)"),
        ("DOCGEN_GOST_PROFILE", "gost1999", "gost_profile", "профиль «gost1999» неизвестен"),
        ("DOCGEN_PAGE_NUMBERING", "roman", "page_numbering", "«roman»: допустимы separate"),
    ],
)
def test_a_bad_value_is_refused_in_russian_naming_the_setting(name, raw, where, message):
    with pytest.raises(SettingsError) as info:
        Settings.from_env(environ={name: raw})
    assert info.value.location == where
    assert info.value.message.startswith(message)


def test_with_overrides_ignores_none():
    settings = Settings().with_overrides(gost_profile="gost2016", page_numbering=None)
    assert (settings.gost_profile, settings.page_numbering) == ("gost2016", "separate")
    with pytest.raises(SettingsError):
        Settings().with_overrides(page_numbering="both")


def test_describe_lists_every_setting_with_its_default_and_russian_help():
    described = describe()
    assert [name for name, _, _ in described] == [f.name for f in fields(Settings)]
    table = {name: (default, help_text) for name, default, help_text in described}
    assert table["templates_dir"][0] == "templates_docx"
    assert table["page_numbering"][0] == "separate"
    assert "continuous" in table["page_numbering"][1]
    assert all(any("а" <= ch <= "я" for ch in help_text) for _, help_text in table.values())
