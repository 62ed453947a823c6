"""The generation form: fields from the templates' metadata, values as the user typed them.

The fields of a package are the union of its templates' ``variables`` (a group such as
``authority`` stands for all its fields), in template order, each described by the schema
(label, help, type, required, choices). Every person field brings its gender field along.

Input names are the schema's dotted paths: ``act.date``; list rows are ``act.repeals[0].date``
(records) or ``service.legal_bases[0]`` (plain values); case forms of a name are
``authority.name:datv``, with ``authority.name:datv:auto`` holding the derived form that was
shown (a form the user left as derived follows the name when the name changes).

What becomes of the values (checks, overrides) is in web.validation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from docgen.errors import UnknownIdError
from docgen.schema import UNKNOWN, FieldSpec, Schema, load_schema
from docgen.settings import Settings
from docgen.templates import Package, load_package, load_template
from docgen.variables import SCHEMA_FILE, VariableSet, load_variables

from .derived import CASE_KEYS, CASES, Deriver

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
    "points": "отдельным пунктом для каждого приложения",
    "subpoints": "подпунктами одного пункта «Утвердить:»",
}
_ROW_RE = re.compile(r"^(?P<path>[a-z_.]+)\[(?P<index>\d{1,4})\](?:\.(?P<key>[a-z_]+))?$")
_MULTILINE_KEYS = ("title", "financing", "basis", "description")


@dataclass(frozen=True)
class Field:
    """One form field: a schema field, or a list with its row fields."""

    spec: FieldSpec
    items: tuple[FieldSpec, ...] = ()
    item: FieldSpec | None = None

    @property
    def path(self) -> str:
        """Return the dotted path, which is also the input name."""
        return self.spec.path

    @property
    def is_list(self) -> bool:
        """Return True for a list (rows can be added and removed)."""
        return self.spec.type == "list"

    @property
    def row_specs(self) -> tuple[FieldSpec, ...]:
        """Return the specs of one row: the record's fields, or the single plain value."""
        return self.items or ((self.item,) if self.item else ())


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

    @property
    def fields(self) -> list[Field]:
        """Return all fields, in order."""
        return [f for s in self.sections for f in s.fields]

    def field(self, path: str) -> Field | None:
        """Return the field at `path`, or None."""
        return next((f for f in self.fields if f.path == path), None)

    def label_for(self, name: str) -> str:
        """Return the Russian label of input `name` («Дата акта», «… № 2: Дата»)."""
        base, _, case = name.partition(":")
        match = _ROW_RE.match(base)
        fld = self.field(match["path"] if match else base)
        if fld is None:
            return name
        label = fld.spec.label
        if match:
            label += f", строка {int(match['index']) + 1}"
            sub = next((s for s in fld.items if s.path.endswith("." + (match["key"] or ""))), None)
            if sub is not None:
                label += f": {sub.label}"
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


@dataclass
class FormState:
    """The form as shown: input values, list row counts, messages, derived forms."""

    values: dict[str, str] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)
    explicit: dict[str, set[str]] = field(default_factory=dict)
    derived: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def get(self, name: str) -> str:
        """Return the text of input `name` ('' when absent)."""
        return self.values.get(name, "")

    def has_errors_below(self, prefix: str) -> bool:
        """Return True when an input whose name starts with `prefix` has a message."""
        return any(name.startswith(prefix) for name in self.errors)

    def unfilled(self, name: str, spec: FieldSpec) -> bool:
        """Return True when input `name` is empty and must (or was meant to) be filled."""
        return not self.get(name).strip() and (spec.required or name in self.unknown)


def load_model(package_id: str, municipality: str, settings: Settings) -> FormModel:
    """Return the form model of `package_id` for `municipality`; raise DocgenError if absent."""
    package = load_package(package_id, settings.templates_dir)
    templates = [load_template(t, settings.templates_dir) for t in package.parts]
    variables = load_variables(municipality, settings.variables_dir)
    if variables.region not in package.regions:
        raise UnknownIdError(
            f"документ «{package.id}» предназначен для регионов: {', '.join(package.regions)}; "
            f"набор «{municipality}» относится к региону «{variables.region}»")
    if not package.accepts(municipality):
        level = "муниципального образования" if package.level == "municipality" else "региона"
        raise UnknownIdError(f"документ «{package.id}» формируется по набору {level}, "
                             f"а «{municipality}» — набор другого уровня")
    schema = load_schema(settings.variables_dir / SCHEMA_FILE)
    paths = [v for t in templates for v in t.variables]
    return FormModel(package, municipality, variables, schema, form_sections(paths, schema))


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
        spec = schema.fields[path]
        if spec.type == "list":
            fld = Field(spec, tuple(schema.children(path + "[]")), schema.fields.get(path + "[]"))
        else:
            fld = Field(spec)
        groups.setdefault(path.split(".")[0], []).append(fld)
    return tuple(Section(key, SECTION_TITLES.get(key, key), tuple(fields))
                 for key, fields in groups.items())


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
    key = spec.path.rsplit(".", 1)[-1]
    if spec.type == "phrase":
        return len(value) > 70
    return spec.type == "text" and (key in _MULTILINE_KEYS or spec.path.endswith("[]")
                                    or len(value) > 90 or "\n" in value)


# -- building the state -------------------------------------------------------------------


