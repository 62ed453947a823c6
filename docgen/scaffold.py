"""``docgen new region | municipality``: the variable-set files of a new region or municipality.

Each command writes commented YAML with every required key of the schema — the value
given on the command line, or ``!unknown`` where it must come from the editor — checks
that the result validates, and says what to fill next. Nothing is overwritten; a result
that does not validate is removed again. The library's own files (packages and
templates) are made by :mod:`docgen.scaffold_library`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .core import Docgen
from .errors import DocgenError, ScaffoldError
from .files import write_atomic
from .schema import UNKNOWN, FieldSpec
from .variables import DEFAULTS_FILE, REGION_FILE, read_yaml
from .yamltext import YamlText

ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")
UNKNOWN_NOTE = (
    "!unknown — значение пока неизвестно: в черновике на его месте выделенная пометка "
    "«[не заполнено: …]», чистовик не формируется. Не придумывайте наименования, ФИО, даты "
    "и номера актов — только из официального источника."
)
_INSTALLED = Path(__file__).resolve().parent / "_shipped"


@dataclass(frozen=True)
class Scaffolded:
    """What a ``docgen new …`` command did: files `written`, values `to_fill`, next steps."""

    written: tuple[Path, ...]
    #: (dotted path, label) of every value written as ``!unknown``
    to_fill: tuple[tuple[str, str], ...] = ()
    #: commands and instructions, in the order to follow
    next_steps: tuple[str, ...] = ()

    def report(self) -> str:
        """Return the Russian text the CLI prints."""
        lines = ["Созданы файлы:", *(f"  {shown(p)}" for p in self.written)]
        if self.to_fill:
            lines.append("Заполните (сейчас !unknown):")
            lines += [f"  {path} — {label}" for path, label in self.to_fill]
        if self.next_steps:
            lines.append("Дальше:")
            lines += [f"  {step}" for step in self.next_steps]
        return "\n".join(lines)


def new_region(dg: Docgen, region: str, name: str) -> Scaffolded:
    """Write ``variables/<region>/`` — values, registry of acts, kinds and schema extension.

    `name` is the region's name in the nominative («Московская область»).
    """
    check_new_id("региона", region)
    name = check_name(name)
    root = dg.settings.variables_dir
    refuse_installed(root, "DOCGEN_VARIABLES_DIR")
    if (root / region).exists():
        raise ScaffoldError(f"регион «{region}» уже есть", shown(root / region))
    schema = dg.schema(region)
    text = YamlText(
        f"{name}: значения, общие для всех муниципальных образований региона (набор "
        f"«{region}»); каждое муниципальное образование может их заменить в своём файле.\n"
        "Ключи — из схемы (variables/_schema.yaml), подпись поля — в комментарии над "
        f"ним.\n{UNKNOWN_NOTE}"
    )
    to_fill = []
    mark = schema.fields["format.appendix_mark"]
    text.add(mark.path, note=_note(mark), commented=True)
    mandate = schema.fields["act.mandate"]
    text.add(
        mandate.path,
        UNKNOWN,
        _note(mandate) + f"\nАкты — из реестра variables/{region}/_acts.yaml, например:\n"
        f"  mandate:\n    - act: {region}-prikaz-2024-1\n      formula: Во исполнение",
    )
    to_fill.append((mandate.path, mandate.label))
    for spec in schema.fields.values():
        if spec.path == "region.name":
            text.add(spec.path, name, _note(spec))
        elif spec.path.startswith("region.") and spec.required_always:
            text.add(spec.path, UNKNOWN, _note(spec))
            to_fill.append((spec.path, spec.label))
        elif spec.path.startswith("region."):
            text.add(spec.path, note=_note(spec), commented=True)
    folder = root / region
    files = {
        folder / REGION_FILE: text.text(),
        folder / "_acts.yaml": _acts_text(name, region),
        folder / "_kinds.yaml": _kinds_text(name),
        folder / "_schema.yaml": _schema_text(name, region),
    }
    written = write_new(files)
    must_load(written, lambda: (dg.variables(region), dg.registry(region)))
    return Scaffolded(
        written,
        tuple(to_fill),
        (
            f"заполните значения !unknown в {shown(folder / REGION_FILE)}; акты-основания "
            f"внесите в {shown(folder / '_acts.yaml')}",
            f'docgen new municipality {region}/<латиница> --name "<наименование>"',
            "docgen validate",
        ),
    )


def new_municipality(dg: Docgen, set_id: str, name: str) -> Scaffolded:
    """Write ``variables/<region>/<slug>.yaml`` with every required key of the schema.

    `name` is the official name in the nominative; a kind of municipality it contains
    («городской округ») fills ``municipality.kind``. Keys the region already gives are
    left to it.
    """
    region, _, slug = set_id.partition("/")
    if not slug:
        raise ScaffoldError(f"ожидается «регион/муниципалитет», а не «{set_id}»")
    check_new_id("муниципального образования", slug)
    name = check_name(name)
    root = dg.settings.variables_dir
    refuse_installed(root, "DOCGEN_VARIABLES_DIR")
    if not (root / region / REGION_FILE).is_file():
        raise ScaffoldError(
            f"региона «{region}» нет; создайте его: docgen new region {region} --name «…»",
            shown(root / region),
        )
    target = root / region / f"{slug}.yaml"
    schema = dg.schema(set_id)
    region_data = read_yaml(root / region / REGION_FILE)
    inherited = set(_paths(region_data))
    if (root / DEFAULTS_FILE).is_file():
        inherited |= set(_paths(read_yaml(root / DEFAULTS_FILE)))
    region_name = value_of(region_data, "region.name")
    text = YamlText(
        f"{name} ({region_name or region}): значения набора «{set_id}». Значения региона "
        f"(variables/{region}/{REGION_FILE}) действуют и здесь; чтобы заменить, впишите ключ "
        f"в этот файл.\nКлючи — из схемы, подпись поля — в комментарии над ним.\n{UNKNOWN_NOTE}"
    )
    required = [s for s in _fields(schema.fields.values()) if s.required and s.default is None]
    groups = {s.path.split(".")[0] for s in required if s.path not in inherited}
    to_fill = []
    for spec in _fields(schema.fields.values()):
        if spec.path in inherited or spec.path.split(".")[0] not in groups:
            continue
        if spec.required and spec.default is None:
            value = _given(spec, name)
            text.add(spec.path, value, _note(spec))
            if value is UNKNOWN:
                to_fill.append((spec.path, spec.label))
        elif spec.default is None:
            text.add(spec.path, note=_note(spec), commented=True)
    written = write_new({target: text.text()})
    must_load(written, lambda: dg.variables(set_id))
    documents = [d for d in _documents(dg) if dg.package(d).accepts(set_id)]
    steps = [f"заполните значения !unknown в {shown(target)}", "docgen validate"]
    steps += [f"docgen generate {d} {set_id} --draft -o {slug}-{d}.docx" for d in documents]
    return Scaffolded(written, tuple(to_fill), tuple(steps))


# -- shared by the scaffolding commands ----------------------------------------------------


def check_new_id(kind: str, value: str) -> None:
    """Raise ScaffoldError unless `value` is a valid new id (latin lower case, digits, «-»)."""
    if not isinstance(value, str) or not ID_RE.match(value):
        raise ScaffoldError(
            f"недопустимый идентификатор {kind} «{value}»: латинские строчные буквы, цифры и "
            "дефис, первая — буква (например moskovskaya, kolomna)"
        )


def check_name(name: str) -> str:
    """Return `name` with spaces normalised; raise ScaffoldError when it is empty."""
    text = " ".join(str(name or "").split())
    if not text:
        raise ScaffoldError("--name: укажите наименование в именительном падеже")
    return text


def refuse_installed(folder: Path, variable: str) -> None:
    """Raise ScaffoldError when `folder` is the copy installed inside the docgen package."""
    if folder.resolve().is_relative_to(_INSTALLED):
        raise ScaffoldError(
            "каталог данных — внутри установленного пакета docgen; задайте свой каталог "
            f"переменной {variable} (скопируйте в него поставляемые файлы)",
            str(folder),
        )


def write_new(files: Mapping[Path, str | bytes]) -> tuple[Path, ...]:
    """Write each file (text as UTF-8); raise ScaffoldError, writing nothing, if one exists."""
    existing = [p for p in files if p.exists()]
    if existing:
        raise ScaffoldError("файл уже есть, он не будет перезаписан", shown(existing[0]))
    for path, content in files.items():
        write_atomic(path, content.encode("utf-8") if isinstance(content, str) else content)
    return tuple(files)


def must_load(written: Iterable[Path], load) -> None:
    """Call `load`; when it fails, remove the `written` files and raise ScaffoldError."""
    try:
        load()
    except DocgenError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise ScaffoldError(f"созданное не прошло проверку и удалено: {exc}") from None


def shown(path: Path) -> str:
    """Return `path` relative to the current folder when it is inside it."""
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)
    except ValueError:
        return str(path)


def _note(spec: FieldSpec) -> str:
    note = spec.label
    if spec.help:
        note += f" — {spec.help}"
    if spec.choices:
        note += f". Одно из: {', '.join(spec.choices)}"
    return note


def _fields(specs: Iterable[FieldSpec]) -> list[FieldSpec]:
    """Return the fields a set file names directly (not the fields of list items)."""
    return [s for s in specs if "[]" not in s.path]


def _given(spec: FieldSpec, name: str) -> Any:
    if spec.path == "municipality.name":
        return name
    if spec.path == "municipality.kind":
        found = [c for c in sorted(spec.choices, key=len, reverse=True) if c in name.lower()]
        return found[0] if found else UNKNOWN
    return UNKNOWN


def _paths(data: Mapping, prefix: str = "") -> list[str]:
    """Return the dotted paths a YAML layer sets (a mapping of case forms is one value)."""
    paths = []
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping) and "nomn" not in value:
            paths += _paths(value, path + ".")
        else:
            paths.append(path)
    return paths


def value_of(data: Mapping, path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        node = node.get(part) if isinstance(node, Mapping) else None
    return node["nomn"] if isinstance(node, Mapping) else node


def _documents(dg: Docgen) -> list[str]:
    """Return the packages, then the acts (covers) that are no package's first part."""
    packages = dg.package_ids()
    covers = [t for t in dg.template_ids() if dg.template(t).kind == "cover"]
    return packages + [t for t in covers if t not in packages]


