"""The template library: .docx templates with metadata, and packages made of them.

``templates_docx/<id>.docx`` + ``templates_docx/<id>.yaml`` is a template;
``templates_docx/packages/<id>.yaml`` is a package: an ordered list of templates rendered
into ONE .docx (the act first, then its appendices, each a new section).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import TemplateError, UnknownIdError
from .variables import read_yaml

_ID_RE = re.compile(r"^[a-z][a-z0-9-]*$")
KINDS = ("cover", "appendix")
#: Gender of the approved document's head word → the approval word (G-35).
APPROVAL_WORDS = {"m": "УТВЕРЖДЕН", "f": "УТВЕРЖДЕНА", "n": "УТВЕРЖДЕНО", "pl": "УТВЕРЖДЕНЫ"}


@dataclass(frozen=True)
class DocTemplate:
    """A .docx template and its metadata.

    `kind` is «cover» (the act itself) or «appendix» (a document the act approves);
    an appendix has `doc_title` — a Jinja expression of its full name in the nominative
    («Положение о …») — and `doc_gender` for УТВЕРЖДЕН/УТВЕРЖДЕНА/УТВЕРЖДЕНО.
    """

    id: str
    path: Path
    title: str
    kind: str
    regions: tuple[str, ...]
    variables: tuple[str, ...]
    doc_title: str = ""
    doc_gender: str = "n"
    description: str = ""
    level: str = "municipality"
    #: Jinja expression giving a fixed appendix number (e.g. the act's «приложение 3»)
    appendix_number: str = ""

    @property
    def content_hash(self) -> str:
        """Return the SHA-256 of the .docx bytes (the template version)."""
        return _file_hash(self.path, self.path.stat().st_mtime_ns)

    @property
    def approval_word(self) -> str:
        """Return УТВЕРЖДЕН / УТВЕРЖДЕНА / УТВЕРЖДЕНО / УТВЕРЖДЕНЫ for this document."""
        return APPROVAL_WORDS[self.doc_gender]


@dataclass(frozen=True)
class Package:
    """A document users generate: `parts` (template ids), the first one the act.

    `conditions` maps a part to a Jinja expression over the variables; the part is
    included only when it is true (e.g. ``"'council' in set.appendices"``).
    """

    id: str
    title: str
    parts: tuple[str, ...]
    regions: tuple[str, ...]
    description: str = ""
    conditions: Mapping[str, str] = field(default_factory=dict)
    #: «municipality» (sets «region/slug») or «region» (the region's own set «region»)
    level: str = "municipality"

    def accepts(self, set_id: str) -> bool:
        """Return True when the variable set `set_id` is of this package's region and level."""
        region, _, slug = set_id.partition("/")
        return region in self.regions and bool(slug) == (self.level == "municipality")


