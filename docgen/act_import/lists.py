"""Lists read back from the act: the paragraphs and table rows a template repeats per item.

For each list field the package prints, in the order its templates name them:

1. the package is rendered with one probe item per variant (:mod:`.shapes`): the units
   showing the probe's placeholders are the item's pattern (:mod:`.blocks`); the units
   of a nested list become a slot where that list is read in turn;
2. the list starts in the act after the last paragraph before the probe that the act has
   too (the alignment of the probe rendering with the act); items are read while they
   match — where several variants match an item, the one with the most fixed text, then
   the fewest fields present, wins;
3. the list is kept only when the package rendered with it is closer to the act.

A number the template only uses to look something up (``indicators.rows[m.indicator -
1]``) cannot be printed as unknown: it is tried as 1, 2, … up to the first the set refuses.
A list the set checks against another (one figure per year) is probed with as many
entries as it takes. Nothing is guessed: a list that cannot be read stays as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import DocgenError
from ..placeholders import PREFIX
from ..redline.diff import align
from ..schema import UNKNOWN
from . import blocks
from .deviation import words_off
from .rendered import render
from .requisites import Found
from .shapes import ABSENT, Shape, probe, shape, variants
from .source import Line, plain

#: How far a looked-up number is tried, and how many entries a probe list may need.
MAX_NUMBER = 20
MAX_ENTRIES = 12


@dataclass(frozen=True)
class ItemPattern:
    """One variant of an item: its `fixed` values (chosen, not read), the `parts` it shows
    — a unit's cell patterns, or the shape of a nested list read there — and how specific
    it is (`literal` characters of fixed text, `present` fields given)."""

    fixed: dict[str, Any]
    parts: tuple
    literal: int
    present: int


def readable(schema, paths: list[str]) -> list[Shape]:
    """Return the shapes of the lists among `paths` (in their order) that can be read:
    lists of items or of scalars, not the act's own lists (read from its clauses)."""
    out = []
    for path in dict.fromkeys(paths):
        spec = schema.fields.get(path)
        if spec is None or spec.type != "list" or "[]" in path or path.startswith("act."):
            continue
        found = shape(schema, path)
        if found is not None:
            out.append(found)
    return out


def read(dg, lines: list[Line], package_id: str, model_id: str, shapes, result, base) -> None:
    """Add to `result` each list of `shapes` read from the act `lines`; `base` are the
    overrides the package is rendered with besides the values found.

    A round reads every list still pending, each with the lists read before it in the
    round: a list may show only beside another (the years of a table appear once it has
    rows), so a list whose probe shows nothing is probed again with the pending ones
    probed too. What a round read is kept when the package rendered with all of it is
    closer to the act; otherwise each list is kept on its own merit.
    """
    pending = [s for s in shapes if s.path not in result.values]
    if not pending:
        return
    current = {**result.overrides(), **base}
    score = words_off(lines, render(dg, package_id, model_id, current))
    while pending and score:
        tentative = dict(current)
        found: dict[str, tuple[Any, Line]] = {}
        for top in pending:
            others = {
                s.path: probe(s, {}, {}) for s in pending if s is not top and s.path not in found
            }
            for extra in ({}, others) if others else ({},):
                got = _Reader(dg, lines, package_id, model_id, top, {**tentative, **extra}).read()
                if got is not None:
                    found[top.path] = got
                    tentative[top.path] = got[0]
                    break
        accepted = _accept(dg, lines, package_id, model_id, current, score, found)
        if not accepted:
            return
        for path in accepted:
            current[path] = found[path][0]
            result.values[path] = Found(*found[path])
        score = words_off(lines, render(dg, package_id, model_id, current))
        pending = [s for s in pending if s.path not in accepted]


def _accept(dg, lines, package_id, model_id, current, score, found) -> list[str]:
    """Return the lists of `found` to keep: all when together they bring the rendering
    closer to the act, else each one that does on its own."""

    def closer(values: dict) -> bool:
        try:
            rendered = render(dg, package_id, model_id, {**current, **values})
        except DocgenError:
            return False
        return words_off(lines, rendered) < score

    if found and closer({p: v for p, (v, _) in found.items()}):
        return list(found)
    return [p for p, (v, _) in found.items() if closer({p: v})]


