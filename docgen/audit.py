"""``docgen validate``: every variable set, every template and package, every draft — at once.

The audit loads each variable set against its schema, reads each template and package and
checks that the regions they name exist and that every template of a package serves the
package's regions, then renders every package (and every template no package includes)
as a draft for every set it is made for. It never stops at the first failure: the
report lists them all, so a contributor fixes a new region in one pass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .core import Docgen
from .errors import DocgenError
from .templates import AllRegions
from .variables import VariableSet


@dataclass(frozen=True)
class Failure:
    """One thing that does not work: `subject` («набор …», «lenobl-mms · …») and why."""

    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.subject}: {self.message}"


@dataclass
class AuditReport:
    """What the audit found: the sets that loaded, the drafts made, every failure."""

    sets: dict[str, VariableSet] = field(default_factory=dict)
    #: (document id, set id) of every draft that was made
    drafts: list[tuple[str, str]] = field(default_factory=list)
    #: documents that no set is made for (not a failure: a region may have no sets yet)
    idle: list[str] = field(default_factory=list)
    #: sets that no document is made for (a new region before its package)
    uncovered: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return True when nothing failed."""
        return not self.failures

    def lines(self) -> list[str]:
        """Return the Russian report: each set, the drafts, then every failure."""
        out = []
        for set_id, variables in self.sets.items():
            unknown = f" (неизвестно: {len(variables.missing)})" if variables.missing else ""
            out.append(f"✓ {set_id}{unknown}")
        documents = len({d for d, _ in self.drafts})
        out.append(f"Черновиков сформировано: {len(self.drafts)} (документов: {documents})")
        if self.idle:
            out.append(f"Нет наборов переменных для: {', '.join(self.idle)}")
        if self.uncovered:
            out.append(f"Нет документов для наборов: {', '.join(self.uncovered)}")
        out += [f"✗ {failure}" for failure in self.failures]
        return out


def audit(
    dg: Docgen, *, render: bool = True, progress: Callable[[str], None] | None = None
) -> AuditReport:
    """Return the report of checking the whole library of `dg`; `render` makes the drafts.

    `progress` is called with each set id, then each document id, as it is checked.
    """
    report = AuditReport()
    for set_id in dg.set_ids():
        if progress:
            progress(set_id)
        try:
            report.sets[set_id] = dg.variables(set_id)
        except DocgenError as exc:
            report.failures.append(Failure(f"набор {set_id}", str(exc)))
    documents = _library(dg, report)
    if render:
        for document_id in documents:
            if progress:
                progress(document_id)
            _drafts(dg, document_id, report)
        covered = {s for _, s in report.drafts}
        report.uncovered = [s for s in report.sets if "/" in s and s not in covered]
    return report


def _library(dg: Docgen, report: AuditReport) -> list[str]:
    """Check templates and packages; return the documents to render (packages, then the
    templates no package includes)."""
    regions = {s for s in dg.set_ids() if "/" not in s}
    templates, used = {}, set()
    for template_id in dg.template_ids():
        try:
            templates[template_id] = dg.template(template_id)
        except DocgenError as exc:
            report.failures.append(Failure(f"шаблон {template_id}", str(exc)))
            continue
        _unknown_regions(templates[template_id].regions, regions, f"шаблон {template_id}", report)
    documents = []
    for package_id in dg.package_ids():
        try:
            package = dg.package(package_id)
        except DocgenError as exc:
            report.failures.append(Failure(f"пакет {package_id}", str(exc)))
            continue
        used |= set(package.parts)
        documents.append(package_id)
        _unknown_regions(package.regions, regions, f"пакет {package_id}", report)
        for part in package.parts:
            served = templates[part].regions
            if isinstance(package.regions, AllRegions) and not isinstance(served, AllRegions):
                foreign = ["все"]
            else:
                foreign = [r for r in package.regions if r not in served]
            if foreign:
                report.failures.append(
                    Failure(
                        f"пакет {package_id}",
                        f"шаблон {part} не предназначен для регионов: {', '.join(foreign)} "
                        f"(его регионы: {', '.join(served)}); создайте региональную копию: "
                        f"docgen new template … --from {part} --region …",
                    )
                )
    return documents + [t for t in templates if t not in used]


def _unknown_regions(declared, known: set[str], subject: str, report: AuditReport) -> None:
    if isinstance(declared, AllRegions):
        return
    unknown = [r for r in declared if r not in known]
    if unknown:
        report.failures.append(
            Failure(
                subject,
                f"регионов {', '.join(unknown)} нет среди наборов переменных "
                f"(есть: {', '.join(sorted(known))})",
            )
        )


def _drafts(dg: Docgen, document_id: str, report: AuditReport) -> None:
    sets = [s for s in dg.sets_for(document_id) if s in report.sets]
    if not sets:
        report.idle.append(document_id)
    for set_id in sets:
        try:
            dg.generate(document_id, set_id, draft=True, check=False)
        except DocgenError as exc:
            report.failures.append(Failure(f"{document_id} · {set_id}", str(exc)))
        else:
            report.drafts.append((document_id, set_id))
