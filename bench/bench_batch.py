"""Batch and memory benchmarks on the synthetic sets (run bench/make_synthetic.py first).

Usage:
  python bench/bench_batch.py batch [--workers 2] [--no-checks]   # (c) 2,500 packages, wall time
  python bench/bench_batch.py rss [--docs 10000]                  # (d) RSS from doc 1,000 to N
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docgen import Docgen, Settings, run_batch  # noqa: E402

DATA = Path(__file__).resolve().parent / "_data" / "variables"


def rss_mb() -> float:
    """Return this process's resident set size in MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def settings(checks: bool) -> Settings:
    if not DATA.exists():
        raise SystemExit("нет синтетических наборов: запустите python bench/make_synthetic.py")
    return Settings(variables_dir=DATA, run_checks=checks)


def bench_batch(args) -> None:
    dg = Docgen(settings(not args.no_checks))
    ids = dg.sets_for(args.package, "leningrad")
    out = Path(tempfile.mkdtemp(prefix="docgen-batch-"))
    try:
        started = time.perf_counter()
        report = run_batch(
            args.package,
            out,
            region="leningrad",
            draft=True,
            docgen=dg,
            municipalities=ids,
            workers=args.workers,
            resume=False,
        )
        wall = time.perf_counter() - started
    finally:
        shutil.rmtree(out, ignore_errors=True)
    failed = len(report.failed)
    per_item = sorted(i.seconds for i in report.items)
    print(
        f"пакет {args.package}: {len(ids)} документов, {args.workers} процесса, "
        f"проверки {'выкл.' if args.no_checks else 'вкл.'}"
    )
    print(
        f"время: {wall:.1f} с; {len(ids) / wall:.0f} док/с; ошибок: {failed}; "
        f"медиана на документ в процессе: {per_item[len(per_item) // 2] * 1000:.1f} мс"
    )


def bench_rss(args) -> None:
    dg = Docgen(settings(not args.no_checks))
    ids = dg.sets_for(args.package, "leningrad")
    marks = {}
    started = time.perf_counter()
    for n in range(1, args.docs + 1):
        dg.generate(args.package, ids[n % len(ids)], draft=True)
        if n in (1, 100, 1000) or n % 1000 == 0:
            marks[n] = rss_mb()
    wall = time.perf_counter() - started
    print(f"{args.docs} документов за {wall:.1f} с ({args.docs / wall:.0f} док/с в одном процессе)")
    for n, mb in marks.items():
        print(f"  после {n:>6}: RSS {mb:6.1f} МБ")
    base = marks[1000]
    print(f"рост RSS от 1 000 до {args.docs}: {(marks[args.docs] - base) / base * 100:+.1f} %")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("batch")
    b.add_argument("--workers", type=int, default=2)
    r = sub.add_parser("rss")
    r.add_argument("--docs", type=int, default=10000)
    for p in (b, r):
        p.add_argument("--package", default="lenobl-mms")
        p.add_argument("--no-checks", action="store_true")
    args = parser.parse_args()
    {"batch": bench_batch, "rss": bench_rss}[args.cmd](args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
