"""Batch: one package for many municipalities, on a local process pool.

Never stops at the first failure; writes each .docx atomically as it arrives; resumable —
a re-run skips items whose template versions, variable files and mode are unchanged
(``.docgen-batch.json`` in the output folder remembers them); reports as JSON, text and
an HTML table.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .acts import registry_files
from .bundle import FORMATS, produce
from .core import Docgen
from .errors import DocgenError
from .files import write_atomic
from .findings import Severity
from .kinds import kinds_files
from .pdf import shared_converter
from .schema import REGION_SCHEMA_FILE, schema_files
from .settings import Settings
from .variables import SCHEMA_FILE, layer_files, region_of
from .wording import wording_files

STATUS_LABELS = {
    "ok": "готово",
    "missing": "есть незаполненные значения",
    "findings": "есть ошибки оформления",
    "failed": "ошибка",
}
MANIFEST = ".docgen-batch.json"
#: The most items one worker task takes at once.
CHUNK = 25
#: The core object of a worker process, made once by the pool's initializer.
_WORKER: Docgen | None = None


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
    skipped: bool = False
    key: str = ""


@dataclass
class BatchReport:
    """Every item of a batch run, in municipality order, plus what was run."""

    package: str
    region: str | None
    draft: bool
    items: list[BatchItem]
    seconds: float = 0.0

    @property
    def failed(self) -> list[BatchItem]:
        """Return the items that produced no document."""
        return [i for i in self.items if i.status == "failed"]

    def to_json(self) -> str:
        """Return the report as JSON text."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        """Return the report as Russian plain text, one block per municipality."""
        lines = [
            f"Пакет: {self.package}; регион: {self.region or 'все'}; "
            f"режим: {'черновик' if self.draft else 'чистовик'}",
            "",
        ]
        for item in self.items:
            lines.append(
                f"{item.municipality}: {STATUS_LABELS[item.status]}"
                + (f" → {item.file}" if item.file else "")
                + (" (без изменений, пропущен)" if item.skipped else "")
            )
            lines += [f"  не заполнено: {m}" for m in item.missing]
            lines += [f"  ошибка: {e}" for e in item.errors]
            lines += [
                f"  {f['severity']} {f['rule']} · {f['location']}: {f['message']}"
                for f in item.findings
                if f["severity"] == Severity.ERROR.value
            ]
        lines += ["", self.summary()]
        return "\n".join(lines) + "\n"

    def summary(self) -> str:
        """Return one Russian line: how many documents were made, how many failed."""
        ok = sum(1 for i in self.items if i.status != "failed")
        return f"Сформировано документов: {ok} из {len(self.items)}; время: {self.seconds:.1f} с."

    def to_html(self) -> str:
        """Return the report as a self-contained HTML page with one table row per item."""
        rows = []
        for item in self.items:
            notes = (
                [f"не заполнено: {m}" for m in item.missing]
                + item.errors
                + [
                    f"{f['rule']} {f['location']}: {f['message']}"
                    for f in item.findings
                    if f["severity"] != Severity.INFO.value
                ]
            )
            rows.append(
                f"<tr class='{item.status}'><td>{html.escape(item.municipality)}</td>"
                f"<td>{html.escape(STATUS_LABELS[item.status])}</td>"
                f"<td>{html.escape(item.file or '')}</td>"
                f"<td>{'<br>'.join(html.escape(n) for n in notes)}</td>"
                f"<td>{item.seconds * 1000:.0f}</td></tr>"
            )
        return (
            "<!doctype html><html lang='ru'><meta charset='utf-8'>"
            f"<title>Отчёт: {html.escape(self.package)}</title>"
            "<style>body{font:14px sans-serif}td,th{border:1px solid #ccc;padding:4px 8px;"
            "vertical-align:top}table{border-collapse:collapse}.failed{background:#fdd}"
            ".missing{background:#ffd}.findings{background:#fed}</style>"
            f"<h1>Пакет {html.escape(self.package)}</h1><p>{html.escape(self.summary())}</p>"
            "<table><tr><th>Муниципальное образование</th><th>Статус</th><th>Файл</th>"
            "<th>Замечания</th><th>мс</th></tr>" + "".join(rows) + "</table></html>"
        )


def common_key(package_id: str, draft: bool, dg: Docgen, fmt: str = "docx") -> str:
    """Return a hash of what every item of a batch depends on: the package's file and
    templates, the mode and the settings that shape the output."""
    settings = dg.settings
    digest = hashlib.sha256(
        f"{package_id}|{draft}|{fmt}|{settings.page_numbering}|"
        f"{settings.run_checks}|{settings.gost_profile}".encode()
    )
    for template in dg.package_templates(dg.package(package_id)):
        digest.update(template.content_hash.encode())
    package_file = dg.templates.package_file(package_id)
    if package_file is not None:
        digest.update(package_file.read_bytes())
    return digest.hexdigest()


def item_key(common: str, set_id: str, settings: Settings) -> str:
    """Return a hash of everything an item's output depends on: `common` plus every data
    file visible from its set (its layers, the schema, kinds, wording and cited acts)."""
    digest = hashlib.sha256(f"{common}|{set_id}".encode())
    for path in _data_files(set_id, settings.variables_dir):
        digest.update(f"|{path.name}|".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _data_files(set_id: str, root: Path) -> list[Path]:
    """Return the data files the document of `set_id` is made from, the set's layers first."""
    region = region_of(set_id)
    region_schema = root / region / REGION_SCHEMA_FILE
    return [
        *layer_files(set_id, root),
        *schema_files(root / SCHEMA_FILE),
        *([region_schema] if region_schema.exists() else []),
        *kinds_files(root, region),
        *wording_files(root, region),
        *registry_files(root, set_id),
    ]


