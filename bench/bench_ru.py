"""Speed of docgen.ru: analyser start-up, inflections per second, one act's worth of values.

Usage: python bench/bench_ru.py [--rounds 200] [--compare REV]

Prints, for this process:
  * the time to import pymorphy3 and create the one `MorphAnalyzer` (and that it is one);
  * `inflect` calls per second with the word memo warm but no phrase results cached,
    and with everything cached;
  * the time to compute one act's values (~50 inflections of names, positions and
    persons plus ~10 dates and numbers) after warm-up, in three states:
      - cold words: the word memos (`docgen.ru.morph`) emptied too (new words);
      - warm words: words memoised, phrase results not (a new set of names);
      - warm: everything memoised (the next act of the same municipality).
The contract (issue #3) is < 10 ms after warm-up.

`--compare REV` times the same act with docgen.ru of git revision REV (extracted with
`git archive` into a temporary directory and imported under another package name) and with
this tree, round by round in one process, and prints both side by side with the ratio; it
fails when the cost per act with warm words grows by more than 20 % (issue 16).
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_GROWTH = 1.20

PHRASES = [  # (phrase, cases a typical распоряжение/Положение asks for)
    (
        "комитет образования администрации Кировского муниципального района Ленинградской области",
        ("gent", "datv", "ablt", "accs", "loct"),
    ),
    ("Кировский муниципальный район Ленинградской области", ("gent", "loct", "datv")),
    ("муниципальная информационно-методическая служба", ("gent", "datv", "ablt", "accs", "loct")),
    ("Положение о муниципальной информационно-методической службе", ("accs", "gent")),
    (
        "муниципальное бюджетное учреждение дополнительного образования «Кировский центр "
        "информационных технологий»",
        ("datv", "gent", "ablt", "accs"),
    ),
    ("заместитель председателя комитета", ("gent", "datv", "accs", "ablt")),
    ("руководитель муниципальной методической службы", ("gent", "datv", "ablt", "accs")),
    ("образовательные организации", ("gent", "datv", "ablt", "loct")),
    ("педагогические работники", ("gent", "datv", "accs", "ablt")),
    ("муниципальный методический совет", ("gent", "ablt", "loct")),
    ("школьное методическое объединение", ("gent", "datv", "loct")),
    ("Ханты-Мансийский автономный округ – Югра", ("gent", "loct")),
    ("город Кызыл", ("gent", "loct")),
]
PERSONS = [
    ("Носова Ирина Викторовна", "f"),
    ("Иванов Сергей Петрович", "m"),
    ("Ковальчук Елена Петровна", "f"),
]


def act(ru) -> int:
    """Compute one act's worth of values; return how many values were made."""
    count = 0
    for phrase, cases in PHRASES:
        for case in cases:
            ru.inflect(phrase, case)
            count += 1
    for name, gender in PERSONS:
        person = ru.Person(name, gender)
        ru.inflect_name(person, "datv")
        ru.inflect_name(person, "gent")
        ru.initials(person)
        count += 3
    for d in (date(2023, 5, 23), date(2019, 2, 26), date(2024, 9, 1)):
        ru.date_long(d)
        ru.date_digital(d)
        count += 2
    ru.month_year(date(2024, 9, 1))
    ru.years((2023, 2026), "loct")
    ru.plural(5, "год")
    ru.percent(30)
    count += 4
    return count


def _memo_caches(package: str):
    """Yield (module name, cache) for every bounded memo in `package` (maxsize > 1).

    Found by inspection, so the same code clears the caches of any revision. Unbounded
    and single-entry caches are the one-off loaders (analyser, rules, babel data): kept.
    """
    for name, module in list(sys.modules.items()):
        if not name.startswith(package + ".") or module is None:
            continue
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if callable(info) and getattr(value, "__module__", None) == name:
                maxsize = info().maxsize
                if maxsize is not None and maxsize > 1:
                    yield name, value


def clear(ru, words: bool) -> None:
    """Empty the phrase memos of `ru`; with `words`, the word memos of its `morph` too."""
    for name, cache in _memo_caches(ru.__name__):
        if words or name != ru.__name__ + ".morph":
            cache.cache_clear()


def one_act_s(ru, words: bool | None) -> float:
    """Return the time of one act in s; `words` None keeps every cache."""
    if words is not None:
        clear(ru, words)
    start = time.perf_counter()
    act(ru)
    return time.perf_counter() - start


def per_act_ms(ru, rounds: int, words: bool | None) -> float:
    """Return the median time of one act in ms; `words` None keeps every cache."""
    return statistics.median(one_act_s(ru, words) for _ in range(rounds)) * 1000


def calls_per_second(ru, cached: bool, seconds: float = 1.0) -> float:
    items = [(p, c) for p, cases in PHRASES for c in cases]
    calls, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        if not cached:
            clear(ru, words=False)
        for phrase, case in items:
            ru.inflect(phrase, case)
        calls += len(items)
    return calls / (time.perf_counter() - start)


