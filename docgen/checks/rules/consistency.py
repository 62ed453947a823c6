"""Consistency across the package: the approved document's name (G-47), the act's date
and number in the marks (G-48), persons (G-49), organ names (G-50), «ё» (T-10), case (T-11)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..kinds import KindWords, alternation
from ..memo import LRU, kinds_text_memo, para_memo, str_memo, text_memo
from ..model import DocModel, Para, Part
from ..patterns import (
    DOC_HEAD_RE,
    DOC_KINDS,
    INITIALS,
    NAME_FIO_RE,
    NAME_IOF_RE,
    NUMBER,
    SP,
    normalize_number,
    parse_date,
    squeeze,
    strip_marks,
)
from ..registry import Issue, issue, rule
from ._common import ERROR, INFO, WARNING, first_lines, text_paras, unquoted

# -- G-47 -----------------------------------------------------------------------------------
_CUT_RE = re.compile(r"\s+(?:согласно\s+приложени|\(приложени|\(далее|в\s+новой\s+редакции)|[.;:]$")
_APPROVE_RE = re.compile(rf"\bУтвердить(?:{SP}+прилагаем\w+)?{SP}+(?P<name>.+)$")
_MENTION_RE = re.compile(
    r"\b(?P<head>(?:[Пп]римерн\w+\s+)?[Пп]оложени\w*)\s+(?P<tail>(?:о|об|обо)\s[^.;:(),«»]+)"
)
_PREP_RE = re.compile(r"^(?:об|обо)\b")


def _norm(text: str) -> str:
    text = squeeze(strip_marks(text)).replace("«", '"').replace("»", '"')
    text = re.sub(r"[–—]", "-", text)
    return _PREP_RE.sub("о", text.strip(" .;:,"))


@str_memo
def _split_name(text: str) -> tuple[str, str] | None:
    """Return (head stem, normalised tail) of a document name «Положение о …»."""
    text = strip_marks(text)
    match = DOC_HEAD_RE.match(text)
    if not match:
        return None
    head = squeeze(match.group(0)).split()[-1][:5]
    tail = _CUT_RE.split(text[match.end() :], maxsplit=1)[0]
    return head, _norm(tail)


def _appendix_names(doc: DocModel) -> list[tuple[Part, str, str, Para]]:
    out = []
    for part in doc.parts:
        heading = part.role("doctitle")
        if part.kind != "appendix" or not heading:
            continue
        split = _split_name(" ".join(p.clean for p in heading))
        if split and split[1]:
            out.append((part, split[0], split[1], heading[0]))
    return out


def _approvals(act: Part) -> Iterator[tuple[Para, str, int | None]]:
    """Yield (clause, approved name, appendix number) for each «Утвердить …» of the act."""
    opened = False
    for para in act.role("clause"):
        text, number, name, opens, doc_head = _approval(para)
        if name is not None:
            yield para, name, number
            opened = False
        elif opens:
            opened = True
        elif opened and doc_head:
            yield para, text, number
        else:
            opened = False


@para_memo
def _approval(text: str, clean: str) -> tuple[str, int | None, str | None, bool, bool]:
    """Return what «Утвердить …» reads in a clause: (text without its number, appendix
    number, approved name or None, opens a list «Утвердить:», starts with a document kind)."""
    text = re.sub(r"^\s*\d+(?:\.\d+)*\.\s*", "", clean)
    number = re.search(r"\(приложение\s*№?\s*(\d+)\)|приложению\s*№?\s*(\d+)", text)
    number = int(number.group(1) or number.group(2)) if number else None
    match = _APPROVE_RE.search(text)
    name = match.group("name") if match and match.group("name").strip(":") else None
    return (
        text,
        number,
        name,
        text.startswith("Утвердить") and text.endswith(":"),
        bool(DOC_HEAD_RE.match(text)),
    )


def same_word(a: str, b: str) -> bool:
    """Return True for two forms of one word: «дорожная»/«дорожной», «карта»/«карту»."""
    a, b = re.sub(r"[^\w-]", "", a), re.sub(r"[^\w-]", "", b)
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(3, min(len(a), len(b)) - 2)


_SAME_NAMES = LRU(4096)


def same_name(a: str, b: str) -> bool:
    """Return True when two normalised names differ only by word endings (memoised)."""
    key = (a, b)
    found = _SAME_NAMES.get(key)
    if found is None:
        found = _same_name(a, b)
        _SAME_NAMES.put(key, found)
    return found


def _same_name(a: str, b: str) -> bool:
    left, right = a.split(), b.split()
    return len(left) == len(right) and all(
        same_word(x, y) for x, y in zip(left, right, strict=False)
    )


def _same_doc(mention: list[str], name: list[str]) -> bool:
    """Return True when `mention` is most likely a garbled form of `name` (not another document)."""
    words = {w for word in name for w in word.split("-")}
    content = [w for word in mention[: len(name) + 1] for w in word.split("-") if len(w) >= 4]
    hits = sum(w in words for w in content)
    return hits >= 2 and hits >= 0.6 * len(content)


@str_memo
def _title_names_memo(title: str) -> tuple[tuple[str, str], ...]:
    return tuple(_title_names(title))


@rule(
    "G-47",
    ERROR,
    "text",
    "Наименование утверждаемого документа одно: заголовок акта, «Утвердить», приложение",
)
def document_name(doc: DocModel, profile):
    names = _appendix_names(doc)
    if not names:
        return
    act = next((p for p in doc.parts if p.kind == "act"), None)
    if act is not None:
        yield from _check_act(act, names)
    for part, _head, tail, heading in names:
        canon = tail.split()
        for para in part.paras:
            if para.empty or para.role in ("doctitle", "mark", "extra") or para.in_table:
                continue
            for mention, words in _mentions(para):
                if _other_name(words, tuple(canon)):
                    yield issue(
                        para,
                        f"наименование документа отличается от заголовка ({heading.position()})",
                        f"«… {tail}»",
                        quote=mention,
                    )


@para_memo
def _mentions(text: str, clean: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Return (mention, normalised words of its tail) of each «Положение о …» outside quotes."""
    if "оложени" not in clean:
        return ()
    return tuple(
        (match.group(0), tuple(_norm(match.group("tail")).split()))
        for match in _MENTION_RE.finditer(unquoted(clean))
    )