def initial_state(model: FormModel, deriver: Deriver) -> FormState:
    """Return the form prefilled from the variable set."""
    state = FormState()
    for fld in model.fields:
        value = model.original(fld.path)
        if value is UNKNOWN:
            state.unknown.add(fld.path)
        if fld.is_list:
            rows = value if isinstance(value, list) else []
            state.rows[fld.path] = len(rows)
            for i, row in enumerate(rows):
                for name, _spec, item_value in row_cells(fld, i, row):
                    state.values[name] = display(item_value)
                    if item_value is UNKNOWN:
                        state.unknown.add(name)
            continue
        state.values[fld.path] = display(value)
        if fld.spec.type == "phrase" and isinstance(value, Mapping):
            forms = {k: str(v) for k, v in value.items() if k in CASE_KEYS}
            state.explicit[fld.path] = set(forms)
            for key, form in forms.items():
                state.values[f"{fld.path}:{key}"] = form
    refresh_derived(model, state, deriver)
    return state


def row_cells(fld: Field, index: int, row: Any):
    """Yield (input name, spec, value in `row`) for each cell of row `index` of list `fld`."""
    if fld.items:
        for spec in fld.items:
            key = spec.path.rsplit(".", 1)[-1]
            value = row.get(key) if isinstance(row, Mapping) else None
            yield f"{fld.path}[{index}].{key}", spec, value
    elif fld.item is not None:
        yield f"{fld.path}[{index}]", fld.item, row


def submitted_state(model: FormModel, form: Mapping[str, str], deriver: Deriver) -> FormState:
    """Return the form as submitted: values as typed, rows renumbered from 0."""
    state = FormState()
    list_paths = {f.path for f in model.fields if f.is_list}
    rows: dict[str, dict[int, dict[str, str]]] = {p: {} for p in list_paths}
    for name in form:
        match = _ROW_RE.match(name)
        if match and match["path"] in list_paths:
            rows[match["path"]].setdefault(int(match["index"]), {})[match["key"] or ""] = form[name]
    for fld in model.fields:
        if fld.is_list:
            ordered = [rows[fld.path][i] for i in sorted(rows[fld.path])]
            state.rows[fld.path] = len(ordered)
            for i, cells in enumerate(ordered):
                for name, _spec, _ in row_cells(fld, i, None):
                    key = "" if not fld.items else name.rsplit(".", 1)[-1]
                    state.values[name] = cells.get(key, "")
            if model.original(fld.path) is UNKNOWN and not ordered:
                state.unknown.add(fld.path)
            continue
        state.values[fld.path] = form.get(fld.path, "")
        if model.original(fld.path) is UNKNOWN:
            state.unknown.add(fld.path)
        if fld.spec.type == "phrase":
            _read_forms(model, fld, form, state)
    refresh_derived(model, state, deriver)
    return state


def _read_forms(model: FormModel, fld: Field, form: Mapping[str, str], state: FormState) -> None:
    """Keep the case forms the user set; forms left as derived are derived again."""
    original = model.original(fld.path)
    orig_forms = original if isinstance(original, Mapping) else {}
    name_changed = norm(form.get(fld.path, "")) != norm(display(original))
    explicit = set()
    for key in CASE_KEYS:
        name = f"{fld.path}:{key}"
        typed = form.get(name, "")
        auto = form.get(f"{name}:auto")
        if not typed.strip() or (auto is not None and norm(typed) == norm(auto)):
            continue
        if name_changed and norm(typed) == norm(str(orig_forms.get(key, ""))):
            continue
        explicit.add(key)
        state.values[name] = typed
    state.explicit[fld.path] = explicit


def refresh_derived(model: FormModel, state: FormState, deriver: Deriver) -> None:
    """Fill in the derived case forms and the initials for the current values."""
    for fld in model.fields:
        if fld.spec.type == "phrase":
            explicit = state.explicit.get(fld.path, set())
            forms = {k: state.get(f"{fld.path}:{k}") for k in explicit}
            derived = deriver.phrase(state.get(fld.path), forms)
            for key in CASE_KEYS:
                name = f"{fld.path}:{key}"
                if key in explicit:
                    state.values.pop(f"{name}:auto", None)
                else:
                    state.values[name] = state.values[f"{name}:auto"] = derived[key]
        elif fld.spec.type == "person":
            gender = None
            if fld.spec.gender:
                gender = state.values.get(fld.spec.gender,
                                          display(model.original(fld.spec.gender)))
            state.derived[fld.path] = deriver.person(state.get(fld.path), gender)


def apply_action(model: FormModel, state: FormState, action: str) -> bool:
    """Apply «add:<list>» or «remove:<list>:<row>»; return False for any other action."""
    verb, _, rest = action.partition(":")
    path, _, index = rest.partition(":")
    fld = model.field(path)
    if verb not in ("add", "remove") or fld is None or not fld.is_list:
        return False
    count = state.rows.get(path, 0)
    if verb == "add":
        if count >= MAX_ROWS:
            state.errors[path] = f"Не более {MAX_ROWS} строк."
        else:
            state.rows[path] = count + 1
            state.unknown.discard(path)
        return True
    if not index.isdigit() or int(index) >= count:
        return True
    removed = int(index)
    for i in range(removed, count):
        for name, _, _ in row_cells(fld, i, None):
            following = name.replace(f"[{i}]", f"[{i + 1}]", 1)
            state.values[name] = state.values.pop(following, "")
    state.rows[path] = count - 1
    return True


def section_counts(section: Section, state: FormState) -> tuple[int, int]:
    """Return (unfilled values, values with messages) of a form section."""
    unfilled = errors = 0
    for fld in section.fields:
        names = [(fld.path, fld.spec)]
        for i in range(state.rows.get(fld.path, 0)):
            names += [(name, spec) for name, spec, _ in row_cells(fld, i, None)]
        for name, spec in names:
            if spec.type == "list":
                unfilled += fld.path in state.unknown
            else:
                unfilled += state.unfilled(name, spec)
            errors += name in state.errors or state.has_errors_below(name + ":")
    return unfilled, errors


def norm(text: str) -> str:
    """Return `text` with Windows or Mac line ends made «\\n», stripped."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
