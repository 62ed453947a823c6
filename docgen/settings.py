"""Settings: declared fields with defaults and help, overridable from ``DOCGEN_*`` variables.

The shipped template library and variable sets are found without configuration: beside
the package in a source checkout (``templates_docx/``, ``variables/``), inside it in an
installed wheel (``docgen/_shipped/``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .errors import SettingsError

_PACKAGE = Path(__file__).resolve().parent
#: folder name in a checkout → folder name inside an installed package
SHIPPED = {"templates_docx": "templates", "variables": "variables"}
PROFILES = ("gost2025", "gost2016")
PAGE_NUMBERING = ("separate", "continuous")


def shipped_dir(name: str) -> Path:
    """Return the shipped folder `name` («templates_docx» or «variables»).

    An installed wheel carries it as ``docgen/_shipped/<folder>``; a source checkout
    (editable install) has it beside the package.
    """
    installed = _PACKAGE / "_shipped" / SHIPPED[name]
    return installed if installed.is_dir() else _PACKAGE.parent / name


def _setting(default, help: str):  # noqa: A002 - mirrors Datasette's Setting(name, default, help)
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """Where docgen finds its data and how it formats output.

    Every field can be set by the environment variable ``DOCGEN_<FIELD>`` (upper case),
    e.g. ``DOCGEN_VARIABLES_DIR=/srv/vars``; only ``Settings.from_env()`` reads them.
    """

    templates_dir: Path = _setting(
        shipped_dir("templates_docx"), "каталог шаблонов .docx и их метаданных"
    )
    variables_dir: Path = _setting(
        shipped_dir("variables"), "каталог наборов переменных и реестра актов (YAML)"
    )
    gost_profile: str = _setting(
        "gost2025", "профиль проверки ГОСТ Р 7.0.97: gost2025 или gost2016"
    )
    page_numbering: str = _setting(
        "separate",
        "нумерация страниц приложений: separate (с 1 в каждом приложении) "
        "или continuous (сквозная)",
    )
    run_checks: bool = _setting(True, "проверять каждый сформированный документ (docgen check)")

    def __post_init__(self) -> None:
        if self.gost_profile not in PROFILES:
            raise SettingsError(
                f"профиль «{self.gost_profile}» неизвестен; допустимы: {', '.join(PROFILES)}",
                "gost_profile",
            )
        if self.page_numbering not in PAGE_NUMBERING:
            raise SettingsError(
                f"«{self.page_numbering}»: допустимы {', '.join(PAGE_NUMBERING)}",
                "page_numbering",
            )

    @classmethod
    def from_env(cls, prefix: str = "DOCGEN", environ: Mapping[str, str] | None = None) -> Settings:
        """Return defaults overridden by ``<prefix>_<FIELD>`` environment variables."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            name = f"{prefix}_{f.name.upper()}"
            raw = environ.get(name)
            if raw is not None:
                values[f.name] = _coerce(name, f.type, raw)
        return replace(cls(), **values)

    def with_overrides(self, **changes) -> Settings:
        """Return a copy with `changes` applied (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(name: str, type_name: str, raw: str):
    if "Path" in str(type_name):
        return Path(raw)
    if "bool" in str(type_name):
        if raw.lower() in ("1", "true", "yes", "да"):
            return True
        if raw.lower() in ("0", "false", "no", "нет"):
            return False
        raise SettingsError(f"ожидается да/нет (1/0), получено «{raw}»", name)
    return raw


def describe() -> list[tuple[str, str, str]]:
    """Return (name, default, help) for every setting, for README and ``docgen list``."""
    defaults = Settings()
    out = []
    for f in fields(Settings):
        value = getattr(defaults, f.name)
        if isinstance(value, Path):
            value = value.name
        out.append((f.name, str(value), f.metadata["help"]))
    return out
