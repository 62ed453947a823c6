"""The registry of cited acts: every law, decree or order a generated act refers to, as data.

Preambles, «в соответствии с» lists, repeal clauses and approval marks cite acts by id,
so a citation is spelled one way everywhere. The registry is layered like the variable
sets, one YAML file per level::

    variables/_acts.yaml                    federal acts
    variables/<region>/_acts.yaml           acts of the region and its bodies
    variables/<region>/_acts/<slug>.yaml    acts of one municipality (e.g. the act repealed)

Each file maps an id to an entry::

    ukaz-2020-474:
      kind: указ
      issuer: Президент Российской Федерации
      date: 2020-07-21
      number: "474"
      title: О национальных целях развития Российской Федерации на период до 2030 года
      status: утратил силу          # действует | утратил силу | изменён
      status_date: 2024-05-07       # when it lost force / was last changed
      superseded_by: ukaz-2024-309  # the act that replaced it
      source: http://publication.pravo.gov.ru/…

`issuer` is a phrase: the nominative, or a mapping of explicit case forms
(``{nomn: …, gent: …}``) where the rules cannot derive them. An act known only through
a covering letter (methodological recommendations) names the document in `document`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import VariablesError
from .schema import CASE_KEYS, parse_date
from .variables import read_entries

ACTS_FILE = "_acts.yaml"
MUNICIPAL_ACTS_DIR = "_acts"
STATUSES = ("действует", "утратил силу", "изменён")
#: Fields every entry has; an act known through another document (``document``: the
#: recommendations a letter sends, the passport a protocol approves) may have no title.
REQUIRED = ("kind", "date", "number", "title")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_FIELDS = {
    "kind",
    "issuer",
    "date",
    "number",
    "title",
    "status",
    "status_date",
    "superseded_by",
    "amended_by",
    "document",
    "source",
    "note",
}


@dataclass(frozen=True)
class CitedAct:
    """One act of the registry, as declared (`issuer` and `document` are phrases)."""

    id: str
    kind: str
    date: dt.date
    number: str
    title: str
    issuer: str | Mapping[str, str] | None = None
    status: str = "действует"
    status_date: dt.date | None = None
    superseded_by: str | None = None
    amended_by: tuple[str, ...] = ()
    document: str | Mapping[str, str] | None = None
    source: str = ""
    #: what is not verified about the entry («статус не проверен»)
    note: str = ""
    #: «файл:строка» where the entry is declared
    origin: str = ""

    @property
    def in_force(self) -> bool:
        """Return False when the act has lost force («утратил силу»)."""
        return self.status != "утратил силу"

    def in_force_on(self, day: dt.date | None) -> bool:
        """Return True when the act was in force on `day` (None: today's status counts)."""
        if self.in_force:
            return True
        return day is not None and self.status_date is not None and day < self.status_date


@dataclass(frozen=True)
class ActRegistry:
    """The acts visible from one place (a variable set, or everything shipped)."""

    acts: Mapping[str, CitedAct] = field(default_factory=dict)

    def __contains__(self, act_id: object) -> bool:
        return act_id in self.acts

    def __iter__(self) -> Iterator[CitedAct]:
        return iter(self.acts.values())

    def __len__(self) -> int:
        return len(self.acts)

    def get(self, act_id: str) -> CitedAct:
        """Return the act `act_id`; raise VariablesError naming the known ids when absent."""
        try:
            return self.acts[act_id]
        except KeyError:
            raise VariablesError(
                f"акт «{act_id}» не найден в реестре актов" + _suggest(act_id, self.acts),
                "реестр актов",
            ) from None

    def find(self, date: dt.date, number: str) -> CitedAct | None:
        """Return the act of `date` with registration `number` (spacing ignored), or None."""
        key = _number_key(number)
        for act in self.acts.values():
            if act.date == date and _number_key(act.number) == key:
                return act
        return None

    def replacement(self, act: CitedAct) -> CitedAct | None:
        """Return the act that finally replaced `act` (following a chain), or None."""
        seen = {act.id}
        current = act
        while current.superseded_by and current.superseded_by in self.acts:
            current = self.acts[current.superseded_by]
            if current.id in seen:
                break
            seen.add(current.id)
            if current.in_force:
                return current
        return current if current is not act else None


def registry_files(variables_dir: Path, set_id: str | None = None) -> list[Path]:
    """Return the registry files visible from `set_id` (every file when None), general first."""
    files = [variables_dir / ACTS_FILE]
    if set_id is None:
        for region_dir in sorted(p for p in variables_dir.iterdir() if p.is_dir()):
            if region_dir.name.startswith("_"):
                continue
            files.append(region_dir / ACTS_FILE)
            files += sorted((region_dir / MUNICIPAL_ACTS_DIR).glob("*.yaml"))
    else:
        region, _, slug = set_id.partition("/")
        files.append(variables_dir / region / ACTS_FILE)
        if slug == "_model":
            # -- the region's model set («leningrad/_model») sees every municipality's acts:
            #    an act imported from a municipality's text cites them --
            files += sorted((variables_dir / region / MUNICIPAL_ACTS_DIR).glob("*.yaml"))
        elif slug:
            files.append(variables_dir / region / MUNICIPAL_ACTS_DIR / f"{slug}.yaml")
    return [f for f in files if f.exists()]


def load_registry(
    files: list[Path], variables_dir: Path, kinds: Collection[str] | None = None
) -> ActRegistry:
    """Return the registry declared in `files`; raise VariablesError listing every problem.

    `kinds` are the act kinds an entry may have (docgen.kinds); None accepts any.
    """
    acts: dict[str, CitedAct] = {}
    problems: list[str] = []
    for act_id, entry, where in read_entries(files, variables_dir):
        if act_id in acts:
            problems.append(f"{where}: акт «{act_id}» уже есть в {acts[act_id].origin}")
            continue
        try:
            acts[act_id] = _entry(act_id, entry, where, kinds)
        except ValueError as exc:
            problems.append(f"{where}: {act_id}: {exc}")
    for act in acts.values():
        for ref in (act.superseded_by, *act.amended_by):
            if ref and ref not in acts:
                problems.append(f"{act.origin}: {act.id}: ссылка на неизвестный акт «{ref}»")
    if problems:
        raise VariablesError(
            "реестр актов не прошёл проверку:\n  " + "\n  ".join(problems), "реестр актов"
        )
    return ActRegistry(acts)


def _entry(act_id: str, entry: Any, where: str, kinds: Collection[str] | None) -> CitedAct:
    if not _ID_RE.match(act_id):
        raise ValueError("идентификатор: латинские строчные буквы, цифры, «-», «_», «.»")
    if not isinstance(entry, Mapping):
        raise ValueError("ожидается словарь полей акта")
    unknown = sorted(set(entry) - _FIELDS)
    if unknown:
        raise ValueError(f"неизвестные поля: {', '.join(unknown)}")
    required = ("kind", "date", "number") if entry.get("document") else REQUIRED
    missing = [k for k in required if not entry.get(k)]
    if missing:
        raise ValueError(f"не заданы поля: {', '.join(missing)}")
    kind = str(entry["kind"])
    if kinds is not None and kind not in kinds:
        raise ValueError(f"kind «{kind}»: допустимы {', '.join(kinds)}")
    status = str(entry.get("status", "действует"))
    if status not in STATUSES:
        raise ValueError(f"status «{status}»: допустимы {', '.join(STATUSES)}")
    if status == "утратил силу" and not entry.get("status_date"):
        raise ValueError("у акта, утратившего силу, нужна дата status_date")
    amended = entry.get("amended_by") or ()
    if isinstance(amended, str):
        amended = (amended,)
    return CitedAct(
        id=act_id,
        kind=kind,
        date=_date(entry["date"], "date"),
        number=str(entry["number"]).strip(),
        title=" ".join(str(entry.get("title") or "").split()),
        issuer=_phrase(entry.get("issuer"), "issuer"),
        status=status,
        status_date=_date(entry["status_date"], "status_date")
        if entry.get("status_date")
        else None,
        superseded_by=entry.get("superseded_by") or None,
        amended_by=tuple(str(a) for a in amended),
        document=_phrase(entry.get("document"), "document"),
        source=str(entry.get("source") or ""),
        note=" ".join(str(entry.get("note") or "").split()),
        origin=where,
    )


def _date(value: Any, key: str) -> dt.date:
    try:
        return parse_date(value)
    except ValueError as exc:
        raise ValueError(f"{key}: {exc}") from None


def _phrase(value: Any, key: str) -> str | Mapping[str, str] | None:
    if value is None or isinstance(value, str):
        return " ".join(value.split()) if value else None
    if isinstance(value, Mapping):
        bad = [k for k in value if k not in CASE_KEYS]
        if bad or "nomn" not in value:
            raise ValueError(f"{key}: словарь падежных форм с ключом nomn ({', '.join(CASE_KEYS)})")
        return {k: " ".join(str(v).split()) for k, v in value.items()}
    raise ValueError(f"{key}: ожидается строка или словарь падежных форм")


def _number_key(number: str) -> str:
    return re.sub(r"[\s\u00a0]+", "", number).casefold()


def _suggest(act_id: str, known: Mapping[str, CitedAct]) -> str:
    import difflib

    close = difflib.get_close_matches(act_id, list(known), n=1, cutoff=0.6)
    return f"; возможно, имелось в виду «{close[0]}»" if close else ""