def run_batch(
    package_id: str,
    out_dir: Path,
    *,
    region: str | None = None,
    draft: bool = True,
    docgen: Docgen | None = None,
    municipalities: Iterable[str] | None = None,
    workers: int | None = None,
    resume: bool = True,
    progress: Callable[[BatchItem], None] | None = None,
    fmt: str = "docx",
) -> BatchReport:
    """Generate `package_id` for every municipality into `out_dir`; return the report.

    `workers` processes (default: one per core; 1 runs in this process), each with a
    core object of its own made from `docgen`'s settings and, for `fmt` «pdf» or «zip»,
    a warm LibreOffice of its own (an office that dies is restarted and the document
    tried once more; a document that still fails is reported with the reason). Reports
    (``report.json``, ``report.txt``, ``report.html``) and every file are written
    atomically: no partial file is ever left.
    """
    if fmt not in FORMATS:
        raise DocgenError(f"формат: одно из {', '.join(FORMATS)}, а не «{fmt}»")
    started = time.perf_counter()
    dg = docgen or Docgen()
    settings = dg.settings
    ids = list(municipalities) if municipalities is not None else dg.sets_for(package_id, region)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = _read_manifest(out_dir) if resume else {}
    results: dict[str, BatchItem] = {}
    todo = []
    common = common_key(package_id, draft, dg, fmt)
    for set_id in ids:
        try:
            key = item_key(common, set_id, settings)
        except DocgenError as exc:
            results[set_id] = BatchItem(set_id, "failed", errors=[str(exc)])
            continue
        previous = manifest.get(set_id)
        if previous and previous.get("key") == key and (out_dir / previous["file"]).exists():
            item = BatchItem(**{**previous, "skipped": True})
            results[set_id] = item
            if progress:
                progress(item)
            continue
        todo.append((set_id, key))
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(todo) <= 1:
        for set_id, key in todo:
            results[set_id] = _finish(
                _one(dg, package_id, set_id, out_dir, draft, key, fmt), progress
            )
    else:
        # -- chunks amortise the inter-process round trip; small enough for a live progress bar --
        size = max(1, min(CHUNK, len(todo) // (workers * 4)))
        chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
        with ProcessPoolExecutor(
            max_workers=min(workers, len(chunks)), initializer=_start_worker, initargs=(settings,)
        ) as pool:
            futures = {
                pool.submit(_chunk, package_id, chunk, out_dir, draft, fmt): chunk
                for chunk in chunks
            }
            for future in as_completed(futures):
                try:
                    items = future.result()
                except BrokenProcessPool as exc:
                    # -- a worker died (killed, out of memory): its chunk fails, the rest goes on --
                    items = [
                        BatchItem(set_id, "failed", errors=[f"сбой процесса обработки: {exc}"])
                        for set_id, _ in futures[future]
                    ]
                for item in items:
                    results[item.municipality] = _finish(item, progress)
    report = BatchReport(
        package_id, region, draft, [results[i] for i in ids], time.perf_counter() - started
    )
    _write_manifest(
        out_dir, {i.municipality: asdict(i) for i in report.items if i.status != "failed"}
    )
    write_atomic(out_dir / "report.json", report.to_json().encode("utf-8"))
    write_atomic(out_dir / "report.txt", report.to_text().encode("utf-8"))
    write_atomic(out_dir / "report.html", report.to_html().encode("utf-8"))
    return report


def _finish(item: BatchItem, progress) -> BatchItem:
    if progress:
        progress(item)
    return item


def _start_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Docgen(settings)


def _chunk(
    package_id: str, chunk: list[tuple[str, str]], out_dir: Path, draft: bool, fmt: str
) -> list[BatchItem]:
    assert _WORKER is not None, "the pool initializer makes the worker's core object"
    return [_one(_WORKER, package_id, set_id, out_dir, draft, key, fmt) for set_id, key in chunk]


def _one(
    dg: Docgen,
    package_id: str,
    set_id: str,
    out_dir: Path,
    draft: bool,
    key: str,
    fmt: str = "docx",
) -> BatchItem:
    started = time.perf_counter()
    try:
        result = dg.generate(package_id, set_id, draft=draft)
        office = shared_converter() if fmt != "docx" else None
        made = produce(dg, result, fmt, office=office)
    except DocgenError as exc:
        return BatchItem(
            set_id, "failed", errors=[str(exc)], seconds=time.perf_counter() - started, key=key
        )
    target = out_dir / f"{result.filename.rsplit('.', 1)[0]}.{fmt}"
    write_atomic(target, made.data)
    found = (*result.findings, *made.findings)
    findings = [f.to_dict() for f in found]
    status = "ok"
    if result.missing:
        status = "missing"
    # -- a draft's own placeholders (G-51) are not formatting errors --
    if any(f.severity is Severity.ERROR and not (draft and f.rule == "G-51") for f in found):
        status = "findings"
    return BatchItem(
        set_id,
        status,
        target.name,
        list(result.missing),
        [],
        findings,
        time.perf_counter() - started,
        key=key,
    )


def _read_manifest(out_dir: Path) -> dict:
    try:
        return json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_manifest(out_dir: Path, entries: dict) -> None:
    write_atomic(out_dir / MANIFEST, json.dumps(entries, ensure_ascii=False).encode("utf-8"))
