"""The act itself as data: title, preamble, operative formula and clauses, built in Python.

The cover template only prints what this module builds («{{ cover.title }}», «{{
cover.preamble }}», one paragraph per clause), so no template paragraph carries program
logic. The sentences come from the wording data (:mod:`docgen.wording`), the kinds table
(:mod:`docgen.kinds`) and the registry of cited acts (:mod:`docgen.citation`); every
name is declined by the same filters the templates use, so an unknown value
(«[не заполнено: …]») passes through to the draft.

The act's legal basis is ``act.mandate`` (inherited from the region) followed by
``act.basis`` (the municipality's own). An act with neither gets a highlighted
placeholder in the draft and is refused as final.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import ru
from .citation import Citation, kind_form
from .kinds import Kinds
from .placeholders import REVIEW_PREFIX, Missing
from .wording import Wording

#: The label of the placeholder an act without a legal basis shows.
NO_BASIS = "правовое основание акта (act.mandate или act.basis)"
#: The label of the placeholder the title of an act without appendices shows.
NO_DOCUMENTS = "утверждаемые документы (приложения пакета)"
#: The placeholder a basis proposed without a source shows (a lawyer confirms it).
REVIEW = "правовое основание предложено без источника (act.mandate[].review)"
#: The variables the act is built from (a template printing «cover» uses them all).
VARIABLES = (
    "act.kind",
    "act.title_names",
    "act.citation_date",
    "act.basis_formula",
    "act.mandate",
    "act.basis",
    "act.approve_style",
    "act.points",
    "act.repeals",
    "act.control",
    "act.control_position",
    "act.control_person",
)


@dataclass(frozen=True)
class Clause:
    """One clause of the operative part: its level (1 «2.», 2 «2.1.») and its text."""

    level: int
    text: str


@dataclass(frozen=True)
class Cover:
    """What the act template prints: title, preamble, operative formula, clauses."""

    title: str
    preamble: str
    formula: str
    clauses: tuple[Clause, ...]

    def as_context(self) -> dict[str, Any]:
        """Return the cover as the plain mapping templates see («cover»)."""
        return {
            "title": self.title,
            "preamble": self.preamble,
            "formula": self.formula,
            "clauses": [{"level": c.level, "text": c.text} for c in self.clauses],
        }


def build_cover(
    values: Mapping[str, Any],
    appendices: Sequence[Mapping[str, Any]],
    *,
    kinds: Kinds,
    wording: Wording,
    filters: Mapping[str, Callable],
) -> Cover:
    """Return the act of the variable-set `values` approving `appendices`.

    `filters` are the environment's (``case``, ``initials``), so unknown values stay
    placeholders and failures name the filter.
    """
    act = values.get("act") or {}
    kind = act.get("kind")
    builder = _Builder(kind, kinds, wording, filters, act.get("citation_date") or "digital")
    clauses: list[Clause] = []
    clauses += builder.approve(appendices, act.get("approve_style") or "points")
    clauses += _points(act.get("points") or [])
    clauses += builder.repeals(act.get("repeals") or [])
    clauses.append(builder.control(act))
    return Cover(
        title=builder.title(appendices, act.get("title_names") or "all"),
        preamble=builder.preamble(act),
        formula=kinds.get(str(kind)).formula if not isinstance(kind, Missing) else "",
        clauses=tuple(clauses),
    )


class _Builder:
    """The sentences of one act; `kind` is the act's own kind («распоряжение»)."""

    def __init__(self, kind, kinds: Kinds, wording: Wording, filters, dates: str) -> None:
        self.kind = kind
        self.dates = dates
        self.kinds = kinds
        self.wording = wording
        self.case = filters["case"]
        self.initials = filters["initials"]

    def act_in(self, case: str) -> str:
        """Return this act's kind in `case` («настоящего распоряжения»)."""
        return kind_form(self.kind, case, self.kinds) if self.kind else ""

    def title(self, appendices: Sequence[Mapping[str, Any]], names: str) -> str:
        """Return «Об утверждении …» naming the approved documents (all, or the first)."""
        chosen = list(appendices) if names == "all" else list(appendices[:1])
        if not chosen:
            return Missing(NO_DOCUMENTS)
        kinds = {str(a["kind"]).lower() for a in chosen}
        if len(chosen) > 1 and len(kinds) == 1:
            # -- «положений о …, о … и о …»: one generic word in the plural genitive --
            plural = ru.plural_form(str(chosen[0]["kind"]).lower(), "gent")
            documents = f"{plural} {_join([str(a['subject']) for a in chosen])}"
        else:
            documents = _join([self.case(a["title"], "gent") for a in chosen])
        return self.wording.fill("title", documents=documents)

    def preamble(self, act: Mapping[str, Any]) -> str:
        """Return the preamble: every basis cited with its formula, ending «:» or «,».

        «Во исполнение приказа … от … № … «…», в соответствии с Федеральным законом …:».
        A preamble precedes the operative formula («ПРИКАЗЫВАЮ:») with a comma.
        """
        items = [*_items(act.get("mandate")), *_items(act.get("basis"))]
        if any(isinstance(i, Missing) for i in items):
            return next(i for i in items if isinstance(i, Missing))
        if not items:
            return Missing(NO_BASIS)
        default = act.get("basis_formula") or "В соответствии с"
        pieces, formula, review = [], default, False
        for index, item in enumerate(items):
            own = item.get("formula")
            if own:
                formula = own
            lead = ""
            if index == 0:
                lead = formula
            elif own:
                lead = formula[:1].lower() + formula[1:]
            case = self.wording.formula_case(formula)
            cited: Citation = item["act"]
            if item.get("ref"):
                text = f"{item['ref']} {cited.text('ablt', self.dates)}"
            else:
                text = cited.text(case, self.dates)
            pieces.append(f"{lead} {text}".strip())
            review = review or bool(item.get("review"))
        kind = self.kinds.get(str(self.kind)) if not isinstance(self.kind, Missing) else None
        end = "," if kind is not None and kind.formula else ":"
        marker = " " + Missing(REVIEW, REVIEW_PREFIX) if review else ""
        return ", ".join(pieces) + marker + end

    def approve(self, appendices: Sequence[Mapping[str, Any]], style: str) -> list[Clause]:
        """Return the clauses approving the appendices, each reference computed."""
        if not appendices:
            return []
        if style == "subpoints" and len(appendices) > 1:
            lead = self.wording.fill("approve.subpoints_lead", act=self.act_in("gent"))
            out = [Clause(1, lead)]
            for i, a in enumerate(appendices):
                text = self.wording.fill(
                    "approve.subpoint",
                    document=self.case(a["title"], "accs"),
                    reference=_reference(a, "nomn"),
                    act=self.act_in("gent"),
                )
                out.append(Clause(2, text + ("." if i == len(appendices) - 1 else ";")))
            return out
        key = "approve.inline" if style == "inline" else "approve.points"
        return [
            Clause(
                1,
                self.wording.fill(
                    key,
                    document=self.case(a["title"], "accs"),
                    reference=_reference(a, "nomn" if style == "inline" else "datv"),
                    act=self.act_in("datv"),
                ),
            )
            for a in appendices
        ]

    def repeals(self, repeals: Sequence[Any] | Missing) -> list[Clause]:
        """Return «Признать утратившим силу …» (one act) or a lead-in with one per act.

        An unknown list («!unknown»: whether an act is repealed is not decided) is a clause
        that says so in the draft.
        """
        if isinstance(repeals, Missing):
            return [Clause(1, self.wording.fill("repeal", cited=repeals, act=""))]
        # -- an unknown item («- !unknown»: an act to repeal, not yet identified) stays in
        #    the clause as its placeholder --
        cited = [
            r if isinstance(r, Missing) else r.text("accs", self.dates)
            for r in repeals
            if isinstance(r, (Citation, Missing))
        ]
        if not cited:
            return []
        if len(cited) == 1:
            return [Clause(1, self.wording.fill("repeal", cited=cited[0], act=""))]
        out = [Clause(1, self.wording.fill("repeal_several", act=""))]
        for i, text in enumerate(cited):
            out.append(Clause(2, text + ("." if i == len(cited) - 1 else ";")))
        return out

    def control(self, act: Mapping[str, Any]) -> Clause:
        """Return the control clause: kept by the signer, or given to an official."""
        if act.get("control") == "delegate":
            person = act.get("control_person")
            text = self.wording.fill(
                "control.delegate",
                act=self.act_in("gent"),
                position=self.case(act.get("control_position"), "accs"),
                person=self.initials(person, "accs") if person else "",
            )
        else:
            text = self.wording.fill("control.self", act=self.act_in("gent"))
        return Clause(1, text)


def _points(points: Sequence[Any] | Missing) -> list[Clause]:
    """Return the additional clauses; an unknown list, point or subpoints is a placeholder."""
    if isinstance(points, Missing):
        return [Clause(1, points)]
    clauses = []
    for point in points:
        if isinstance(point, Missing):
            clauses.append(Clause(1, point))
            continue
        clauses.append(Clause(1, point["text"]))
        subpoints = point.get("subpoints") or []
        if isinstance(subpoints, Missing):
            clauses.append(Clause(2, subpoints))
        else:
            clauses += [Clause(2, sub) for sub in subpoints]
    return clauses


def _items(value: Any) -> list[Any]:
    if isinstance(value, Missing):
        return [value]
    return list(value or [])


def _reference(appendix: Mapping[str, Any], case: str) -> str:
    """Return «приложение 2» / «приложению 2» / «приложению» for `appendix` in `case`."""
    word = {"nomn": "приложение", "datv": "приложению", "gent": "приложения"}[case]
    number = appendix.get("number")
    return f"{word} {number}" if number else word


def _join(items: Sequence[str]) -> str:
    """Return «a», «a и b», «a, b и c»."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " и " + items[-1]
