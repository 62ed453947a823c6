"""``docgen new package | template``: a package or a template for a region, made from one.

A new template is a copy of an existing .docx with its metadata (the editor then changes
the text in Word); a new package is an existing package's declaration for another
region, optionally with other appendices. Every template of a package must serve the
package's region: a regional template (``regions: [leningrad]``) is copied for the new
region first, a shared one (``regions: all``) serves it as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from .core import Docgen
from .errors import ScaffoldError
from .scaffold import (
    Scaffolded,
    check_new_id,
    must_load,
    refuse_installed,
    shown,
    value_of,
    write_new,
)
from .templates import read_metadata
from .variables import REGION_FILE, read_yaml
from .yamltext import comment

#: A title's closing parenthesis naming the region («… (Ленинградская область)»).
_TAIL_RE = re.compile(r"\s*\([^()]*\)\s*$")


def new_template(
    dg: Docgen, template_id: str, source: str, regions: Sequence[str] = ()
) -> Scaffolded:
    """Copy template `source` (its .docx and metadata) as `template_id`.

    `regions` (default: those of `source`) are the regions the copy serves; its title
    names them instead of the source's region.
    """
    check_new_id("шаблона", template_id)
    _check_free(dg, template_id)
    original = dg.template(source)
    root = dg.settings.templates_dir
    refuse_installed(root, "DOCGEN_TEMPLATES_DIR")
    files = dg.templates.template_files(source)
    raw = read_metadata(files.meta, original.meta_label)
    meta: dict[str, Any] = {"id": template_id}
    names = [_region_name(dg, r) for r in regions]
    meta["title"] = _retitle(original.title, names) if names else f"{original.title} (копия)"
    meta["kind"] = original.kind
    if original.kind == "appendix":
        meta["doc_gender"] = original.doc_gender
        meta["doc_title"] = original.doc_title
    meta["regions"] = list(regions) if regions else raw["regions"]
    if original.level != "municipality":
        meta["level"] = original.level
    meta["description"] = (
        f"Создан из шаблона {source} командой docgen new template; опишите, чем он отличается."
    )
    meta["variables"] = list(original.variables)
    docx, yml = root / f"{template_id}.docx", root / f"{template_id}.yaml"
    header = (
        f"Метаданные шаблона {template_id} (копия {source}): наименование, вид, регионы, "
        "переменные. Текст шаблона правится в Word или LibreOffice в файле .docx рядом."
    )
    written = write_new({docx: original.path.read_bytes(), yml: _yaml(header, meta)})
    must_load(written, lambda: dg.template(template_id))
    steps = [
        f"откройте {shown(docx)} в Word или LibreOffice и измените текст; вставки "
        "{{ … }} — переменные схемы (variables/_schema.yaml)",
        f"docgen lint {shown(docx)}",
    ]
    sets = dg.sets_for(template_id)
    if sets:
        steps.append(f"docgen generate {template_id} {sets[0]} --draft -o {template_id}.docx")
    if original.kind == "appendix":
        steps.append(
            f"docgen new package <идентификатор> --from <пакет> --region <регион> "
            f"--appendix {template_id}"
        )
    return Scaffolded(written, (), tuple(steps))


def new_package(
    dg: Docgen,
    package_id: str,
    source: str,
    region: str,
    appendices: Sequence[str] = (),
) -> Scaffolded:
    """Declare package `package_id` for `region` as a copy of package `source`.

    The act (the first part) and the defaults are kept; `appendices`, when given,
    replace the source's appendices (their conditions go with them).
    """
    check_new_id("документа", package_id)
    _check_free(dg, package_id)
    original = dg.package(source)
    path = dg.templates.package_file(source)
    if path is None:
        raise ScaffoldError(f"«{source}» — шаблон, а не пакет; укажите пакет (docgen list)")
    root = dg.settings.templates_dir
    refuse_installed(root, "DOCGEN_TEMPLATES_DIR")
    region_name = _region_name(dg, region)
    raw = read_metadata(path, original.label)
    parts = list(raw["parts"])
    if appendices:
        for template_id in appendices:
            if dg.template(template_id).kind != "appendix":
                raise ScaffoldError(f"--appendix {template_id}: это не приложение (kind: cover)")
        parts = [parts[0], *appendices]
    _check_regions(dg, parts, region)
    meta: dict[str, Any] = {
        "id": package_id,
        "title": _retitle(original.title, [region_name]),
        "regions": [region],
    }
    if original.level != "municipality":
        meta["level"] = original.level
    meta["description"] = (
        f"Создан из пакета {source} командой docgen new package; опишите акт и его приложения."
    )
    if raw.get("defaults"):
        meta["defaults"] = dict(raw["defaults"])
    meta["parts"] = parts
    target = root / "packages" / f"{package_id}.yaml"
    header = (
        f"Пакет {package_id}: акт и его приложения в одном .docx (копия {source} для региона "
        f"{region}). parts — шаблоны по порядку, первый — сам акт; when — условие включения."
    )
    written = write_new({target: _yaml(header, meta)})
    must_load(written, lambda: dg.package(package_id))
    sets = dg.sets_for(package_id)
    steps = [f"docgen generate {package_id} {s} --draft -o {package_id}.docx" for s in sets[:1]]
    if sets:
        steps.append(f"docgen batch {package_id} --region {region} --draft -o out/")
    else:
        steps.append(
            f"наборов для него пока нет: docgen new municipality {region}/<латиница> "
            '--name "<наименование>"'
        )
    steps.append("docgen validate")
    return Scaffolded(written, (), tuple(steps))


def _check_free(dg: Docgen, new_id: str) -> None:
    if new_id in dg.template_ids() or new_id in dg.package_ids():
        raise ScaffoldError(f"идентификатор «{new_id}» уже занят (docgen list)")


def _check_regions(dg: Docgen, parts: Sequence[Any], region: str) -> None:
    """Raise ScaffoldError naming every part whose template does not serve `region`."""
    ids = [p["template"] if isinstance(p, Mapping) else p for p in parts]
    foreign = [t for t in ids if region not in dg.template(t).regions]
    if foreign:
        hints = "; ".join(
            f"docgen new template {t}-{region} --from {t} --region {region}" for t in foreign
        )
        raise ScaffoldError(
            f"шаблоны {', '.join(foreign)} не предназначены для региона «{region}» (их текст "
            f"региональный). Создайте свои: {hints}; затем укажите их в --appendix"
        )


def _region_name(dg: Docgen, region: str) -> str:
    """Return the region's name in the nominative; raise ScaffoldError when there is none."""
    path = dg.settings.variables_dir / region / REGION_FILE
    if not path.is_file():
        raise ScaffoldError(
            f"региона «{region}» нет; создайте его: docgen new region {region} --name «…»"
        )
    name = value_of(read_yaml(path), "region.name")
    return name if isinstance(name, str) else region


def _retitle(title: str, names: Sequence[str]) -> str:
    """Return `title` naming `names` in its closing parenthesis («… (Московская область)»)."""
    return f"{_TAIL_RE.sub('', title)} ({', '.join(names)})"


def _yaml(header: str, meta: Mapping[str, Any]) -> str:
    body = yaml.safe_dump(_plain(meta), allow_unicode=True, sort_keys=False, width=96)
    return "\n".join(comment(header)) + "\n" + body


def _plain(value: Any) -> Any:
    """Return `value` with the YAML reader's mappings as plain dicts (for the writer)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
