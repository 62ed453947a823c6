"""The generation form: fields from the templates' metadata, values as the user typed them.

The fields of a package are the union of its templates' ``variables`` (a group such as
``authority`` stands for all its fields), in template order, each described by the schema
(label, help, type, required, choices). Every person field brings its gender field along.
Lists may hold records (``act.repeals``), plain values (``service.legal_bases``) or, inside
a record, further lists (``roadmap.groups[].measures``).

Input names are the schema's dotted paths with row numbers: ``act.date``,
``act.repeals[0].date``, ``service.legal_bases[2]``, ``roadmap.groups[1].measures[0].text``.
Case forms of a name are ``authority.name:datv``, with ``authority.name:datv:auto`` holding
the derived form that was shown (a form left as derived follows the name when it changes).

The values as shown and typed are in web.formstate; checks and overrides in web.validation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from docgen import UNKNOWN, Docgen, FieldSpec, Package, Schema, VariableSet

from . import catalog
from .derived import CASES

#: Most rows a list may have.
MAX_ROWS = 50
SECTION_TITLES = {
    "act": "Реквизиты акта",
    "authority": "Орган, издающий акт",
    "signer": "Подпись",
    "municipality": "Муниципальное образование",
    "region": "Субъект Российской Федерации",
    "service": "Методическая служба",
    "roadmap": "Дорожная карта",
    "indicators": "Показатели",
    "format": "Оформление",
}
#: Russian words for choice codes that are not words themselves.
CHOICE_LABELS = {
    "m": "мужской",
    "f": "женский",
    "self": "оставляю за собой",
    "delegate": "возложить на должностное лицо",
    "lenobl": "«УТВЕРЖДЕНО …» (Ленинградская область)",
    "gost": "«Приложение к …» (ГОСТ Р 7.0.97)",
    "points": "отдельным пунктом для каждого приложения («согласно приложению 1 …»)",
    "inline": "отдельным пунктом со ссылкой в скобках («(приложение 1)»)",
    "subpoints": "подпунктами одного пункта «Утвердить:»",
    "all": "все утверждаемые документы",
    "first": "только первый документ",
    "digital": "цифрами: «от 11.05.2023 № 17»",
    "long": "словами: «от 11 мая 2023 г. № 17»",
}
#: «(идентификатор в реестре актов)»: the form offers the acts themselves, not their ids.
_ACT_ID_NOTE_RE = re.compile(r"\s*\(идентификатор[^)]*\)")
_TOKEN_RE = re.compile(r"\[(\d{1,4})\]|\.([a-z_][a-z0-9_]*)")
_MULTILINE_KEYS = ("title", "financing", "basis", "description", "text", "result")


@dataclass(frozen=True)
class Field:
    """A form field: a value, or a list of records (`children`) or of plain values (`item`)."""

    spec: FieldSpec
    children: tuple[Field, ...] = ()
    item: Field | None = None

    @property
    def path(self) -> str:
        """Return the schema path («act.repeals[].date»); for top-level fields the input name."""
        return self.spec.path

    @property
    def key(self) -> str:
        """Return the last part of the path («date»)."""
        return self.spec.path.rsplit(".", 1)[-1]

    @property
    def is_list(self) -> bool:
        """Return True for a list (rows can be added and removed)."""
        return self.spec.type == "list"


@dataclass(frozen=True)
class Section:
    """The fields of one top-level group («act», «signer», …) with a Russian title."""

    key: str
    title: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class FormModel:
    """What the form for (`package`, `municipality`) is made of."""

    package: Package
    municipality: str
    variables: VariableSet
    schema: Schema
    sections: tuple[Section, ...]
    #: registry id → how the act reads («распоряжение … от 26.02.2019 № 45 «…»»)
    act_labels: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def choice_label(self, value: str) -> str:
        """Return the Russian wording of a choice: an act's citation, or a code's words."""
        return self.act_labels.get(value) or choice_label(value)

    @property
    def fields(self) -> list[Field]:
        """Return the top-level fields, in order."""
        return [f for s in self.sections for f in s.fields]

    def field(self, name: str) -> Field | None:
        """Return the field of input or list `name` («roadmap.groups[0].measures»), or None."""
        steps = parse_name(name)
        if not steps or not isinstance(steps[0], str):
            return None
        current = next((f for f in self.fields if f.path == steps[0]), None)
        for step in steps[1:]:
            if current is None or not current.is_list:
                return None
            if isinstance(step, int):
                continue
            current = next((c for c in current.children if c.key == step), None)
        return current

    def label_for(self, name: str) -> str:
        """Return the Russian label of input `name` («…, строка 2: Номер»)."""
        base, _, case = name.partition(":")
        steps = parse_name(base)
        if not steps or not isinstance(steps[0], str):
            return name
        current = next((f for f in self.fields if f.path == steps[0]), None)
        if current is None:
            return name
        label = current.spec.label
        for step in steps[1:]:
            if isinstance(step, int):
                label += f", строка {step + 1}"
                if current.item is not None:
                    current = current.item
                continue
            current = next((c for c in current.children if c.key == step), None)
            if current is None:
                return name
            label += f": {current.spec.label}"
        if case:
            label += f" ({dict((k, n) for k, n, _ in CASES).get(case, case)} падеж)"
        return label

    def original(self, path: str) -> Any:
        """Return the variable set's value at dotted `path` (None when absent)."""
        node: Any = self.variables.data
        for part in path.split("."):
            if not isinstance(node, Mapping):
                return None
            node = node.get(part)
        return node