class _Reader:
    """Reads list `top` from the act, the package rendered with `current` values."""

    def __init__(self, dg, lines, package_id, model_id, top: Shape, current) -> None:
        self.dg, self.lines, self.top = dg, lines, top
        self.package_id, self.model_id, self.current = package_id, model_id, current
        self.act = blocks.units(lines)
        self.counts: dict[str, int] = {}
        self.grammar: dict[str, list[ItemPattern]] = {}
        self.rendered: dict[str, list[Line] | None] = {}

    def render(self, chosen: dict[str, dict]) -> list[Line] | None:
        """Return the package rendered with the probe list `chosen` makes, None when the
        set refuses it or a template cannot compute with it."""
        value = probe(self.top, chosen, self.counts)
        key = repr(value)
        if key not in self.rendered:
            overrides = {**self.current, self.top.path: value}
            try:
                self.rendered[key] = render(self.dg, self.package_id, self.model_id, overrides)
            except DocgenError:
                self.rendered[key] = None
        return self.rendered[key]

    def read(self) -> tuple[Any, Line] | None:
        """Return the list's value and the act's paragraph it starts at, or None."""
        default = self._default()
        span = _span(blocks.units(default), self.top.all_labels()) if default else None
        if span is None:
            # -- the probe does not show (the table needs rows of another list first) --
            return None
        for level in _levels(self.top):
            self.grammar[level.path] = self._patterns(level)
        if not self.grammar[self.top.path]:
            return None
        for start in _starts(default, span, self.lines, self.act):
            items, _ = self._items(self.top, start)
            if items:
                return items, self.act[start].lines[0]
        return None

    def _default(self) -> list[Line] | None:
        """Return the plainest probe rendering, finding how many entries lists of scalars
        need to render (the same count for all)."""
        subs = [s.path for s in _levels(self.top, scalars=True) if s.scalar and s is not self.top]
        for count in range(1, MAX_ENTRIES + 1 if subs else 2):
            self.counts = dict.fromkeys(subs, count)
            rendering = self.render({})
            if rendering is not None:
                return rendering
        return None

    def _patterns(self, level: Shape) -> list[ItemPattern]:
        """Return the item patterns of `level`, the most specific first."""
        out: dict[tuple, ItemPattern] = {}
        for variant in self._renderable(level):
            rendering = self.render({level.path: variant})
            made = _item_pattern(level, variant, blocks.units(rendering)) if rendering else None
            if made is None:
                continue
            key = tuple(
                tuple(c.regex.pattern for c in p) if isinstance(p, list) else p.path
                for p in made.parts
            ) + (tuple(sorted(made.fixed.items(), key=str)),)
            if key not in out or made.present < out[key].present:
                out[key] = made
        return sorted(out.values(), key=lambda p: (-p.literal, p.present))

    def _renderable(self, level: Shape) -> list[dict]:
        """Return the variants of `level` that render; an unknown whole number that breaks
        the rendering is tried as 1, 2, … instead."""
        out = []
        numbers = [level.name(f) for f in level.fields if f.type == "int"]
        for variant in variants(level):
            if self.render({level.path: variant}) is not None:
                out.append(variant)
                continue
            for key in (k for k in numbers if variant.get(k) is UNKNOWN):
                for n in range(1, MAX_NUMBER + 1):
                    tried = {**variant, key: n}
                    if self.render({level.path: tried}) is None:
                        break
                    out.append(tried)
        return out

    def _items(self, level: Shape, at: int) -> tuple[list, int]:
        """Return the items of `level` read from act unit `at` on, and the unit after them."""
        items: list = []
        while at < len(self.act):
            found = self._item(level, at)
            if found is None:
                break
            item, at = found
            if level.scalar is not None:
                items += item[""] if isinstance(item[""], list) else [item[""]]
            else:
                items.append(item)
        return items, at

    def _item(self, level: Shape, at: int) -> tuple[dict, int] | None:
        for pattern in self.grammar[level.path]:
            values, here = dict(pattern.fixed), at
            for part in pattern.parts:
                if isinstance(part, Shape):
                    nested, here = self._items(part, here)
                    if not nested:
                        break
                    values[part.key] = nested
                    continue
                caught = blocks.match_unit(part, self.act[here]) if here < len(self.act) else None
                if caught is None:
                    break
                values.update(caught)
                here += 1
            else:
                return values, here
        return None


