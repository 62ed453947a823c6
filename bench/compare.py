"""Run one benchmark on git revision REV and on the working tree, side by side in one run.

Usage: python bench/compare.py REV [--repeat 3] -- bench_render.py --rounds 10 --per-round 5

REV is exported to a temporary folder (``git archive``); each tree runs its own copy of the
script (so a script that changed with the API still measures its own revision), the two
alternate `--repeat` times, and every table row of the output (a name, then a number) is
compared: the median of the first number of the row over the repeats, before and after,
and after ÷ before (below 1.0 is faster for times).
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_ROW_RE = re.compile(r"^(?P<name>\S.*?)\s{2,}(?P<value>-?\d+(?:[.,]\d+)?)\b")


def export(rev: str, target: Path) -> Path:
    """Write the files of `rev` into `target`; return it."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev], check=True, capture_output=True
    ).stdout
    with tempfile.TemporaryFile() as fh:
        fh.write(archive)
        fh.seek(0)
        with tarfile.open(fileobj=fh) as tar:
            tar.extractall(target, filter="data")
    return target


def run(tree: Path, script: list[str]) -> dict[str, float]:
    """Return row name → first number of the rows `script` prints when run in `tree`."""
    out = subprocess.run(
        [sys.executable, str(tree / "bench" / script[0]), *script[1:]],
        cwd=tree,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rows = {}
    for line in out.splitlines():
        match = _ROW_RE.match(line.strip())
        if match:
            rows[match["name"].strip()] = float(match["value"].replace(",", "."))
    return rows


def main() -> int:
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    parser = argparse.ArgumentParser()
    parser.add_argument("rev")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv[:cut])
    script = argv[cut + 1 :]
    if not script:
        parser.error("после «--» укажите скрипт из bench/ и его аргументы")
    with tempfile.TemporaryDirectory(prefix="docgen-compare-") as tmp:
        before_tree = export(args.rev, Path(tmp))
        before: dict[str, list[float]] = {}
        after: dict[str, list[float]] = {}
        for _ in range(args.repeat):
            for tree, into in ((before_tree, before), (REPO, after)):
                for name, value in run(tree, script).items():
                    into.setdefault(name, []).append(value)
    print(f"{' '.join(script)}: {args.rev} против рабочей копии, {args.repeat} повтора вперемешку")
    print(f"{'строка':44} {'до':>10} {'после':>10} {'после ÷ до':>11}")
    for name in after:
        if name not in before:
            continue
        old, new = statistics.median(before[name]), statistics.median(after[name])
        ratio = new / old if old else float("nan")
        print(f"{name[:44]:44} {old:10.2f} {new:10.2f} {ratio:11.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
