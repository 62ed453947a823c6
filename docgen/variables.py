"""Variable sets: discover, load and merge YAML layers, validate them against the schema.

Layers, each overriding the one before: ``_defaults.yaml`` → ``<region>/_region.yaml`` →
``<region>/<slug>.yaml`` (or, for the region's own set, ``<region>/_own.yaml``) →
overrides given by the caller. Set ids are ``<region>`` (the
region level itself, e.g. ``leningrad``) or ``<region>/<slug>`` (``leningrad/kirovsky``).

The region's model set ``<region>/_model`` (:data:`MODEL_SLUG`) is what the region's model
act is made of: ``_defaults.yaml`` → ``<region>/_region.yaml`` → ``<region>/_model.yaml`` (if
the region writes one), and every field a municipality must give that these layers leave
out is unknown — the model shows a blank there. Optional municipal values stay absent, so
the templates print their neutral wording.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import UnknownIdError, VariablesError, VariablesSyntaxError
from .schema import UNKNOWN, Schema, coerce
from .validators import VALIDATORS

SCHEMA_FILE = "_schema.yaml"
DEFAULTS_FILE = "_defaults.yaml"
REGION_FILE = "_region.yaml"
#: The region's own acts (set «<region>»): not inherited by its municipalities.
REGION_OWN_FILE = "_own.yaml"
#: The slug of a region's model set («leningrad/_model»); its own layer is «_model.yaml».
MODEL_SLUG = "_model"
#: Where the model set says a municipal value was left blank (its «origin»).
MODEL_ORIGIN = "образец региона"
_ID_RE = re.compile(r"^[a-z][a-z0-9_-]*(/(?:[a-z][a-z0-9_-]*|_model))?$")


@dataclass(frozen=True, eq=False)
class VariableSet:
    """A validated, merged variable set: `id`, nested `data`, the `sources` it came from.

    `origins` maps each dotted path to «файл:строка» where its value was set; `missing`
    lists the dotted paths whose value is explicitly unknown.
    """

    id: str
    data: dict[str, Any]
    sources: tuple[Path, ...]
    origins: dict[str, str]
    missing: tuple[str, ...]

    @property
    def region(self) -> str:
        """Return the region part of the id («leningrad/kirovsky» → «leningrad»)."""
        return self.id.split("/")[0]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loader (libyaml when present) that knows ``!unknown`` and key line numbers."""


def _construct_unknown(loader, node):
    return UNKNOWN


class _LinedDict(dict):
    lines: dict[str, int]


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    result = _LinedDict()
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise VariablesSyntaxError(
                f"ключ должен быть строкой, а не {key!r}",
                f"{key_node.start_mark.name}:{key_node.start_mark.line + 1}",
            )
        if key in result:
            raise VariablesSyntaxError(
                f"ключ «{key}» повторяется",
                f"{key_node.start_mark.name}:{key_node.start_mark.line + 1}",
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


def _construct_timestamp(loader, node):
    # -- «2024-02-31» is a string the schema reports («такой даты нет»), not a crash --
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("!unknown", _construct_unknown)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path, display: str | None = None) -> dict[str, Any]:
    """Return the mapping in YAML file `path`; syntax errors name the file and line."""
    display = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise VariablesError(f"файл не читается: {exc.strerror}", display) from None
    except UnicodeDecodeError:
        raise VariablesError("файл должен быть в кодировке UTF-8", display) from None
    return parse_yaml(text, display)


def read_entries(files: Iterable[Path], variables_dir: Path) -> Iterator[tuple[str, Any, str]]:
    """Yield (key, value, where) for each top-level entry of each YAML file in `files`, in
    order; `where` names the file and line («variables/_acts.yaml:12»)."""
    for path in files:
        display = display_path(path, variables_dir)
        data = read_yaml(path, display)
        lines = getattr(data, "lines", {})
        for key, value in data.items():
            yield key, value, f"{display}:{lines[key]}" if key in lines else display


