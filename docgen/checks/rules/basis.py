"""The act's footing: place of issue on the blank (G-23), a preamble stating the legal basis
(G-53), cited acts still in force (G-55; the kind a citation names is read by the stems of
the act kinds, ``doc.kinds``)."""

from __future__ import annotations

import datetime as dt
import re

from ..memo import text_memo
from ..model import DocModel, Para, Part
from ..patterns import (
    DATE,
    NUMBER,
    PLACE_RE,
    PLACEHOLDER_ONLY_RE,
    SP,
    UNFILLED_RE,
    parse_date,
    short,
)
from ..registry import issue, rule
from ._common import ERROR, WARNING, acts, as_date, judged_on

_REQUISITES = ("blank", "kind", "datenum", "title")


def _anchor(*candidates: Para | None) -> Para | None:
    """Return the first candidate without an unfilled value (the runner drops the others)."""
    return next((p for p in candidates if p is not None and not UNFILLED_RE.search(p.text)), None)


# -- G-23 -----------------------------------------------------------------------------------
@rule("G-23", WARNING, "text", "Место издания на бланке: «г. Кировск», «пгт Октябрьское»")
def place_of_issue(doc: DocModel, profile):
    if not profile.place_of_issue:
        return
    for part in acts(doc):
        lines = part.role("datenum")
        # -- a line that is only a draft's placeholder is the place, still to be filled (G-51) --
        if any(
            PLACE_RE.search(p.clean) or PLACEHOLDER_ONLY_RE.fullmatch(p.text.strip()) for p in lines
        ):
            continue
        # -- a draft's blank may be all placeholders: then the title carries the finding --
        where = _anchor(*lines, *part.role("kind"), *part.role("title"), part.paras[0])
        if where is not None:
            yield issue(
                where,
                f"на бланке {part.genitive} нет места издания",
                "строка под датой и номером: «г.\u00a0Кировск», «пгт\u00a0Октябрьское»",
            )


# -- G-53 -----------------------------------------------------------------------------------
def _operative(part: Part) -> Para | None:
    """Return the first paragraph of the operative part: «ПРИКАЗЫВАЮ:» or clause 1."""
    return next((p for p in part.paras if p.role in ("order", "clause") and not p.in_table), None)


@rule("G-53", ERROR, "text", "Преамбула акта: правовое основание перед распорядительной частью")
def preamble(doc: DocModel, profile):
    for part in acts(doc):
        operative = _operative(part)
        if operative is None:
            continue
        heads = [p.index for p in part.paras if p.role in _REQUISITES]
        start = max((i for i in heads if i < operative.index), default=-1)
        if any(
            start < p.index < operative.index and p.clean and not p.in_table
            for p in part.role("preamble", "text", "item")
        ):
            continue
        title = part.role("title")
        where = _anchor(operative, title[-1] if title else None, *part.role("kind"))
        if where is None:
            continue
        yield issue(
            where,
            f"у {part.genitive} нет преамбулы: после заголовка сразу распорядительная часть",
            "правовое основание перед распорядительной частью: «В соответствии с <вид, орган, "
            "дата, номер и «заголовок» акта>:»",
            quote=short(operative.clean),
        )


# -- G-55 -----------------------------------------------------------------------------------
_CITATION_RE = re.compile(
    rf"о(?<!\wо)т{SP}+(?P<date>{DATE}){SP}*(?:г\.|года)?{SP}*№{SP}*(?P<number>{NUMBER})"
)
_REPEALED_RE = re.compile(r"утративш\w*\s+силу|утрачивает\s+силу", re.IGNORECASE)


@text_memo
def _citations(text: str) -> tuple[tuple[dt.date, str, str, int], ...]:
    """Return (date, number, the words before «от», offset) of each «… от <дата> № <N>»."""
    if "№" not in text or "от" not in text:
        return ()
    out = []
    last = 0
    for match in _CITATION_RE.finditer(text):
        parsed = parse_date(match.group("date"))
        day = as_date(*parsed) if parsed else None
        if day is not None:
            before = text[max(last, match.start() - 300) : match.start()]
            out.append((day, match.group("number"), before.lower(), match.start()))
        last = match.end()
    return tuple(out)


def _act_label(act) -> str:
    """Return «указ от 21.07.2020 № 474 «О национальных целях …»» for a registry entry."""
    return f"{act.kind} от {act.date:%d.%m.%Y} №\u00a0{act.number} «{act.title}»"


@rule("G-55", WARNING, "text", "Ссылка на акт, утративший силу (по реестру актов): назвать замену")
def superseded_citations(doc: DocModel, profile):
    registry = doc.context.registry
    if registry is None:
        return
    day, _own = judged_on(doc)
    # -- the words before «от» must name the registry act's kind: its stem («распоряжени») --
    stems = doc.kinds.stems
    for para in doc.paragraphs:
        if not para.clean or para.role in ("mark", "datenum"):
            continue
        for date, number, before, offset in _citations(para):
            act = registry.find(date, number)
            if act is None or act.in_force_on(day):
                continue
            if stems.get(act.kind, act.kind[:5]) not in before:
                continue
            if _REPEALED_RE.search(para.text[:offset]):
                continue
            new = registry.replacement(act)
            lost = f"{act.status_date:%d.%m.%Y}" if act.status_date else "—"
            if new is not None:
                message = f"{_act_label(act)} утратил силу {lost}; действует {_act_label(new)}"
                hint = f"сослаться на {new.kind} от {new.date:%d.%m.%Y} №\u00a0{new.number}"
            else:
                message = f"{_act_label(act)} утратил силу {lost}"
                hint = "сослаться на действующий акт или убрать ссылку"
            yield issue(para, message, hint, quote=f"от {date:%d.%m.%Y} №\u00a0{number.strip()}")
