"""Appendices: the appendix mark (G-34), the approval mark and its agreement (G-35), which
mark fits an appendix approved by the act (G-36), the appendix heading (G-37).

How a mark names the act («к распоряжению», «распоряжением») comes from the act kinds the
document is read with (``doc.kinds``)."""

from __future__ import annotations

import re

from ..model import DocModel, Para, Part
from ..patterns import (
    CONTACTS_RE,
    DATE,
    DOC_HEAD_RE,
    UNFILLED_RE,
    squeeze,
)
from ..registry import issue, rule
from ._common import ERROR, WARNING, appendices

_APPROVAL_RE = re.compile(r"^(?:УТВЕРЖДЕН[АОЫ]?|Утвержден[аоы]?)$")
_GOST_MARK_RE = re.compile(r"^(?:Приложение|ПРИЛОЖЕНИЕ)\b")
_DATE_NUMBER_RE = re.compile(rf"\bот\s+{DATE}\s*№")


def _act(doc: DocModel) -> Part | None:
    return next((p for p in doc.parts if p.kind == "act"), None)


def mark_lines(part: Part) -> list[tuple[Para, str]]:
    """Return the lines of the part's mark with their paragraphs (line breaks split lines)."""
    return [
        (para, line.strip())
        for para in part.role("mark")
        for line in para.clean.split("\n")
        if line.strip()
    ]


def mark_style(part: Part) -> str | None:
    """Return «gost» («Приложение …»), «lenobl» (УТВЕРЖДЕНО …), «self» (УТВЕРЖДАЮ) or None."""
    lines = mark_lines(part)
    if not lines:
        return None
    first = lines[0][1]
    if _GOST_MARK_RE.match(first):
        return "gost"
    if first.upper() == "УТВЕРЖДАЮ":
        return "self"
    return "lenobl"


@rule("G-34", ERROR, "text", "Отметка о приложении: «Приложение N / к распоряжению … / от … № …»")
def appendix_mark(doc: DocModel, profile):
    parts = appendices(doc)
    act = _act(doc)
    own = doc.kinds.act(act.act_kind) if act is not None else None
    for part in parts:
        style = mark_style(part)
        if style is None:
            yield issue(
                part.body()[0],
                f"у {part.genitive} нет отметки о приложении или грифа утверждения",
                "справа вверху: «Приложение / к распоряжению … / от … № …» "
                "или «УТВЕРЖДЕНО / распоряжением … / от … № …»",
            )
            continue
        if style != "gost":
            continue
        lines = mark_lines(part)
        text = " ".join(line for _, line in lines)
        to_act = doc.kinds.to_act_re.search(text)
        if not to_act:
            yield issue(
                lines[0][0],
                "в отметке о приложении нет «к распоряжению (приказу) …»",
                "«к распоряжению комитета …»",
            )
        elif own is not None and _words(to_act.group("kind")) != own.datv:
            yield issue(
                lines[0][0],
                f"в отметке «к {to_act.group('kind')}», а акт — {own.name}",
                f"«к {own.datv} …»",
            )
        if not _DATE_NUMBER_RE.search(text) and not UNFILLED_RE.search(text):
            yield issue(
                lines[-1][0],
                "в отметке о приложении нет даты и номера акта",
                "«от 23.05.2023 № 233»",
            )
        if len(parts) > 1 and not re.match(r"^(?:Приложение|ПРИЛОЖЕНИЕ)\s*№?\s*\d", lines[0][1]):
            yield issue(
                lines[0][0], "приложений несколько, а в отметке нет номера", "«Приложение 1»"
            )


def _words(text: str) -> str:
    """Return `text` in lower case with every run of whitespace as one space."""
    return " ".join(text.lower().split())


def _expected_word(part: Part, profile) -> tuple[str, str] | None:
    heading = " ".join(p.clean for p in part.role("doctitle"))
    match = DOC_HEAD_RE.match(heading)
    if not match:
        return None
    head = squeeze(match.group(0))
    head = re.sub(r"^примерн\w+\s+", "", head)
    for key in sorted(profile.approval_words, key=len, reverse=True):
        stems = key.split()
        words = head.split()
        if len(words) >= len(stems) and all(
            w.startswith(s[:-1] if len(s) > 4 else s) for w, s in zip(words, stems, strict=False)
        ):
            return key, profile.approval_words[key]
    return None


