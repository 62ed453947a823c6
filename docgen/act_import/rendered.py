"""The steps of an import that render the package: names read by probes, choices compared.

Both render the package for the region's model set with the values found so far
(:func:`render`) and read the result back as the act is read (:func:`.source.read_act`).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping
from typing import Any

from ..errors import DocgenError
from ..redline.diff import align
from ..schema import UNKNOWN
from ..variables import region_of
from . import slots, typed
from .deviation import words_off
from .requisites import Found
from .source import Line, read_act

#: Fields read from the requisites (not probed in the text).
REQUISITE_FIELDS = (
    "authority.parent",
    "authority.blank",
    "act.kind",
    "act.date",
    "act.number",
    "act.place",
    "signer.position",
    "signer.name",
    "signer.gender",
)


def names(dg, lines, package_id, model_id, schema, used, result) -> None:
    """Add to `result` the names, texts, numbers, years and dates the act shows where the
    templates print them."""
    probed = [
        (path, schema.fields[path].type)
        for path in sorted(used)
        if path in schema.fields
        and schema.fields[path].type in ("phrase", "text", *typed.TYPED)
        and "[]" not in path
        and not path.startswith(("region.", "format."))
        and path not in REQUISITE_FIELDS
        and path not in result.values
    ]
    probes = slots.probe_values(probed)
    labels = {
        schema.fields[path].label: (n, kind)
        for n, (path, kind) in enumerate(probed)
        if kind in typed.TYPED
    }
    # -- two renderings: every probed value present, then only the required ones (a
    #    template may print a value only when an optional one is absent: «short or name»);
    #    a field found in the first is taken from the first only --
    required = {p: v for p, v in probes.items() if schema.fields[p].required}
    empty = {p: "" for p, k in probed if p not in required and k not in typed.TYPED}
    numbers = {p for p, k in probed if k in typed.TYPED}
    renderings = []
    for overrides in (probes, {**required, **empty}):
        for probe in _probe_renderings(dg, package_id, model_id, result, overrides, numbers):
            texts = [p.text for p in probe]
            renderings.append((texts, align(texts, [line.text for line in lines])))
    resolved: dict[int, Found | None] = {}
    known: dict[int, dict[str, str]] = {}
    for _ in range(2):
        # -- the second round reads the paragraphs where two values stand side by side,
        #    with the values found in the first standing for themselves --
        for texts, pairs in renderings:
            captured = slots.capture(texts, lines, pairs, known, labels)
            for n, (path, kind) in enumerate(probed):
                if n in resolved or not captured.get(n):
                    continue
                own = captured[n]
                if all(slots.placeholder_label(c.text) for c in own):
                    # -- the act itself says «не заполнено» here --
                    resolved[n] = None
                    if schema.fields[path].required:
                        result.unknown.append(path)
                    continue
                if path == "authority.short" and resolved.get(_index(probed, "authority.name")):
                    # -- «authority.short or authority.name» showing the name is no short name --
                    name = nomn(resolved[_index(probed, "authority.name")].value).lower()
                    own = [c for c in own if slots.nominative_of(c).lower() != name]
                if kind == "phrase":
                    resolved[n] = slots.resolve_phrase(own)
                elif kind in typed.TYPED:
                    resolved[n] = _resolve_typed(own, kind, schema.fields[path].label)
                else:
                    resolved[n] = slots.resolve_text(own)
                if resolved[n] is None:
                    del resolved[n]
                elif kind in typed.TYPED:
                    continue
                else:
                    cases = {c.case for c in captured[n]} | {
                        "nomn",
                        "gent",
                        "datv",
                        "accs",
                        "ablt",
                        "loct",
                    }
                    if kind == "text":
                        cases = {"text"}
                    known[n] = slots.forms(resolved[n].value, cases)
    for n, (path, _) in enumerate(probed):
        found = resolved.get(n)
        if found is not None and found.value:
            result.values[path] = found


def _probe_renderings(dg, package_id, model_id, result, overrides, numbers) -> list[list[Line]]:
    """Return the probe renderings for `overrides`: one, or — when a template computes with
    numbers (`numbers`) left unknown together («на {{ (start, end) | years }}») — the names
    alone and then each number alone that renders."""
    base = result.overrides()
    try:
        return [render(dg, package_id, model_id, {**base, **overrides})]
    except DocgenError:
        pass
    names = {p: v for p, v in overrides.items() if p not in numbers}
    out = [render(dg, package_id, model_id, {**base, **names})]
    for path in sorted(numbers & set(overrides)):
        try:
            out.append(render(dg, package_id, model_id, {**base, **names, path: overrides[path]}))
        except DocgenError:
            continue
    return out


def _resolve_typed(captures, kind: str, label: str) -> Found | None:
    """Return the value most captures read as (placeholders of the act left out)."""
    read = []
    for c in captures:
        ok, value = typed.value(kind, c.text, label)
        if ok and value is not UNKNOWN:
            read.append((value, c.line))
    if not read:
        return None
    best = Counter(v for v, _ in read).most_common(1)[0][0]
    return Found(best, next(line for v, line in read if v == best))


def _index(probed, path: str) -> int:
    return next((n for n, (p, _) in enumerate(probed) if p == path), -1)


def choices(dg, lines, package_id, model_id, schema, used, result, takeback) -> None:
    """Add to `result` the choice of each choice or yes/no field that brings the text
    closest to the act."""
    fields = [
        path
        for path in sorted(used)
        if path in schema.fields
        and path not in result.values
        and path not in result.unknown
        and (
            schema.fields[path].type in ("choice", "bool")
            or getattr(schema.fields.get(path + "[]"), "type", None) == "choice"
        )
    ]
    if "act.kind" in result.unknown:
        fields.insert(0, "act.kind")
    current = {**result.overrides(), **takeback}
    best_score = words_off(lines, render(dg, package_id, model_id, current))
    for path in fields:
        if best_score == 0:
            # -- the act is already what the values give: nothing to choose --
            break
        spec = schema.fields[path]
        if spec.type == "choice":
            options: list[Any] = list(spec.choices)
        elif spec.type == "bool":
            options = [True, False]
        else:
            item = schema.fields[path + "[]"].choices
            options = [
                list(c) for r in range(len(item) + 1) for c in itertools.combinations(item, r)
            ]
        best = None
        for option in options:
            score = words_off(lines, render(dg, package_id, model_id, {**current, path: option}))
            if score < best_score:
                best, best_score = option, score
        if best is not None:
            current[path] = best
            result.chosen[path] = best
            if path in result.unknown:
                result.unknown.remove(path)


def render(dg, package_id: str, model_id: str, overrides: Mapping[str, Any]) -> list[Line]:
    """Return the paragraphs of `package_id` rendered for `model_id` with `overrides`."""
    result = dg.generate(package_id, model_id, dict(overrides), draft=True, check=False)
    return read_act(result.docx, "образец.docx", dg.kinds(region_of(model_id)))


def nomn(value: Any) -> str:
    """Return the nominative of a name given as a string or as explicit forms."""
    return value["nomn"] if isinstance(value, Mapping) else str(value)
