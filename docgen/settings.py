"""Settings: declared fields with defaults and help, overridable from ``DOCGEN_*`` variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .errors import DocgenError

ROOT = Path(__file__).resolve().parent.parent


def _setting(default, help: str):  # noqa: A002 - mirrors Datasette's Setting(name, default, help)
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """Where docgen finds its data and how it formats output.

    Every field can be set by the environment variable ``DOCGEN_<FIELD>`` (upper case),
    e.g. ``DOCGEN_VARIABLES_DIR=/srv/vars``.
    """

    templates_dir: Path = _setting(
        ROOT / "templates_docx", "каталог шаблонов .docx и их метаданных"
    )
    variables_dir: Path = _setting(ROOT / "variables", "каталог наборов переменных (YAML)")
    output_dir: Path = _setting(Path("out"), "каталог для результатов по умолчанию")
    gost_profile: str = _setting(
        "gost2025", "профиль проверки ГОСТ Р 7.0.97: gost2025 или gost2016"
    )
    page_numbering: str = _setting(
        "separate",
        "нумерация страниц приложений: separate (с 1 в каждом приложении) "
        "или continuous (сквозная)",
    )
    run_checks: bool = _setting(True, "проверять каждый сформированный документ (docgen check)")

    @classmethod
    def from_env(cls, prefix: str = "DOCGEN", environ=None) -> Settings:
        """Return defaults overridden by ``<prefix>_<FIELD>`` environment variables."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            raw = environ.get(f"{prefix}_{f.name.upper()}")
            if raw is None:
                continue
            values[f.name] = _coerce(f.name, f.type, raw)
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
        raise DocgenError(f"ожидается да/нет (1/0), получено «{raw}»", f"DOCGEN_{name.upper()}")
    return raw


def describe() -> list[tuple[str, str, str]]:
    """Return (name, default, help) for every setting, for README and ``docgen list``."""
    defaults = Settings()
    out = []
    for f in fields(Settings):
        value = getattr(defaults, f.name)
        if isinstance(value, Path):
            value = value.relative_to(ROOT) if value.is_absolute() else value
        out.append((f.name, str(value), f.metadata["help"]))
    return out
