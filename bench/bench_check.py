"""Checker benchmark: `docgen check` on a 50-page act package, or on generated packages.

Usage: python bench/bench_check.py [--pages 50] [--rounds 15] [--compare REV]
       python bench/bench_check.py --generated [--sets N] [--rounds 7] [--compare REV]

Default mode builds, with python-docx (through docgen's template builder), a распоряжение
and a Положение long enough for about `--pages` A4 pages at 14 pt, plus a landscape
roadmap table, then times: reading the .docx into the model, the text rules, the layout
rules, the whole ``check_docx`` (parse + all rules), ``check_docx`` with the layout
memoised under a template key, and ``check_text`` on the same text.

``--generated`` generates `lenobl-mms` for `--sets` different leningrad/* sets (default:
all of them; a batch checks different municipalities) and times per package: generation,
``check_docx`` with the layout key as the pipeline passes it (warm process: the sets in
turn, several rounds), the same with every memo emptied before each package (``cold``: a
paragraph never seen before, e.g. the first package of a process), ``check_parts`` on the
unzipped parts, and ``generate`` with and without the checks as the pipeline runs them;
the batch estimate is 2,500 × the pipeline figure / 2 cores.

Both modes print medians and p90 per figure. ``--compare REV`` runs the same benchmark
on docgen at git revision REV (exported to a temporary directory, run in a subprocess)
and prints before / after / ratio side by side, e.g. ``--compare 884162f``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parent.parent
sys.path.insert(0, os.environ.get("DOCGEN_BENCH_ROOT") or str(REPO))

from docgen import checks
from docgen.checks import check_docx, check_text, clear_layout_cache, load_profile
from docgen.checks.runner import model_from_docx, run_rules
from docgen.docxbuild import build_docx

HEAD = """\
.blank Администрация Кировского муниципального района Ленинградской области
.authority КОМИТЕТ ОБРАЗОВАНИЯ
.kind РАСПОРЯЖЕНИЕ
.datenum от 23.05.2023 №\u00a0233
.title Об утверждении Положения о муниципальной методической службе
Во исполнение приказа комитета общего и профессионального образования Ленинградской \
области от 11.05.2023 №\u00a017 «Об утверждении положения о региональной системе»:
1. Утвердить Положение о муниципальной методической службе согласно приложению к \
настоящему распоряжению.
2. Контроль за исполнением настоящего распоряжения оставляю за собой.
.empty
.sign Председатель комитета\\tИ.В.\u00a0Носова
.section portrait
.mark УТВЕРЖДЕНО
.mark распоряжением комитета образования
.mark от 23.05.2023 №\u00a0233
.mark (приложение)
.doctitle ПОЛОЖЕНИЕ
.doctitle о муниципальной методической службе
"""
CLAUSE = (
    "{n}.{m}. Муниципальная методическая служба (далее\u00a0– ММС) осуществляет свою "
    "деятельность во взаимодействии с образовательными организациями высшего и "
    "дополнительного профессионального образования, другими образовательными "
    "организациями, занимающимися повышением квалификации педагогических работников "
    "и руководящих кадров, в соответствии с Федеральным законом от 29\u00a0декабря\u00a0"
    "2012\u00a0г. №\u00a0273-ФЗ «Об образовании в Российской Федерации»."
)


def markup(pages: int) -> str:
    """Return template markup of about `pages` A4 pages (≈ 7 clauses of 450 chars a page)."""
    lines = [HEAD]
    clauses = pages * 7
    section = 0
    for i in range(clauses):
        if i % 10 == 0:
            section += 1
            lines.append(f".heading {section}. Раздел {section}")
        clause = CLAUSE.format(n=section, m=i % 10 + 1)
        if i:
            clause = clause.replace("Муниципальная методическая служба (далее\u00a0– ММС)", "ММС")
        lines.append(clause)
    lines.append(".section landscape")
    lines.append(".table 6,40,14,20,20")
    lines.append("|! №\u00a0п/п | Мероприятие | Срок | Исполнители | Результат")
    for i in range(1, 41):
        lines.append(f"| {i}. | Семинар для методистов ММС | до\u00a001.09.2024 | ММС | Проведен")
    lines.append(".endtable")
    return "\n".join(lines) + "\n"


def forget() -> None:
    """Empty every memo of the checker (a no-op for versions that have none)."""
    memo = getattr(checks, "memo", None)
    if memo is not None and hasattr(memo, "clear_memos"):
        memo.clear_memos()


def timed(func, rounds: int, before=None) -> list[float]:
    out = []
    for _ in range(rounds):
        if before is not None:
            before()
        start = time.perf_counter()
        func()
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    p90 = samples[min(len(samples) - 1, int(len(samples) * 0.9))]
    return {"median": statistics.median(samples), "p90": p90}


def page_figures(args) -> tuple[str, dict[str, dict[str, float]]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.docx"
        build_docx(markup(args.pages), path)
        data = path.read_bytes()
    model = model_from_docx(data)
    text = "\n".join(p.text for p in model.paragraphs)
    profile = load_profile()
    title = (
        f"document: {len(data) / 1024:.0f} KB, {len(model.paragraphs)} paragraphs, "
        f"{len(text):,} characters, ~{sum(s.est_lines for s in model.sections) // 45} pages "
        f"(estimate), {len(model.tables)} table(s); findings: {len(check_docx(data))}"
    )
    check_docx(data)  # -- warm up: imports, regex compilation --
    rounds = args.rounds
    figures = {}
    figures["read .docx → model (parse + classify)"] = timed(lambda: model_from_docx(data), rounds)
    figures["text rules on the model"] = timed(lambda: run_rules(model, profile, ("text",)), rounds)
    figures["layout rules on the model"] = timed(
        lambda: run_rules(model, profile, ("layout",)), rounds
    )
    figures["check_docx (parse + all rules)"] = timed(lambda: check_docx(data), rounds)
    clear_layout_cache()
    figures["check_docx, layout memoised (layout_key)"] = timed(
        lambda: check_docx(data, layout_key="bench-template"), rounds
    )
    figures["check_text on the same text (.txt)"] = timed(lambda: check_text(text), rounds)
    # -- cold: every memo emptied first (the figures of a document never seen before) --
    figures["cold: read .docx → model"] = timed(lambda: model_from_docx(data), rounds, forget)
    figures["cold: check_docx, layout memoised"] = timed(
        lambda: check_docx(data, layout_key="bench-template"), rounds, forget
    )
    figures["cold: check_text"] = timed(lambda: check_text(text), rounds, forget)
    return title, {name: summary(samples) for name, samples in figures.items()}


def _generator(settings):
    """Return generate(package, set_id) → result (draft) for `settings`, on any revision."""
    import docgen

    if hasattr(docgen, "Docgen"):
        core = docgen.Docgen(settings)
        return lambda p, s: core.generate(p, s, draft=True)
    # -- revisions before the core object had a module-level generate() --
    return lambda p, s: docgen.generate(p, s, draft=True, settings=settings)


def generated_figures(args) -> tuple[str, dict[str, dict[str, float]]]:
    import io
    import zipfile

    import docgen
    from docgen.variables import list_sets

    settings = docgen.Settings(run_checks=False)
    with_checks = docgen.Settings(run_checks=True)
    plain, checked = _generator(settings), _generator(with_checks)
    sets = [s for s in list_sets(settings.variables_dir) if s.startswith("leningrad/")][: args.sets]
    docs = [plain(args.package, s).docx for s in sets]
    key = f"{args.package}-bench-template"
    title = (
        f"{args.package}: {len(sets)} leningrad sets ({sets[0]} … {sets[-1]}), "
        f"{statistics.median(len(d) for d in docs) / 1024:.0f} KB each; "
        f"findings on {sets[0]}: {len(check_docx(docs[0], layout_key=key))}"
    )
    figures: dict[str, list[float]] = {}

    def per_package(name: str, func, items, rounds: int, before=None) -> None:
        figures[name] = []
        for _ in range(rounds):
            for item in items:
                figures[name] += timed(lambda i=item: func(i), 1, before)

    for _ in range(2):  # -- warm up: imports, regexes, the layout of the template --
        for set_id, data in zip(sets, docs, strict=False):
            check_docx(data, layout_key=key)
            checked(args.package, set_id)
    per_package(
        "generate (draft, no checks)",
        lambda s: plain(args.package, s),
        sets,
        args.rounds,
    )
    per_package(
        "generate with checks (pipeline, run_checks)",
        lambda s: checked(args.package, s),
        sets,
        args.rounds,
    )
    per_package(
        "check_docx, layout_key (warm)", lambda d: check_docx(d, layout_key=key), docs, args.rounds
    )
    per_package(
        "check_docx, layout_key (cold: memos emptied)",
        lambda d: check_docx(d, layout_key=key),
        docs,
        max(1, args.rounds // 2),
        forget,
    )
    check_parts = getattr(checks, "check_parts", None)
    if check_parts is not None:
        parts = []
        for data in docs:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                unzipped = {name: zf.read(name) for name in zf.namelist()}
            unzipped["word/document.xml"] = unzipped["word/document.xml"].decode("utf-8")
            parts.append(unzipped)
        per_package(
            "check_parts, layout_key (warm)",
            lambda p: check_parts(p, layout_key=key),
            parts,
            args.rounds,
        )
    out = {name: summary(samples) for name, samples in figures.items()}
    total = out["generate with checks (pipeline, run_checks)"]["median"]
    out["batch of 2,500 on 2 cores (estimate)"] = {
        "median": total * 2500 / 2 / 1000,
        "p90": float("nan"),
        "unit": "s",
    }
    return title, out


def baseline(rev: str, argv: list[str]) -> dict:
    """Return the JSON figures of this benchmark run on docgen at git revision `rev`."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", rev, "docgen", "templates_docx", "variables"],
            check=True,
            capture_output=True,
        ).stdout
        with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        env = dict(os.environ, DOCGEN_BENCH_ROOT=tmp)
        done = subprocess.run(
            [sys.executable, str(HERE), *argv, "--json"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument(
        "--rounds",
        type=int,
        default=None,
        help="rounds (default 15; with --generated 7, each over every set)",
    )
    parser.add_argument(
        "--generated",
        action="store_true",
        help="per-package figures on generated packages of different sets",
    )
    parser.add_argument("--package", default="lenobl-mms")
    parser.add_argument("--sets", type=int, default=None, help="how many sets (default: all)")
    parser.add_argument(
        "--compare",
        metavar="REV",
        help="also run on docgen at git revision REV and print before/after",
    )
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rounds is None:
        args.rounds = 7 if args.generated else 15
    argv = [
        "--pages",
        str(args.pages),
        "--rounds",
        str(args.rounds),
        "--package",
        args.package,
        *(["--sets", str(args.sets)] if args.sets else []),
    ] + (["--generated"] if args.generated else [])
    before = baseline(args.compare, argv) if args.compare else None
    title, figures = (generated_figures if args.generated else page_figures)(args)
    if args.json:
        print(json.dumps({"title": title, "figures": figures}))
        return
    print(title)
    if before is None:
        for name, fig in figures.items():
            unit = fig.get("unit", "ms")
            p90 = f"   p90 {fig['p90']:7.2f} {unit}" if fig["p90"] == fig["p90"] else ""
            print(f"  {name:<46} median {fig['median']:7.2f} {unit}{p90}")
        return
    print(f"  {'median (p90), ms':<46} {'before ' + args.compare:>20} {'after':>20} {'ratio':>7}")

    def cell(fig) -> str:
        if fig is None:
            return "—"
        unit = "" if fig.get("unit", "ms") == "ms" else " " + fig["unit"]
        p90 = f" ({fig['p90']:7.2f})" if fig["p90"] == fig["p90"] else " " * 10
        return f"{fig['median']:7.2f}{p90}{unit}"

    for name, fig in figures.items():
        old = before["figures"].get(name)
        ratio = f"{old['median'] / fig['median']:6.1f}×" if old and fig["median"] else ""
        print(f"  {name:<46} {cell(old):>20} {cell(fig):>20} {ratio:>7}")


if __name__ == "__main__":
    main()
