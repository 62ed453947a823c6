"""PDF benchmarks: warm LibreOffice against one ``soffice --convert-to`` per file.

Usage:
  python bench/bench_pdf.py convert [--rounds 8] [--per-round 4]   # warm vs cold, one core
  python bench/bench_pdf.py packages [--workers 2]                  # Leningrad packages to PDF

``convert``: Положения of the Leningrad sets, PDF/A-2b both ways, measured side by side
in one run (rounds alternate which approach goes first), the process and its offices
pinned to one core. Cold keeps one user profile for all calls (its first-start cost is
not counted), so the ratio is the office start per document, nothing else.

``packages``: every Leningrad municipal set of ``lenobl-mms`` — generate (draft, with
the DOCX checks), convert, check the pages — on `--workers` processes, each with its
own warm office (:func:`docgen.pdf.shared_converter`). Wall time from the pool's start
(the offices start inside it) and again with the offices already warm.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docgen import Docgen, Settings
from docgen.pdf import OfficeConverter, check_pdf, pdfa_part, shared_converter
from docgen.pdf.office import find_soffice

POLOZHENIE = "polozhenie-mms-lenobl"
PACKAGE = "lenobl-mms"
_PDFA = json.dumps({"SelectPdfVersion": {"type": "long", "value": "2"}})


#: The core object of this process (a pool worker makes its own on first use).
_CORE: Docgen | None = None


def core() -> Docgen:
    global _CORE
    if _CORE is None:
        _CORE = Docgen(Settings(run_checks=False))
    return _CORE


def leningrad_sets(document_id: str) -> list[str]:
    return core().sets_for(document_id, "leningrad")


def cold_convert(docx: Path, outdir: Path, profile: Path) -> bytes:
    """Return the PDF/A of `docx` made by a new ``soffice`` process (the baseline)."""
    subprocess.run(
        [find_soffice(), "--headless", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", f"pdf:writer_pdf_Export:{_PDFA}", "--outdir", str(outdir), str(docx)],
        check=True, capture_output=True,
    )  # fmt: skip
    return (outdir / (docx.stem + ".pdf")).read_bytes()


def bench_convert(args) -> None:
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    docs = [
        core().generate(POLOZHENIE, set_id, draft=True).docx
        for set_id in leningrad_sets(POLOZHENIE)
    ]
    work = Path(tempfile.mkdtemp(prefix="docgen-bench-pdf-"))
    profile = work / "profile"
    files = []
    for i, data in enumerate(docs):
        files.append(work / f"polozhenie{i}.docx")
        files[-1].write_bytes(data)
    cold_convert(files[0], work, profile)  # -- the profile's first start is not measured --
    warm_times, cold_times, ratios = [], [], []
    try:
        with OfficeConverter(timeout=120) as office:
            office.docx_to_pdf(docs[0])  # -- nor the warm office's start --
            for r in range(args.rounds):
                picks = [(r * args.per_round + k) % len(docs) for k in range(args.per_round)]
                batch = [(docs[i], files[i]) for i in picks]
                round_times = {}
                for approach in ("warm", "cold") if r % 2 == 0 else ("cold", "warm"):
                    started = time.perf_counter()
                    for data, path in batch:
                        if approach == "warm":
                            pdf = office.docx_to_pdf(data).pdf
                        else:
                            pdf = cold_convert(path, work, profile)
                        assert pdfa_part(pdf) == ("2", "B"), approach
                    round_times[approach] = (time.perf_counter() - started) / len(batch)
                warm_times.append(round_times["warm"])
                cold_times.append(round_times["cold"])
                ratios.append(round_times["cold"] / round_times["warm"])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    warm, cold = statistics.median(warm_times), statistics.median(cold_times)
    print(f"Положения ({len(docs)} наборов), {args.rounds} раундов × {args.per_round}, одно ядро")
    print(f"тёплый LibreOffice: {warm * 1000:.0f} мс/док, {1 / warm:.1f} док/с на ядро")
    print(f"холодный (soffice на файл): {cold * 1000:.0f} мс/док, {1 / cold:.2f} док/с на ядро")
    print(
        f"отношение (медиана по раундам): {statistics.median(ratios):.1f}×; "
        f"раунды: {min(ratios):.1f}–{max(ratios):.1f}×"
    )


def _package_to_pdf(set_id: str) -> tuple[int, float, float, float]:
    """Generate, convert and page-check one package in a pool worker.

    Returns the number of page findings and the seconds of each of the three steps.
    """
    t0 = time.perf_counter()
    docx = core().generate(PACKAGE, set_id, draft=True).docx
    t1 = time.perf_counter()
    pdf = shared_converter(timeout=120).docx_to_pdf(docx, name=set_id).pdf
    t2 = time.perf_counter()
    findings = check_pdf(pdf, docx)
    return len(findings), t1 - t0, t2 - t1, time.perf_counter() - t2


def _warm_up(_: int) -> int:
    shared_converter(timeout=120).start()
    time.sleep(0.5)  # -- keep this worker busy so that the other one takes the next call --
    return os.getpid()


def bench_packages(args) -> None:
    sets = leningrad_sets(PACKAGE)
    for label, warm_first in (("с запуском офисов", False), ("офисы уже запущены", True)):
        started = time.perf_counter()
        with ProcessPoolExecutor(args.workers) as pool:
            if warm_first:
                pids = set(pool.map(_warm_up, range(args.workers)))
                started = time.perf_counter()
            results = list(pool.map(_package_to_pdf, sets))
            wall = time.perf_counter() - started
        gen, conv, check = (statistics.median(r[k] for r in results) * 1000 for k in (1, 2, 3))
        note = f", процессов {len(pids)}" if warm_first else ""
        print(
            f"{PACKAGE} × {len(sets)} наборов → PDF + проверки страниц, {args.workers} процесса "
            f"({label}{note}): {wall:.1f} с; медианы на пакет: DOCX {gen:.0f} мс, "
            f"PDF {conv:.0f} мс, проверка страниц {check:.0f} мс; "
            f"замечаний P-xx: {sum(r[0] for r in results)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    convert = sub.add_parser("convert")
    convert.add_argument("--rounds", type=int, default=8)
    convert.add_argument("--per-round", type=int, default=4)
    packages = sub.add_parser("packages")
    packages.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if find_soffice() is None:
        raise SystemExit("LibreOffice не установлен (пакет libreoffice-writer-nogui)")
    {"convert": bench_convert, "packages": bench_packages}[args.command](args)


if __name__ == "__main__":
    main()
