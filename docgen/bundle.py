"""Output formats and the signature-ready package: DOCX, PDF/A, and a ZIP with a manifest.

The ZIP holds the act as DOCX and as PDF/A and ``manifest.json``: what produced it —
package and set ids, every template's id, version and content hash, the variable set
after layering (its values and their hash), the overrides given, the cited acts with
their status, docgen's version, the time of generation, the checker's findings, and the
hash of each file. :func:`verify` recomputes all of it against the current library and
says whether the act is current, or which template or which values changed since::

    data = build_bundle(result, pdf, dg)          # bytes of the .zip
    verdict = verify(data, dg)                    # .current, .changes (Russian lines)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ._version import __version__
from .core import Docgen
from .errors import DocgenError
from .findings import Finding
from .result import GenerationResult
from .variables import canonical_data, data_hash, region_of

FORMATS = ("docx", "pdf", "zip")
MANIFEST = "manifest.json"
MANIFEST_VERSION = 1


class BundleError(DocgenError):
    """A file is not a docgen package: not a ZIP, no manifest, a manifest docgen cannot read."""


def format_of(path_name: str, forced: str | None = None) -> str:
    """Return the output format: `forced`, else the extension of `path_name` («act.pdf»)."""
    if forced:
        if forced not in FORMATS:
            raise DocgenError(f"формат: одно из {', '.join(FORMATS)}, а не «{forced}»")
        return forced
    suffix = path_name.rsplit(".", 1)[-1].lower() if "." in path_name else ""
    return suffix if suffix in FORMATS else "docx"


@dataclass(frozen=True)
class Output:
    """A document in one format: its bytes, the page findings and notes of the PDF step."""

    data: bytes
    format: str
    findings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()


def produce(
    dg: Docgen,
    result: GenerationResult,
    fmt: str,
    *,
    office=None,
    overrides: Mapping[str, Any] | None = None,
) -> Output:
    """Return `result` as `fmt`: the DOCX itself, its PDF/A, or the signature-ready ZIP.

    `office` is a warm converter (:class:`docgen.pdf.OfficeConverter`) for PDF and ZIP;
    the rendered pages are checked (P-01…P-04) when the settings run checks. `overrides`
    are recorded in the manifest so that :func:`verify` can recompute the values.
    """
    if fmt == "docx":
        return Output(result.docx, "docx")
    if office is None:
        raise DocgenError("для PDF нужен LibreOffice: конвертер не передан")
    from .pdf import check_pdf

    converted = office.docx_to_pdf(result.docx, name=result.filename)
    findings = tuple(check_pdf(converted.pdf, result.docx)) if dg.settings.run_checks else ()
    notes = tuple(converted.notes)
    if fmt == "pdf":
        return Output(converted.pdf, "pdf", findings, notes)
    meta = manifest(
        result, dg, pdf=converted.pdf, overrides=overrides, findings=findings, notes=notes
    )
    return Output(build_bundle(result, converted.pdf, meta), "zip", findings, notes)


def manifest(
    result: GenerationResult,
    dg: Docgen,
    *,
    pdf: bytes,
    overrides: Mapping[str, Any] | None = None,
    findings: tuple[Finding, ...] = (),
    notes: tuple[str, ...] = (),
    generated_at: dt.datetime | None = None,
) -> dict[str, Any]:
    """Return the manifest of the package made of `result` and its `pdf`."""
    variables = dg.variables(result.set_id, overrides)
    registry = dg.registry(result.set_id)
    cited = []
    for act_id in result.cited_acts:
        act = registry.get(act_id)
        cited.append(
            {
                "id": act.id,
                "kind": act.kind,
                "date": act.date.isoformat(),
                "number": act.number,
                "status": act.status,
                "citation": dg.citation(act.id, result.set_id).text("nomn", "digital"),
            }
        )
    stamp = (generated_at or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    return {
        "manifest_version": MANIFEST_VERSION,
        "docgen_version": __version__,
        "generated_at": stamp.isoformat(),
        "package": result.package.id,
        "set": result.set_id,
        "draft": result.draft,
        "templates": [
            {"id": t.id, "version": t.version, "sha256": t.content_hash} for t in result.templates
        ],
        "overrides": canonical_data(dict(overrides or {})),
        "variables": {
            "sha256": data_hash(variables.data),
            "values": canonical_data(variables.data),
        },
        "cited_acts": cited,
        "findings": [f.to_dict() for f in (*result.findings, *findings)],
        "notes": list(notes),
        "files": {
            "act.docx": hashlib.sha256(result.docx).hexdigest(),
            "act.pdf": hashlib.sha256(pdf).hexdigest(),
        },
    }


def build_bundle(result: GenerationResult, pdf: bytes, meta: Mapping[str, Any]) -> bytes:
    """Return the ZIP of the signature-ready package: act.docx, act.pdf, manifest.json."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("act.docx", result.docx)
        zf.writestr("act.pdf", pdf)
        zf.writestr(MANIFEST, json.dumps(meta, ensure_ascii=False, indent=2))
    return buffer.getvalue()


