"""Commented YAML for people: the files ``docgen new …`` writes, keys with their labels.

A :class:`YamlText` collects dotted keys (``region.name``) with a value, a comment above
and whether the line is commented out, and writes them as nested YAML in the order
given: what a template editor opens in a text editor and fills in.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any

import yaml

from .schema import UNKNOWN

WIDTH = 96


def scalar(value: Any) -> str:
    """Return `value` as one line of YAML («!unknown», «"233"», «[leningrad]», «Кировск»)."""
    if value is UNKNOWN:
        return "!unknown"
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def comment(text: str, indent: str = "", width: int = WIDTH) -> list[str]:
    """Return `text` as «# …» lines wrapped to `width`; an empty line stays «#»."""
    lines = []
    for paragraph in text.splitlines() or [""]:
        wrapped = textwrap.wrap(
            paragraph,
            width=max(20, width - len(indent) - 2),
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines += [f"{indent}# {w}" if w else f"{indent}#" for w in wrapped or [""]]
    return lines


@dataclass
class _Entry:
    value: Any
    note: str
    commented: bool
    #: raw YAML lines for the value (a block), instead of `value`
    block: tuple[str, ...] = ()


@dataclass
class YamlText:
    """Nested YAML built from dotted keys, each with a comment; `header` opens the file."""

    header: str = ""
    _tree: dict[str, Any] = field(default_factory=dict)

    def add(
        self,
        path: str,
        value: Any = None,
        note: str = "",
        *,
        commented: bool = False,
        block: tuple[str, ...] = (),
    ) -> None:
        """Add key `path` with `value` (or the YAML lines `block`) and the comment `note`."""
        *groups, leaf = path.split(".")
        node = self._tree
        for group in groups:
            node = node.setdefault(group, {})
        node[leaf] = _Entry(value, note, commented, block)

    def text(self) -> str:
        """Return the whole file."""
        lines = comment(self.header) if self.header else []
        self._emit(self._tree, "", lines)
        return "\n".join(lines) + "\n"

    def _emit(self, tree: dict[str, Any], indent: str, lines: list[str]) -> None:
        for key, node in tree.items():
            if isinstance(node, dict):
                live = _has_live(node)
                lines.append(f"{indent}{key}:" if live else f"{indent}# {key}:")
                self._emit(node, indent + "  ", lines)
                continue
            if node.note:
                lines += comment(node.note, indent)
            mark = "# " if node.commented else ""
            if node.block:
                lines.append(f"{indent}{mark}{key}:")
                lines += [f"{indent}{mark}  {b}" for b in node.block]
            elif node.commented and node.value is None:
                lines.append(f"{indent}# {key}:")
            else:
                lines.append(f"{indent}{mark}{key}: {scalar(node.value)}")


def _has_live(tree: dict[str, Any]) -> bool:
    """Return True when some key below `tree` is not commented out."""
    return any(
        _has_live(node) if isinstance(node, dict) else not node.commented for node in tree.values()
    )