_OTHER_NAMES = LRU(4096)


def _other_name(words: tuple[str, ...], canon: tuple[str, ...]) -> bool:
    """Return True when a mention's `words` garble the document name `canon` (memoised)."""
    key = (words, canon)
    found = _OTHER_NAMES.get(key)
    if found is None:
        common = min(len(words), len(canon))
        found = not same_name(" ".join(canon[:common]), " ".join(words[:common])) and _same_doc(
            list(words), list(canon)
        )
        _OTHER_NAMES.put(key, found)
    return found


_TITLE_SPLIT_RE = re.compile(rf"(?:,\s*|\s+и\s+)(?={DOC_KINDS}(?:\s|$))", re.IGNORECASE)


#: One generic word in the plural for several documents: «положений о …, о … и о …».
_PLURAL_HEADS = {
    "положений": "Положение",
    "порядков": "Порядок",
    "регламентов": "Регламент",
    "планов": "План",
    "правил": "Правила",
}
_PLURAL_RE = re.compile(
    rf"^(?P<head>{'|'.join(_PLURAL_HEADS)})\s+(?P<rest>(?:о|об|обо)\s.+)$", re.I
)
_SUBJECT_SPLIT_RE = re.compile(r"(?:,\s*|\s+и\s+)(?=(?:о|об|обо)\s)")


def _title_names(title: str) -> list[tuple[str, str]]:
    """Return (head stem, tail) of each document the act's title approves, in order.

    «Об утверждении Положения о А и Комплекса мер …» names two documents; so does «Об
    утверждении положений о А и о Б» (each subject with the singular head).
    """
    text = re.sub(r"^Об?\s+утверждении\s+", "", strip_marks(title), flags=re.IGNORECASE)
    plural = _PLURAL_RE.match(text)
    if plural:
        head = _PLURAL_HEADS[plural.group("head").lower()]
        pieces = [f"{head} {s}" for s in _SUBJECT_SPLIT_RE.split(plural.group("rest"))]
    else:
        pieces = _TITLE_SPLIT_RE.split(text)
    return [split for piece in pieces if (split := _split_name(piece))]


