"""References to the act's own appendices resolve (G-54): «согласно приложению 3» needs an
appendix 3, a single appendix is unnumbered, «прилагаемое» needs an appendix at all.

A reference belongs to this act when nothing follows its number or «к настоящему
распоряжению (приказу, …)» does; «приложение 3 к распоряжению … от 01.02.2019 № 213-р»,
«приложение к приказу Минпросвещения …» and «приложение 1 к Положению» name appendices of
other documents and are not judged. Inside an appendix only the explicit «… к настоящему
распоряжению» counts (a bare «приложение 1» there is the appendix's own).
"""

from __future__ import annotations

import re

from ..kinds import KindWords, alternation
from ..model import DocModel, Part
from ..patterns import SP
from ..registry import issue, rule
from ._common import ERROR, acts, appendices, found_in, sparse

_REF_RE = re.compile(
    rf"(?<![А-Яа-яЁё])(?P<word>[Пп]рилага\w+|[Пп]риложени(?:ями|ях|ям|ем|е|я|ю|и|й))"
    rf"(?![А-Яа-яЁё])(?:{SP}*(?:№{SP}*)?(?P<nums>\d{{1,2}}(?:{SP}*(?:[–—-]|,|и){SP}*(?:№{SP}*)?"
    rf"\d{{1,2}})*)(?![\d.]\d))?"
)
_OTHER_RE = re.compile(rf"^{SP}*к{SP}")
_ACCORDING_RE = re.compile(rf"согласно{SP}+$")
_MARK_NUMBER_RE = re.compile(r"[Пп]риложение\s*№?\s*\d", re.IGNORECASE)
_SKIP_ROLES = ("blank", "kind", "datenum", "sign", "mark", "extra", "empty")

#: A reference: (appendix numbers, «прилагаемый»?, explicitly «к настоящему …»?, quote).
Ref = tuple[tuple[int, ...], bool, bool, str]


def _numbers(text: str) -> tuple[int, ...]:
    """Return the numbers of «1–3», «1, 2 и 4», «№ 2» (a range spelled out)."""
    out: list[int] = []
    for match in re.finditer(r"(\d{1,2})(?:\s*[–—-]\s*(\d{1,2}))?", text):
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        out.extend(range(first, max(first, last) + 1))
    return tuple(out)


def _this_re(kinds: KindWords) -> re.Pattern:
    """Return «к настоящему распоряжению (приказу, …)»: the act the text belongs to."""
    return re.compile(rf"^{SP}*к{SP}+настоящ\w+{SP}+{alternation(kinds.issued_stems)}")


@sparse("references", kinds=True)
def _references(text: str, kinds: KindWords) -> tuple[Ref, ...]:
    """Return the references in `text` to appendices of the act the text belongs to."""
    if "рилож" not in text and "рилага" not in text:
        return ()
    out = []
    this = kinds.built(_this_re)
    for match in _REF_RE.finditer(text):
        rest = text[match.end() :]
        explicit = bool(this.match(rest))
        if not explicit and _OTHER_RE.match(rest):
            continue
        quote = match.group(0)
        if match.group("word").lower().startswith("прилага"):
            out.append(((), True, explicit, quote))
            continue
        nums = _numbers(match.group("nums") or "")
        bracketed = text[: match.start()].endswith("(") and rest.startswith(")")
        if nums or explicit or bracketed or _ACCORDING_RE.search(text[: match.start()]):
            out.append((nums, False, explicit, quote))
    return tuple(out)


def _problem(ref: Ref, parts: list[Part], label: str) -> tuple[str, str] | None:
    """Return (message, hint) when `ref` does not resolve among the appendices `parts`."""
    nums, attached, _explicit, _quote = ref
    if not parts:
        what = "«прилагаемое»" if attached else "ссылка на приложение"
        return f"{what}, а приложений у {label} нет", "приложение после подписи или без ссылки"
    if attached:
        return None
    if not nums:
        if len(parts) > 1:
            return (
                f"ссылка на приложение без номера, а приложений {len(parts)}",
                "«(приложение 1)», «согласно приложению 2 к настоящему …»",
            )
        return None
    if len(parts) == 1:
        if nums in ((1,), (parts[0].number,)):
            return f"приложение одно — номер {nums[0]} не ставится", "«согласно приложению …»"
        shown = ", ".join(map(str, nums))
        return (
            f"нет приложения {shown}: у {label} одно приложение (без номера)",
            "«согласно приложению к настоящему …» без номера",
        )
    known = sorted({p.number for p in parts if p.number})
    missing = [n for n in nums if n not in known]
    if missing:
        listed = ", ".join(map(str, known))
        return (
            f"нет приложения {', '.join(map(str, missing))}: у {label} приложения {listed}",
            "номер существующего приложения",
        )
    return None


@rule("G-54", ERROR, "text", "Ссылки на приложения ведут к существующим приложениям")
def appendix_references(doc: DocModel, profile):
    found = acts(doc)
    if not found:
        return
    act = found[0]
    parts = appendices(doc)
    label = act.genitive
    for para, refs in found_in(doc, "references"):
        if para.role in _SKIP_ROLES or para.part is None:
            continue
        if para.part is not act and para.part.kind != "appendix":
            continue
        for ref in refs:
            # -- inside an appendix a bare «приложение 1» is the appendix's own --
            if para.part is not act and not ref[2]:
                continue
            problem = _problem(ref, parts, label)
            if problem is not None:
                yield issue(para, problem[0], problem[1], quote=ref[3])
    if len(parts) == 1 and parts[0].number is not None:
        numbered = [p for p in parts[0].role("mark") if _MARK_NUMBER_RE.search(p.clean)]
        if numbered:
            yield issue(
                numbered[0],
                f"приложение одно, а в отметке номер {parts[0].number}",
                "«(приложение)» или «Приложение» без номера",
            )