def parse_yaml(text: str, display: str) -> dict[str, Any]:
    """Return the mapping in YAML `text`; `display` names the source in errors."""
    try:
        stream = io.StringIO(text)
        stream.name = display
        data = yaml.load(stream, Loader=_Loader)  # noqa: S506 - a safe loader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = exc.problem or exc.context or "ошибка синтаксиса"
        raise VariablesSyntaxError(
            f"ошибка синтаксиса YAML: {problem}", f"{display}{line}"
        ) from None
    except yaml.YAMLError as exc:
        raise VariablesSyntaxError(f"ошибка синтаксиса YAML: {exc}", display) from None
    if data is None:
        return _LinedDict()
    if not isinstance(data, dict):
        raise VariablesError(
            "на верхнем уровне файла должен быть словарь «ключ: значение»", display
        )
    return data


def parse_value(text: str, display: str) -> Any:
    """Return one value written in YAML: «233», «!unknown», a flow list «[mms, sovet]» or
    mapping «{nomn: …, datv: …}». A value that is not a list or mapping stays the text as
    given (so «233» and «2023-06-01» are left to the schema to read)."""
    stripped = text.strip()
    if stripped == "!unknown":
        return UNKNOWN
    if not stripped.startswith(("[", "{")):
        return text
    return parse_yaml(f"value: {stripped}\n", display)["value"]