def _pick(candidates: list, tail: str, ordinal: int, key):
    """Return the candidate naming `tail`, else the `ordinal`-th one (same head), else None."""
    for cand in candidates:
        if same_name(key(cand), tail):
            return cand
    return candidates[ordinal] if ordinal < len(candidates) else None


def _check_act(act: Part, names) -> Iterator[Issue]:
    title = next(iter(act.role("title")), None)
    in_title = (
        list(_title_names_memo(" ".join(p.clean for p in act.role("title")))) if title else []
    )
    for part, head, tail, heading in names:
        ordinal = [n[0] for n in names if n[1] == head].index(part)
        found = _pick([n for n in in_title if n[0] == head], tail, ordinal, key=lambda n: n[1])
        if found is not None and not same_name(found[1], tail):
            yield issue(
                title,
                f"наименование в заголовке акта отличается от заголовка "
                f"{part.genitive} ({heading.position()})",
                f"«… {tail}»",
            )
    approvals = [
        (para, split, number)
        for para, name, number in _approvals(act)
        if (split := _split_name(name))
    ]
    for i, (para, split, number) in enumerate(approvals):
        target = next((n for n in names if n[0].number == number), None) if number else None
        if target is None:
            ordinal = [a[1][0] for a in approvals[:i]].count(split[0])
            target = _pick(
                [n for n in names if n[1] == split[0]], split[1], ordinal, key=lambda n: n[2]
            )
        if target is not None and not same_name(split[1], target[2]):
            yield issue(
                para,
                f"наименование в пункте «Утвердить» отличается от заголовка "
                f"{target[0].genitive} ({target[3].position()})",
                f"«… {target[2]}»",
            )


# -- G-48 -----------------------------------------------------------------------------------
_NUMBER_RE = re.compile(rf"№{SP}*(?P<n>{NUMBER})")


def _date_number(paras: list[Para]) -> tuple[tuple[int, int, int] | None, str | None, Para | None]:
    date = number = None
    where = None
    for para in paras:
        found_date = parse_date(para.clean)
        found_number = _NUMBER_RE.search(para.clean)
        if found_date and date is None:
            date, where = found_date, para
        if found_number and number is None and not found_number.group("n").startswith("_"):
            number = normalize_number(found_number.group("n"))
            where = where or para
    return date, number, where


@rule("G-48", ERROR, "text", "Дата и номер акта в отметке о приложении и в грифе — как на бланке")
def mark_date_number(doc: DocModel, profile):
    act = next((p for p in doc.parts if p.kind == "act"), None)
    if act is None:
        return
    date, number, _ = _date_number(act.role("datenum"))
    for part in doc.parts:
        if part.kind != "appendix":
            continue
        m_date, m_number, where = _date_number(part.role("mark"))
        if date and m_date and m_date != date:
            yield issue(
                where,
                f"дата в отметке ({'.'.join(map(str, m_date))}) не совпадает с датой акта "
                f"({'.'.join(map(str, date))})",
                "дата акта",
            )
        if number and m_number and m_number != number:
            yield issue(
                where,
                f"номер в отметке («{m_number}») не совпадает с номером акта («{number}»)",
                "номер акта",
            )


# -- G-49 -----------------------------------------------------------------------------------
_ENDINGS = sorted(
    (
        "ого",
        "его",
        "ому",
        "ему",
        "ыми",
        "ими",
        "ой",
        "ей",
        "ая",
        "яя",
        "ую",
        "юю",
        "ый",
        "ий",
        "ым",
        "им",
        "ом",
        "ем",
        "ых",
        "их",
        "ов",
        "ев",
        "ин",
        "ын",
        "а",
        "я",
        "у",
        "ю",
        "е",
        "ы",
        "и",
        "о",
    ),
    key=len,
    reverse=True,
)


def surname_stem(surname: str) -> str:
    """Return `surname` without case endings: «Пожарницкой» → «пожарницк», «Носова» → «нос»."""
    stem = surname.lower()
    for _ in range(2):
        for ending in _ENDINGS:
            if stem.endswith(ending) and len(stem) - len(ending) >= 3:
                stem = stem[: -len(ending)]
                break
    return stem


