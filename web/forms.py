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

What becomes of the values (checks, overrides) is in web.validation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
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
    "points": "отдельным пунктом для каждого приложения",
    "subpoints": "подпунктами одного пункта «Утвердить:»",
}
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
        groups.setdefault(path.split(".")[0], []).append(make_field(path, schema))
    return tuple(Section(key, SECTION_TITLES.get(key, key), tuple(fields))
                 for key, fields in groups.items())


def make_field(path: str, schema: Schema) -> Field:
    """Return the field at schema `path`, with its row fields when it is a list."""
    spec = schema.fields[path]
    if spec.type != "list":
        return Field(spec)
    item = schema.fields.get(path + "[]")
    children = tuple(make_field(c.path, schema) for c in schema.children(path + "[]")
                     if not c.path.endswith("[]"))
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
    return spec.type == "text" and (key in _MULTILINE_KEYS or spec.path.endswith("[]")
                                    or len(value) > 90 or "\n" in value)


def norm(text: str) -> str:
    """Return `text` with Windows or Mac line ends made «\\n», stripped."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


# -- walking the inputs -------------------------------------------------------------------


def rows_of(fld: Field, name: str, state: FormState) -> Iterator[tuple[int, list]]:
    """Yield (row number, [(input or list name, field), …]) for each row of list `name`."""
    for i in range(state.rows.get(name, 0)):
        row = f"{name}[{i}]"
        if fld.item is not None:
            yield i, [(row, fld.item)]
        else:
            yield i, [(f"{row}.{child.key}", child) for child in fld.children]


def leaves(fld: Field, name: str, state: FormState) -> Iterator[tuple[str, Field]]:
    """Yield (input name, field) of every value input at or below `name`."""
    if not fld.is_list:
        yield name, fld
        return
    for _, cells in rows_of(fld, name, state):
        for cell_name, cell in cells:
            yield from leaves(cell, cell_name, state)


def lists(fld: Field, name: str, state: FormState) -> Iterator[tuple[str, Field]]:
    """Yield (list name, field) of `name` itself (if a list) and every list inside it."""
    if not fld.is_list:
        return
    yield name, fld
    for _, cells in rows_of(fld, name, state):
        for cell_name, cell in cells:
            yield from lists(cell, cell_name, state)


# -- building the state -------------------------------------------------------------------


def initial_state(model: FormModel, deriver: Deriver) -> FormState:
    """Return the form prefilled from the variable set."""
    state = FormState()
    for fld in model.fields:
        value = model.original(fld.path)
        _flatten(fld, fld.path, value, state)
        if fld.spec.type == "phrase" and isinstance(value, Mapping):
            forms = {k: str(v) for k, v in value.items() if k in CASE_KEYS}
            state.explicit[fld.path] = set(forms)
            for key, form in forms.items():
                state.values[f"{fld.path}:{key}"] = form
    refresh_derived(model, state, deriver)
    return state


def _flatten(fld: Field, name: str, value: Any, state: FormState) -> None:
    if value is UNKNOWN:
        state.unknown.add(name)
    if not fld.is_list:
        state.values[name] = display(value)
        return
    rows = value if isinstance(value, list) else []
    state.rows[name] = len(rows)
    for (_, cells), row in zip(rows_of(fld, name, state), rows, strict=True):
        for cell_name, cell in cells:
            cell_value = row if fld.item is not None else (
                row.get(cell.key) if isinstance(row, Mapping) else None)
            _flatten(cell, cell_name, cell_value, state)


def submitted_state(model: FormModel, form: Mapping[str, str], deriver: Deriver) -> FormState:
    """Return the form as submitted: values as typed, rows renumbered from 0."""
    state = FormState()
    trees: dict[str, dict] = {f.path: {} for f in model.fields if f.is_list}
    for name in form:
        steps = parse_name(name)
        if steps and len(steps) > 1 and steps[0] in trees:
            _insert(trees[steps[0]], steps[1:], form[name])
    for fld in model.fields:
        if fld.is_list:
            _load(fld, fld.path, trees[fld.path], state)
            if model.original(fld.path) is UNKNOWN and not state.rows[fld.path]:
                state.unknown.add(fld.path)
            continue
        state.values[fld.path] = form.get(fld.path, "")
        if model.original(fld.path) is UNKNOWN:
            state.unknown.add(fld.path)
        if fld.spec.type == "phrase":
            _read_forms(model, fld, form, state)
    refresh_derived(model, state, deriver)
    return state


def _insert(tree: dict, steps: list, value: str) -> None:
    """Put `value` into the nested rows `tree` ({row: {key: …}}) along `steps`."""
    if not isinstance(steps[0], int):
        return
    if len(steps) == 1:
        tree.setdefault(steps[0], value)
        return
    row = tree.setdefault(steps[0], {})
    if not isinstance(row, dict) or not isinstance(steps[1], str):
        return
    if len(steps) == 2:
        row.setdefault(steps[1], value)
    elif isinstance(row.setdefault(steps[1], {}), dict):
        _insert(row[steps[1]], steps[2:], value)


def _load(fld: Field, name: str, node: Any, state: FormState) -> None:
    if not fld.is_list:
        state.values[name] = node if isinstance(node, str) else ""
        return
    tree = node if isinstance(node, dict) else {}
    rows = [tree[i] for i in sorted(tree)]
    state.rows[name] = len(rows)
    for (_, cells), row in zip(rows_of(fld, name, state), rows, strict=True):
        for cell_name, cell in cells:
            _load(cell, cell_name, row if fld.item is not None else (
                row.get(cell.key) if isinstance(row, dict) else None), state)


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
    name, _, index = rest.partition(":")
    fld = model.field(name) if verb in ("add", "remove") else None
    if fld is None or not fld.is_list or name not in state.rows:
        return False
    count = state.rows[name]
    if verb == "add":
        if count >= MAX_ROWS:
            state.errors[name] = f"Не более {MAX_ROWS} строк."
        else:
            state.rows[name] = count + 1
            state.unknown.discard(name)
            for cell_name, cell in list(rows_of(fld, name, state))[-1][1]:
                if cell.is_list:
                    state.rows[cell_name] = 0
        return True
    if index.isdigit() and int(index) < count:
        _remove_row(state, name, int(index))
    return True


def _remove_row(state: FormState, name: str, removed: int) -> None:
    """Drop row `removed` of list `name` and renumber the rows after it (nested ones too)."""
    pattern = re.compile(rf"^{re.escape(name)}\[(\d+)\](.*)$", re.S)

    def shift(mapping: dict) -> dict:
        out = {}
        for key, value in mapping.items():
            match = pattern.match(key)
            if match is None:
                out[key] = value
            elif int(match.group(1)) != removed:
                i = int(match.group(1))
                out[f"{name}[{i - 1 if i > removed else i}]{match.group(2)}"] = value
        return out

    state.values = shift(state.values)
    state.rows = shift(state.rows)
    state.rows[name] = state.rows.get(name, 1) - 1


def section_counts(section: Section, state: FormState) -> tuple[int, int]:
    """Return (unfilled values, values with messages) of a form section."""
    unfilled = errors = 0
    for fld in section.fields:
        for name, leaf in leaves(fld, fld.path, state):
            unfilled += state.unfilled(name, leaf.spec)
            errors += name in state.errors or state.has_errors_below(name + ":")
        for name, _ in lists(fld, fld.path, state):
            unfilled += name in state.unknown
            errors += name in state.errors
    return unfilled, errors