def parse_name(name: str) -> list[str | int] | None:
    """Return the steps of input `name`: «a.b[2].c» → ['a.b', 2, 'c']; None if malformed.

    The first step is a top-level field path (dots included); then row numbers and keys
    alternate.
    """
    head = re.match(r"^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*", name)
    if head is None:
        return None
    steps: list[str | int] = [head.group()]
    pos = head.end()
    while pos < len(name):
        match = _TOKEN_RE.match(name, pos)
        if match is None:
            return None
        steps.append(int(match.group(1)) if match.group(1) is not None else match.group(2))
        pos = match.end()
    return steps


def kept_model(package_id: str, municipality: str, dg: Docgen) -> FormModel:
    """Return :func:`load_model`'s model, kept like the home page's listing (web.catalog)."""
    return catalog.kept(
        "form", (package_id, municipality), lambda: load_model(package_id, municipality, dg)
    )


def load_model(package_id: str, municipality: str, dg: Docgen) -> FormModel:
    """Return the form model of `package_id` for `municipality`; raise DocgenError if absent.

    A field that cites a registry act is a choice among the acts the set can see.
    """
    resolved = dg.resolve(package_id, municipality)
    registry = dg.registry(municipality)
    labels = {act.id: citation_label(dg, municipality, act.id) for act in registry}
    schema = Schema(
        {
            path: dataclasses.replace(
                spec,
                type="choice",
                choices=tuple(labels),
                label=_ACT_ID_NOTE_RE.sub("", spec.label),
            )
            if spec.type == "act"
            else spec
            for path, spec in dg.schema(municipality).fields.items()
        }
    )
    paths = [v for t in resolved.templates for v in t.variables]
    return FormModel(
        resolved.package,
        municipality,
        resolved.variables,
        schema,
        form_sections(paths, schema),
        labels,
    )


def citation_label(dg: Docgen, set_id: str, act_id: str) -> str:
    """Return how the act `act_id` reads in a list to choose from (nominative, digital date)."""
    text = dg.citation(act_id, set_id).text("nomn", "digital", amendments=False)
    return text if len(text) <= 200 else text[:199] + "…"


def form_sections(paths: Iterable[str], schema: Schema) -> tuple[Section, ...]:
    """Return the fields for template variables `paths`, grouped by their top-level key."""
    ordered: list[str] = []
    for path in paths:
        for concrete in _expand(path, schema):
            if concrete not in ordered:
                ordered.append(concrete)
            gender = schema.fields[concrete].gender
            if gender and gender in schema.fields and gender not in ordered:
                ordered.append(gender)
    groups: dict[str, list[Field]] = {}
    for path in ordered:
        groups.setdefault(path.split(".")[0], []).append(make_field(path, schema))
    return tuple(
        Section(key, SECTION_TITLES.get(key, key), tuple(fields)) for key, fields in groups.items()
    )


def make_field(path: str, schema: Schema) -> Field:
    """Return the field at schema `path`, with its row fields when it is a list."""
    spec = schema.fields[path]
    if spec.type != "list":
        return Field(spec)
    item = schema.fields.get(path + "[]")
    children = tuple(
        make_field(c.path, schema)
        for c in schema.children(path + "[]")
        if not c.path.endswith("[]")
    )
    return Field(spec, children, Field(item) if item is not None and not children else None)


def _expand(path: str, schema: Schema) -> list[str]:
    if path in schema.fields and "[]" not in path:
        return [path]
    prefix = path + "."
    return [p for p in schema.fields if p.startswith(prefix) and "[]" not in p]


def display(value: Any) -> str:
    """Return the text an input shows for a variable-set value."""
    if value is UNKNOWN or value is None:
        return ""
    if isinstance(value, Mapping):
        return str(value.get("nomn", ""))
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def choice_label(value: str) -> str:
    """Return the Russian wording of choice code `value`."""
    return CHOICE_LABELS.get(value, value)


def multiline(spec: FieldSpec, value: str) -> bool:
    """Return True when the field is better edited in a text area."""
    if spec.type == "phrase":
        return len(value) > 70
    key = spec.path.rsplit(".", 1)[-1].removesuffix("[]")
    return spec.type == "text" and (
        key in _MULTILINE_KEYS or spec.path.endswith("[]") or len(value) > 90 or "\n" in value
    )


def norm(text: str) -> str:
    """Return `text` with Windows or Mac line ends made «\\n», stripped."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