@lru_cache(maxsize=256)
def _file_hash(path: Path, _mtime: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _check_id(kind: str, value: str) -> None:
    if not _ID_RE.match(value or ""):
        raise UnknownIdError(
            f"недопустимый идентификатор {kind} «{value}»: латинские строчные буквы, цифры и дефис"
        )


def template_path(template_id: str, templates_dir: Path) -> Path:
    """Return the path of the .docx for `template_id`."""
    return load_template(template_id, templates_dir).path


def _stamp(*paths: Path) -> tuple:
    return tuple((p.stat().st_mtime_ns, p.stat().st_size) if p.exists() else None for p in paths)


def load_template(template_id: str, templates_dir: Path) -> DocTemplate:
    """Return the template `template_id` with its metadata, validated (cached per version)."""
    _check_id("шаблона", template_id)
    path = templates_dir / f"{template_id}.docx"
    meta_path = templates_dir / f"{template_id}.yaml"
    if not path.exists():
        known = ", ".join(list_templates(templates_dir)) or "нет ни одного"
        raise UnknownIdError(f"шаблон «{template_id}» не найден (есть: {known})")
    return _load_template(template_id, templates_dir, _stamp(path, meta_path))


@lru_cache(maxsize=256)
def _load_template(template_id: str, templates_dir: Path, _stamp_: tuple) -> DocTemplate:
    path = templates_dir / f"{template_id}.docx"
    meta_path = templates_dir / f"{template_id}.yaml"
    display = f"templates_docx/{meta_path.name}"
    if not meta_path.exists():
        raise TemplateError("нет файла метаданных шаблона", display)
    meta = read_yaml(meta_path, display)
    _require_keys(meta, ("id", "title", "kind", "regions", "variables"), display)
    if meta["id"] != template_id:
        raise TemplateError(
            f"id «{meta['id']}» не совпадает с именем файла «{template_id}»", display
        )
    if meta["kind"] not in KINDS:
        raise TemplateError(f"kind: одно из {', '.join(KINDS)}", display)
    if meta["kind"] == "appendix" and not meta.get("doc_title"):
        raise TemplateError("у приложения нужно поле doc_title (наименование документа)", display)
    gender = meta.get("doc_gender", "n")
    if gender not in APPROVAL_WORDS:
        raise TemplateError(f"doc_gender: одно из {', '.join(APPROVAL_WORDS)}", display)
    return DocTemplate(
        id=template_id,
        path=path,
        title=meta["title"],
        kind=meta["kind"],
        regions=tuple(meta["regions"]),
        variables=tuple(meta["variables"]),
        doc_title=meta.get("doc_title", ""),
        doc_gender=gender,
        description=meta.get("description", ""),
        level=meta.get("level", "municipality"),
        appendix_number=str(meta.get("appendix_number", "") or ""),
    )


def _require_keys(meta: Mapping, keys, display: str) -> None:
    missing = [k for k in keys if k not in meta]
    if missing:
        raise TemplateError(f"не заданы поля: {', '.join(missing)}", display)


def load_package(package_id: str, templates_dir: Path) -> Package:
    """Return the package `package_id`; a bare template id is a package of one part."""
    _check_id("документа", package_id)
    path = templates_dir / "packages" / f"{package_id}.yaml"
    return _load_package(package_id, templates_dir, _stamp(path))


@lru_cache(maxsize=256)
def _load_package(package_id: str, templates_dir: Path, _stamp_: tuple) -> Package:
    path = templates_dir / "packages" / f"{package_id}.yaml"
    if not path.exists():
        if (templates_dir / f"{package_id}.docx").exists():
            tpl = load_template(package_id, templates_dir)
            return Package(
                tpl.id, tpl.title, (tpl.id,), tpl.regions, tpl.description, level=tpl.level
            )
        known = ", ".join(list_packages(templates_dir) + list_templates(templates_dir))
        raise UnknownIdError(f"документ «{package_id}» не найден (есть: {known})")
    display = f"templates_docx/packages/{path.name}"
    meta = read_yaml(path, display)
    _require_keys(meta, ("id", "title", "parts", "regions"), display)
    if meta["id"] != package_id:
        raise TemplateError(
            f"id «{meta['id']}» не совпадает с именем файла «{package_id}»", display
        )
    parts, conditions = [], {}
    for entry in meta["parts"]:
        if isinstance(entry, Mapping):
            if "template" not in entry:
                raise TemplateError("у части пакета нужно поле template", display)
            parts.append(entry["template"])
            if entry.get("when"):
                conditions[entry["template"]] = str(entry["when"])
        else:
            parts.append(str(entry))
    for part in parts:
        load_template(part, templates_dir)
    if load_template(parts[0], templates_dir).kind != "cover" and len(parts) > 1:
        raise TemplateError("первая часть пакета должна быть актом (kind: cover)", display)
    level = meta.get("level", "municipality")
    if level not in ("municipality", "region"):
        raise TemplateError("level: municipality или region", display)
    return Package(
        package_id,
        meta["title"],
        tuple(parts),
        tuple(meta["regions"]),
        meta.get("description", ""),
        conditions,
        level,
    )


def list_templates(templates_dir: Path) -> list[str]:
    """Return the ids of all templates, sorted."""
    return sorted(p.stem for p in templates_dir.glob("*.docx") if _ID_RE.match(p.stem))


def list_packages(templates_dir: Path) -> list[str]:
    """Return the ids of all packages, sorted."""
    return sorted(p.stem for p in (templates_dir / "packages").glob("*.yaml"))
