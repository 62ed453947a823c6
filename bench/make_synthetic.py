"""Write 2,500 synthetic municipal variable sets (outside variables/) for the benchmarks.

Usage: python bench/make_synthetic.py [--count 2500] [--out bench/_data/variables]

The tree copies the shipped library data (schema, defaults, kinds, wording, registries of
acts, the other regions) and the Leningrad region without its sets, then adds
municipalities whose names follow real patterns («…ский муниципальный район …»,
«… муниципальный округ …», «городской округ город …») and whose education authorities
are named the ways real ones are («комитет образования администрации …», «управление
образования …», «отдел образования …»). Deterministic (seeded).
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
STEMS = (
    "Бокситогор Волосов Волхов Всеволож Выборг Гатчин Кингисепп Кириш Киров Лодейнополь "
    "Ломоносов Луж Подпорож Приозер Сланцев Тихвин Тоснен Сосновобор Октябрь Советск "
    "Кондин Березов Белояр Нефтеюган Нижневартов Сургут Ханты-Мансий Пыть-Ях Улуг-Хем "
    "Пий-Хем Тандин Каа-Хем Барун-Хемчик Дзун-Хемчик Чаа-Холь Овюр Эрзин Тес-Хем Монгун-Тайгин "
    "Абакан Алтай Беловс Бийск Камен Мамонтов Павлов Родинс Рубцов Славгород Тальмен "
    "Топчихин Угловс Хабар Шелаболихин Шипунов Ельцов Заринс Зональн Калманс Косихин "
    "Красногорс Кулундин Курьин Локтев Михайлов Новичихин Панкрушихин Первомай "
    "Петропавлов Поспелихин Ребрихин Романов Смолен Солонешен Суетс Табунс Троиц Тюменцев"
).split()
KINDS = [
    ("муниципальный район", "{a} муниципальный район Ленинградской области", "{a} район"),
    (
        "муниципальный округ",
        "{a} муниципальный округ Ленинградской области",
        "{a} муниципальный округ",
    ),
    ("городской округ", "{a} городской округ Ленинградской области", "{a} городской округ"),
]
AUTHORITIES = [
    ("комитет образования администрации {g}", "комитет", "КОМИТЕТ ОБРАЗОВАНИЯ"),
    ("управление образования администрации {g}", "управление", "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ"),
    ("комитет по образованию администрации {g}", "комитет", "КОМИТЕТ ПО ОБРАЗОВАНИЮ"),
    ("отдел образования администрации {g}", "отдел", "ОТДЕЛ ОБРАЗОВАНИЯ"),
]
PEOPLE = [
    ("И.В. Носова", "f"),
    ("А.С. Петров", "m"),
    ("Е.Н. Смирнова", "f"),
    ("О.П. Кузнецов", "m"),
    ("Т.А. Волкова", "f"),
    ("С.М. Оленев", "m"),
    ("Н.Г. Ким", "f"),
    ("В.В. Шевченко", "m"),
    ("Л.Ю. Черных", "f"),
    ("Р.О. Ооржак", "m"),
]
POSITIONS = [
    "Председатель комитета",
    "Заместитель председателя комитета",
    "Начальник управления",
    "Исполняющий обязанности председателя комитета",
]


def adjective(stem: str) -> str:
    """Return the masculine adjective of a place stem («Киров» → «Кировский»)."""
    if stem.endswith("ц"):
        return stem + "кий"  # Троиц → Троицкий
    return stem + ("ий" if stem.endswith("ск") else "ский")


def genitive(adj: str, kind_phrase: str) -> str:
    head = {
        "муниципальный район": "муниципального района",
        "муниципальный округ": "муниципального округа",
        "городской округ": "городского округа",
    }[kind_phrase]
    return f"{adj[:-2]}ого {head} Ленинградской области"


def _leningrad_sets(folder: str, names: list[str]) -> list[str]:
    """Return the names shutil.copytree leaves out: the sets of Ленинградская область (its
    municipalities, its own act, its model), not the region's layers and registries."""
    if Path(folder).name != "leningrad":
        return []
    keep = {"_region.yaml", "_acts.yaml", "_kinds.yaml", "_schema.yaml", "_wording.yaml", "_acts"}
    return [n for n in names if n not in keep]


def make(count: int, out: Path) -> None:
    rng = random.Random(20261122)
    if out.exists():
        shutil.rmtree(out)
    # -- the library's own data (schema, defaults, kinds, wording, registries of acts), the
    #    other regions whole, and of Ленинградская область everything but its sets --
    shutil.copytree(ROOT / "variables", out, ignore=_leningrad_sets)
    region = out / "leningrad"
    for i in range(count):
        stem = STEMS[i % len(STEMS)]
        adj = adjective(stem)
        kind, name_tpl, short_tpl = KINDS[rng.randrange(len(KINDS)) if i % 5 else 0]
        gent = genitive(adj, kind)
        auth, short, blank = AUTHORITIES[rng.randrange(len(AUTHORITIES))]
        person, gender = PEOPLE[rng.randrange(len(PEOPLE))]
        data = {
            "municipality": {
                "name": name_tpl.format(a=adj),
                "kind": kind,
                "short": short_tpl.format(a=adj),
                "centre": f"г.\u00a0{stem}",
            },
            "authority": {
                "name": auth.format(g=gent),
                "short": short,
                "parent": f"Администрация {gent}",
                "blank": blank,
            },
            "act": {
                "kind": "распоряжение",
                "date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "number": f"{rng.randint(1, 999)}-р",
            },
            "signer": {
                "position": POSITIONS[rng.randrange(len(POSITIONS))],
                "name": person,
                "gender": gender,
            },
        }
        (region / f"m{i:04d}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=2500)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "_data" / "variables")
    args = parser.parse_args()
    make(args.count, args.out)
    print(f"записано {args.count} наборов в {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
