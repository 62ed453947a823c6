"""Checker benchmark: `docgen check` on a 50-page act package.

Usage: python bench/bench_check.py [--pages 50] [--rounds 15]

Builds, with python-docx (through docgen's template builder), a распоряжение and a
Положение long enough for about `--pages` A4 pages at 14 pt, plus a landscape roadmap
table, then times: reading the .docx into the model, the text rules, the layout rules,
the whole ``check_docx`` (parse + all rules), ``check_docx`` with the layout memoised
under a template key, and ``check_text`` on the same text. Prints medians and p90.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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
CLAUSE = ("{n}.{m}. Муниципальная методическая служба (далее\u00a0– ММС) осуществляет свою "
          "деятельность во взаимодействии с образовательными организациями высшего и "
          "дополнительного профессионального образования, другими образовательными "
          "организациями, занимающимися повышением квалификации педагогических работников "
          "и руководящих кадров, в соответствии с Федеральным законом от 29\u00a0декабря\u00a0"
          "2012\u00a0г. №\u00a0273-ФЗ «Об образовании в Российской Федерации».")


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


def timed(func, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(name: str, samples: list[float]) -> None:
    samples = sorted(samples)
    p90 = samples[min(len(samples) - 1, int(len(samples) * 0.9))]
    print(f"  {name:<42} median {statistics.median(samples):7.1f} ms   p90 {p90:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.docx"
        build_docx(markup(args.pages), path)
        data = path.read_bytes()
    model = model_from_docx(data)
    text = "\n".join(p.text for p in model.paragraphs)
    profile = load_profile()
    print(f"document: {len(data) / 1024:.0f} KB, {len(model.paragraphs)} paragraphs, "
          f"{len(text):,} characters, ~{sum(s.est_lines for s in model.sections) // 45} pages "
          f"(estimate), {len(model.tables)} table(s); findings: {len(check_docx(data))}")
    check_docx(data)  # -- warm up: imports, regex compilation --
    report("read .docx → model (parse + classify)", timed(lambda: model_from_docx(data), args.rounds))
    report("text rules on the model", timed(lambda: run_rules(model, profile, ("text",)), args.rounds))
    report("layout rules on the model", timed(lambda: run_rules(model, profile, ("layout",)), args.rounds))
    report("check_docx (parse + all rules)", timed(lambda: check_docx(data), args.rounds))
    clear_layout_cache()
    report("check_docx, layout memoised (layout_key)",
           timed(lambda: check_docx(data, layout_key="bench-template"), args.rounds))
    report("check_text on the same text (.txt)", timed(lambda: check_text(text), args.rounds))


if __name__ == "__main__":
    main()