@rule(
    "G-35", ERROR, "text", "Гриф утверждения: УТВЕРЖДЕН/А/О/Ы прописными, в роде и числе документа"
)
def approval_mark(doc: DocModel, profile):
    act = _act(doc)
    own = doc.kinds.act(act.act_kind) if act is not None else None
    by_act = doc.kinds.by_act_re
    for part in appendices(doc):
        if mark_style(part) != "lenobl":
            continue
        lines = mark_lines(part)
        para, first = lines[0]
        if by_act.match(first):
            yield issue(
                para,
                "гриф начинается без слова «УТВЕРЖДЕН(О)»",
                "первая строка грифа — «УТВЕРЖДЕНО»",
            )
            body = lines
        elif not _APPROVAL_RE.match(first):
            yield issue(
                para, f"первая строка грифа «{first}»", "«УТВЕРЖДЕНО» (прописными, без кавычек)"
            )
            body = lines[1:]
        else:
            if not first.isupper():
                yield issue(
                    para, f"«{first}» — слово грифа пишется прописными", f"«{first.upper()}»"
                )
            expected = _expected_word(part, profile)
            if expected and first.upper() != expected[1]:
                yield issue(para, f"«{first}» не согласуется с «{expected[0]}»", f"«{expected[1]}»")
            body = lines[1:]
        if body and not by_act.match(body[0][1]):
            yield issue(
                body[0][0],
                "после слова грифа нет «распоряжением (приказом) …»",
                "«распоряжением комитета …»",
            )
        elif body and own is not None:
            kind = _words(by_act.match(body[0][1]).group("kind"))
            if kind != own.ablt:
                yield issue(
                    body[0][0],
                    f"в грифе «{kind}», а акт — {own.name}",
                    f"«{own.ablt} …»",
                )
        text = " ".join(line for _, line in lines)
        if not _DATE_NUMBER_RE.search(text) and not UNFILLED_RE.search(text):
            yield issue(
                lines[-1][0],
                "в грифе нет даты и номера утверждающего акта",
                "«от 23.05.2023 № 233»",
            )


@rule(
    "G-36",
    ERROR,
    "text",
    "На приложении, утверждённом актом, нет «УТВЕРЖДАЮ» и чужого бланка",
    also=(WARNING,),
)
def mark_kind(doc: DocModel, profile):
    act = _act(doc)
    styles = {}
    for part in appendices(doc):
        heads = [
            p for p in part.paras if p.role in ("mark", "extra") and p.clean.upper() == "УТВЕРЖДАЮ"
        ]
        if heads and act is not None:
            yield issue(
                heads[0],
                "гриф «УТВЕРЖДАЮ» на приложении, которое утверждает сам акт",
                "отметка о приложении или гриф «УТВЕРЖДЕН… распоряжением (приказом) …»",
            )
        extra = part.role("extra")
        if any(CONTACTS_RE.search(p.clean) for p in extra):
            yield issue(
                extra[0],
                "внутри приложения бланк другой организации (адрес, телефон)",
                "убрать бланк: приложение оформляется на листе акта",
                severity=WARNING,
            )
        style = mark_style(part)
        if style in ("gost", "lenobl"):
            styles.setdefault(style, part)
            if profile.appendix_mark_style not in ("any", style):
                yield issue(
                    part.role("mark")[0],
                    f"отметка в стиле «{style}», профиль требует «{profile.appendix_mark_style}»",
                    "одна форма отметки для всех приложений",
                    severity=WARNING,
                )
    if len(styles) > 1:
        later = max(styles.values(), key=lambda p: p.ordinal)
        yield issue(
            later.role("mark")[0],
            "у приложений разные формы отметки (ГОСТ и «УТВЕРЖДЕНО»)",
            "одна форма для всех приложений",
            severity=WARNING,
        )


@rule("G-37", WARNING, "text", "Заголовок приложения: вид документа прописными, «о …» строкой ниже")
def appendix_heading(doc: DocModel, profile):
    for part in appendices(doc):
        heading = part.role("doctitle")
        if not heading:
            first = next((p for p in part.body() if p.role not in ("mark", "extra")), None)
            yield issue(
                first or part.paras[0],
                f"у {part.genitive} нет заголовка документа",
                "«ПОЛОЖЕНИЕ» / «о …» по центру",
            )
            continue
        first = heading[0].clean
        match = DOC_HEAD_RE.match(first)
        if match and not match.group(0).isupper():
            yield issue(
                heading[0],
                "вид документа в заголовке не прописными",
                f"«{match.group(0).upper()}» отдельной строкой, ниже — «о …»",
            )
        if heading[-1].clean.endswith("."):
            yield issue(heading[-1], "точка в конце заголовка документа", "без точки")
