"""What the act's preamble and clauses say: its legal basis, the acts it repeals, its own
further clauses, who controls it; and the list of acts an appendix is based on.

Cited acts are found by date and number in the registry of cited acts
(:meth:`docgen.acts.ActRegistry.find`); a citation the registry does not hold cannot be a
value of the set and is reported instead.
"""

from __future__ import annotations

import re
from typing import Any

from .requisites import Found, act_lines, citations, end_of_title
from .source import CLAUSE_RE, Line, plain

APPROVE_RE = re.compile(r"^Утвердить\b")
REPEAL_RE = re.compile(r"^Признать\s+утратившими?\s+силу")
CONTROL_RE = re.compile(r"^Контроль\s+за\s+исполнением")


def _body(line: Line) -> str:
    """Return the text of a clause without its number."""
    return CLAUSE_RE.sub("", line.text, count=1).strip()


def _level(line: Line) -> int:
    match = CLAUSE_RE.match(line.text)
    return match.group(1).count(".") + 1 if match else 0


def basis(
    lines: list[Line], registry, formulas: list[str], head=None
) -> tuple[list[dict], list[str]]:
    """Return the preamble's cited acts as items {act, formula, ref} and the citations not
    found.

    `formulas` are the lead-in words an item may have («Во исполнение», «В соответствии с»):
    an item names its formula when the words before its citation start with one. `head`
    gives an act's kind and issuer in the instrumental («распоряжением Правительства
    Российской Федерации»): words between the formula and that head are the item's `ref`
    («Во исполнение пункта 13 …, утвержденных распоряжением …»).
    """
    preamble = [line for line in act_lines(lines) if line.role == "preamble"]
    text = " ".join(line.text for line in preamble)
    items: list[dict] = []
    missing: list[str] = []
    start = 0
    for act_id, match in citations(text, registry):
        lead = text[start : match.start()]
        start = end_of_title(text, match.end())
        if act_id is None:
            missing.append(match.group(0))
            continue
        item: dict[str, Any] = {"act": act_id}
        after = re.split(r"[,;]\s", lead)[-1]
        for formula in formulas:
            found = re.search(rf"(?:^|[,;]\s*){re.escape(formula)}\s", lead, re.I)
            if found:
                item["formula"] = formula
                after = lead[found.end() :]
                break
        ref = _ref(after, head(act_id) if head else "")
        if ref:
            item["ref"] = ref
        items.append(item)
    return items, missing


def _ref(words: str, head: str) -> str:
    """Return the words before `head` at the end of `words` (the cited act's kind and
    issuer), empty when `words` is the head alone or does not end with it."""
    words = words.rstrip()
    if not head or not plain(words).endswith(plain(head)):
        return ""
    # -- cut as many words as the head has (white space may differ: no-break spaces) --
    kept = words.split()[: -len(head.split())]
    return " ".join(kept).rstrip(" ,")


def repeals(lines: list[Line], registry) -> tuple[Found | None, list[str]]:
    """Return the ids of the acts the act repeals and the citations not in the registry."""
    clauses = [line for line in act_lines(lines) if line.numbered]
    for n, line in enumerate(clauses):
        if not REPEAL_RE.match(_body(line)):
            continue
        texts = [line.text]
        for sub in clauses[n + 1 :]:
            if _level(sub) <= _level(line):
                break
            texts.append(sub.text)
        found = citations(" ".join(texts), registry)
        ids = [act_id for act_id, _ in found if act_id]
        missing = [m.group(0) for act_id, m in found if act_id is None]
        return (Found(ids, line) if ids else None), missing
    return None, []


def points(lines: list[Line]) -> Found | None:
    """Return the act's own clauses (not approving, repealing or control) with subpoints."""
    clauses = [line for line in act_lines(lines) if line.numbered]
    out: list[dict] = []
    first: Line | None = None
    owner: dict | None = None
    approving = False
    for line in clauses:
        body = _body(line)
        if _level(line) == 1:
            owner = None
            approving = bool(APPROVE_RE.match(body))
            if approving or REPEAL_RE.match(body) or CONTROL_RE.match(body):
                continue
            owner = {"text": body}
            out.append(owner)
            first = first or line
        elif owner is not None and not approving:
            owner.setdefault("subpoints", []).append(body)
    return Found(out, first) if out else None


def control(lines: list[Line]) -> Found | None:
    """Return «self» (the signer keeps control) or «delegate» from the control clause."""
    for line in act_lines(lines):
        body = _body(line)
        if CONTROL_RE.match(body):
            if "оставляю за собой" in body:
                return Found("self", line)
            if "возложить" in body:
                return Found("delegate", line)
    return None


def approve_style(lines: list[Line]) -> Found | None:
    """Return how the act approves its appendices: «points», «inline» or «subpoints»."""
    for line in act_lines(lines):
        body = _body(line)
        if not APPROVE_RE.match(body) or not line.numbered:
            continue
        if body.rstrip().endswith(":"):
            return Found("subpoints", line)
        if re.search(r"\(приложени[ея]\s*\d*\)", body):
            return Found("inline", line)
        return Found("points", line)
    return None


def appendix_bases(lines: list[Line], registry) -> tuple[Found | None, list[str]]:
    """Return the ids of the acts listed in the first appendix list that cites acts."""
    appendix = [line for line in lines if line.part == "appendix"]
    for n, line in enumerate(appendix):
        if not line.text.endswith(":"):
            continue
        ids: list[str] = []
        missing: list[str] = []
        for item in appendix[n + 1 :]:
            if item.numbered:
                break
            for act_id, match in citations(item.text, registry)[:1]:
                if act_id:
                    ids.append(act_id)
                else:
                    missing.append(match.group(0))
        if ids:
            return Found(ids, line), missing
    return None, []
