"""The imported values as a variable-set YAML file, each with the paragraph it came from.

::

    authority:
      # приложение, абзац 19: «распоряжением комитета образования администрации …»
      name: комитет образования администрации Кировского муниципального района …
    act:
      # не найдено в акте
      date: !unknown
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from ..schema import UNKNOWN, Unknown

_QUOTE = 90


class _Dumper(yaml.SafeDumper):
    """Safe dumper that writes an unknown value inside a list item as ``!unknown``."""

    def ignore_aliases(self, data) -> bool:
        # -- the one UNKNOWN in several items is written each time, not as «*id001» --
        return True

    def choose_scalar_style(self):
        # -- the tag alone, as the sets write it (not «!unknown ''») --
        if self.event.tag == "!unknown":
            return ""
        return super().choose_scalar_style()


_Dumper.add_representer(Unknown, lambda dumper, _: dumper.represent_scalar("!unknown", ""))


@dataclass(frozen=True)
class Entry:
    """A value to write at dotted `path` and the comment that says where it came from."""

    path: str
    value: Any
    comment: str


def dump(entries: list[Entry], header: list[str]) -> str:
    """Return the YAML text of `entries` (grouped by their top key) under `header` comments."""
    out = [f"# {line}" for line in header]
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.path.split(".")[0], []).append(entry)
    for top, items in groups.items():
        out.append(f"{top}:")
        for entry in items:
            key = entry.path.split(".", 1)[1]
            out.append(f"  # {entry.comment}")
            out += ["  " + line for line in _value_lines(key, entry.value)]
    return "\n".join(out) + "\n"


def _value_lines(key: str, value: Any) -> list[str]:
    if value is UNKNOWN:
        return [f"{key}: !unknown"]
    nested: Any = value
    for part in reversed(key.split(".")):
        nested = {part: nested}
    text = yaml.dump(
        _plain(nested),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=4096,
        default_flow_style=False,
    )
    return text.rstrip("\n").split("\n")


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def quote(where: str, text: str) -> str:
    """Return the comment «<where>: «<text>»» with `text` cut to fit one line."""
    text = text if len(text) <= _QUOTE else text[: _QUOTE - 1] + "…"
    return f"{where}: «{text}»"
