"""Accuracy of docgen.ru on a gold file, per error class: forms right by default and accepted.

Usage: python tests/ru/gold_accuracy.py [--root DIR] [--gold FILE] [--wrong]

`--root` imports docgen from another tree (a `git worktree` or `git archive` copy of another
revision), so the same gold items can be scored before and after a change. A form counts as
*default* when it equals the item's main form, as *accepted* when it is the main form or one of
its `alt` forms. An item the revision cannot even take (an unknown hint or gender tag) counts
as wrong in every case. `--wrong` lists the wrong forms.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve()
GOLD = HERE.parents[1] / "data" / "ru" / "hard_cases.yaml"
CASES = ("gent", "datv", "accs", "ablt", "loct")


def load(path: Path = GOLD) -> list[dict]:
    """Return the items of the gold file at `path`."""
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)["items"]


def accepted(item: dict, case: str) -> list[str]:
    """Return the forms of `item` accepted in `case`, the default first."""
    return [item[case], *item.get("alt", {}).get(case, [])]


def produce(ru, item: dict, case: str) -> str:
    """Return what `ru` (a docgen.ru module) makes of `item` in `case`; raise on failure."""
    if "gender" not in item:
        return ru.inflect(item["nomn"], case)
    person = ru.Person(item["nomn"], item["gender"], **item.get("hints", {}))
    return ru.inflect_name(person, case)


def score(ru, items: list[dict]) -> tuple[dict, list[tuple]]:
    """Return per-class counts {cat: [items, forms, default, accepted, items right]} and misses."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    wrong = []
    for item in items:
        row = table[item["cat"]]
        row[0] += 1
        all_right = True
        for case in CASES:
            row[1] += 1
            try:
                got = produce(ru, item, case)
            except (ValueError, TypeError) as exc:  # InflectionFailed is a ValueError
                got = f"<{type(exc).__name__}: {exc}>"
            forms = accepted(item, case)
            row[2] += got == forms[0]
            row[3] += got in forms
            if got != forms[0]:
                all_right = False
                wrong.append((item["id"], case, forms[0], got))
        row[4] += all_right
    return dict(table), wrong


def report(table: dict) -> str:
    """Return the per-class table as text."""
    head = f"{'class':10} {'items':>5} {'forms':>5} {'default':>14} {'accepted':>14}"
    lines = [f"{head} {'items ok':>9}"]
    total = [0, 0, 0, 0, 0]
    for cat, row in table.items():
        total = [a + b for a, b in zip(total, row, strict=True)]
        lines.append(_line(cat, row))
    lines.append(_line("all", total))
    return "\n".join(lines)


def _line(name: str, row: list[int]) -> str:
    items, forms, default, ok, whole = row
    return (
        f"{name:10} {items:5d} {forms:5d} {default:5d} ({default / forms:6.1%})"
        f" {ok:5d} ({ok / forms:6.1%}) {whole:4d}/{items:<4d}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, help="import docgen from this tree")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--wrong", action="store_true", help="list the wrong forms")
    args = parser.parse_args()
    if args.root:
        sys.path.insert(0, str(args.root.resolve()))
    import docgen.ru as ru

    print(f"docgen.ru from {Path(ru.__file__).parent}")
    table, wrong = score(ru, load(args.gold))
    print(report(table))
    if args.wrong:
        for item_id, case, want, got in wrong:
            print(f"  {item_id:14} {case}: want «{want}», got «{got}»")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
