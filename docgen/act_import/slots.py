"""Names and texts read out of the act by the package's own templates (probe rendering).

The package is rendered once with a *probe* in every name and text field still to find:
each case form of a name field gets its own marker («qZ3GENTq» is field 3 in the
genitive), so the rendered paragraph shows where each value stands and in which case.
Each probe paragraph becomes a pattern — its literal text, a group for each marker — and
is matched against the act's paragraphs. A name found in the genitive goes back to the
nominative through :func:`docgen.ru.nominative`; where several paragraphs disagree, most
of them win (the others are deviations for the report).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .. import ru
from ..placeholders import PREFIX
from ..schema import CASE_KEYS, UNKNOWN
from . import typed
from .requisites import Found
from .source import Line, plain

#: A probe marker: field number, case (or TEXT); a filter may have changed the first letter.
MARKER_RE = re.compile(r"([qQ])[zZ](\d+)([A-Z]{4})[qQ]")
_PLACEHOLDER_RE = re.compile(r"\[" + re.escape(PREFIX) + r"[^\]]*\]")
#: A probe paragraph with less literal text than this is matched only with the paragraph
#: aligned to it («распоряжением qZ0GENTq» would match any «распоряжением …»).
ANCHOR = 30


def probe_values(fields: list[tuple[str, str]]) -> dict[str, object]:
    """Return the probe override of each (path, type) in `fields`, numbered in order: a
    marker per case of a name, one marker for a text, unknown for a number or a date."""
    out: dict[str, object] = {}
    for n, (path, kind) in enumerate(fields):
        if kind in typed.TYPED:
            out[path] = UNKNOWN
        elif kind == "phrase":
            out[path] = {case: f"qZ{n}{case.upper()}q" for case in CASE_KEYS}
        else:
            out[path] = f"qZ{n}TEXTq"
    return out


@dataclass(frozen=True)
class Capture:
    """What one marker matched: the field's `case` («gent», «text»), the `text`, the line.

    `forced` is True where a filter changed the value's first letter (``upfirst``).
    """

    case: str
    text: str
    line: Line
    forced: bool


def pattern(
    probe: str,
    known: dict[int, dict[str, str]] | None = None,
    labels: dict[str, tuple[int, str]] | None = None,
) -> tuple[re.Pattern, list[tuple[int, str, bool]]] | None:
    """Return the pattern matching a paragraph like `probe` and its groups' markers.

    The markers of fields in `known` (field number → case → text) stand for their known
    text. A placeholder whose label is in `labels` (label → field number, type) is a group
    of that field, typed (:func:`.typed.group`); other placeholders match anything. None
    when two free-text groups stand side by side (their boundary cannot be told) or when
    no group is left.
    """
    known = known or {}
    labels = labels or {}
    pieces: list[str] = []
    groups: list[tuple[int, str, bool]] = []
    at = 0
    text = plain(probe)
    literal = ""
    previous_free = False
    for token in re.finditer(f"{MARKER_RE.pattern}|{_PLACEHOLDER_RE.pattern}", text):
        literal += text[at : token.start()]
        at = token.end()
        marker = MARKER_RE.fullmatch(token.group(0))
        field, case = (int(marker.group(2)), marker.group(3).lower()) if marker else (None, "")
        label = None if marker else token.group(0)[len(PREFIX) + 1 : -1]
        if field is not None and case in known.get(field, {}):
            literal += known[field][case]
            continue
        typed_group = None
        if label in labels:
            field, case = labels[label]
            typed_group = typed.group(case)
        free = typed_group is None
        if previous_free and free and not literal.strip():
            return None
        pieces.append(literal_pattern(literal))
        literal = ""
        if marker or label in labels:
            groups.append((field, case, bool(marker) and marker.group(1) == "Q"))
            pieces.append(rf"\s*({typed_group})\s*" if typed_group else "(.+?)")
        else:
            pieces.append("(?:.+?)")
        previous_free = free
    if not groups:
        return None
    pieces.append(literal_pattern(literal + text[at:]))
    return re.compile("".join(pieces), re.S), groups


def literal_pattern(text: str) -> str:
    """Return the regex of literal `text`: its words, any white space between them."""
    return (
        r"\s*".join(re.escape(word) for word in plain(text).split(" "))
        if text.strip()
        else (r"\s*" if text else "")
    )


def capture(
    probe_lines: list[str],
    act: list[Line],
    pairs: list[tuple[int | None, int | None]],
    known: dict[int, dict[str, str]] | None = None,
    labels: dict[str, tuple[int, str]] | None = None,
) -> dict[int, list[Capture]]:
    """Return what each probed field matched in `act`, by field number.

    `pairs` aligns `probe_lines` with `act`; a probe paragraph is tried against its partner
    first, then against every paragraph of the act, and counts once. `labels` are the
    placeholders that stand for fields (see :func:`pattern`).
    """
    partner = _partners(pairs)
    found: dict[int, list[Capture]] = {}
    for i, probe in enumerate(probe_lines):
        made = pattern(probe, known, labels)
        if made is None:
            continue
        regex, groups = made
        order = [partner[i]] if i in partner else []
        if len(MARKER_RE.sub("", _PLACEHOLDER_RE.sub("", plain(probe)))) >= ANCHOR:
            # -- enough text of its own to be found anywhere in the act --
            order += range(len(act))
        for j in order:
            match = regex.fullmatch(act[j].text)
            if match is None:
                continue
            for (field, case, forced), text in zip(groups, match.groups(), strict=True):
                found.setdefault(field, []).append(Capture(case, text.strip(), act[j], forced))
            break
    return found


def placeholder_label(text: str) -> str | None:
    """Return the label of `text` when it is a whole placeholder «[не заполнено: …]»."""
    match = _PLACEHOLDER_RE.fullmatch(text.strip())
    return match.group(0)[len(PREFIX) + 1 : -1] if match else None


def placeholder_labels(text: str) -> list[str]:
    """Return the labels of the placeholders «[не заполнено: …]» in `text`."""
    return [m.group(0)[len(PREFIX) + 1 : -1] for m in _PLACEHOLDER_RE.finditer(text)]


def forms(value, cases) -> dict[str, str]:
    """Return the text of name `value` (a string or explicit forms) in each of `cases`."""
    out = {}
    for case in cases:
        if case == "text":
            out[case] = str(value)
        elif isinstance(value, dict) and case in value:
            out[case] = value[case]
        else:
            nomn = value["nomn"] if isinstance(value, dict) else value
            try:
                out[case] = plain(ru.inflect(ru.Phrase(nomn), case)) if case != "nomn" else nomn
            except ru.InflectionFailed:
                continue
    return out


def _partners(pairs: list[tuple[int | None, int | None]]) -> dict[int, int]:
    """Return probe paragraph → act paragraph: the aligned pairs, and between two of them
    the unpaired paragraphs of both sides in order when there are as many of each."""
    out: dict[int, int] = {}
    dels: list[int] = []
    ins: list[int] = []
    for i, j in [*pairs, (None, None)]:
        if i is not None and j is None:
            dels.append(i)
            continue
        if i is None and j is not None:
            ins.append(j)
            continue
        if len(dels) == len(ins):
            out.update(zip(dels, ins, strict=True))
        dels, ins = [], []
        if i is not None and j is not None:
            out[i] = j
    return out


def resolve_phrase(captures: list[Capture]) -> Found | None:
    """Return the name most captures agree on, in the nominative, with the forms the
    rules do not give kept explicit ({nomn: …, datv: …})."""
    captures = [c for c in captures if placeholder_label(c.text) is None]
    if not captures:
        return None
    nominatives = [(_nominative(c), c) for c in captures]
    votes = Counter(_key(n, c.forced) for n, c in nominatives)
    best = votes.most_common(1)[0][0]
    agreeing = [(n, c) for n, c in nominatives if _key(n, c.forced) == best]
    unforced = [(n, c) for n, c in agreeing if not c.forced]
    name, source = (unforced or agreeing)[0]
    forms: dict[str, str] = {}
    for _, c in agreeing:
        if c.case in ("nomn", "text") or c.case in forms:
            continue
        try:
            rule = plain(ru.inflect(ru.Phrase(name), c.case))
        except ru.InflectionFailed:
            rule = ""
        if not _same(rule, c.text, c.forced):
            forms[c.case] = c.text
    value = {"nomn": name, **forms} if forms else name
    return Found(value, source.line)


def resolve_text(captures: list[Capture]) -> Found | None:
    """Return the text most captures agree on."""
    captures = [c for c in captures if placeholder_label(c.text) is None]
    if not captures:
        return None
    votes = Counter(c.text for c in captures)
    best = votes.most_common(1)[0][0]
    return Found(best, next(c.line for c in captures if c.text == best))


def nominative_of(c: Capture) -> str:
    """Return what capture `c` names, in the nominative."""
    return _nominative(c)


def _nominative(c: Capture) -> str:
    if c.case in ("nomn", "text"):
        return c.text
    return ru.nominative(c.text, c.case)


def _key(text: str, forced: bool) -> str:
    # -- a capital forced by «upfirst» (or a capital the value has) is not a difference --
    return text[:1].lower() + text[1:]


def _same(rule: str, found: str, forced: bool) -> bool:
    if forced:
        return rule[1:] == found[1:] and rule[:1].lower() == found[:1].lower()
    return rule == found