@dataclass(frozen=True)
class Verdict:
    """What :func:`verify` found: `current`, or the `changes` (Russian lines) since."""

    package: str
    set_id: str
    changes: tuple[str, ...] = field(default=())

    @property
    def current(self) -> bool:
        """Return True when nothing the act was made from has changed."""
        return not self.changes


def read_bundle(data: bytes) -> tuple[dict[str, Any], bytes, bytes]:
    """Return (manifest, docx, pdf) of a package; raise BundleError if it is not one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            missing = {MANIFEST, "act.docx", "act.pdf"} - names
            if missing:
                raise BundleError(f"в архиве нет {', '.join(sorted(missing))}")
            meta = json.loads(zf.read(MANIFEST).decode("utf-8"))
            return meta, zf.read("act.docx"), zf.read("act.pdf")
    except (zipfile.BadZipFile, OSError, ValueError, KeyError) as exc:
        raise BundleError(f"архив не читается: {exc}") from None


def verify(data: bytes, dg: Docgen) -> Verdict:
    """Return whether the package in `data` is current against the library of `dg`.

    Compares the files with their hashes, every template's content hash and version with
    the library's, and the variable set (after layering and the recorded overrides) with
    the values recorded. Raise BundleError when the package cannot be read.
    """
    meta, docx, pdf = read_bundle(data)
    try:
        package_id, set_id = meta["package"], meta["set"]
        recorded = {t["id"]: t for t in meta["templates"]}
        values = meta["variables"]
        files = meta["files"]
        overrides = meta.get("overrides") or {}
    except (KeyError, TypeError) as exc:
        raise BundleError(f"манифест неполон: нет {exc}") from None
    changes: list[str] = []
    for name, content in (("act.docx", docx), ("act.pdf", pdf)):
        if hashlib.sha256(content).hexdigest() != files.get(name):
            changes.append(f"файл {name} изменён после формирования")
    try:
        templates = {t.id: t for t in dg.package_templates(dg.package(package_id))}
    except DocgenError as exc:
        return Verdict(package_id, set_id, (*changes, f"документ «{package_id}»: {exc.message}"))
    for template_id, then in recorded.items():
        now = templates.get(template_id)
        if now is None:
            changes.append(f"шаблона «{template_id}» больше нет в документе «{package_id}»")
        elif now.content_hash != then["sha256"]:
            changes.append(
                f"шаблон «{template_id}» изменился: версия {then['version']} → {now.version}, "
                f"содержимое {then['sha256'][:12]} → {now.content_hash[:12]}"
            )
    for template_id in sorted(set(templates) - set(recorded)):
        changes.append(f"в документ «{package_id}» добавлен шаблон «{template_id}»")
    try:
        current = dg.variables(set_id, _overrides(overrides))
    except DocgenError as exc:
        return Verdict(package_id, set_id, (*changes, f"набор «{set_id}»: {exc}"))
    if data_hash(current.data) != values.get("sha256"):
        then_values = values.get("values") or {}
        now_values = canonical_data(current.data)
        differences = list(_differences(then_values, now_values, ""))
        changes += [f"значение {path}: {old} → {new}" for path, old, new in differences] or [
            f"значения набора «{set_id}» изменились"
        ]
    return Verdict(package_id, set_id, tuple(changes))


def check_bundle(data: bytes, dg: Docgen, profile: str | None = None) -> list[Finding]:
    """Return the findings on a package: the DOCX checked, the PDF's pages checked."""
    from .checks import check_docx
    from .pdf import check_pdf

    meta, docx, pdf = read_bundle(data)
    set_id = meta.get("set")
    registry = dg.registry(set_id)
    kinds = dg.kinds(region_of(set_id)) if set_id else dg.known_kinds()
    found = check_docx(docx, profile or dg.settings.gost_profile, registry=registry, kinds=kinds)
    return [*found, *check_pdf(pdf, docx)]


def _overrides(recorded: Mapping[str, Any]) -> dict[str, Any]:
    """Return the recorded overrides as the core takes them (unknowns restored)."""
    from .schema import UNKNOWN

    def back(value: Any) -> Any:
        if value == {"!unknown": True}:
            return UNKNOWN
        if isinstance(value, list):
            return [back(v) for v in value]
        if isinstance(value, dict):
            return {k: back(v) for k, v in value.items()}
        return value

    return {path: back(value) for path, value in recorded.items()}


def _differences(old: Any, new: Any, path: str) -> Iterator[tuple[str, str, str]]:
    """Yield (path, old, new) for every leaf that differs between two canonical values."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            yield from _differences(old.get(key), new.get(key), f"{path}.{key}" if path else key)
    elif old != new:
        yield path, _show(old), _show(new)


def _show(value: Any) -> str:
    if value is None:
        return "нет"
    if value == {"!unknown": True}:
        return "не заполнено"
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return f"«{text if len(text) <= 80 else text[:79] + '…'}»"