def canonical_data(value: Any) -> Any:
    """Return `value` as plain JSON data: keys sorted, dates ISO, unknowns marked.

    An unknown value becomes ``{"!unknown": true}``.
    """
    if value is UNKNOWN:
        return {"!unknown": True}
    if isinstance(value, Mapping):
        return {str(k): canonical_data(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [canonical_data(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def data_hash(data: Mapping[str, Any]) -> str:
    """Return the SHA-256 of variable-set `data` in a canonical form (keys sorted).

    Two sets with the same values after layering have the same hash, whatever files
    or overrides they came from.
    """
    text = json.dumps(canonical_data(data), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def list_sets(variables_dir: Path) -> list[str]:
    """Return every variable-set id under `variables_dir`, regions first, sorted."""
    ids = []
    for region_dir in sorted(p for p in variables_dir.iterdir() if p.is_dir()):
        if not _ID_RE.match(region_dir.name):
            continue
        if (region_dir / REGION_FILE).exists():
            ids.append(region_dir.name)
        for file in sorted(region_dir.glob("*.yaml")):
            if not file.name.startswith("_"):
                ids.append(f"{region_dir.name}/{file.stem}")
    return ids


def region_of(set_id: str) -> str:
    """Return the region of the set id `set_id` («leningrad/kirovsky» → «leningrad»).

    Raise UnknownIdError for an id that is not «регион» or «регион/муниципалитет».
    """
    if not isinstance(set_id, str) or not _ID_RE.match(set_id):
        raise UnknownIdError(
            f"недопустимый идентификатор набора переменных «{set_id}»: "
            "ожидается «регион» или «регион/муниципалитет» (латиница, цифры, дефис)"
        )
    return set_id.partition("/")[0]


def layer_files(set_id: str, variables_dir: Path) -> list[Path]:
    """Return the YAML files that make up `set_id`, most general first."""
    region, _, slug = region_of(set_id), *set_id.partition("/")[1:]
    files = [variables_dir / DEFAULTS_FILE, variables_dir / region / REGION_FILE]
    if slug == MODEL_SLUG:
        files.append(variables_dir / region / f"{MODEL_SLUG}.yaml")
        slug = ""
    elif slug:
        files.append(variables_dir / region / f"{slug}.yaml")
    else:
        files.append(variables_dir / region / REGION_OWN_FILE)
    target = files[-1] if slug else files[1]
    if not target.exists():
        known = ", ".join(list_sets(variables_dir)) or "нет ни одного"
        raise UnknownIdError(f"набор переменных «{set_id}» не найден (есть: {known})")
    return [f for f in files if f.exists()]


def load_variables(
    set_id: str,
    variables_dir: Path,
    schema: Schema,
    overrides: Mapping[str, Any] | None = None,
    *,
    read: Callable[[Path, str], Mapping[str, Any]] = read_yaml,
) -> VariableSet:
    """Return the validated variable set `set_id`, with dotted-path `overrides` applied last.

    `read` returns a layer file's mapping (``read_yaml``; the core passes one that parses
    each version of a file once — the layers are only read, never changed, here).
    Raise UnknownIdError for an unknown set, VariablesError listing every problem.
    """
    merged: dict[str, Any] = {}
    origins: dict[str, str] = {}
    files = layer_files(set_id, variables_dir)
    for file in files:
        display = display_path(file, variables_dir)
        _merge(merged, read(file, display), origins, display, "")
    if set_id.partition("/")[2] == MODEL_SLUG:
        _blank_municipal(merged, schema, origins)
    for path, value in (overrides or {}).items():
        _set_path(merged, path, value)
        origins[path] = "переопределение"
    return validate(set_id, merged, schema, origins, tuple(files))


def model_set_id(region: str) -> str:
    """Return the id of the model set of `region` («leningrad» → «leningrad/_model»)."""
    return f"{region_of(region)}/{MODEL_SLUG}"


def _blank_municipal(data: dict, schema: Schema, origins: dict[str, str]) -> None:
    """Make every municipal field that the region's layers leave out unknown (a blank)."""
    for spec in schema.fields.values():
        if "[]" in spec.path or not spec.required or spec.default is not None:
            continue
        if not _lookup(data, spec.path)[0]:
            _set_path(data, spec.path, UNKNOWN)
            origins[spec.path] = MODEL_ORIGIN


def display_path(file: Path, variables_dir: Path) -> str:
    """Return how messages name `file`: «variables/leningrad/kirovsky.yaml»."""
    try:
        return f"variables/{file.relative_to(variables_dir)}"
    except ValueError:
        return str(file)


def _merge(into: dict, layer: Mapping, origins: dict, display: str, prefix: str) -> None:
    lines = getattr(layer, "lines", {})
    for key, value in layer.items():
        path = f"{prefix}{key}"
        origins[path] = f"{display}:{lines[key]}" if key in lines else display
        if isinstance(value, Mapping) and isinstance(into.get(key), dict) and not _is_forms(value):
            _merge(into[key], value, origins, display, path + ".")
        elif isinstance(value, Mapping) and not _is_forms(value):
            into[key] = {}
            _merge(into[key], value, origins, display, path + ".")
        else:
            into[key] = _copied(value)
            _note_list_origins(value, path, origins, display)


def _copied(value: Any) -> Any:
    """Return `value` with its lists and mappings copied (line numbers kept), so that the
    merged set never shares a container with a layer."""
    if isinstance(value, list):
        return [_copied(v) for v in value]
    if isinstance(value, _LinedDict):
        copy = _LinedDict((k, _copied(v)) for k, v in value.items())
        copy.lines = value.lines
        return copy
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    return value


def _note_list_origins(value, path: str, origins: dict, display: str) -> None:
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, Mapping):
                lines = getattr(item, "lines", {})
                for key in item:
                    origins[f"{path}[{i}].{key}"] = (
                        f"{display}:{lines[key]}" if key in lines else display
                    )


def _is_forms(value: Mapping) -> bool:
    return "nomn" in value


def _set_path(data: dict, path: str, value: Any) -> None:
    parts = path.split(".")
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            raise VariablesError(
                "переопределение внутри значения, которое не является словарём", path
            )
    node[parts[-1]] = value


def validate(
    set_id: str, data: dict, schema: Schema, origins: dict[str, str], sources: tuple[Path, ...] = ()
) -> VariableSet:
    """Return `data` checked and coerced against `schema`; raise with every problem listed."""
    problems: list[str] = []
    missing: list[str] = []

    def where(path: str) -> str:
        return origins.get(path) or origins.get(path.split(".")[0]) or set_id

    def walk(node: Mapping, prefix: str, spec_prefix: str) -> None:
        for key, value in list(node.items()):
            path = f"{prefix}{key}"
            spec_path = f"{spec_prefix}{key}"
            spec = schema.fields.get(spec_path)
            if spec is None:
                if value is UNKNOWN and schema.group_fields(spec_path):
                    # -- «signer: !unknown»: every field of the group is unknown --
                    node[key] = value = schema.unknown_group(spec_path)
                if isinstance(value, Mapping) and schema.children(spec_path):
                    walk(value, path + ".", spec_path + ".")
                    continue
                problems.append(
                    f"{where(path)}: неизвестный ключ «{path}»" + _suggest(spec_path, schema)
                )
                continue
            try:
                node[key] = coerce(spec, value)
            except ValueError as exc:
                problems.append(f"{where(path)}: {path} ({spec.label}): {exc}")
                continue
            if node[key] is UNKNOWN:
                missing.append(path)
            elif spec.type == "phrase" and isinstance(node[key], Mapping):
                missing.extend(f"{path}.{c}" for c, v in node[key].items() if v is UNKNOWN)
            elif spec.type == "list":
                node[key] = list(node[key])  # -- items are coerced: never the caller's list --
                for i, item in enumerate(node[key]):
                    item_path = f"{path}[{i}]"
                    item_spec = schema.fields.get(spec_path + "[]")
                    if item_spec is not None:
                        try:
                            node[key][i] = coerce(item_spec, item)
                        except ValueError as exc:
                            problems.append(f"{where(path)}: {item_path}: {exc}")
                        if node[key][i] is UNKNOWN:
                            missing.append(item_path)
                    elif isinstance(item, Mapping) or item is UNKNOWN:
                        if item is UNKNOWN:
                            # -- «- !unknown»: an item whose fields are yet to be filled --
                            node[key][i] = item = schema.unknown_item(spec_path)
                        walk(item, item_path + ".", spec_path + "[].")
                        _require(item, item_path, spec_path + "[]", schema, problems, where)
                    else:
                        problems.append(f"{where(path)}: {item_path}: ожидается словарь полей")

    walk(data, "", "")
    for spec in schema.fields.values():
        if "[]" in spec.path:
            continue
        present, value = _lookup(data, spec.path)
        if not present:
            if spec.default is not None:
                _set_path(data, spec.path, _copied(coerce(spec, spec.default)))
            elif spec.required_always or (spec.required and "/" in set_id):
                problems.append(
                    f"{set_id}: не задано обязательное поле «{spec.path}» ({spec.label})"
                )
    if not problems:
        problems += _cross_checks(data, schema, where)
    if problems:
        raise VariablesError(
            "набор переменных не прошёл проверку:\n  " + "\n  ".join(problems), set_id
        )
    return VariableSet(set_id, data, sources, origins, tuple(missing))


def _cross_checks(data: dict, schema: Schema, where) -> list[str]:
    problems = []
    for spec in schema.fields.values():
        if not spec.validator or "[]" in spec.path:
            continue
        present, value = _lookup(data, spec.path)
        if present and value is not UNKNOWN:
            validate_values = VALIDATORS[spec.validator]
            problems += [
                f"{where(spec.path)}: {m}" for m in validate_values(value, data, spec.path)
            ]
    return problems


def _require(
    item: Mapping, item_path: str, spec_prefix: str, schema: Schema, problems: list[str], where
) -> None:
    for spec in schema.children(spec_prefix):
        key = spec.path.rsplit(".", 1)[-1]
        if spec.required and key not in item:
            problems.append(
                f"{where(item_path)}: {item_path}: не задано поле «{key}» ({spec.label})"
            )


def _lookup(data: Mapping, path: str) -> tuple[bool, Any]:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return False, None
        node = node[part]
    return True, node


def _suggest(path: str, schema: Schema) -> str:
    import difflib

    close = difflib.get_close_matches(path, list(schema.fields), n=1, cutoff=0.75)
    return f"; возможно, имелось в виду «{close[0]}»" if close else ""