def measure(rounds: int) -> dict:
    """Return this process's figures (times in ms) for the docgen.ru found on sys.path."""
    start = time.perf_counter()
    import pymorphy3  # noqa: F401

    import_s = time.perf_counter() - start
    from docgen import ru
    from docgen.ru import morph

    start = time.perf_counter()
    analyzer = morph.analyzer()
    create_s = time.perf_counter() - start
    start = time.perf_counter()
    ru.warm_up()
    again_s = time.perf_counter() - start
    assert morph.analyzer() is analyzer, "the analyser must be created once per process"
    values = act(ru)  # warm-up: code paths, babel data, pytrovich rules
    return {
        "source": str(Path(ru.__file__).parent),
        "import_ms": import_s * 1000,
        "create_ms": create_s * 1000,
        "warm_up_ms": again_s * 1000,
        "values": values,
        "calls_memo": calls_per_second(ru, cached=False),
        "calls_cached": calls_per_second(ru, cached=True),
        "cold": per_act_ms(ru, max(rounds // 10, 5), words=True),
        "fresh": per_act_ms(ru, rounds, words=False),
        "warm": per_act_ms(ru, rounds, words=None),
    }


def print_one(m: dict) -> bool:
    print(f"docgen.ru from:                   {m['source']}")
    print(f"import pymorphy3:                 {m['import_ms']:7.1f} ms")
    print(f"MorphAnalyzer() (once):           {m['create_ms']:7.1f} ms")
    print(f"warm_up() afterwards:             {m['warm_up_ms']:7.1f} ms (same analyser: yes)")
    print(f"values in one act:                {m['values']:7d}")
    print(f"inflect, words memoised:          {m['calls_memo']:9,.0f} calls/s")
    print(f"inflect, fully cached:            {m['calls_cached']:9,.0f} calls/s")
    print(f"one act, cold words:              {m['cold']:7.2f} ms  (new municipality)")
    print(f"one act, warm words:              {m['fresh']:7.2f} ms  (after warm-up; limit 10 ms)")
    print(f"one act, warm:                    {m['warm']:7.3f} ms  (same municipality again)")
    ok = m["fresh"] < 10 and m["warm"] < 10
    print("OK: < 10 ms after warm-up" if ok else "SLOW: over 10 ms after warm-up")
    return ok


def extract(rev: str, into: Path) -> Path:
    """Return the directory of `docgen/ru` as of git revision `rev` (via `git archive`)."""
    data = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev, "docgen/ru"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into / "docgen" / "ru"


def load_as(name: str, directory: Path):
    """Import the package in `directory` under the top-level `name` and return it.

    docgen.ru is a leaf package with relative imports only, so another revision of it can
    live in the same process as this one and both can be timed under the same load.
    """
    spec = importlib.util.spec_from_file_location(
        name, directory / "__init__.py", submodule_search_locations=[str(directory)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def compare(rev: str, rounds: int) -> int:
    """Time revision `rev` and this tree round by round in one process; print the ratios."""
    sys.path.insert(0, str(ROOT))
    from docgen import ru as this

    with tempfile.TemporaryDirectory(prefix="bench_ru_") as tmp:
        base = load_as("_bench_base_ru", extract(rev, Path(tmp)))
        for ru in (base, this):
            ru.warm_up()
            act(ru)
        rows = []
        for label, words, n in (
            ("one act, cold words (ms)", True, max(rounds // 4, 10)),
            ("one act, warm words (ms)", False, rounds),
            ("one act, warm (ms)", None, rounds),
        ):
            times: dict[str, list[float]] = {"base": [], "this": []}
            for _ in range(n):  # -- alternate, so both sides see the same load --
                times["base"].append(one_act_s(base, words))
                times["this"].append(one_act_s(this, words))
            a, b = (statistics.median(times[k]) * 1000 for k in ("base", "this"))
            rows.append((label, a, b))
    print(f"docgen.ru at {rev} vs this tree, alternating in one process ({rounds} rounds)")
    print(f"{'':28} {rev[:12]:>12} {'this tree':>12} {'ratio':>7}")
    for label, a, b in rows:
        print(f"{label:28} {a:12.3f} {b:12.3f} {b / a:7.2f}")
    growth = rows[1][2] / rows[1][1]
    ok = growth <= MAX_GROWTH
    verdict = "OK" if ok else "TOO SLOW"
    print(f"{verdict}: cost per act with warm words ×{growth:.2f} (limit ×{MAX_GROWTH:.2f})")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--compare", metavar="REV", help="git revision to compare against")
    args = parser.parse_args()
    if args.compare:
        return compare(args.compare, args.rounds)
    sys.path.insert(0, str(ROOT))
    return 0 if print_one(measure(args.rounds)) else 1


if __name__ == "__main__":
    raise SystemExit(main())