def _levels(top: Shape, *, scalars: bool = False) -> list[Shape]:
    """Return `top` and every list its items hold (lists of scalars only with `scalars`)."""
    out = [top]
    for sub in top.lists:
        if sub.scalar is None or scalars:
            out += _levels(sub, scalars=scalars)
    return out


def _shows(unit: blocks.Unit, labels: set[str]) -> bool:
    """Return True when a paragraph of `unit` holds the placeholder of one of `labels`."""
    shown = {f"[{PREFIX}{label}]" for label in labels}
    return any(p in plain(line.text) for line in unit.lines for p in shown)


def _span(units: list[blocks.Unit], labels: set[str]) -> tuple[int, int] | None:
    """Return the first run of `units` showing any of `labels`: (first, after last)."""
    first = next((i for i, u in enumerate(units) if _shows(u, labels)), None)
    if first is None:
        return None
    end = first
    while end < len(units) and _shows(units[end], labels):
        end += 1
    return first, end


def _item_pattern(level: Shape, variant: dict, units: list[blocks.Unit]) -> ItemPattern | None:
    """Return the pattern of the probe item of `level` shown in `units` (one rendering)."""
    span = _span(units, level.all_labels())
    if span is None:
        return None
    if level.scalar is not None:
        own = repeats = level.labels()
    else:
        own, repeats = level.labels(), level.repeats()
    parts: list = []
    literal = 0
    at, end = span
    while at < end:
        sub = next((s for s in level.nested() if _shows(units[at], s.all_labels())), None)
        if sub is not None:
            while at < end and _shows(units[at], sub.all_labels()):
                at += 1
            parts.append(sub)
            continue
        cells = [blocks.cell(line.text, own, repeats) for line in units[at].lines]
        if any(c is None for c in cells):
            return None
        # -- a column loop's cells are one repeating cell --
        merged = [
            c
            for n, c in enumerate(cells)
            if not (n and c.repeat and c.repeat == cells[n - 1].repeat)
        ]
        parts.append(merged)
        literal += sum(c.literal for c in merged)
        at += 1
    fixed = {k: v for k, v in variant.items() if v is not UNKNOWN and v is not ABSENT and k}
    present = sum(1 for v in variant.values() if v is not ABSENT)
    return ItemPattern(fixed, tuple(parts), literal, present)


def _starts(rendering: list[Line], span: tuple[int, int], lines: list[Line], act) -> list[int]:
    """Return the act units where the list may start, the likeliest first: after the act's
    paragraph equal to the last one before the probe that has an equal in the act."""
    probe_units = blocks.units(rendering)
    first_line = sum(len(u.lines) for u in probe_units[: span[0]])
    texts = [line.text for line in rendering]
    pairs = align(texts, [line.text for line in lines])
    anchor = None
    for i, j in pairs:
        if (
            i is not None
            and j is not None
            and i < first_line
            and plain(texts[i]) == plain(lines[j].text)
        ):
            anchor = (i, j)
    unit_of = [n for n, u in enumerate(act) for _ in u.lines]
    probe_unit_of = [n for n, u in enumerate(probe_units) for _ in u.lines]
    if anchor is None:
        start = 0
    else:
        i, j = anchor
        start = unit_of[j] + 1 + (span[0] - probe_unit_of[i] - 1)
    order = [start, start + 1, start + 2, start - 1, start + 3]
    return [s for s in dict.fromkeys(order) if 0 <= s < len(act)]
