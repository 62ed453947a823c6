"""The declared schema of variable sets (``variables/_schema.yaml``) and value checks.

The shared schema is ``variables/_schema.yaml`` plus ``variables/_schema/*.yaml`` (the fields
of template families); a region extends it in ``variables/<region>/_schema.yaml``: new
fields, and more choices for a shared ``choice`` field — without editing the shared files.
A choice field may take its choices from the table of act kinds (``choices_from: kinds``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .errors import VariablesError

TYPES = ("text", "phrase", "person", "date", "int", "bool", "choice", "list", "year", "act")
#: Where a choice field may take its choices from instead of listing them.
CHOICE_SOURCES = ("kinds",)
REGION_SCHEMA_FILE = "_schema.yaml"
_ACT_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
CASE_KEYS = ("nomn", "gent", "datv", "accs", "ablt", "loct")


class Unknown:
    """An explicitly unknown value (``!unknown`` in YAML): shown as a placeholder in drafts."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = Unknown()


@dataclass(frozen=True)
class FieldSpec:
    """One declared variable: dotted `path` (``[]`` marks list items), type and labels."""

    path: str
    type: str
    label: str
    help: str = ""
    required: bool = False
    #: required even in a region-level set (``required: always`` in the schema)
    required_always: bool = False
    choices: tuple[str, ...] = ()
    gender: str | None = None
    default: Any = None
    #: name of a validator of values against each other (docgen.validators.VALIDATORS)
    validator: str | None = None
    #: the table the choices come from (``kinds``), when they are not listed
    choices_from: str | None = None
    #: the smallest and largest value of an ``int`` field (``min:``, ``max:``)
    min: int | None = None
    max: int | None = None

    def coerce(self, value: Any) -> Any:
        """Return `value` converted to this field's type; raise ValueError (Russian reason)."""
        return coerce(self, value)


@dataclass(frozen=True, eq=False)
class Schema:
    """All declared fields by path, in declaration order."""

    fields: dict[str, FieldSpec] = field(default_factory=dict)

    def get(self, path: str) -> FieldSpec | None:
        """Return the field for a concrete `path` («act.repeals[0].date» → «act.repeals[].date»)."""
        return self.fields.get(re.sub(r"\[\d+\]", "[]", path))

    def children(self, prefix: str) -> list[FieldSpec]:
        """Return the fields directly below `prefix` («act» → act.kind, act.date, …)."""
        return list(self._children.get(prefix, ()))

    @cached_property
    def _children(self) -> dict[str, list[FieldSpec]]:
        """The fields by the path they stand directly below («act.points[]» → its text)."""
        index: dict[str, list[FieldSpec]] = {}
        for path, spec in self.fields.items():
            index.setdefault(path.rpartition(".")[0], []).append(spec)
        return index

    def groups(self, prefix: str) -> list[str]:
        """Return the names of the groups directly below `prefix` that are declared only
        through their children («» → «act» for «act.kind»; lists' items excluded), sorted."""
        return list(self._groups.get(prefix, ()))

    @cached_property
    def _groups(self) -> dict[str, list[str]]:
        """Every path prefix with the groups below it (prefix «» is the top level)."""
        index: dict[str, set[str]] = {}
        for path in self.fields:
            parts = path.split(".")
            for depth in range(len(parts) - 1):
                if not parts[depth].endswith("[]"):
                    index.setdefault(".".join(parts[:depth]), set()).add(parts[depth])
        return {prefix: sorted(names) for prefix, names in index.items()}

    def group_fields(self, prefix: str) -> list[FieldSpec]:
        """Return the fields inside group `prefix` («signer»), nested groups too, not the
        fields of its lists' items."""
        start = prefix + "."
        inside = (p[len(start) :] for p in self.fields if p.startswith(start))
        return [self.fields[start + rest] for rest in inside if "[]" not in rest]

    def unknown_group(self, prefix: str) -> dict[str, Any]:
        """Return what ``<prefix>: !unknown`` stands for: every field of the group unknown."""
        group: dict[str, Any] = {}
        for spec in self.group_fields(prefix):
            *inner, leaf = spec.path[len(prefix) + 1 :].split(".")
            node = group
            for part in inner:
                node = node.setdefault(part, {})
            node[leaf] = UNKNOWN
        return group

    def unknown_item(self, list_path: str) -> dict[str, Any]:
        """Return what an item ``- !unknown`` of the list of mappings `list_path` stands for:
        its required fields unknown (every field, when none is required)."""
        fields = self.children(list_path + "[]")
        required = [f for f in fields if f.required] or fields
        return {f.path.rsplit(".", 1)[-1]: UNKNOWN for f in required}


