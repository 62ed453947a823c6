"""Side-by-side render benchmark: docgen.render vs naive docxtpl vs writing the bytes.

Usage: python bench/bench_render.py [--rounds 30] [--per-round 10]
(needs the test extras: docxtpl is the naive baseline)

Prints medians per approach and the median of the per-round ratios (same machine, same
run, interleaved rounds), for the Положение of `lenobl-mms` and the whole package.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docxtpl import DocxTemplate  # noqa: E402

from docgen import Docgen, Settings  # noqa: E402
from docgen.render import (  # noqa: E402
    ClauseCounter,
    compile_template,
    make_assembly,
    render_package,
)


def timed(fn, n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--per-round", type=int, default=10)
    parser.add_argument("--package", default="lenobl-mms")
    parser.add_argument("--set", default="leningrad/kirovsky")
    args = parser.parse_args()
    dg = Docgen(Settings(run_checks=False))
    checked = Docgen(Settings())
    env = dg.environment
    appendix, part_ctx = next((t, c) for t, c in dg.parts(args.package, args.set) if c["part"])
    compiled = compile_template(appendix, env)
    final = render_package([(compiled, part_ctx)]).data
    out_dir = Path(tempfile.mkdtemp())

    def naive():
        tpl = DocxTemplate(appendix.path)
        tpl.render(dict(part_ctx, num=ClauseCounter()), jinja_env=env)
        tpl.save(io.BytesIO())

    assembly = make_assembly([compiled])

    def ours():
        render_package([(compiled, part_ctx)], assembly)

    def floor():
        (out_dir / "x.docx").write_bytes(final)

    def end_to_end():
        dg.generate(args.package, args.set, draft=True)

    def end_to_end_cold():
        # -- as in a batch over distinct sets: variables and context built anew each time --
        dg._state.sets.clear()
        dg.generate(args.package, args.set, draft=True)

    def end_to_end_checked():
        checked.generate(args.package, args.set, draft=True)

    approaches = {
        "naive docxtpl": naive,
        "docgen.render": ours,
        "floor (write bytes)": floor,
        "generate (package, context cached)": end_to_end,
        "generate (package, context built)": end_to_end_cold,
        "generate + checks": end_to_end_checked,
    }
    for fn in approaches.values():
        fn()
    times = {name: [] for name in approaches}
    for _ in range(args.rounds):
        for name, fn in approaches.items():
            times[name].append(timed(fn, args.per_round))
    base = times["naive docxtpl"]
    print(
        f"Документ: {appendix.id} ({len(final) // 1024} КБ), набор {args.set}; "
        f"{args.rounds}×{args.per_round} измерений, процесс {os.getpid()}"
    )
    print(f"{'подход':36} {'медиана, мс':>12} {'док/с':>8} {'naive ÷ подход':>15}")
    for name, series in times.items():
        median = statistics.median(series)
        ratio = statistics.median(b / t for b, t in zip(base, series, strict=False))
        print(f"{name:36} {median * 1000:12.2f} {1 / median:8.0f} {ratio:15.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