def distance(a: str, b: str) -> int:
    """Return the Levenshtein distance of `a` and `b`."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


_INITIALS_RE = re.compile(INITIALS)


@text_memo
def _names(text: str) -> tuple[tuple[tuple[str, str], str], ...]:
    """Return ((initials, surname stem), name) of each «И.О. Фамилия», then «Фамилия И.О.»."""
    if "." not in text or not _INITIALS_RE.search(text):
        return ()
    out = []
    for regex in (NAME_IOF_RE, NAME_FIO_RE):
        for match in regex.finditer(text):
            initials = re.sub(r"[ \u00a0]", "", match.group("ini"))
            out.append(((initials, surname_stem(match.group("sur"))), match.group(0)))
    return tuple(out)


@rule("G-49", ERROR, "text", "Одно лицо написано одинаково во всём комплекте")
def persons(doc: DocModel, profile):
    seen: dict[tuple[str, str], list[tuple[Para, str]]] = {}
    for para in text_paras(doc):
        for key, text in _names(para):
            seen.setdefault(key, []).append((para, text))
    keys = sorted(seen, key=lambda k: seen[k][0][0].index)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            shortest = min(len(_surname(seen[a][0][1])), len(_surname(seen[b][0][1])))
            if a[0] != b[0] or shortest < 5 or not 0 < distance(a[1], b[1]) <= 2:
                continue
            rare, common = sorted((seen[a], seen[b]), key=len)
            para, text = rare[0]
            yield issue(
                para,
                f"«{text}» и «{common[0][1]}» ({first_lines([p for p, _ in common])}) — "
                "одно лицо написано по-разному",
                "одно написание фамилии",
                quote=text,
            )


def _surname(name: str) -> str:
    return max(re.findall(r"[А-ЯЁа-яё-]+", name), key=len)


# -- G-50 -----------------------------------------------------------------------------------
_ORGAN_RE = re.compile(
    r"(?<![А-ЯЁа-яё])(?P<head>[Кк]омитет|[Уу]правлени|[Дд]епартамент|[Мм]инистерств)"
    r"\w*[ \u00a0]+(?P<next>[а-яё]{3,})"
)


_ORGAN_HEADS = ("омитет", "правлени", "епартамент", "инистерств")


@text_memo
def _organs(text: str) -> tuple[tuple[tuple[str, str], bool, str], ...]:
    """Return ((head, next word), capitalised?, mention) of each organ name in mid-sentence."""
    if not any(head in text for head in _ORGAN_HEADS) or not re.search(r"[а-яё]", text):
        return ()
    text = unquoted(text)
    out = []
    for match in _ORGAN_RE.finditer(text):
        before = text[: match.start()]
        if not before.strip(" \t\u00a0") or re.search(r"(?:[.!?]|^\s*[\d.]+)[ \u00a0]*$", before):
            continue
        key = (match.group("head").lower(), match.group("next"))
        out.append((key, match.group("head")[0].isupper(), match.group(0)))
    return tuple(out)


@rule("G-50", WARNING, "text", "Наименование органа пишется в одном регистре во всём документе")
def organ_case(doc: DocModel, profile):
    groups: dict[tuple[str, str], dict[bool, list[tuple[Para, str]]]] = {}
    for para in text_paras(doc):
        for key, upper, text in _organs(para):
            groups.setdefault(key, {True: [], False: []})[upper].append((para, text))
    for variants in groups.values():
        if variants[True] and variants[False]:
            rare, common = sorted((variants[True], variants[False]), key=len)
            para, text = rare[0]
            yield issue(
                para,
                f"«{text}» — в других местах «{common[0][1]}» "
                f"({first_lines([p for p, _ in common])})",
                "один регистр наименования органа во всём документе",
                quote=text,
            )


# -- T-10 -----------------------------------------------------------------------------------
_WORD_RE = re.compile(r"[А-Яа-яЁё]+")


@text_memo
def _yo_words(text: str) -> tuple[tuple[str, str], ...]:
    """Return (lower case, as written) of each word of `text` with «ё»."""
    if "ё" not in text and "Ё" not in text:
        return ()
    return tuple((word.lower(), word) for word in _WORD_RE.findall(text) if "ё" in word.lower())


@rule("T-10", WARNING, "text", "Буква «ё»: одно и то же слово с «ё» и с «е»")
def yo(doc: DocModel, profile):
    paras = list(text_paras(doc))
    words: dict[str, list[tuple[Para, str]]] = {}
    for para in paras:
        for lower, word in _yo_words(para):
            words.setdefault(lower, []).append((para, word))
    if not words:
        return
    wanted = {word.replace("ё", "е") for word in words}
    plains: dict[str, list[tuple[Para, str]]] = {}
    for para in paras:
        # -- a Cyrillic word's lower case is its characters' lower case: a substring test --
        lowered = para.text.lower()
        if not any(word in lowered for word in wanted):
            continue
        for word in _WORD_RE.findall(para.text):
            lower = word.lower()
            if lower in wanted:
                plains.setdefault(lower, []).append((para, word))
    for word, uses in words.items():
        plain = plains.get(word.replace("ё", "е"))
        if plain:
            rare, common = sorted((uses, plain), key=len)
            para, text = rare[0]
            yield issue(
                para,
                f"«{text}» и «{common[0][1]}» ({first_lines([p for p, _ in common])})",
                "одно написание; в актах обычно «е»",
                quote=text,
            )


# -- T-11 -----------------------------------------------------------------------------------
_CAPS_TERM_RE = re.compile(r"«(?=[^»]*[А-ЯЁ]{4,}[ \u00a0]+[А-ЯЁ]{4,})[^»а-яё]{12,}»")


def _act_capitals(kinds: KindWords) -> tuple[tuple[str, ...], re.Pattern]:
    """Return the kinds an authority issues with a capital («Распоряжени», «Приказ» …) and
    the pattern of one in the middle of a sentence."""
    stems = tuple(stem[:1].upper() + stem[1:] for stem in kinds.issued_stems)
    return stems, re.compile(rf"(?<=[а-яё,] ){alternation(stems)}\w*")


@kinds_text_memo
def _case_facts(text: str, kinds: KindWords) -> tuple[tuple[str, ...], bool]:
    """Return (act kinds capitalised mid-sentence, a term in capitals in quotes?)."""
    stems, capital_re = kinds.built(_act_capitals)
    capitals = (
        tuple(m.group(0) for m in capital_re.finditer(text))
        if any(word in text for word in stems)
        else ()
    )
    return capitals, "«" in text and _CAPS_TERM_RE.search(text) is not None


@rule(
    "T-11",
    WARNING,
    "text",
    "Регистр: вид акта и наименование документа — со строчной в середине фразы",
    also=(INFO,),
)
def letter_case(doc: DocModel, profile):
    caps_terms: dict[int, list[Para]] = {}
    for para in text_paras(doc):
        capitals, caps_term = _case_facts(para, doc.kinds)
        for word in capitals:
            yield issue(
                para,
                f"«{word}» с прописной в середине предложения",
                f"«{word.lower()}»",
                quote=word,
            )
        if caps_term and para.role in ("text", "clause", "item", "preamble", "cell"):
            caps_terms.setdefault(id(para.part), []).append(para)
    for paras in caps_terms.values():
        yield issue(
            paras[0],
            f"термины набраны прописными (абзацев: {len(paras)})",
            "термины пишутся строчными",
            severity=INFO,
        )
    yield from _name_case(doc)


def _name_case(doc: DocModel) -> Iterator[Issue]:
    for part in doc.parts:
        heading = part.role("doctitle")
        if not heading or heading[0].clean.isupper():
            continue
        match = DOC_HEAD_RE.match(heading[0].clean)
        head = match.group(0) if match else ""
        if " " not in head:
            continue
        pattern = re.compile(re.escape(head), re.IGNORECASE)
        for para in part.paras:
            if para.role in ("doctitle", "mark") or para.empty:
                continue
            for found in pattern.finditer(para.clean):
                text = found.group(0)
                if text[1:] != head[1:] and not text.isupper():
                    yield issue(para, f"«{text}», а в заголовке «{head}»", f"«{head}»", quote=text)
                    return