def schema_files(path: Path) -> list[Path]:
    """Return `path` and the files of the folder beside it (``_schema/*.yaml``), in order."""
    extra_dir = path.with_suffix("")
    files = [path, *sorted(extra_dir.glob("*.yaml"))] if extra_dir.is_dir() else [path]
    return [f for f in files if f.exists()]


def load_schema(
    path: Path,
    validators: Collection[str] = (),
    *,
    region_file: Path | None = None,
    kinds: Sequence[str] = (),
) -> Schema:
    """Return the schema declared in `path` plus the files of the folder beside it.

    ``variables/_schema.yaml`` holds the common fields; ``variables/_schema/*.yaml`` add
    the fields of particular template families (a field may be declared only once).
    `region_file` (``variables/<region>/_schema.yaml``) adds a region's fields and choices.
    `validators` are the names a field may give in ``validate:``; `kinds` are the act
    kinds a ``choices_from: kinds`` field offers. Errors name the file and the field.
    """
    fields: dict[str, FieldSpec] = {}
    for file in schema_files(path):
        for key, spec in _read_schema_file(file, validators).items():
            if key in fields:
                raise VariablesError(
                    "поле уже объявлено в другом файле схемы", f"{file.name}: {key}"
                )
            fields[key] = spec
    if region_file is not None and region_file.exists():
        _extend(fields, region_file, validators)
    for key, spec in fields.items():
        if spec.choices_from == "kinds":
            fields[key] = replace(spec, choices=tuple(dict.fromkeys((*kinds, *spec.choices))))
    return Schema(fields)


def _extend(fields: dict[str, FieldSpec], path: Path, validators: Collection[str]) -> None:
    """Add a region's fields to `fields`; a shared choice field may only gain choices."""
    where_file = f"{path.parent.name}/{path.name}"
    for key, raw in _read_raw(path).items():
        where = f"{where_file}: {key}"
        if key not in fields:
            fields[key] = _field(key, raw, where, validators)
            continue
        spec = fields[key]
        if not isinstance(raw, Mapping) or set(raw) != {"choices"} or spec.type != "choice":
            raise VariablesError(
                "общее поле регион может только дополнить значениями (choices) поля выбора",
                where,
            )
        extra = tuple(str(c) for c in raw["choices"] or ())
        fields[key] = replace(spec, choices=tuple(dict.fromkeys((*spec.choices, *extra))))


def _read_raw(path: Path) -> Mapping:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise VariablesError(f"схема не читается как YAML: {exc}", str(path)) from None
    if not isinstance(raw, Mapping):
        raise VariablesError("схема: ожидается словарь «путь: описание поля»", path.name)
    return raw


def _read_schema_file(path: Path, validators: Collection[str]) -> dict[str, FieldSpec]:
    return {
        key: _field(key, spec, f"{path.name}: {key}", validators)
        for key, spec in _read_raw(path).items()
    }


def _field(key: str, spec: Any, where: str, validators: Collection[str]) -> FieldSpec:
    if not isinstance(spec, Mapping) or spec.get("type") not in TYPES:
        raise VariablesError(f"у поля должен быть type — одно из {', '.join(TYPES)}", where)
    source = spec.get("choices_from")
    if source is not None and source not in CHOICE_SOURCES:
        raise VariablesError(f"choices_from: одно из {', '.join(CHOICE_SOURCES)}", where)
    if spec["type"] == "choice" and not spec.get("choices") and not source:
        raise VariablesError("для type: choice нужен список choices (или choices_from)", where)
    validator = spec.get("validate")
    if validator and validator not in validators:
        known = ", ".join(sorted(validators))
        raise VariablesError(f"неизвестная проверка значений «{validator}»; есть: {known}", where)
    return FieldSpec(
        path=key,
        type=spec["type"],
        label=spec.get("label", key),
        help=spec.get("help", ""),
        required=bool(spec.get("required", False)),
        required_always=spec.get("required") == "always",
        choices=tuple(str(c) for c in spec.get("choices", ()) or ()),
        gender=spec.get("gender"),
        default=spec.get("default"),
        validator=validator,
        choices_from=source,
        min=_bound(spec, "min", where),
        max=_bound(spec, "max", where),
    )


