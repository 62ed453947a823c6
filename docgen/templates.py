"""The template library: .docx templates with metadata, packages made of them, and sources.

A *template* is a .docx file plus a metadata YAML (``<id>.docx`` + ``<id>.yaml``); a
*package* (``packages/<id>.yaml``) is an ordered list of templates rendered into ONE .docx
(the act first, then its appendices, each a new section).

Where the files come from is a :class:`TemplateSource`: the shipped folder
(:class:`FolderSource`), or a source with some templates replaced by other versions
(:class:`OverlaySource`, which the web app fills from its stored uploads). The readers
here are pure: they read the files they are given; caching belongs to the core object.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .errors import TemplateError, UnknownIdError, VariablesError
from .variables import read_yaml

ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")
KINDS = ("cover", "appendix")
LEVELS = ("municipality", "region")
#: Gender of the approved document's head word → the approval word (G-35).
APPROVAL_WORDS = {"m": "УТВЕРЖДЕН", "f": "УТВЕРЖДЕНА", "n": "УТВЕРЖДЕНО", "pl": "УТВЕРЖДЕНЫ"}
SHIPPED_VERSION = "0"
#: ``regions: all`` — a shared template (the act's blank) or package serves every region.
ALL_REGIONS = "all"


class AllRegions(tuple):
    """The regions of a template or package declared ``regions: all``: every region.

    A tuple of the one word «all» (what the metadata says), which contains any region id,
    so ``region in template.regions`` holds for a region added after the template.
    """

    def __new__(cls) -> AllRegions:
        return super().__new__(cls, (ALL_REGIONS,))

    def __contains__(self, region: object) -> bool:
        return isinstance(region, str)

    def __reduce__(self):
        # -- pickled across processes (the web's render workers, batch pools) as itself --
        return AllRegions, ()


@dataclass(frozen=True)
class TemplateFiles:
    """Where one template's files are: the .docx, its metadata, and a version label.

    `version` is «0» for the shipped file, the upload number for a stored version.
    `label` names the files in error messages («templates_docx/x.yaml»).
    """

    id: str
    docx: Path
    meta: Path
    version: str = SHIPPED_VERSION
    label: str = ""


class TemplateSource(Protocol):
    """Where the core object finds templates and packages (the resolver)."""

    def template_ids(self) -> list[str]:
        """Return the ids of every template, sorted."""

    def package_ids(self) -> list[str]:
        """Return the ids of every package, sorted."""

    def template_files(self, template_id: str) -> TemplateFiles | None:
        """Return the files of `template_id`, or None when there is no such template."""

    def package_file(self, package_id: str) -> Path | None:
        """Return the YAML of `package_id`, or None when there is no such package."""

    def package_label(self, package_id: str) -> str:
        """Return how the YAML of `package_id` is named in messages."""


@dataclass(frozen=True)
class FolderSource:
    """Templates in a folder: ``<id>.docx`` + ``<id>.yaml``, packages in ``packages/``."""

    root: Path
    #: how the folder is named in messages
    label: str = "templates_docx"

    def template_ids(self) -> list[str]:
        return sorted(p.stem for p in self.root.glob("*.docx") if ID_RE.match(p.stem))

    def package_ids(self) -> list[str]:
        return sorted(
            p.stem for p in (self.root / "packages").glob("*.yaml") if ID_RE.match(p.stem)
        )

    def template_files(self, template_id: str) -> TemplateFiles | None:
        docx = self.root / f"{template_id}.docx"
        if not docx.is_file():
            return None
        meta = self.root / f"{template_id}.yaml"
        return TemplateFiles(template_id, docx, meta, SHIPPED_VERSION, self.label)

    def package_file(self, package_id: str) -> Path | None:
        path = self.root / "packages" / f"{package_id}.yaml"
        return path if path.is_file() else None

    def package_label(self, package_id: str) -> str:
        return f"{self.label}/packages/{package_id}.yaml"


@dataclass(frozen=True)
class OverlaySource:
    """`base` with some templates and packages replaced or added (nothing is copied).

    `templates` maps a template id to the files that stand for it (e.g. an uploaded
    version); `packages` maps a package id to its YAML; `label` names where those
    files are kept in messages (the folder itself when empty).
    """

    base: TemplateSource
    templates: Mapping[str, TemplateFiles] = field(default_factory=dict)
    packages: Mapping[str, Path] = field(default_factory=dict)
    label: str = ""

    def template_ids(self) -> list[str]:
        return sorted(set(self.base.template_ids()) | set(self.templates))

    def package_ids(self) -> list[str]:
        return sorted(set(self.base.package_ids()) | set(self.packages))

    def template_files(self, template_id: str) -> TemplateFiles | None:
        return self.templates.get(template_id) or self.base.template_files(template_id)

    def package_file(self, package_id: str) -> Path | None:
        return self.packages.get(package_id) or self.base.package_file(package_id)

    def package_label(self, package_id: str) -> str:
        path = self.packages.get(package_id)
        if path is None:
            return self.base.package_label(package_id)
        return f"{self.label or path.parent}/{path.name}"


@dataclass(frozen=True)
class DocTemplate:
    """A .docx template and its metadata.

    `kind` is «cover» (the act itself) or «appendix» (a document the act approves);
    an appendix has `doc_title` — a Jinja expression of its full name in the nominative
    («Положение о …») — and `doc_gender` for УТВЕРЖДЕН/УТВЕРЖДЕНА/УТВЕРЖДЕНО.
    `content_hash` is the SHA-256 of the .docx bytes; `version` the source's label.
    """

    id: str
    path: Path
    title: str
    kind: str
    regions: tuple[str, ...]
    variables: tuple[str, ...]
    content_hash: str
    version: str = SHIPPED_VERSION
    doc_title: str = ""
    doc_gender: str = "n"
    description: str = ""
    level: str = "municipality"
    #: where the metadata came from, for messages
    meta_label: str = ""

    @property
    def approval_word(self) -> str:
        """Return УТВЕРЖДЕН / УТВЕРЖДЕНА / УТВЕРЖДЕНО / УТВЕРЖДЕНЫ for this document."""
        return APPROVAL_WORDS[self.doc_gender]


@dataclass(frozen=True)
class Package:
    """A document users generate: `parts` (template ids), the first one the act.

    `conditions` maps a part to a Jinja expression over the variables; the part is
    included only when it is true (e.g. ``"'council' in mms_set.appendices"``).
    """

    id: str
    title: str
    parts: tuple[str, ...]
    regions: tuple[str, ...]
    description: str = ""
    conditions: Mapping[str, str] = field(default_factory=dict)
    #: «municipality» (sets «region/slug») or «region» (the region's own set «region»)
    level: str = "municipality"
    #: where the package is declared, for messages
    label: str = ""
    #: values the package chooses where a set gives none (dotted path → value), e.g. the
    #: wording of its act («act.title_names: first»)
    defaults: Mapping[str, Any] = field(default_factory=dict)

    def accepts(self, set_id: str) -> bool:
        """Return True when the variable set `set_id` is of this package's region and level.

        The region's model set («leningrad/_model») is accepted at either level.
        """
        region, _, slug = set_id.partition("/")
        if slug == "_model":
            return region in self.regions
        return region in self.regions and bool(slug) == (self.level == "municipality")


def validate_id(kind: str, value: str) -> None:
    """Raise UnknownIdError unless `value` is a valid id («шаблона», «документа»)."""
    if not isinstance(value, str) or not ID_RE.match(value):
        raise UnknownIdError(
            f"недопустимый идентификатор {kind} «{value}»: латинские строчные буквы, цифры и дефис"
        )


def read_template(files: TemplateFiles) -> DocTemplate:
    """Return the template made of `files`, its metadata validated.

    Raise TemplateError (naming the metadata file) for missing or wrong metadata.
    """
    label = files.label or str(files.docx.parent)
    display = f"{label}/{files.meta.name}"
    if not files.meta.is_file():
        raise TemplateError("нет файла метаданных шаблона", display)
    meta = read_metadata(files.meta, display)
    _require_keys(meta, ("id", "title", "kind", "regions", "variables"), display)
    if meta["id"] != files.id:
        raise TemplateError(f"id «{meta['id']}» не совпадает с именем файла «{files.id}»", display)
    if meta["kind"] not in KINDS:
        raise TemplateError(f"kind: одно из {', '.join(KINDS)}", display)
    if meta["kind"] == "appendix" and not meta.get("doc_title"):
        raise TemplateError("у приложения нужно поле doc_title (наименование документа)", display)
    gender = meta.get("doc_gender", "n")
    if gender not in APPROVAL_WORDS:
        raise TemplateError(f"doc_gender: одно из {', '.join(APPROVAL_WORDS)}", display)
    level = meta.get("level", "municipality")
    if level not in LEVELS:
        raise TemplateError(f"level: одно из {', '.join(LEVELS)}", display)
    if not isinstance(meta["variables"], list) or not all(
        isinstance(v, str) for v in meta["variables"]
    ):
        raise TemplateError("variables: ожидается список строк", display)
    try:
        data = files.docx.read_bytes()
    except OSError as exc:
        raise TemplateError(f"файл не читается: {exc.strerror}", str(files.docx)) from None
    return DocTemplate(
        id=files.id,
        path=files.docx,
        title=str(meta["title"]),
        kind=meta["kind"],
        regions=read_regions(meta["regions"], display),
        variables=tuple(meta["variables"]),
        content_hash=hashlib.sha256(data).hexdigest(),
        version=files.version,
        doc_title=str(meta.get("doc_title", "")),
        doc_gender=gender,
        description=str(meta.get("description", "")),
        level=level,
        meta_label=display,
    )


def read_package(package_id: str, path: Path, display: str) -> tuple[Package, list[str]]:
    """Return the package declared in `path` and the template ids it names (to be checked).

    `display` names the file in messages. Raise TemplateError for a malformed declaration.
    """
    meta = read_metadata(path, display)
    _require_keys(meta, ("id", "title", "parts", "regions"), display)
    if meta["id"] != package_id:
        raise TemplateError(
            f"id «{meta['id']}» не совпадает с именем файла «{package_id}»", display
        )
    if not isinstance(meta["parts"], list) or not meta["parts"]:
        raise TemplateError("parts: ожидается непустой список шаблонов", display)
    parts, conditions = [], {}
    for entry in meta["parts"]:
        if isinstance(entry, Mapping):
            if "template" not in entry:
                raise TemplateError("у части пакета нужно поле template", display)
            parts.append(str(entry["template"]))
            if entry.get("when"):
                conditions[str(entry["template"])] = str(entry["when"])
        else:
            parts.append(str(entry))
    level = meta.get("level", "municipality")
    if level not in LEVELS:
        raise TemplateError(f"level: одно из {', '.join(LEVELS)}", display)
    defaults = meta.get("defaults") or {}
    if not isinstance(defaults, Mapping):
        raise TemplateError("defaults: ожидается словарь «путь: значение»", display)
    package = Package(
        package_id,
        str(meta["title"]),
        tuple(parts),
        read_regions(meta["regions"], display),
        str(meta.get("description", "")),
        conditions,
        level,
        display,
        dict(defaults),
    )
    return package, parts


def read_regions(value: Any, display: str) -> tuple[str, ...]:
    """Return the regions a template or package declares: a list of region ids, or
    :class:`AllRegions` for ``regions: all``. Raise TemplateError naming `display`."""
    if value == ALL_REGIONS:
        return AllRegions()
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise TemplateError(
            f"regions: список регионов, например [leningrad], или {ALL_REGIONS} (все регионы)",
            display,
        )
    return tuple(value)


def single_part_package(template: DocTemplate) -> Package:
    """Return the package of one template (a bare template id used as a document id)."""
    return Package(
        template.id,
        template.title,
        (template.id,),
        template.regions,
        template.description,
        level=template.level,
        label=template.meta_label,
    )


def validate_package_parts(package: Package, templates: list[DocTemplate]) -> None:
    """Raise TemplateError unless the first of several parts is an act (kind: cover)."""
    if len(templates) > 1 and templates[0].kind != "cover":
        raise TemplateError("первая часть пакета должна быть актом (kind: cover)", package.label)


def read_metadata(path: Path, display: str) -> dict:
    """Return the mapping in the metadata YAML `path`; errors are TemplateErrors."""
    # -- metadata is YAML like the variable sets; its errors are template errors --
    try:
        return read_yaml(path, display)
    except VariablesError as exc:
        raise TemplateError(exc.message, exc.location) from None


def _require_keys(meta: Mapping, keys, display: str) -> None:
    missing = [k for k in keys if k not in meta]
    if missing:
        raise TemplateError(f"не заданы поля: {', '.join(missing)}", display)
