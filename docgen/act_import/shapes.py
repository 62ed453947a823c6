"""The items of a list field as the schema declares them, and the probe items that show them.

A list holds scalars (``indicators.years[]: year``) or items with fields of their own
(``kyzyl.staff[].position``, ``kyzyl.staff[].units``), and an item may hold lists again
(``roadmap.groups[].measures[]``, ``indicators.rows[].figures[]``). To see where a
template prints each field, the list is rendered with *probe* items: every field that is
read back from the text is unknown — the template prints «[не заполнено: <label>]» there —
and every field whose value the text only shows by its effect (yes/no, a choice) is given
each of its values in turn. An optional field is also left out: each combination is a
*variant* of the item, rendered on its own.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from ..schema import UNKNOWN, FieldSpec, Schema
from .typed import TYPED

#: Field types read back from the printed text (see :mod:`.typed`).
READ = ("text", "phrase", "person", *TYPED)
#: Field types chosen among their values by rendering.
CHOSEN = ("bool", "choice")
#: A variant leaves a field out with this marker.
ABSENT = object()
#: More combinations than this: only all optional fields present, and all absent.
MAX_VARIANTS = 32


@dataclass(frozen=True)
class Shape:
    """The items of the list field at schema path `path` (``a.b`` or ``a.b[].c``), `key`
    being its name in the item that holds it.

    A list of scalars has `scalar` (the item's spec); a list of items has `fields` (their
    scalar fields) and `lists` (their list fields, shapes again).
    """

    path: str
    key: str
    scalar: FieldSpec | None = None
    fields: tuple[FieldSpec, ...] = ()
    lists: tuple[Shape, ...] = ()

    def name(self, spec: FieldSpec) -> str:
        """Return the key of field `spec` in an item."""
        return spec.path[len(self.path) + 3 :]

    def labels(self) -> dict[str, tuple[str, str]]:
        """Return label → (key, type) of what this level prints itself: its scalar fields
        (the scalar item of a list of scalars under the key «»)."""
        if self.scalar is not None:
            return {self.scalar.label: ("", self.scalar.type)}
        return {f.label: (self.name(f), f.type) for f in self.fields}

    def repeats(self) -> dict[str, tuple[str, str]]:
        """Return label → (key, type) of the lists of scalars an item holds."""
        return {s.scalar.label: (s.key, s.scalar.type) for s in self.lists if s.scalar}

    def nested(self) -> tuple[Shape, ...]:
        """Return the lists of items an item holds."""
        return tuple(s for s in self.lists if s.scalar is None)

    def all_labels(self) -> set[str]:
        """Return every label this list's items print, nested lists included."""
        out = set(self.labels()) | set(self.repeats())
        for sub in self.nested():
            out |= sub.all_labels()
        return out


def shape(schema: Schema, path: str, key: str | None = None) -> Shape | None:
    """Return the shape of list field `path`, or None when its items cannot be read back
    (an item field of a type not read nor chosen, a registry act, for instance)."""
    scalar = schema.fields.get(path + "[]")
    key = path if key is None else key
    if scalar is not None:
        return Shape(path, key, scalar=scalar) if scalar.type in READ else None
    fields, lists = [], []
    for spec in schema.children(path + "[]"):
        if spec.path.endswith("[]"):
            continue
        if spec.type == "list":
            sub = shape(schema, spec.path, spec.path.rsplit(".", 1)[1])
            if sub is None:
                return None
            lists.append(sub)
        elif spec.type in READ or spec.type in CHOSEN:
            fields.append(spec)
        else:
            return None
    if not fields and not lists:
        return None
    return Shape(path, key, fields=tuple(fields), lists=tuple(lists))


def variants(level: Shape) -> list[dict[str, Any]]:
    """Return the variants of an item of `level`: its scalar fields' probe values (ABSENT
    for a field left out), the plainest first — optional fields absent."""
    if level.scalar is not None:
        return [{"": UNKNOWN}]
    options = []
    for spec in level.fields:
        if spec.type in CHOSEN:
            values: list[Any] = [True, False] if spec.type == "bool" else list(spec.choices)
        else:
            values = [UNKNOWN]
        options.append(values if spec.required else [ABSENT, *values])
    combinations = list(itertools.product(*options))
    if len(combinations) > MAX_VARIANTS:
        combinations = [tuple(o[0] for o in options), tuple(o[-1] for o in options)]
    return [
        {level.name(spec): value for spec, value in zip(level.fields, combo, strict=True)}
        for combo in combinations
    ]


def probe(level: Shape, chosen: dict[str, dict[str, Any]], counts: dict[str, int]) -> list:
    """Return the probe value of list `level`: one item, in the variant `chosen` gives for
    its path (default: the plainest), holding probe lists; a list of scalars holds
    `counts` unknowns (one by default)."""
    if level.scalar is not None:
        return [UNKNOWN] * counts.get(level.path, 1)
    own = chosen.get(level.path) or variants(level)[0]
    item = {k: v for k, v in own.items() if v is not ABSENT}
    for sub in level.lists:
        item[sub.key] = probe(sub, chosen, counts)
    return [item]