def _bound(spec: Mapping, key: str, where: str) -> int | None:
    value = spec.get(key)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise VariablesError(f"{key}: ожидается целое число", where)
    return value


def value_at(data: Mapping[str, Any], path: str) -> Any:
    """Return the value at dotted `path` in nested `data`, or None when any step is absent."""
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


_DATE_FORMS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), (1, 2, 3)),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), (3, 2, 1)),
)


def parse_date(value: Any) -> dt.date:
    """Return `value` (a date, «2023-05-23» or «23.05.2023») as a date.

    Raise ValueError with a Russian reason: an unknown form, or a day that does not
    exist («31.02.2024»: такой даты нет).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for pattern, (y, m, d) in _DATE_FORMS:
            match = pattern.match(text)
            if match:
                try:
                    return dt.date(int(match[y]), int(match[m]), int(match[d]))
                except ValueError:
                    raise ValueError(f"такой даты нет: «{text}»") from None
    raise ValueError("ожидается дата ГГГГ-ММ-ДД или ДД.ММ.ГГГГ")


#: The bound of an ``int`` field that declares no ``min``/``max``.
INT_LIMIT = 10**9


def coerce(spec: FieldSpec, value: Any) -> Any:
    """Return `value` converted to the field's type; raise ValueError with a Russian reason."""
    if value is UNKNOWN:
        return value
    kind = spec.type
    if kind in ("text", "person"):
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise ValueError("ожидается строка")
        if isinstance(value, float):
            # -- «nan», «inf», «1e+308» are no one's act number --
            if not math.isfinite(value) or not value.is_integer():
                raise ValueError("ожидается строка или целое число")
            value = int(value)
        if isinstance(value, int) and abs(value) >= 10**18:
            raise ValueError("слишком большое число; задайте значение строкой")
        return str(value)
    if kind == "phrase":
        if isinstance(value, str):
            return value
        if isinstance(value, Mapping):
            unknown = [k for k in value if k not in CASE_KEYS]
            if unknown:
                raise ValueError(
                    f"неизвестные падежи {', '.join(map(str, unknown))}; "
                    f"допустимы {', '.join(CASE_KEYS)}"
                )
            if value.get("nomn") is UNKNOWN:
                return UNKNOWN  # -- the name itself is unknown: its other forms mean nothing --
            if not isinstance(value.get("nomn"), str):
                raise ValueError("в словаре форм нужен именительный падеж (nomn)")
            return {k: v if v is UNKNOWN else str(v) for k, v in value.items()}
        raise ValueError("ожидается строка или словарь падежных форм")
    if kind == "date":
        return parse_date(value)
    if kind in ("int", "year"):
        if isinstance(value, bool):
            raise ValueError("ожидается целое число")
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValueError("ожидается целое число") from None
        except OverflowError:
            raise ValueError("ожидается конечное целое число") from None
        if isinstance(value, float) and value != number:
            raise ValueError("ожидается целое число")
        if kind == "year" and not 1900 <= number <= 2100:
            raise ValueError("ожидается год от 1900 до 2100")
        low = -INT_LIMIT if spec.min is None else spec.min
        high = INT_LIMIT if spec.max is None else spec.max
        if not low <= number <= high:
            raise ValueError(f"ожидается число от {low} до {high}")
        return number
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("да", "нет", "true", "false"):
            return value.lower() in ("да", "true")
        raise ValueError("ожидается да/нет (true/false)")
    if kind == "choice":
        if str(value) not in spec.choices:
            raise ValueError(f"допустимые значения: {', '.join(spec.choices)}")
        return str(value)
    if kind == "list":
        if not isinstance(value, list):
            raise ValueError("ожидается список")
        return value
    if kind == "act":
        if not isinstance(value, str) or not _ACT_ID_RE.match(value.strip()):
            raise ValueError(
                "ожидается идентификатор акта из реестра актов, например «fz-2012-273»"
            )
        return value.strip()
    raise ValueError(f"неизвестный тип {kind}")  # pragma: no cover - schema load rejects it
