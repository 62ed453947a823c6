"""What one list item looks like in a probe rendering, and matching it against the act.

The act's paragraphs come in *units*: a paragraph, or the cells of one table row (a row
is one item of a ``{%tr for %}`` loop). A unit of a probe item becomes a pattern per
paragraph or cell (:func:`cell`): its literal text, a group for each placeholder of a
field being read, any text for other placeholders. A cell holding nothing but the
placeholder of a list of scalars («[не заполнено: Значение]», a ``{%tc for %}`` column)
stands for one or more cells in a row of the act. A clause number at the start («5.1.»,
«1.2.») counts items and may be any number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..placeholders import PREFIX
from . import typed
from .slots import literal_pattern
from .source import Line, plain

_PLACEHOLDER_RE = re.compile(r"\[" + re.escape(PREFIX) + r"[^\]]*\]")
_NUMBER_RE = re.compile(r"^\d+(?:\.\d+)*\.?(?=\s|$)")


@dataclass(frozen=True)
class Unit:
    """A paragraph of the act, or the non-empty cells of one table row (`lines`)."""

    lines: tuple[Line, ...]


def units(lines: list[Line]) -> list[Unit]:
    """Return `lines` grouped into units: consecutive cells of one table row make one."""
    out: list[list[Line]] = []
    for line in lines:
        row = line.cell[:2] if line.cell else None
        if out and row is not None and out[-1][-1].cell and out[-1][-1].cell[:2] == row:
            out[-1].append(line)
        else:
            out.append([line])
    return [Unit(tuple(group)) for group in out]


@dataclass(frozen=True)
class Cell:
    """The pattern of one paragraph or cell: `groups` are (key, type, label) of what it
    captures, in order; `repeat` the key of the list of scalars it stands for (one or more
    cells); `literal` how many characters of it are fixed text."""

    regex: re.Pattern
    groups: tuple[tuple[str, str, str], ...]
    repeat: str | None
    literal: int


def cell(
    text: str,
    fields: dict[str, tuple[str, str]],
    repeats: dict[str, tuple[str, str]] | None = None,
) -> Cell | None:
    """Return the pattern of probe paragraph `text`; None when two free-text fields stand
    side by side (their boundary cannot be told).

    `fields` maps the label of each field read here to (key, type); `repeats` the label of
    a list of scalars whose items stand in cells of their own.
    """
    text = plain(text)
    whole = _PLACEHOLDER_RE.fullmatch(text)
    label = whole.group(0)[len(PREFIX) + 1 : -1] if whole else None
    if repeats and label in repeats:
        key, kind = repeats[label]
        regex = re.compile(_group(kind))
        return Cell(regex, ((key, kind, label),), key, 0)
    pieces: list[str] = []
    groups: list[tuple[str, str, str]] = []
    number = _NUMBER_RE.match(text)
    if number:
        pieces.append(r"\d+(?:\.\d+)*\.?\s*")
        text = text[number.end() :].lstrip()
    at, literal, previous_free = 0, 0, False
    for token in _PLACEHOLDER_RE.finditer(text):
        between = text[at : token.start()]
        label = token.group(0)[len(PREFIX) + 1 : -1]
        free = label not in fields or typed.group(fields[label][1]) is None
        if previous_free and free and not between.strip():
            return None
        pieces.append(literal_pattern(between))
        literal += len(between.strip())
        if label in fields:
            key, kind = fields[label]
            groups.append((key, kind, label))
            pieces.append(_group(kind))
        else:
            pieces.append(r"\s*(?:.+?)\s*")
        previous_free = free
        at = token.end()
    tail = text[at:]
    pieces.append(literal_pattern(tail))
    literal += len(tail.strip())
    return Cell(re.compile("".join(pieces), re.S), tuple(groups), None, literal)


def _group(kind: str) -> str:
    restricted = typed.group(kind)
    return rf"\s*({restricted})\s*" if restricted else r"\s*(.+?)\s*"


def match_unit(cells: list[Cell], unit: Unit) -> dict[str, Any] | None:
    """Return the values the paragraph or row `unit` gives for `cells`, or None when it
    does not match them (a repeating cell takes one or more cells of the row)."""
    texts = [plain(line.text) for line in unit.lines]
    return _match(cells, texts, {})


def _match(cells: list[Cell], texts: list[str], values: dict) -> dict | None:
    if not cells:
        return values if not texts else None
    first, rest = cells[0], cells[1:]
    if first.repeat is None:
        if not texts:
            return None
        found = _read(first, texts[0])
        return None if found is None else _match(rest, texts[1:], {**values, **found})
    # -- a repeating cell: as many cells as leave the rest of the row matching --
    items: list[Any] = []
    for n, text in enumerate(texts):
        found = _read(first, text)
        if found is None:
            break
        items.append(found[first.repeat])
        done = _match(rest, texts[n + 1 :], {**values, first.repeat: list(items)})
        if done is not None:
            return done
    return None


def _read(pattern: Cell, text: str) -> dict[str, Any] | None:
    match = pattern.regex.fullmatch(text)
    if match is None:
        return None
    out: dict[str, Any] = {}
    for (key, kind, label), captured in zip(pattern.groups, match.groups(), strict=True):
        ok, value = typed.value(kind, captured, label)
        if not ok:
            return None
        out[key] = value
    return out
