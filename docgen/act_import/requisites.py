"""The act's requisites read from the roles of its paragraphs: kind, date and number,
place, signer, the authority's blank; and its citations of other acts.

Every value comes back as a :class:`Found` with the paragraph it was read from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import ru
from ..placeholders import PREFIX
from .source import Line

_DATE = r"(\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}\s+[а-яё]+\s+\d{4})"
#: «от 23.05.2023 года № 233», «от 11 мая 2023 г. № 17», «от 26.02.2019 г. № 45-р»
CITATION_RE = re.compile(
    rf"от\s+{_DATE}\s*(?:г\.|года|год)?\s*№\s*([0-9A-Za-zА-Яа-яЁё][\w/.\-]*\w|\w)",
)
#: The place of issue on the blank: «г. Кировск», «пгт Октябрьское».
PLACE_RE = re.compile(r"^(?:г\.|пгт\.?|п\.|пос\.|с\.|д\.|рп\.?|ст-ца|город|поселок)\s*\S.*$")
#: «И.В. Носова» at the end of the signature (or «Носова И.В.»).
SIGNER_RE = re.compile(
    r"([А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
    r"|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s[А-ЯЁ]\.\s?[А-ЯЁ]\.)$"
)


@dataclass(frozen=True)
class Found:
    """A value read from the act and the paragraph it came from (`line`)."""

    value: Any
    line: Line


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    from babel.dates import get_month_names

    names = get_month_names("wide", context="format", locale="ru")
    return {names[m].lower(): m for m in range(1, 13)}


def parse_date(text: str) -> dt.date | None:
    """Return the date «23.05.2023» or «23 мая 2023» as a date, None when it is not one."""
    text = text.strip()
    digital = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    try:
        if digital:
            return dt.date(int(digital[3]), int(digital[2]), int(digital[1]))
        long = re.fullmatch(r"(\d{1,2})\s+([а-яё]+)\s+(\d{4})", text)
        if long and long[2].lower() in _months():
            return dt.date(int(long[3]), _months()[long[2].lower()], int(long[1]))
    except ValueError:
        return None
    return None


def act_lines(lines: list[Line]) -> list[Line]:
    """Return the paragraphs of the act itself (not its appendices)."""
    return [line for line in lines if line.part == "act"]


def kind(lines: list[Line], kinds: list[str]) -> Found | None:
    """Return the kind of the act («распоряжение») from its «РАСПОРЯЖЕНИЕ» line."""
    for line in act_lines(lines):
        if line.role == "kind":
            word = line.text.replace(" ", "").lower()
            if word in kinds:
                return Found(word, line)
    return None


def date_and_number(lines: list[Line]) -> tuple[Found | None, Found | None]:
    """Return the act's own date and number from its «от … № …» line."""
    for line in act_lines(lines)[:14]:
        if line.role != "datenum":
            continue
        match = CITATION_RE.search(line.text)
        if match:
            date = parse_date(match.group(1))
            return (Found(date, line) if date else None), Found(match.group(2), line)
    return None, None


def place(lines: list[Line]) -> Found | None:
    """Return the place of issue written on the blank, if any."""
    for line in act_lines(lines)[:14]:
        if line.role in ("title", "preamble", "clause"):
            break
        if PLACE_RE.match(line.text) and not CITATION_RE.search(line.text):
            return Found(line.text, line)
    return None


def blank(lines: list[Line]) -> tuple[Found | None, Found | None]:
    """Return (the parent body, the authority as on the blank) from the blank lines.

    The authority's own line is in capitals («КОМИТЕТ ОБРАЗОВАНИЯ»); the lines above it
    name the body it belongs to («Администрация Кировского … района …»).
    """
    rows = [
        line
        for line in act_lines(lines)
        if line.role == "blank" and not line.text.startswith(f"[{PREFIX}")
    ]
    caps = [line for line in rows if line.text.upper() == line.text]
    lower = [line for line in rows if line.text.upper() != line.text]
    parent = Found(" ".join(x.text for x in lower), lower[0]) if lower else None
    own = Found(" ".join(x.text for x in caps), caps[0]) if caps else None
    return parent, own


def signer(lines: list[Line]) -> dict[str, Found]:
    """Return the signer's position, name («И.В. Носова») and, if the name shows it, gender."""
    signs = [line for line in act_lines(lines) if line.role == "sign"]
    text = " ".join(line.text for line in signs)
    match = SIGNER_RE.search(text)
    if not match:
        return {}
    name = re.sub(r"\.\s?(?=[А-ЯЁ])", ".", match.group(1).strip())
    if re.match(r"[А-ЯЁ]\.[А-ЯЁ]\.[А-ЯЁ]", name):
        name = name[:4] + " " + name[4:]
    found = {"signer.name": Found(name, signs[0])}
    position = text[: match.start()].strip()
    if position:
        found["signer.position"] = Found(position, signs[0])
    gender = ru.gender_of(name)
    if gender:
        found["signer.gender"] = Found(gender, signs[0])
    return found


#: «(в ред. распоряжения … от … № …)»: the amendment of the act just cited, not an act of its own.
_AMENDED_RE = re.compile(r"\(в\s+ред\.[^()]*\)")


def citations(text: str, registry) -> list[tuple[str | None, re.Match]]:
    """Return (registry id or None, match) for every «от … № …» in `text`, in order.

    Citations of amendments («(в ред. … от … № …)») belong to the act before them and are
    left out, and so are acts named inside a cited act's title («… «О внесении изменений в
    Концепцию, утвержденную распоряжением … от … № Р-174»»).
    """
    out = []
    plain = _AMENDED_RE.sub(lambda m: " " * len(m.group(0)), text)
    title_end = 0
    for match in CITATION_RE.finditer(plain):
        if match.start() < title_end:
            continue
        title_end = end_of_title(plain, match.end())
        date = parse_date(match.group(1))
        act = registry.find(date, match.group(2)) if date else None
        out.append((act.id if act else None, match))
    return out


def end_of_title(text: str, at: int) -> int:
    """Return where the title «…» that follows position `at` of `text` ends (after its
    closing quote; quotes inside it are balanced); `at` when no title follows."""
    start = len(text) - len(text[at:].lstrip())
    if not text.startswith("«", start):
        return at
    depth = 0
    for n in range(start, len(text)):
        depth += {"«": 1, "»": -1}.get(text[n], 0)
        if depth == 0:
            return n + 1
    return len(text)
