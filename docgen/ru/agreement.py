"""Agreement beyond the head noun: participle phrases after a comma, appositions in brackets.

* «организации, подведомственные комитету» → «организациям, подведомственным комитету»:
  an adjective or participle after a comma, in the nominative and agreeing with the head,
  qualifies the head and takes its case; so do participles joined to it by «и»/«или».
  It is left alone when the nearest noun before the comma can be what it qualifies (a
  noun in the accusative after a preposition or a verb form: «ответственные за
  мероприятия, включенные в план»). Розенталь, «Согласование определений»; Русская
  грамматика (1980), §§ 1948–1950.
* «Верховный Хурал (парламент)» → «Верховного Хурала (парламента)»: a common noun
  phrase in brackets after the head explains it and takes its case. Proper names and
  abbreviations (capitalised), «(далее – …)» definitions and brackets that already share
  the case and number of the word before them («отдела (сектора)») stay. Розенталь,
  «Согласование приложений».
"""

from __future__ import annotations

from .morph import parse
from .readings import ADJ, Step, adjective_grammemes, agree, readings
from .tokens import OPAQUE, PUNCT, SPACE, WORD, Token

_COORDINATING = frozenset({"и", "или"})
_GOVERNING = frozenset({"VERB", "INFN", "PRTF", "GRND"})


def postpositive_steps(tokens: list[Token], head: int, tag, animate: bool, case: str) -> dict:
    """Return {token index: Step} for the participles after commas that agree with the head.

    `head` is the index of the head word, `tag` and `animate` its tag and animacy.
    """
    steps: dict[int, Step] = {}
    for comma in range(head + 1, len(tokens)):
        if tokens[comma].kind != PUNCT or tokens[comma].text != ",":
            continue
        j = _next_word(tokens, comma)
        for skipped in (_COORDINATING, {"не"}):  # -- «…, и не подведомственные …» --
            if j is not None and tokens[j].text.lower() in skipped:
                j = _next_word(tokens, j)
        found = _agreeing(tokens[j].text, tag) if j is not None else []
        if not found or _nearer_referent(tokens, head, comma, found):
            continue
        steps[j] = _step(found, tag, animate, case)
        for m in _homogeneous(tokens, j):
            same = [r for r in _agreeing(tokens[m].text, tag) if _same_form(r.tag, found)]
            if same:
                steps[m] = _step(same, tag, animate, case)
    return steps


def _step(found: list, tag, animate: bool, case: str) -> Step:
    best = max(found, key=lambda r: r.score)
    return Step((best,), adjective_grammemes(case, tag, best, animate), "last")


def _agreeing(word: str, tag) -> list:
    """Return the nominative adjective/participle readings of `word` agreeing with `tag`."""
    return [r for r in readings(word, ADJ) if agree(r.tag, tag)]


def _same_form(tag, found: list) -> bool:
    return any(r.tag.number == tag.number and r.tag.gender == tag.gender for r in found)


def _next_word(tokens: list[Token], i: int) -> int | None:
    """Return the index of the word right after token `i` (spaces skipped), or None."""
    j = i + 1
    while j < len(tokens) and tokens[j].kind == SPACE:
        j += 1
    return j if j < len(tokens) and tokens[j].kind == WORD else None


def _homogeneous(tokens: list[Token], start: int):
    """Yield indexes of words after «и»/«или» in the phrase that starts at `start`."""
    for k in range(start + 1, len(tokens)):
        if tokens[k].kind == PUNCT and tokens[k].text == ",":
            return
        if tokens[k].kind == WORD and tokens[k].text.lower() in _COORDINATING:
            m = _next_word(tokens, k)
            if m is not None:
                yield m


def _nearer_referent(tokens: list[Token], head: int, comma: int, found: list) -> bool:
    """Say whether the last noun before `comma` is an accusative the participle may qualify."""
    words = [i for i in range(head + 1, comma) if tokens[i].kind == WORD]
    nouns = [i for i in words if any(p.tag.POS == "NOUN" for p in parse(tokens[i].text.lower()))]
    if not nouns:
        return False
    noun = nouns[-1]
    fits = [
        p
        for p in parse(tokens[noun].text.lower())
        if p.tag.POS == "NOUN"
        and p.tag.case in ("nomn", "accs")
        and any(agree(p.tag, r.tag) for r in found)
    ]
    if not fits:
        return False
    for i in reversed([w for w in words if w < noun]):  # -- the word that governs it --
        own = parse(tokens[i].text.lower())
        if any(p.tag.POS in ADJ and p.tag.case in ("nomn", "accs") for p in own):
            continue  # an adjective of the noun itself
        return own[0].tag.POS == "PREP" or any(p.tag.POS in _GOVERNING for p in own)
    return False


def bracket_after(tokens: list[Token], head: int) -> tuple[int, list[Token]] | None:
    """Return (index, tokens between) of the first bracket after the head, or None.

    Only words and spaces may stand between the head and the bracket.
    """
    for i in range(head + 1, len(tokens)):
        kind = tokens[i].kind
        if kind == OPAQUE:
            if tokens[i].text.startswith("(") and tokens[i].text.endswith(")"):
                return i, tokens[head + 1 : i]
            return None
        if kind not in (WORD, SPACE):
            return None
    return None


def follows_a_dependent(between: list[Token]) -> bool:
    """Say whether a prepositional phrase stands between the head and a bracket.

    Then the bracket explains a noun of that phrase («рекомендации по внедрению системы
    (целевой модели)»), which keeps its case when the head is declined, so the bracket
    keeps it too (Розенталь: an apposition agrees with the word it explains). A genitive
    right after the head is part of the name («отдела образования (структурного
    подразделения)») and does not count.
    """
    return any(
        token.kind == WORD and any(p.tag.POS == "PREP" for p in parse(token.text.lower())[:1])
        for token in between
    )


def explains(inner: str) -> bool:
    """Say whether bracket text `inner` may be an apposition: a lower-case phrase, no dash."""
    return inner[:1].islower() and not any(d in inner for d in "–—")