def _acts_text(name: str, region: str) -> str:
    return (
        f"# Реестр цитируемых актов: акты региона «{name}» и его органов (формат — в\n"
        "# docgen/acts.py). На идентификатор акта ссылаются act.mandate и act.basis наборов; "
        "ссылку\n# (вид, орган, дата, номер, заголовок) docgen пишет сам. Вносите только акты, "
        "найденные в\n# официальном источнике (source). Пример:\n"
        f"# {region}-prikaz-2024-1:\n"
        "#   kind: приказ\n"
        "#   issuer: министерство образования …\n"
        "#   date: 2024-01-15\n"
        '#   number: "1"\n'
        "#   title: Об утверждении …\n"
        "#   status: действует\n"
        "#   source: https://… (где опубликован)\n"
    )


def _kinds_text(name: str) -> str:
    return (
        f"# Виды актов региона «{name}» — в дополнение к общим (variables/_kinds.yaml:\n"
        "# распоряжение, приказ, постановление, решение …); общий вид здесь не "
        "переопределяется.\n# Пример — указание с формулой «ПРЕДЛАГАЮ:»:\n"
        "# указание:\n"
        "#   issued: true\n"
        "#   issuer: руководитель органа\n"
        '#   formula: "ПРЕДЛАГАЮ:"\n'
    )


def _schema_text(name: str, region: str) -> str:
    return (
        f"# Поля региона «{name}» в дополнение к общей схеме (variables/_schema.yaml, тот же\n"
        "# формат): новые поля и новые значения общего поля выбора. Пример:\n"
        f"# {region}.council:\n"
        "#   type: text\n"
        "#   label: Наименование муниципального методического совета\n"
        "# municipality.kind:\n"
        "#   choices: [городской округ с внутригородским делением]\n"
    )
