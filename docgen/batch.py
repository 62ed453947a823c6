"""Batch: one package for many municipalities; never stops at the first failure."""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import DocgenError
from .findings import Severity
from .pipeline import generate
from .settings import Settings
from .templates import load_package
from .variables import list_sets

STATUS_LABELS = {"ok": "готово", "missing": "есть незаполненные значения",
                 "findings": "есть ошибки оформления", "failed": "ошибка"}


@dataclass
class BatchItem:
    """The outcome for one municipality: `status` ok | missing | findings | failed."""

    municipality: str
    status: str
    file: str | None = None
    missing: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class BatchReport:
    """Every item of a batch run plus when and what was run."""

    package: str
    region: str | None
    draft: bool
    items: list[BatchItem]

    @property
    def failed(self) -> list[BatchItem]:
        """Return the items that produced no document."""
        return [i for i in self.items if i.status == "failed"]

    def to_json(self) -> str:
        """Return the report as JSON text."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        """Return the report as Russian plain text, one block per municipality."""
        lines = [f"Пакет: {self.package}; регион: {self.region or 'все'}; "
                 f"режим: {'черновик' if self.draft else 'чистовик'}", ""]
        for item in self.items:
            lines.append(f"{item.municipality}: {STATUS_LABELS[item.status]}"
                         + (f" → {item.file}" if item.file else ""))
            lines += [f"  не заполнено: {m}" for m in item.missing]
            lines += [f"  ошибка: {e}" for e in item.errors]
            lines += [f"  {f['severity']} {f['rule']} · {f['location']}: {f['message']}"
                      for f in item.findings if f["severity"] == Severity.ERROR.value]
        ok = sum(1 for i in self.items if i.status != "failed")
        lines += ["", f"Сформировано документов: {ok} из {len(self.items)}."]
        return "\n".join(lines) + "\n"


def municipalities_for(package_id: str, region: str | None, settings: Settings) -> list[str]:
    """Return the municipality set ids a batch of `package_id` covers (optionally one region)."""
    package = load_package(package_id, settings.templates_dir)
    regions = [region] if region else list(package.regions)
    if region and region not in package.regions:
        raise DocgenError(f"пакет «{package_id}» не предназначен для региона «{region}» "
                          f"(регионы пакета: {', '.join(package.regions)})")
    return [s for s in list_sets(settings.variables_dir)
            if "/" in s and s.split("/")[0] in regions]


def run_batch(package_id: str, out_dir: Path, *, region: str | None = None,
              draft: bool = True, settings: Settings | None = None,
              municipalities: Iterable[str] | None = None,
              progress: Callable[[BatchItem], None] | None = None) -> BatchReport:
    """Generate `package_id` for every municipality into `out_dir`; return the report.

    Each .docx and the reports (``report.json``, ``report.txt``) are written atomically.
    """
    settings = settings or Settings.from_env()
    ids = list(municipalities) if municipalities is not None else municipalities_for(
        package_id, region, settings)
    out_dir.mkdir(parents=True, exist_ok=True)
    items = []
    for set_id in ids:
        item = _one(package_id, set_id, out_dir, draft, settings)
        items.append(item)
        if progress:
            progress(item)
    report = BatchReport(package_id, region, draft, items)
    write_atomic(out_dir / "report.json", report.to_json().encode("utf-8"))
    write_atomic(out_dir / "report.txt", report.to_text().encode("utf-8"))
    return report


def _one(package_id: str, set_id: str, out_dir: Path, draft: bool,
         settings: Settings) -> BatchItem:
    started = time.perf_counter()
    try:
        result = generate(package_id, set_id, draft=draft, settings=settings)
    except DocgenError as exc:
        return BatchItem(set_id, "failed", errors=[str(exc)],
                         seconds=time.perf_counter() - started)
    target = out_dir / result.filename
    write_atomic(target, result.docx)
    findings = [f.to_dict() for f in result.findings]
    status = "ok"
    if result.missing:
        status = "missing"
    if any(f.severity is Severity.ERROR for f in result.findings):
        status = "findings"
    return BatchItem(set_id, status, target.name, list(result.missing), [], findings,
                     time.perf_counter() - started)


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` through a temporary file in the same folder, then rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
