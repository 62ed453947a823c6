"""The metadata form of a template: id, title, kind, regions, level, variables, approval.

The form reads what an editor typed into a `MetaForm` (the values as typed, an error per
field, in Russian) and makes the metadata mapping the shipped ``<id>.yaml`` files hold.
It checks what it can by itself (the id, the choices, Jinja syntax of the expressions);
the rest is docgen's: the editor writes the YAML and reads it back through the core
object, and renders with it (web.gate) before it is stored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jinja2 import TemplateSyntaxError

from docgen import Docgen, DocTemplate, Schema

from .catalog import listing
from .forms import SECTION_TITLES

#: Russian titles of the schema's top-level groups the generation form does not title.
GROUP_TITLES = {
    **SECTION_TITLES,
    "msms": "Система методического сопровождения (Ханты-Мансийский автономный округ – Югра)",
    "kyzyl": "Методическая служба города Кызыла",
    "mms_set": "Состав положений пакета",
    "rms": "Региональная методическая служба",
}
#: The metadata value of a template that serves every region (docgen: ``regions: all``).
ALL_REGIONS = "all"
KINDS = {"cover": "акт (распоряжение, приказ)", "appendix": "приложение (утверждаемый документ)"}
LEVELS = {
    "municipality": "муниципального образования",
    "region": "региона (набор региона, без муниципальных образований)",
}
GENDERS = {
    "n": "УТВЕРЖДЕНО (положение)",
    "m": "УТВЕРЖДЕН (порядок, план, комплекс мер)",
    "f": "УТВЕРЖДЕНА (программа, дорожная карта)",
    "pl": "УТВЕРЖДЕНЫ (правила)",
}
ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
MAX_ID = 64
MAX_TITLE = 300
MAX_TEXT = 2000


@dataclass(frozen=True)
class VariableGroup:
    """The schema fields under one top-level key, as the form offers them."""

    key: str
    title: str
    fields: tuple[tuple[str, str], ...]


@dataclass
class MetaForm:
    """What the editor typed (`values`) and what is wrong with it, field by field."""

    values: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)

    def metadata(self) -> dict[str, Any]:
        """Return the metadata mapping, keys in the order of the shipped files."""
        v = self.values
        meta: dict[str, Any] = {"id": v["id"], "title": v["title"], "kind": v["kind"]}
        if v["kind"] == "appendix":
            meta["doc_gender"] = v["doc_gender"]
            meta["doc_title"] = v["doc_title"]
        # -- «all»: a shared template serves every region, new ones too --
        meta["regions"] = ALL_REGIONS if v["regions"] == [ALL_REGIONS] else list(v["regions"])
        if v["level"] != "municipality":
            meta["level"] = v["level"]
        if v["description"]:
            meta["description"] = v["description"]
        meta["variables"] = list(v["variables"])
        return meta


def from_template(template: DocTemplate) -> MetaForm:
    """Return the form filled with the metadata of `template`."""
    return MetaForm(
        {
            "id": template.id,
            "title": template.title,
            "kind": template.kind,
            "regions": list(template.regions),
            "level": template.level,
            "doc_title": template.doc_title,
            "doc_gender": template.doc_gender,
            "description": template.description,
            "variables": list(template.variables),
        }
    )


def blank() -> MetaForm:
    """Return the empty form of a new template."""
    return MetaForm(
        {
            "id": "",
            "title": "",
            "kind": "appendix",
            "regions": [],
            "level": "municipality",
            "doc_title": "",
            "doc_gender": "n",
            "description": "",
            "variables": [],
        }
    )


def read(form: Mapping, dg: Docgen, template_id: str | None = None) -> MetaForm:
    """Return the form as submitted, checked; `template_id` is fixed when editing.

    `form` is the request's form (a MultiDict: ``regions`` and ``variables`` repeat).
    """
    one_line = {k: " ".join(str(form.get(k, "")).split()) for k in ("id", "title", "doc_title")}
    values: dict[str, Any] = {
        "id": template_id or one_line["id"],
        "title": one_line["title"],
        "kind": form.get("kind", ""),
        "regions": [r for r in form.getlist("regions") if r],
        "level": form.get("level", "municipality"),
        "doc_title": one_line["doc_title"],
        "doc_gender": form.get("doc_gender", "n"),
        "description": " ".join(str(form.get("description", "")).split()),
        "variables": [],
    }
    schema = dg.schema()
    chosen = set(form.getlist("variables"))
    # -- kept in the schema's order, whatever order the browser sent them in --
    values["variables"] = [p for p in schema.fields if p in chosen and "[]" not in p]
    result = MetaForm(values)
    errors = result.errors
    if template_id is None:
        check_new_id(values["id"], dg, errors)
    if ALL_REGIONS in values["regions"]:
        values["regions"] = [ALL_REGIONS]
    check_shared(values, errors, dg, "шаблона", ALL_REGIONS)
    if values["kind"] not in KINDS:
        errors["kind"] = "Выберите вид: акт или приложение."
    if values["kind"] == "appendix":
        if not values["doc_title"]:
            errors["doc_title"] = "У приложения нужно наименование документа."
        else:
            _check_jinja(dg, "doc_title", values["doc_title"], errors)
        if values["doc_gender"] not in GENDERS:
            errors["doc_gender"] = "Выберите гриф утверждения."
    unknown = sorted(chosen - set(values["variables"]))
    if unknown:
        errors["variables"] = f"Этих переменных нет в схеме: {', '.join(unknown)}."
    return result


def check_shared(
    values: Mapping[str, Any], errors: dict[str, str], dg: Docgen, whose: str, *extra: str
) -> None:
    """Put errors under the fields a template and a package share: title (of `whose`),
    regions (a region of the variable sets or one of `extra`), level, description."""
    if not values["title"]:
        errors["title"] = f"Укажите наименование {whose}."
    elif len(values["title"]) > MAX_TITLE:
        errors["title"] = f"Не длиннее {MAX_TITLE} знаков."
    known = {r.id for r in listing(dg)[0]} | set(extra)
    if not values["regions"]:
        errors["regions"] = "Выберите хотя бы один регион."
    elif not set(values["regions"]) <= known:
        errors["regions"] = "Такого региона нет среди наборов переменных."
    if values["level"] not in LEVELS:
        errors["level"] = "Выберите уровень набора переменных."
    if len(values["description"]) > MAX_TEXT:
        errors["description"] = f"Не длиннее {MAX_TEXT} знаков."


def variable_groups(schema: Schema) -> list[VariableGroup]:
    """Return the fields a template may list, grouped by their top-level key, schema order."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for path, spec in schema.fields.items():
        if "[]" not in path:
            groups.setdefault(path.split(".")[0], []).append((path, spec.label))
    return [VariableGroup(k, GROUP_TITLES.get(k, k), tuple(v)) for k, v in groups.items()]


def check_new_id(value: str, dg: Docgen, errors: dict[str, str]) -> None:
    """Put an error under «id» unless `value` is a well-formed id no template or package has.

    Templates and packages share the ids: a bare template id is a document id too.
    """
    if not value:
        errors["id"] = "Укажите идентификатор."
    elif len(value) > MAX_ID or not ID_RE.match(value):
        errors["id"] = (
            "Только строчные латинские буквы, цифры и дефис между ними; "
            f"начинается с буквы, не длиннее {MAX_ID} знаков."
        )
    elif value in dg.template_ids():
        errors["id"] = f"Идентификатор «{value}» уже занят шаблоном."
    elif value in dg.package_ids():
        errors["id"] = f"Идентификатор «{value}» уже занят документом."


def _check_jinja(dg: Docgen, key: str, source: str, errors: dict[str, str]) -> None:
    try:
        dg.environment.parse(source)
    except TemplateSyntaxError as exc:
        errors[key] = f"Ошибка в выражении: {exc.message}."
