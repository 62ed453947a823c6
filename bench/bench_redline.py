"""Speed of the redline and the import against generating the same package, side by side.

Usage: python bench/bench_redline.py [--rounds 7] [--package lenobl-mms] [--set leningrad/kirovsky]

For one package × set, in one process with warm caches, the approaches run in turn each
round: ``generate`` (draft, no checks), ``redline`` against the region's model (renders the
act and the model, aligns, writes tracked changes), ``redline --format html``, and
``import`` of the generated act (reads it back, renders the package per choice and compares).
Prints the median and p90 per approach and its ratio to ``generate``. The target: a redline
of one package well under a second (a clerk presses a button and waits).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docgen import Docgen, Settings, import_act, make_redline  # noqa: E402


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--package", default="lenobl-mms")
    parser.add_argument("--set", default="leningrad/kirovsky")
    args = parser.parse_args()
    dg = Docgen(Settings(run_checks=False))
    act = dg.generate(args.package, args.set, draft=True).docx
    region = args.set.partition("/")[0]
    approaches = {
        "generate (draft)": lambda: dg.generate(args.package, args.set, draft=True),
        "redline (DOCX)": lambda: make_redline(dg, args.package, args.set).docx,
        "redline (HTML)": lambda: make_redline(dg, args.package, args.set).html(),
        "import of the act": lambda: import_act(
            dg, act, "act.docx", package_id=args.package, region=region, set_id=args.set
        ),
    }
    for func in approaches.values():
        func()  # -- warm up: imports, compiled templates, the model set --
    times: dict[str, list[float]] = {name: [] for name in approaches}
    for _ in range(args.rounds):
        for name, func in approaches.items():
            times[name].append(timed(func))
    base = statistics.median(times["generate (draft)"])
    print(f"{args.package} / {args.set}: {args.rounds} раундов, подходы вперемешку")
    print(f"{'подход':28} {'медиана, мс':>12} {'p90, мс':>9} {'÷ generate':>11}")
    for name, samples in times.items():
        ordered = sorted(samples)
        p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
        median = statistics.median(samples)
        print(f"{name:28} {median:12.1f} {p90:9.1f} {median / base:11.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
