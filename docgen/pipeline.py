"""The one pipeline every shell calls: variables → context → render → DOCX → checks."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .context import appendix_entries, build_values
from .environment import make_environment
from .errors import DocgenError, MissingValuesError, TemplateRenderError, UnknownIdError
from .findings import Finding
from .render import compile_template, render_package
from .schema import load_schema
from .settings import Settings
from .templates import DocTemplate, Package, load_package, load_template
from .variables import SCHEMA_FILE, SET_CACHE_SIZE, VariableSet, load_variables


@dataclass(frozen=True)
class GenerationResult:
    """What `generate` made: the .docx bytes, the values still unknown, the checker's findings."""

    document_id: str
    municipality: str
    docx: bytes
    missing: tuple[str, ...]
    findings: tuple[Finding, ...] = field(default=())
    draft: bool = True

    @property
    def filename(self) -> str:
        """Return a file name for the result: «lenobl-mms_leningrad-kirovsky.docx»."""
        return f"{self.document_id}_{self.municipality.replace('/', '-')}.docx"


def resolve(
    document_id: str, municipality: str, overrides: Mapping[str, Any] | None, settings: Settings
) -> tuple[Package, list[DocTemplate], VariableSet]:
    """Return the package, its templates and the validated variable set, checked to match."""
    package = load_package(document_id, settings.templates_dir)
    templates = [load_template(t, settings.templates_dir) for t in package.parts]
    variables = load_variables(municipality, settings.variables_dir, overrides)
    if variables.region not in package.regions:
        raise UnknownIdError(
            f"документ «{package.id}» предназначен для регионов: {', '.join(package.regions)}; "
            f"набор «{municipality}» относится к региону «{variables.region}»"
        )
    if not package.accepts(municipality):
        level = "муниципального образования" if package.level == "municipality" else "региона"
        raise UnknownIdError(
            f"документ «{package.id}» формируется по набору {level}, "
            f"а «{municipality}» — набор другого уровня"
        )
    return package, templates, variables


@functools.cache
def shared_environment():
    """Return this process's Jinja environment (made once by make_environment, never changed).

    Compiled templates belong to the environment that compiled them, so the compile-once
    cache needs one environment per process. Loads the morphology dictionaries too.
    """
    from . import ru

    ru.warm_up()
    return make_environment()


def build_context(
    document_id: str,
    municipality: str,
    overrides: Mapping[str, Any] | None = None,
    *,
    settings: Settings | None = None,
    env=None,
) -> dict[str, Any]:
    """Return the plain dict the templates of `document_id` see for `municipality`.

    `overrides` maps dotted paths to values («act.number»: «233»); they are validated like
    the YAML. The dict holds every declared variable, plus ``package`` (id, title) and
    ``appendices`` (number, title, kind, heading, subject, approval, ref per appendix).
    """
    settings = settings or Settings.from_env()
    package, templates, variables = resolve(document_id, municipality, overrides, settings)
    return _context(package, templates, variables, settings, env or shared_environment())[0]


def _context(
    package: Package, templates: list[DocTemplate], variables: VariableSet, settings: Settings, env
) -> tuple[dict[str, Any], list[DocTemplate]]:
    """Return the context and the templates of the package this variable set includes."""
    context = dict(_values(variables, load_schema(settings.variables_dir / SCHEMA_FILE)))
    context["package"] = {"id": package.id, "title": package.title, "municipality": variables.id}
    templates = [t for t in templates if _included(package, t, context, env)]
    titles = []
    for template in templates:
        if template.kind != "appendix":
            continue
        try:
            title = _from_string(env, template.doc_title).render(context)
        except DocgenError:
            raise
        except Exception as exc:  # noqa: BLE001 - any Jinja failure in metadata
            raise TemplateRenderError(
                f"doc_title не вычисляется: {exc}", f"templates_docx/{template.id}.yaml"
            ) from None
        number = None
        if template.appendix_number:
            raw = _from_string(env, template.appendix_number).render(context).strip()
            if raw:
                if not raw.isdigit():
                    raise TemplateRenderError(
                        f"appendix_number дал «{raw}», а не номер",
                        f"templates_docx/{template.id}.yaml",
                    )
                number = int(raw)
        titles.append((title, template.approval_word, number))
    context["appendices"] = appendix_entries(titles)
    return context, templates


@functools.lru_cache(maxsize=SET_CACHE_SIZE)
def _values(variables: VariableSet, schema) -> dict[str, Any]:
    """Return the template values of `variables` (cached: a cached set is reused as is)."""
    return build_values(variables.data, schema)


@functools.lru_cache(maxsize=256)
def _from_string(env, source: str):
    return env.from_string(source)


@functools.lru_cache(maxsize=256)
def _expression(env, source: str):
    return env.compile_expression(source)


def _included(package: Package, template: DocTemplate, context: dict, env) -> bool:
    condition = package.conditions.get(template.id)
    if not condition:
        return True
    try:
        return bool(_expression(env, condition)(**context))
    except Exception as exc:  # noqa: BLE001 - any Jinja failure in package metadata
        raise TemplateRenderError(
            f"условие «{condition}» не вычисляется: {exc}",
            f"templates_docx/packages/{package.id}.yaml",
        ) from None


def generate(
    document_id: str,
    municipality: str,
    overrides: Mapping[str, Any] | None = None,
    draft: bool = False,
    *,
    settings: Settings | None = None,
) -> GenerationResult:
    """Return the generated package `document_id` for `municipality`.

    In a draft (`draft=True`) unknown values appear as highlighted «[не заполнено: …]» and
    are listed in ``missing``; otherwise generation raises MissingValuesError listing them.
    """
    settings = settings or Settings.from_env()
    env = shared_environment()
    package, templates, variables = resolve(document_id, municipality, overrides, settings)
    context, templates = _context(package, templates, variables, settings, env)
    parts = []
    appendix_index = 0
    for template in templates:
        part_context = dict(context)
        if template.kind == "appendix":
            part_context["part"] = context["appendices"][appendix_index]
            appendix_index += 1
        else:
            part_context["part"] = None
        parts.append((compile_template(template, env), part_context))
    fmt = context.get("format") or {}
    rendered = render_package(
        parts,
        font=fmt.get("font") if isinstance(fmt.get("font"), str) else None,
        font_size=fmt.get("font_size") if isinstance(fmt.get("font_size"), int) else None,
        continuous_page_numbers=settings.page_numbering == "continuous",
    )
    if rendered.placeholders and not draft:
        raise MissingValuesError(rendered.placeholders, f"{package.id} / {municipality}")
    findings: tuple[Finding, ...] = ()
    if settings.run_checks:
        # -- layout depends on the template versions and the font only: checked once --
        layout_key = "|".join(
            [
                *(f"{c.id}@{c.version}" for c, _ in parts),
                str(fmt.get("font")),
                str(fmt.get("font_size")),
                settings.page_numbering,
            ]
        )
        findings = tuple(_check(rendered.data, settings, layout_key))
    return GenerationResult(
        package.id, municipality, rendered.data, rendered.placeholders, findings, draft
    )


def _check(data: bytes, settings: Settings, layout_key: str) -> list[Finding]:
    from .checks import check_docx

    return check_docx(data, settings.gost_profile, layout_key=layout_key)
