"""Abbreviations: «(далее – X)» in its canonical form (T-09), defined once and before use,
none undefined or left over from the model act (G-32)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..memo import text_memo
from ..model import DocModel, Para, Part
from ..registry import Issue, issue, rule
from ._common import WARNING, first_lines, pattern, patterns, scan, text_paras, unquoted

_DEF_RE = re.compile(
    r"\(далее(?:[ \u00a0]+по[ \u00a0]+тексту)?[ \u00a0]*[-–—]?[ \u00a0]*(?P<body>[^()]+?)\)"
)
_PAREN_ABBR_RE = re.compile(
    r"\((?P<body>[А-ЯЁ]{2,}(?:[ \u00a0][А-ЯЁ]{2,})*(?:[ \u00a0]+«[^»]+»)?)\)"
)
_TOKEN_RE = re.compile(r"(?<![А-ЯЁа-яёA-Za-z\d\-/])[А-ЯЁ]{2,8}(?![А-ЯЁа-яёA-Za-z\d\-/])")
_SHORT_NAME_RE = re.compile(
    r"\b(?P<word>[Кк]омитет|[Дд]епартамент)(?:а|у|ом|е)?(?=[ \u00a0]*[.,;:)]|$)"
)
#: A word in capitals and a space right before a token (searched in the last 11 characters).
_BEFORE_RE = re.compile(r"([А-ЯЁ]{2,8})[ \u00a0]$")
_ROLES = frozenset({"text", "clause", "item", "preamble", "heading", "tabrow", "cell"})

_FORMS = patterns(
    pattern(
        r"\(далее(?![ \u00a0][–—][ \u00a0])(?:[^)]{0,3})",
        "форма «далее» не по образцу",
        "«(далее – ММС)»: пробел, тире, пробел",
        needles=("(далее",),
    ),
)


@rule("T-09", WARNING, "text", "Формула «(далее – X)»: пробел, тире, пробел")
def further_formula(doc: DocModel, profile):
    for para in text_paras(doc):
        yield from scan(para, _FORMS)


@dataclass
class _Part:
    """Per part: defined terms (for «defined twice»), defined tokens and uses of tokens."""

    part: Part
    terms: dict[str, list[Para]] = field(default_factory=dict)
    defs: dict[str, list[Para]] = field(default_factory=dict)
    uses: dict[str, list] = field(default_factory=dict)


def _definitions(text: str) -> Iterator[tuple[str, tuple[int, int]]]:
    for match in _DEF_RE.finditer(text):
        for term in match.group("body").split(","):
            term = term.strip(' \u00a0«»"')
            if term:
                yield term, match.span()
    for match in _PAREN_ABBR_RE.finditer(text):
        yield match.group("body"), match.span()


@text_memo
def _abbreviation_facts(
    text: str,
) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], tuple[tuple[str, str | None], ...], bool]:
    """Return what G-32 reads in `text`, whatever the profile.

    (definitions: (key of the term, tokens in it)), (uses: (token, the capitals word right
    before it or None)), whether the text has no lower-case letter.
    """
    spans = []
    defs = []
    for term, span in _definitions(text):
        spans.append(span)
        defs.append((_key(term), tuple(_TOKEN_RE.findall(unquoted(term)))))
    plain = unquoted(text)
    for start, end in spans:
        plain = plain[:start] + " " * (end - start) + plain[end:]
    caps_only = not re.search(r"[а-яё]", text)
    uses = []
    for match in _TOKEN_RE.finditer(plain):
        # -- a match of «…$» ends at the token (or a line break before it): at most 10 chars --
        start = match.start()
        before = _BEFORE_RE.search(plain, max(0, start - 11), start)
        uses.append((match.group(0), before.group(1) if before else None))
    return tuple(defs), tuple(uses), caps_only


def _collect(doc: DocModel, profile) -> list[_Part]:
    caps_in_text: set[str] = set()
    known, names = profile.known_abbreviations, profile.name_abbreviations
    parts = []
    for part in doc.parts:
        info = _Part(part)
        parts.append(info)
        for para in part.paras:
            if not para.clean or para.role not in _ROLES:
                continue
            defs, uses, caps_only = _abbreviation_facts(para)
            for key, tokens in defs:
                info.terms.setdefault(key, []).append(para)
                info.defs.setdefault(key, []).append(para)
                for token in tokens:
                    info.defs.setdefault(token, []).append(para)
            for token, before in uses:
                after_form = before is not None and before in known
                if token in known or (token in names and after_form):
                    continue
                if not caps_only:
                    caps_in_text.add(token)
                info.uses.setdefault(token, []).append((para, caps_only))
    for info in parts:
        info.uses = {
            t: [p for p, caps in uses if not caps or t in caps_in_text]
            for t, uses in info.uses.items()
        }
        info.uses = {t: ps for t, ps in info.uses.items() if ps}
    return parts


def _key(term: str) -> str:
    return " ".join(term.replace("\u00a0", " ").split()).lower()


@rule(
    "G-32",
    WARNING,
    "text",
    "Сокращения: «(далее – X)» один раз, до употребления; без «ОМСУ» из модели",
)
def abbreviations(doc: DocModel, profile):
    parts = _collect(doc, profile)
    defined_anywhere = {k for info in parts for k in info.defs}
    defined_before: set[str] = set()
    for info in parts:
        yield from _redefined(info)
        for token, paras in info.uses.items():
            first = paras[0]
            defs = info.defs.get(token) or info.defs.get(_key(token))
            if token in profile.model_abbreviations and not _is_model(info.part):
                yield issue(
                    first,
                    f"сокращение «{token}» осталось из примерного положения",
                    "назвать орган, как в акте (например, «комитет образования»)",
                )
                continue
            if defs:
                if defs[0].index > first.index and token not in defined_before:
                    yield issue(
                        first,
                        f"сокращение «{token}» употреблено до определения ({defs[0].position()})",
                        "определить при первом употреблении",
                    )
            elif token not in defined_anywhere and _key(token) not in defined_anywhere:
                more = (
                    f" (употреблений: {len(paras)} — {first_lines(paras)})"
                    if len(paras) > 1
                    else ""
                )
                yield issue(
                    first,
                    f"сокращение «{token}» не определено{more}",
                    f"при первом употреблении: «полное наименование (далее – {token})»",
                )
        yield from _short_names(info, defined_anywhere)
        defined_before.update(info.defs)


def _redefined(info: _Part) -> Iterator[Issue]:
    for term, paras in info.terms.items():
        if len(paras) > 1:
            shown = term.upper() if _TOKEN_RE.fullmatch(term.upper()) else term
            yield issue(
                paras[1],
                f"«{shown}» определено повторно (впервые — {paras[0].position()})",
                "одно определение при первом употреблении",
            )


def _short_names(info: _Part, defined: set[str]) -> Iterator[Issue]:
    for para in info.part.paras:
        if para.empty or para.role not in _ROLES:
            continue
        word = _short_name(para)
        if word is not None and word not in defined:
            yield issue(
                para,
                f"краткое наименование «{word}» без определения",
                f"ввести его формулой «(далее – {word})» при полном наименовании",
            )
            return


@text_memo
def _short_name(text: str) -> str | None:
    """Return the first short name «комитет» / «департамент» (lower case) outside quotes."""
    if "омитет" not in text and "епартамент" not in text:
        return None
    match = _SHORT_NAME_RE.search(unquoted(text))
    return match.group("word").lower() if match else None


def _is_model(part: Part) -> bool:
    return any("примерн" in p.clean.lower() for p in part.role("doctitle"))
