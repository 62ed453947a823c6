"""The core object: one `Docgen` per application, every shell (CLI, web, batch) uses it.

Built once from `Settings` (Datasette's pattern), it owns the template source (the
resolver), the variable sets, the schema, the registry of cited acts, the one Jinja
environment and every cache — as instance state, keyed by the content or the file
versions they are made from. The flow is one way: variables → context → render → DOCX →
checks::

    from docgen import Docgen, Settings
    dg = Docgen(Settings.from_env())
    result = dg.generate("lenobl-mms", "leningrad/kirovsky", draft=True)
    Path(result.filename).write_bytes(result.docx)

`using(source)` gives a view of the same object with other template versions (the web
app's uploads) that shares the caches: nothing is copied.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateError as JinjaTemplateError

from . import ru
from .acts import ActRegistry, load_registry, registry_files
from .cache import LRU
from .citation import Citation, citation, validate_citations
from .context import appendix_entries, build_values
from .cover import build_cover
from .environment import VALUE_ERRORS, make_environment
from .errors import (
    DocgenError,
    MissingValuesError,
    TemplateError,
    TemplateRenderError,
    UnknownIdError,
)
from .findings import Finding
from .kinds import KINDS_FILE, Kinds, kinds_files, load_kinds, merged_kinds
from .lint import lint_template
from .render import Assembly, CompiledTemplate, compile_template, make_assembly, render_package
from .result import GenerationResult, requisites_of
from .schema import REGION_SCHEMA_FILE, Schema, load_schema, schema_files
from .settings import Settings
from .templates import (
    DocTemplate,
    FolderSource,
    Package,
    TemplateSource,
    read_metadata,
    read_package,
    read_template,
    single_part_package,
    validate_id,
    validate_package_parts,
)
from .validators import VALIDATORS
from .variables import (
    SCHEMA_FILE,
    VariableSet,
    data_hash,
    layer_files,
    list_sets,
    load_variables,
    read_yaml,
    region_of,
)
from .wording import Wording, load_wording, wording_files

#: How many of each kind of thing one core object keeps (a web server serves a few sets
#: over and over; a batch over thousands of sets gains nothing from more).
SET_CACHE_SIZE = 256
TEMPLATE_CACHE_SIZE = 128


@dataclass(frozen=True, eq=False)
class _LoadedSet:
    """A validated set with what the pipeline derives from it once: values, hash, cited acts,
    and the tables of its region it was read with (kinds, wording, registry)."""

    variables: VariableSet
    values: dict[str, Any]
    hash: str
    cited: tuple[str, ...]
    kinds: Kinds
    wording: Wording
    registry: ActRegistry


@dataclass(frozen=True)
class Resolved:
    """A package, its templates and the variable set it is made for, checked to match."""

    package: Package
    templates: tuple[DocTemplate, ...]
    variables: VariableSet
    _loaded: _LoadedSet | None = field(default=None, repr=False, compare=False)


@dataclass(eq=False)
class _State:
    """The environment and caches that every view of one core object shares."""

    env: Any = field(default_factory=make_environment)
    templates: LRU = field(default_factory=lambda: LRU(TEMPLATE_CACHE_SIZE))
    packages: LRU = field(default_factory=lambda: LRU(TEMPLATE_CACHE_SIZE))
    compiled: LRU = field(default_factory=lambda: LRU(TEMPLATE_CACHE_SIZE))
    assemblies: LRU = field(default_factory=lambda: LRU(TEMPLATE_CACHE_SIZE))
    expressions: LRU = field(default_factory=lambda: LRU(TEMPLATE_CACHE_SIZE))
    schemas: LRU = field(default_factory=lambda: LRU(16))
    tables: LRU = field(default_factory=lambda: LRU(32))
    registries: LRU = field(default_factory=lambda: LRU(SET_CACHE_SIZE))
    sets: LRU = field(default_factory=lambda: LRU(SET_CACHE_SIZE))
    layers: LRU = field(default_factory=lambda: LRU(SET_CACHE_SIZE))
    warm: bool = False


class Docgen:
    """The template library, the variable sets and the pipeline that joins them.

    `settings` default to ``Settings()`` (no environment is read here: shells call
    ``Settings.from_env()``); `templates` default to the folder ``settings.templates_dir``.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        templates: TemplateSource | None = None,
        _state: _State | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self.templates = templates or FolderSource(self.settings.templates_dir)
        self._state = _state or _State()

    def using(self, templates: TemplateSource) -> Docgen:
        """Return a view of this object reading templates from `templates` (caches shared)."""
        return Docgen(self.settings, templates=templates, _state=self._state)

    @property
    def environment(self):
        """Return the one Jinja environment (sandboxed, strict, autoescaping)."""
        return self._state.env

    # -- the template library ------------------------------------------------------------

    def template_ids(self) -> list[str]:
        """Return the ids of every template, sorted."""
        return self.templates.template_ids()

    def package_ids(self) -> list[str]:
        """Return the ids of every package, sorted."""
        return self.templates.package_ids()

    def template(self, template_id: str) -> DocTemplate:
        """Return the template `template_id` with its metadata, validated."""
        validate_id("шаблона", template_id)
        files = self.templates.template_files(template_id)
        if files is None:
            known = ", ".join(self.template_ids()) or "нет ни одного"
            raise UnknownIdError(f"шаблон «{template_id}» не найден (есть: {known})")
        key = (files, _stamp(files.docx), _stamp(files.meta))
        return self._state.templates.get(key, lambda: read_template(files))

    def package(self, package_id: str) -> Package:
        """Return the package `package_id`; a bare template id is a package of one part."""
        return self._package(package_id)[0]

    def _package(self, package_id: str) -> tuple[Package, tuple[DocTemplate, ...]]:
        """Return the package `package_id` with the templates of its parts, validated."""
        validate_id("документа", package_id)
        path = self.templates.package_file(package_id)
        if path is None:
            if self.templates.template_files(package_id) is not None:
                template = self.template(package_id)
                return single_part_package(template), (template,)
            known = ", ".join(self.package_ids() + self.template_ids())
            raise UnknownIdError(f"документ «{package_id}» не найден (есть: {known})")
        display = self.templates.package_label(package_id)
        package, parts = self._state.packages.get(
            (path, _stamp(path)), lambda: read_package(package_id, path, display)
        )
        templates = tuple(self.template(p) for p in parts)
        validate_package_parts(package, templates)
        self._validate_defaults(package)
        return package, templates

    def _validate_defaults(self, package: Package) -> None:
        """Raise TemplateError unless each of the package's defaults is a valid choice."""
        fields = self.schema().fields
        for path, value in package.defaults.items():
            spec = fields.get(path)
            if spec is None or spec.type not in ("choice", "bool", "int"):
                raise TemplateError(
                    f"defaults: «{path}» — не поле выбора схемы (можно задавать выбор, да/нет, "
                    "число)",
                    package.label,
                )
            try:
                spec.coerce(value)
            except ValueError as exc:
                raise TemplateError(f"defaults: {path}: {exc}", package.label) from None

    def package_templates(self, package: Package) -> tuple[DocTemplate, ...]:
        """Return the templates of every part of `package`, in order."""
        return tuple(self.template(t) for t in package.parts)

    # -- variables ---------------------------------------------------------------------

    def set_ids(self) -> list[str]:
        """Return every variable-set id, regions first, sorted."""
        return list_sets(self.settings.variables_dir)

    def schema(self, set_id: str | None = None) -> Schema:
        """Return the schema of variable sets: the shared files, plus the region's own
        extension (``variables/<region>/_schema.yaml``) when `set_id` names a region's set."""
        return self._schema(region_of(set_id) if set_id else None)[1]

    def _schema(self, region: str | None) -> tuple[tuple, Schema]:
        """Return the version key of the schema files of `region` and the schema they make."""
        root = self.settings.variables_dir
        path = root / SCHEMA_FILE
        region_file = root / region / REGION_SCHEMA_FILE if region else None
        kind_files = kinds_files(root, region)
        key = _versions([*schema_files(path), *([region_file] if region_file else []), *kind_files])

        def make() -> Schema:
            kinds = self.kinds(region).issued()
            return load_schema(path, VALIDATORS, region_file=region_file, kinds=kinds)

        return key, self._state.schemas.get(key, make)

    def kinds(self, region: str | None = None) -> Kinds:
        """Return the act kinds visible from `region` (shared ones plus the region's own)."""
        root = self.settings.variables_dir
        files = kinds_files(root, region)
        return self._state.tables.get(("kinds", _versions(files)), lambda: load_kinds(files, root))

    def known_kinds(self) -> Kinds:
        """Return every act kind of the library: the shared ones and each region's own (a name
        two regions declare keeps the first region's, by id). A document whose region is not
        known (``docgen check``) is read with these."""
        root = self.settings.variables_dir
        regions = sorted({region_of(s) for s in self.set_ids()})
        files = [*kinds_files(root), *(root / r / KINDS_FILE for r in regions)]
        return self._state.tables.get(
            ("known kinds", _versions(files)),
            lambda: merged_kinds([self.kinds(), *(self.kinds(r) for r in regions)]),
        )

    def wording(self, region: str | None = None) -> Wording:
        """Return the act wording of `region` (shared, with the region's replacements)."""
        return self._wording(region)[1]

    def _wording(self, region: str | None) -> tuple[tuple, Wording]:
        """Return the version key of the wording files of `region` and the wording."""
        root = self.settings.variables_dir
        files = wording_files(root, region)
        key = ("wording", _versions(files))
        return key, self._state.tables.get(key, lambda: load_wording(files, root))

    def variables(self, set_id: str, overrides: Mapping[str, Any] | None = None) -> VariableSet:
        """Return the validated variable set `set_id` with dotted-path `overrides` applied.

        Without overrides the set is kept per version of its files; treat it as read-only.
        """
        return self._load_set(set_id, overrides).variables

    def _load_set(self, set_id: str, overrides: Mapping[str, Any] | None = None) -> _LoadedSet:
        """Return the set with its template values and hash; kept, without overrides, per
        version of every file they are made from: its layers, the schema, the registry
        (values hold citations) and the wording. Every cited act must be in the registry."""
        root = self.settings.variables_dir
        files = layer_files(set_id, root)
        region = region_of(set_id)
        schema_key, schema = self._schema(region)
        registry_key, registry = self._registry(set_id)
        wording_key, wording = self._wording(region)
        kinds = self.kinds(region)

        def make() -> _LoadedSet:
            variables = load_variables(set_id, root, schema, overrides, read=self._layer)
            cited = validate_citations(variables, schema, registry)
            values = build_values(
                variables.data,
                schema,
                cite=lambda act_id: citation(act_id, registry, kinds, wording),
                kinds=kinds,
            )
            hashed = data_hash(variables.data)
            return _LoadedSet(variables, values, hashed, cited, kinds, wording, registry)

        if overrides:
            return make()
        key = (set_id, schema_key, registry_key, wording_key, _versions(files))
        return self._state.sets.get(key, make)

    def _layer(self, path: Path, display: str) -> Mapping[str, Any]:
        """Return the mapping in the layer file `path`, parsed once per version of the file
        (the region's and the shared layers are read by every set below them)."""
        return self._state.layers.get((path, _stamp(path)), lambda: read_yaml(path, display))

    def registry(self, set_id: str | None = None) -> ActRegistry:
        """Return the cited acts visible from `set_id` (federal, its region, its own);
        every shipped act when `set_id` is None."""
        return self._registry(set_id)[1]

    def _registry(self, set_id: str | None) -> tuple[tuple, ActRegistry]:
        """Return the version key of the registry (and kinds) files and the registry."""
        root = self.settings.variables_dir
        files = registry_files(root, set_id)
        region = region_of(set_id) if set_id else None
        key = _versions([*files, *kinds_files(root, region)])
        return key, self._state.registries.get(
            key, lambda: load_registry(files, root, self.kinds(region).names())
        )

    def citation(self, act_id: str, set_id: str | None = None) -> Citation:
        """Return the citation of registry act `act_id` as seen from `set_id`."""
        region = region_of(set_id) if set_id else None
        return citation(act_id, self.registry(set_id), self.kinds(region), self.wording(region))

    def sets_for(self, package_id: str, region: str | None = None) -> list[str]:
        """Return the ids of the sets `package_id` is made for (optionally of one region)."""
        package = self.package(package_id)
        if region and region not in package.regions:
            raise UnknownIdError(
                f"документ «{package_id}» не предназначен для региона «{region}» "
                f"(регионы документа: {', '.join(package.regions)})"
            )
        return [
            s
            for s in self.set_ids()
            if package.accepts(s) and (not region or region_of(s) == region)
        ]

    # -- the pipeline --------------------------------------------------------------------

    def resolve(
        self, package_id: str, set_id: str, overrides: Mapping[str, Any] | None = None
    ) -> Resolved:
        """Return the package, its templates and the validated set, checked to match."""
        package, templates = self._package(package_id)
        _require_match(package, set_id)
        loaded = self._load_set(set_id, overrides)
        return Resolved(package, templates, loaded.variables, loaded)

    def context(
        self, package_id: str, set_id: str, overrides: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """Return the plain dict the templates of `package_id` see for `set_id`.

        It holds every declared variable, plus ``package`` (id, title, municipality) and
        ``appendices`` (number, title, kind, heading, subject, approval, ref of each).
        """
        return self._context(self.resolve(package_id, set_id, overrides))[0]

    def parts(
        self, package_id: str, set_id: str, overrides: Mapping[str, Any] | None = None
    ) -> list[tuple[DocTemplate, dict[str, Any]]]:
        """Return each template the package includes for `set_id` with the context it sees.

        An appendix's context has ``part`` (its entry of ``appendices``); the act's has None.
        """
        return self._parts(self.resolve(package_id, set_id, overrides))

    def _parts(self, resolved: Resolved) -> list[tuple[DocTemplate, dict[str, Any]]]:
        context, templates = self._context(resolved)
        appendices = iter(context["appendices"])
        out = []
        for template in templates:
            part_context = dict(context)
            part_context["part"] = next(appendices) if template.kind == "appendix" else None
            out.append((template, part_context))
        return out

    def generate(
        self,
        package_id: str,
        set_id: str,
        overrides: Mapping[str, Any] | None = None,
        *,
        draft: bool = False,
        check: bool | None = None,
    ) -> GenerationResult:
        """Return the generated package `package_id` for the variable set `set_id`.

        In a draft unknown values appear as highlighted «[не заполнено: …]» and are listed
        in ``missing``; a final raises MissingValuesError listing them. `check` (default:
        ``settings.run_checks``) runs the conformance checker on the result.
        """
        resolved = self.resolve(package_id, set_id, overrides)
        included = self._parts(resolved)
        templates = [t for t, _ in included]
        parts = [(self._compiled(t), part_context) for t, part_context in included]
        fmt = parts[0][1].get("format") or {}
        font = fmt.get("font") if isinstance(fmt.get("font"), str) else None
        size = fmt.get("font_size") if isinstance(fmt.get("font_size"), int) else None
        rendered = render_package(
            parts,
            self._assembly(tuple(c for c, _ in parts)),
            font=font,
            font_size=size,
            continuous_page_numbers=self.settings.page_numbering == "continuous",
        )
        if rendered.placeholders and not draft:
            raise MissingValuesError(rendered.placeholders, f"{resolved.package.id} / {set_id}")
        findings: tuple[Finding, ...] = ()
        if self.settings.run_checks if check is None else check:
            # -- layout depends on the template versions, the font and the act's kind (which
            # -- decides how its paragraphs are read: ПРИКАЗЫВАЮ:, marks): checked once each --
            layout_key = "|".join(
                [
                    *(t.content_hash for t in templates),
                    str(font),
                    str(size),
                    self.settings.page_numbering,
                    str((parts[0][1].get("act") or {}).get("kind", "")),
                ]
            )
            loaded = resolved._loaded
            findings = tuple(self._check(rendered.data, layout_key, loaded.registry, loaded.kinds))
        return GenerationResult(
            package=resolved.package,
            set_id=set_id,
            docx=rendered.data,
            missing=rendered.placeholders,
            findings=findings,
            draft=draft,
            templates=tuple(templates),
            variables_hash=resolved._loaded.hash,
            requisites=requisites_of(resolved.variables.data),
            cited_acts=resolved._loaded.cited,
        )

    def lint(self, path: Path, declared: Iterable[str] | None = None) -> list[Finding]:
        """Return every problem of the .docx template at `path`, all at once.

        `declared` (the variables the metadata lists) defaults to the ``variables`` of
        the metadata YAML beside the file, when there is one. The variables a template may
        use are the shared schema's plus those its regions add (their ``_schema.yaml``).
        """
        regions: Any = None
        meta = path.with_suffix(".yaml")
        if meta.is_file():
            data = read_metadata(meta, str(meta))
            declared = data.get("variables") if declared is None else declared
            regions = data.get("regions")
        return lint_template(path, self._regions_schema(regions), declared, self.environment)

    def _regions_schema(self, regions: Any) -> Schema:
        """Return the shared schema with the fields every region in `regions` adds."""
        if not isinstance(regions, list):
            return self.schema()
        fields = dict(self.schema().fields)
        for region in regions:
            if isinstance(region, str) and (self.settings.variables_dir / region).is_dir():
                fields.update(self.schema(region).fields)
        return Schema(fields)

    def check_docx(
        self, data: bytes, *, layout_key: str | None = None, set_id: str | None = None
    ) -> list[Finding]:
        """Return the conformance findings for the .docx `data` (profile from settings).

        The document is read with the act kinds visible from `set_id` (the shared ones and
        its region's; every known kind when None). Citations are judged against the registry
        visible from `set_id` (every shipped act when None): an act that lost force is named
        with its replacement.
        """
        kinds = self.kinds(region_of(set_id)) if set_id else self.known_kinds()
        return self._check(data, layout_key, self.registry(set_id), kinds)

    def _check(
        self, data: bytes, layout_key: str | None, registry: ActRegistry, kinds: Kinds
    ) -> list[Finding]:
        from .checks import check_docx

        return check_docx(
            data, self.settings.gost_profile, layout_key=layout_key, registry=registry, kinds=kinds
        )

    # -- internals ---------------------------------------------------------------------

    def _warm(self) -> None:
        if not self._state.warm:
            ru.warm_up()
            self._state.warm = True

    def _context(self, resolved: Resolved) -> tuple[dict[str, Any], list[DocTemplate]]:
        """Return the context and the templates of the package this variable set includes."""
        self._warm()
        package, variables = resolved.package, resolved.variables
        context = _with_defaults(resolved._loaded.values, package, variables)
        context["package"] = {
            "id": package.id,
            "title": package.title,
            "municipality": variables.id,
        }
        templates = [t for t in resolved.templates if self._included(package, t, context)]
        titles = []
        for template in templates:
            if template.kind != "appendix":
                continue
            title = self._render_meta(template, "doc_title", template.doc_title, context)
            titles.append((title, template.approval_word))
        context["appendices"] = appendix_entries(titles)
        context["cover"] = build_cover(
            context,
            context["appendices"],
            kinds=resolved._loaded.kinds,
            wording=resolved._loaded.wording,
            filters=self.environment.filters,
        ).as_context()
        return context, templates

    def _render_meta(self, template: DocTemplate, key: str, source: str, context) -> str:
        try:
            compiled = self._state.expressions.get(
                ("template", source), lambda: self.environment.from_string(source)
            )
            return compiled.render(context)
        except DocgenError:
            raise
        except (JinjaTemplateError, *VALUE_ERRORS) as exc:
            raise TemplateRenderError(f"{key} не вычисляется: {exc}", template.meta_label) from None

    def _included(self, package: Package, template: DocTemplate, context: dict) -> bool:
        condition = package.conditions.get(template.id)
        if not condition:
            return True
        try:
            expression = self._state.expressions.get(
                ("expression", condition), lambda: self.environment.compile_expression(condition)
            )
            return bool(expression(**context))
        except DocgenError:
            raise
        except (JinjaTemplateError, *VALUE_ERRORS) as exc:
            raise TemplateError(
                f"условие «{condition}» не вычисляется: {exc}", package.label
            ) from None

    def _compiled(self, template: DocTemplate) -> CompiledTemplate:
        return self._state.compiled.get(
            template.content_hash, lambda: compile_template(template, self.environment)
        )

    def _assembly(self, parts: tuple[CompiledTemplate, ...]) -> Assembly:
        return self._state.assemblies.get(
            tuple(p.version for p in parts), lambda: make_assembly(parts)
        )


def _with_defaults(
    values: dict[str, Any], package: Package, variables: VariableSet
) -> dict[str, Any]:
    """Return a copy of `values` with the package's defaults where the set gave nothing.

    A package may choose its wording (``defaults: {act.title_names: first}``); a value the
    set writes in any of its files wins. The cached `values` are never changed.
    """
    context = dict(values)
    for path, value in package.defaults.items():
        if path in variables.origins:
            continue
        *groups, leaf = path.split(".")
        node = context
        for group in groups:
            node[group] = dict(node.get(group) or {})
            node = node[group]
        node[leaf] = value
    return context


def _require_match(package: Package, set_id: str) -> None:
    """Raise UnknownIdError unless the set `set_id` is of the package's region and level."""
    region = region_of(set_id)
    if region not in package.regions:
        raise UnknownIdError(
            f"документ «{package.id}» предназначен для регионов: {', '.join(package.regions)}; "
            f"набор «{set_id}» относится к региону «{region}»"
        )
    if not package.accepts(set_id):
        level = "муниципального образования" if package.level == "municipality" else "региона"
        raise UnknownIdError(
            f"документ «{package.id}» формируется по набору {level}, "
            f"а «{set_id}» — набор другого уровня"
        )


def _versions(files: Iterable[Path]) -> tuple:
    """Return each of `files` with its version: the key of what is made from them."""
    return tuple((f, _stamp(f)) for f in files)


def _stamp(path: Path) -> tuple[int, int] | None:
    """Return (modification time, size) of `path`, or None when it does not exist."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size
