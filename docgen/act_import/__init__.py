"""Import an existing municipal act: the variable set it was made with, and how it deviates.

::

    from docgen.act_import import import_act

    result = import_act(dg, Path("act.docx").read_bytes(), "act.docx",
                        package_id="lenobl-mms", region="leningrad")
    Path("kirovsky.yaml").write_text(result.yaml())     # values, each with its paragraph
    print(result.report())                              # «изменено / добавлено / исключено»

How values are found:

* **requisites** from the roles the checker gives the act's paragraphs
  (:mod:`.requisites`): kind, date and number, place, signer, the blank;
* **cited acts** by date and number in the registry (:mod:`.clauses`): the preamble's
  basis (with the words before an act's kind, its ``ref``), the acts repealed, the list
  of acts an appendix is based on; the act's own further clauses and its control clause;
* **names and texts** by the package's templates (:mod:`.slots`): a probe rendering
  shows where each value stands and in which case; names go back to the nominative
  through :func:`docgen.ru.nominative`, and a case form the rules would write otherwise
  is kept explicit; **numbers, years and dates** the same way, probed as unknown and read
  back by their type (:mod:`.typed`);
* **lists** — table rows and repeated paragraphs — by probe items of each list, their
  rendering made into patterns the act's rows are read with (:mod:`.lists`);
* **choices** (how appendices are approved, dates in citations, the kind of
  municipality, yes/no …) by rendering each possibility and keeping the one whose text is
  closest.

A value that is not found is ``!unknown`` when the set must have it and left out when it
may be absent — never guessed. Values the region's layers already give are left out too:
the set inherits them. The deviation report compares the act with the package generated
from the region's model set (:data:`docgen.variables.MODEL_SLUG`) and the imported values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..cover import VARIABLES as COVER_VARIABLES
from ..errors import UnknownIdError
from ..placeholders import REVIEW_PREFIX
from ..schema import UNKNOWN, value_at
from ..variables import MODEL_SLUG, model_set_id, region_of
from . import clauses, lists, rendered, requisites, slots
from .deviation import GROUPS, Deviation, deviations, report
from .rendered import nomn
from .requisites import Found
from .source import Line, plain, read_act
from .yamlout import Entry, dump, quote

#: Municipality kinds told by the words of the name.
_KIND_WORDS = (
    ("городской округ", "городской округ"),
    ("город ", "городской округ"),
    ("муниципальный округ", "муниципальный округ"),
    ("район", "муниципальный район"),
)


@dataclass
class Imported:
    """The result of an import: values found, values unknown, the deviation report.

    `values` maps dotted paths to what was found (:class:`Found`: value and paragraph);
    `chosen` the choices made by comparing renderings; `unknown` the paths the set must
    have that the act does not show; `notes` what could not be expressed (a cited act
    missing from the registry); `deviations` the report's entries.
    """

    source: str
    package_id: str
    region: str
    values: dict[str, Found] = field(default_factory=dict)
    chosen: dict[str, Any] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    deviations: list[Deviation] = field(default_factory=list)
    inherited: set[str] = field(default_factory=set)

    def overrides(self) -> dict[str, Any]:
        """Return every imported value as dotted-path overrides (unknown ones as UNKNOWN)."""
        out = {path: found.value for path, found in self.values.items()}
        out.update(self.chosen)
        out.update({path: UNKNOWN for path in self.unknown})
        return out

    def yaml(self) -> str:
        """Return the variable-set file: every value the set needs with its source paragraph."""
        entries = []
        for path, found in self.values.items():
            if path not in self.inherited:
                entries.append(Entry(path, found.value, quote(found.line.where, found.line.text)))
        for path, value in self.chosen.items():
            if path not in self.inherited:
                entries.append(Entry(path, value, "выбрано: так текст акта совпадает точнее"))
        for path in self.unknown:
            entries.append(Entry(path, UNKNOWN, "не найдено в акте"))
        entries.sort(key=lambda e: _ORDER.get(e.path.split(".")[0], 99))
        header = [
            f"Импортировано командой docgen import из {self.source}",
            f"(документ {self.package_id}, регион {self.region}, {dt.date.today():%d.%m.%Y}).",
            "У каждого значения — абзац акта, из которого оно взято; !unknown — не найдено.",
            "Значения, которые дает регион, не повторяются: набор их наследует.",
            *self.notes,
        ]
        same = sorted(self.inherited)
        if same:
            header.append(f"Найдены в акте и совпадают с регионом: {', '.join(same)}.")
        return dump(entries, header)

    def summary(self) -> str:
        """Return the counts in Russian: values found, unknown, deviations by group."""
        groups = ", ".join(f"{g} {sum(1 for d in self.deviations if d.group == g)}" for g in GROUPS)
        return (
            f"значений найдено: {len(self.values) + len(self.chosen)}, "
            f"не найдено: {len(self.unknown)}; отклонения: {groups}"
        )

    def report(self) -> str:
        """Return the deviation report (Russian text)."""
        head = (
            f"Отклонения акта {self.source} от документа {self.package_id}, сформированного "
            "по импортированным значениям:\n"
        )
        return head + report(self.deviations)


_ORDER = {"municipality": 0, "authority": 1, "act": 2, "signer": 3, "service": 4}


def import_act(
    dg, data: bytes, name: str, *, package_id: str, region: str, set_id: str | None = None
) -> Imported:
    """Return the values of the act in `data` (.docx, or .txt by `name`) for `package_id`.

    `dg` is the :class:`docgen.Docgen`; `region` the region whose model the act follows.
    Cited acts are matched in the registry visible from `set_id` when the municipality is
    known (federal, its region's, its own acts), else from the region's model set (every
    municipality's acts of the region). Raises UnknownIdError for a package, region or set
    that do not fit, CheckInputError for a file that cannot be read.
    """
    model_id = model_set_id(region)
    package = dg.package(package_id)
    if region not in package.regions:
        raise UnknownIdError(
            f"документ «{package_id}» не предназначен для региона «{region}» "
            f"(регионы документа: {', '.join(package.regions)})"
        )
    if set_id is not None and region_of(set_id) != region:
        raise UnknownIdError(f"набор «{set_id}» не из региона «{region}»")
    lines = read_act(data, name, dg.kinds(region))
    result = Imported(name, package_id, region)
    base = dg.variables(model_id)
    schema = dg.schema(model_id)
    registry = dg.registry(set_id or model_id)
    used = {v for t in dg.package_templates(package) for v in t.variables} | set(COVER_VARIABLES)
    # -- a field that decides which appendices there are («'council' in mms_set.appendices») --
    used |= {p for p in schema.fields if any(p in c for c in package.conditions.values())}

    _requisites(dg, lines, region, result)
    _clauses(dg, lines, registry, schema, base, used, result)
    rendered.names(dg, lines, package_id, model_id, schema, used, result)
    _municipality_kind(result)
    _placeholders(lines, schema, result)
    _unknown(schema, base, package.level, result)
    takeback = _takeback(base, result)
    ordered = [v for t in dg.package_templates(package) for v in t.variables]
    lists.read(dg, lines, package_id, model_id, lists.readable(schema, ordered), result, takeback)
    rendered.choices(dg, lines, package_id, model_id, schema, used, result, takeback)
    generated = rendered.render(dg, package_id, model_id, {**result.overrides(), **takeback})
    result.deviations = deviations(lines, generated)
    result.inherited = _inherited(base, result)
    return result


# -- the steps ---------------------------------------------------------------------------------


def _requisites(dg, lines: list[Line], region: str, result: Imported) -> None:
    date, number = requisites.date_and_number(lines)
    parent, own = requisites.blank(lines)
    read = {
        "act.kind": requisites.kind(lines, dg.kinds(region).names()),
        "act.date": date,
        "act.number": number,
        "act.place": requisites.place(lines),
        "authority.parent": parent,
        "authority.blank": own,
    }
    result.values.update((path, value) for path, value in read.items() if value)
    result.values.update(requisites.signer(lines))


def _clauses(dg, lines, registry, schema, base, used, result: Imported) -> None:
    found = result.values
    formulas = list(schema.fields["act.basis_formula"].choices)
    items, missing = clauses.basis(lines, registry, formulas, _head(dg, base.id))
    if items:
        preamble = next(line for line in lines if line.role == "preamble")
        inherited = [
            {k: plain(v) if k == "ref" else v for k, v in item.items() if k in _BASIS_KEYS}
            for item in value_at(base.data, "act.mandate") or []
        ]
        if [{k: plain(v) if k == "ref" else v for k, v in i.items()} for i in items] == inherited:
            # -- the region's own basis (with its review marks, if any) --
            items = list(value_at(base.data, "act.mandate"))
        elif REVIEW_PREFIX in preamble.text:
            items = [{**item, "review": True} for item in items]
        found["act.mandate"] = Found(items, preamble)
    repealed, missing_repeals = clauses.repeals(lines, registry)
    if repealed:
        found["act.repeals"] = repealed
    for key, finder in (
        ("act.points", clauses.points),
        ("act.control", clauses.control),
        ("act.approve_style", clauses.approve_style),
    ):
        value = finder(lines)
        if value:
            found[key] = value
    lists = [
        p
        for p in sorted(used)
        if schema.fields.get(p) is not None
        and schema.fields[p].type == "list"
        and getattr(schema.fields.get(p + "[]"), "type", None) == "act"
        and not p.startswith("act.")
    ]
    missing_bases: list[str] = []
    if len(lists) == 1:
        bases, missing_bases = clauses.appendix_bases(lines, registry)
        if bases:
            found[lists[0]] = bases
    for label, cited in (
        ("преамбула", missing),
        ("утрата силы", missing_repeals),
        ("нормативная база", missing_bases),
    ):
        for text in cited:
            result.notes.append(f"Нет в реестре актов ({label}): «{text}» — внесите акт в реестр.")


#: What the preamble shows of a basis item (its review mark is the preamble's own).
_BASIS_KEYS = ("act", "formula", "ref")


def _head(dg, set_id: str):
    """Return the function giving a registry act's kind and issuer in the instrumental
    («распоряжением Правительства Российской Федерации»): its citation up to the date."""

    def head(act_id: str) -> str:
        text = dg.citation(act_id, set_id).text("ablt", amendments=False)
        return re.split(r"\sот\s+\d", text, maxsplit=1)[0]

    return head


def _placeholders(lines, schema, result: Imported) -> None:
    """Make every value the act shows as «[не заполнено: …]» explicitly unknown."""
    by_label = {spec.label: spec.path for spec in schema.fields.values() if "[]" not in spec.path}
    for line in lines:
        for label in slots.placeholder_labels(line.text):
            path = by_label.get(label)
            if path and path not in result.values and path not in result.unknown:
                result.unknown.append(path)


def _municipality_kind(result: Imported) -> None:
    name = result.values.get("municipality.name")
    if name is None or "municipality.kind" in result.values:
        return
    text = nomn(name.value).lower() + " "
    for words, kind in _KIND_WORDS:
        if words in text:
            result.values["municipality.kind"] = Found(kind, name.line)
            return


def _unknown(schema, base, level: str, result: Imported) -> None:
    for spec in schema.fields.values():
        needed = spec.required_always if level == "region" else spec.required
        if "[]" in spec.path or not needed or spec.path in result.values:
            continue
        if spec.path in result.unknown:
            continue
        if spec.path in base.missing:
            result.unknown.append(spec.path)


def _takeback(base, result: Imported) -> dict[str, Any]:
    """Return empty values for what only the model's own layer gives (its neutral wording)."""
    out = {}
    for path, origin in base.origins.items():
        if f"/{MODEL_SLUG}.yaml" in origin and path not in result.values:
            value = value_at(base.data, path)
            if path not in result.unknown and "." in path and isinstance(value, str):
                out[path] = ""
    return out


def _inherited(base, result: Imported) -> set[str]:
    """Return the paths whose value the region's layers already give (left out of the file)."""
    out = set()
    values = {path: found.value for path, found in result.values.items()}
    for path, value in {**values, **result.chosen}.items():
        origin = base.origins.get(path, "")
        if f"/{MODEL_SLUG}.yaml" in origin or path in base.missing:
            continue
        if _same(value_at(base.data, path), value):
            out.add(path)
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Mapping) and not isinstance(b, Mapping):
        return len(a) == 1 and a.get("nomn") == b
    if isinstance(b, Mapping) and not isinstance(a, Mapping):
        return len(b) == 1 and b.get("nomn") == a
    return a == b


__all__ = ["Deviation", "Found", "Imported", "import_act"]
