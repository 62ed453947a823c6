"""The form of a new package: id, title, regions, level and its ordered parts.

A package is the act (a template of kind «cover») followed by the appendices it approves,
each optionally included only when a condition over the variables holds (``when``). The
form offers a fixed number of appendix rows (empty rows are skipped), so it works without
JavaScript. Like web.metaform, it checks what it can by itself; the package is then read
back and rendered for every set by docgen (web.gate) before it is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jinja2 import TemplateSyntaxError

from docgen import Docgen, DocgenError, DocTemplate

from .metaform import check_new_id, check_shared

#: How many appendix rows the form offers.
APPENDIX_ROWS = 6


@dataclass
class PackageForm:
    """What the editor typed (`values`) and what is wrong with it, field by field.

    Row fields are ``part-0`` (the act) and ``part-N`` / ``when-N`` for appendix N.
    """

    values: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)

    def parts(self) -> list[tuple[str, str]]:
        """Return the chosen (template id, condition) pairs in order, the act first."""
        out = [(self.values["part-0"], "")] if self.values["part-0"] else []
        for n in range(1, APPENDIX_ROWS + 1):
            if self.values[f"part-{n}"]:
                out.append((self.values[f"part-{n}"], self.values[f"when-{n}"]))
        return out

    def declaration(self) -> dict[str, Any]:
        """Return the package mapping, keys in the order of the shipped files."""
        v = self.values
        decl: dict[str, Any] = {"id": v["id"], "title": v["title"], "regions": list(v["regions"])}
        if v["level"] != "municipality":
            decl["level"] = v["level"]
        if v["description"]:
            decl["description"] = v["description"]
        decl["parts"] = [{"template": t, "when": w} if w else t for t, w in self.parts()]
        return decl


def blank() -> PackageForm:
    """Return the empty form."""
    values: dict[str, Any] = {
        "id": "",
        "title": "",
        "regions": [],
        "level": "municipality",
        "description": "",
        "part-0": "",
    }
    for n in range(1, APPENDIX_ROWS + 1):
        values[f"part-{n}"] = values[f"when-{n}"] = ""
    return PackageForm(values)


def templates_by_kind(dg: Docgen) -> dict[str, list[DocTemplate]]:
    """Return the templates that load, by kind («cover», «appendix»), sorted by title."""
    out: dict[str, list[DocTemplate]] = {"cover": [], "appendix": []}
    for template_id in dg.template_ids():
        try:
            template = dg.template(template_id)
        except DocgenError:
            continue
        out.setdefault(template.kind, []).append(template)
    for items in out.values():
        items.sort(key=lambda t: t.title.casefold())
    return out


def read(form: Mapping, dg: Docgen) -> PackageForm:
    """Return the form as submitted, checked field by field."""
    result = blank()
    values, errors = result.values, result.errors
    for key in ("id", "title", "part-0"):
        values[key] = " ".join(str(form.get(key, "")).split())
    values["regions"] = [r for r in form.getlist("regions") if r]
    values["level"] = form.get("level", "municipality")
    values["description"] = " ".join(str(form.get("description", "")).split())
    for n in range(1, APPENDIX_ROWS + 1):
        values[f"part-{n}"] = str(form.get(f"part-{n}", "")).strip()
        values[f"when-{n}"] = " ".join(str(form.get(f"when-{n}", "")).split())
    check_new_id(values["id"], dg, errors)
    check_shared(values, errors, dg, "документа")
    _check_parts(result, dg)
    return result


def _check_parts(result: PackageForm, dg: Docgen) -> None:
    values, errors = result.values, result.errors
    kinds = {k: {t.id: t for t in ts} for k, ts in templates_by_kind(dg).items()}
    act = values["part-0"]
    if not act:
        errors["part-0"] = "Выберите акт — первую часть документа."
    elif act not in kinds["cover"]:
        errors["part-0"] = "Первая часть должна быть актом (шаблон вида «акт»)."
    else:
        _check_regions(kinds["cover"][act], values["regions"], "part-0", errors)
    seen = {act}
    appendices = 0
    for n in range(1, APPENDIX_ROWS + 1):
        part, when = values[f"part-{n}"], values[f"when-{n}"]
        if not part:
            if when:
                errors[f"part-{n}"] = "Условие задано, а приложение не выбрано."
            continue
        appendices += 1
        if part not in kinds["appendix"]:
            errors[f"part-{n}"] = "Выберите шаблон вида «приложение»."
            continue
        if part in seen:
            errors[f"part-{n}"] = "Это приложение уже есть в документе."
            continue
        seen.add(part)
        _check_regions(kinds["appendix"][part], values["regions"], f"part-{n}", errors)
        if when:
            try:
                dg.environment.compile_expression(when)
            except TemplateSyntaxError as exc:
                errors[f"when-{n}"] = f"Ошибка в условии: {exc.message}."
    if not appendices and "part-1" not in errors:
        errors["part-1"] = "Добавьте хотя бы одно приложение — документ, который утверждает акт."


def _check_regions(template: DocTemplate, chosen: list[str], key: str, errors) -> None:
    missing = [r for r in chosen if r not in template.regions]
    if missing:
        errors[key] = (
            f"Шаблон «{template.title}» не предназначен для регионов: {', '.join(missing)} "
            f"(его регионы: {', '.join(template.regions)})."
        )
