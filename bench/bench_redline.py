"""Speed of the redline and the import against generating the same package, side by side.

Usage: python bench/bench_redline.py [--rounds 7] [--package lenobl-mms] [--set leningrad/kirovsky]
                                    [--align-kb 400]

For one package × set, in one process with warm caches, the approaches run in turn each
round: ``generate`` (draft, no checks), ``redline`` against the region's model (renders the
act and the model, aligns, writes tracked changes), ``redline --format html``, and
``import`` of the generated act (reads it back, renders the package per choice and compares).
Prints the median and p90 per approach and its ratio to ``generate``. The target: a redline
of one package well under a second (a clerk presses a button and waits).

``--align-kb N`` times instead the paragraph alignment alone on two texts of N KB of
random clause-like lines made of the act's words: once every line of the new text reworded
(one to three words replaced, a few lines dropped or added), once the two texts independent
(nothing equal, one block the size of both: the alignment's worst case).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docgen import Docgen, Settings, TextParagraph, import_act, make_redline, text_view  # noqa: E402
from docgen.redline.diff import align  # noqa: E402


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--package", default="lenobl-mms")
    parser.add_argument("--set", default="leningrad/kirovsky")
    parser.add_argument("--align-kb", type=int, default=0)
    args = parser.parse_args()
    dg = Docgen(Settings(run_checks=False))
    act = dg.generate(args.package, args.set, draft=True).docx
    if args.align_kb:
        return bench_align(act, args.align_kb * 1000, args.rounds)
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


def bench_align(act: bytes, size: int, rounds: int) -> int:
    words = [w for b in text_view(act) if isinstance(b, TextParagraph) for w in b.text.split()]
    rng = random.Random(1)

    def clause() -> str:
        body = " ".join(rng.choice(words) for _ in range(rng.randint(6, 18)))
        return f"{rng.randint(1, 9)}.{rng.randint(1, 30)}. {body}"

    def reworded(line: str) -> str:
        parts = line.split()
        for _ in range(rng.randint(1, 3)):
            parts[rng.randrange(len(parts))] = rng.choice(words)
        return " ".join(parts)

    def lines() -> list[str]:
        out: list[str] = []
        while sum(len(t.encode()) + 1 for t in out) < size:
            out.append(clause())
        return out

    old = lines()
    cases = {
        "каждая строка изменена": [reworded(t) for t in old if rng.random() > 0.05],
        "тексты независимы": lines(),
    }
    print(f"выравнивание: {size // 1000} КБ, {len(old)} строк, {rounds} раундов")
    for name, new in cases.items():
        samples = [timed(lambda new=new: align(old, new)) for _ in range(rounds)]
        print(f"{name:28} медиана {statistics.median(samples):9.1f} мс")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
