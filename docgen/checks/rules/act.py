"""The act itself: heading to the text (G-25), references to acts (G-27), the operative
part (G-28…G-31), mentions of appendices (G-33), signature (G-38, G-40), tables typed
with tabs (G-42), section headings (G-13).

The kinds of acts (which a reference names, the operative formula of each, «настоящего
распоряжения») come from the act kinds the document is read with (``doc.kinds``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..kinds import KindWords, alternation
from ..memo import kinds_text_memo, para_memo
from ..model import DocModel, Para, Part
from ..patterns import DATE, NAME_FIO_RE, NAME_IOF_RE, NUMBER, SP
from ..registry import Issue, issue, rule
from ._common import ERROR, WARNING, acts, appendices, body_paras, next_body


def _level1(part: Part) -> list[tuple[Para, str]]:
    out = []
    for para in part.role("clause"):
        match = re.match(r"^\s*\d+\.\s+(?P<text>.*)$", para.clean)
        if match:
            out.append((para, match.group("text")))
    return out


@rule(
    "G-25",
    ERROR,
    "text",
    "Заголовок к тексту акта: «О …»/«Об …», без точки в конце",
    also=(WARNING,),
)
def act_title(doc: DocModel, profile):
    for part in acts(doc):
        title = part.role("title")
        if not title:
            where = next(iter(part.role("datenum", "kind")), part.paras[0])
            yield issue(
                where,
                f"у {part.genitive} нет заголовка к тексту",
                "«Об утверждении Положения о …» над текстом",
                severity=None if profile.title_required else WARNING,
            )
            continue
        text = " ".join(p.clean for p in title)
        if not re.match(r"^Об?[ \u00a0]", text):
            yield issue(
                title[0], "заголовок к тексту начинается не с «О»/«Об»", "«Об утверждении …»"
            )
        if text.endswith("."):
            yield issue(title[-1], "точка в конце заголовка к тексту", "убрать точку")


def _act_ref_re(kinds: KindWords) -> re.Pattern:
    """Return the pattern of a reference to an act: kind … от <дата> № <N>.

    The kinds are the normative and administrative acts (``kinds.act_stems``); «федеральный»
    before one belongs to the kind as quoted.
    """
    return re.compile(
        rf"(?<![«\w])(?P<kind>(?:[Фф]едеральн\w+\s+)?{alternation(kinds.act_stems)}\w*)"
        rf"(?P<between>[^«»;]{{0,250}}?)\s+от{SP}+(?P<date>{DATE})"
        rf"(?P<after>{SP}*(?:№{SP}*(?P<number>{NUMBER}))?)"
    )


_EXEMPT_BEFORE_RE = re.compile(r"(?:утвержд\w+|в\s+ред\.?|в\s+редакции|изменени\w+\s+в)\s*$")


@rule("G-27", WARNING, "text", "Ссылка на акт: вид, орган, дата, номер и заголовок в кавычках")
def act_references(doc: DocModel, profile):
    for para in body_paras(doc, ("text", "clause", "item", "preamble")):
        for message, hint, quote in _reference_issues(para, doc.kinds):
            yield issue(para, message, hint, quote=quote)


@kinds_text_memo
def _reference_issues(text: str, kinds: KindWords) -> tuple[tuple[str, str, str], ...]:
    """Return (message, hint, quote) of each incomplete reference to an act in `text`."""
    if "от" not in text:
        return ()
    out = []
    for match in kinds.built(_act_ref_re).finditer(text):
        if (
            _EXEMPT_BEFORE_RE.search(text[: match.start()])
            or "(" in text[max(0, match.start() - 8) : match.start()]
        ):
            continue
        rest = text[match.end() :]
        where = match.group(0)
        if not match.group("number"):
            out.append(("в ссылке на акт нет номера", "«от 11.05.2023 № 17 «Об …»»", where))
        elif not re.match(r"^[ \u00a0]*«", rest):
            out.append(
                (
                    "в ссылке на акт нет заголовка в кавычках",
                    "«… от 31.03.2023 № 10-П-777 «Об утверждении …»»",
                    where[-60:],
                )
            )
    return tuple(out)


@rule("G-28", WARNING, "text", "Приказ: «ПРИКАЗЫВАЮ:» отдельной строкой; преамбула кончается «:»")
def operative_word(doc: DocModel, profile):
    for part in acts(doc):
        clauses = part.role("clause")
        if not clauses:
            continue
        order = part.role("order")
        kind = doc.kinds.act(part.act_kind)
        # -- a kind with an operative formula (приказ, постановление …) needs it --
        if kind is not None and kind.formula and not order:
            if kind.collective:
                verb = kind.collective.split()[-1]
                yield issue(
                    clauses[0],
                    f"в {kind.loct} нет «{verb}»/«{kind.formula}» перед пунктами",
                    f"«{kind.collective}»",
                )
            else:
                yield issue(
                    clauses[0],
                    f"в {kind.loct} нет слова «{kind.formula}» перед пунктами",
                    f"«{kind.formula}» отдельной строкой от левой границы",
                )
        preamble = part.role("preamble")
        if preamble and not order and not preamble[-1].clean.endswith((":", ",")):
            yield issue(preamble[-1], "преамбула не кончается двоеточием", "«…:» перед пунктом 1")


@para_memo
def _lower_after_number(text: str, clean: str) -> bool:
    """Return True when the clause number is followed by a lower-case (not capital) letter."""
    match = re.match(r"^\s*(?:[-–—•]\s*)?\d+(?:\.\d+)*\.[ \u00a0]+(?P<first>\S)", clean)
    return bool(match and not re.match(r"[А-ЯЁA-Z«\"(\d]", match.group("first")))


@rule("G-29", WARNING, "text", "Пункт: после номера прописная буква, в конце «.», «:» или «;»")
def clause_form(doc: DocModel, profile):
    for para in body_paras(doc, ("clause",)):
        if _lower_after_number(para):
            yield issue(
                para, "после номера пункта строчная буква", "пункт начинается с прописной буквы"
            )
        nxt = next_body(doc, para)
        continued = nxt is not None and nxt.role in ("text", "item") and nxt.clean[:1].islower()
        if not para.clean.endswith((".", ":", ";", "!", "?", "…")) and not continued:
            yield issue(para, "пункт не кончается знаком препинания", "«.» в конце пункта")


@rule(
    "G-30",
    WARNING,
    "text",
    "Порядок пунктов акта: утрата силы перед контролем, контроль — последний",
)
def clause_order(doc: DocModel, profile):
    for part in acts(doc):
        clauses = _level1(part)
        control = [i for i, (_, text) in enumerate(clauses) if text.startswith("Контроль")]
        repeal = [
            i for i, (_, text) in enumerate(clauses) if text.startswith("Признать утратившим")
        ]
        if control and control[-1] != len(clauses) - 1:
            yield issue(
                clauses[control[-1]][0],
                "пункт о контроле не последний",
                "контроль — последний пункт",
            )
        if control and repeal and repeal[-1] > control[-1]:
            yield issue(
                clauses[repeal[-1]][0],
                "«Признать утратившим силу» после пункта о контроле",
                "утрата силы — перед пунктом о контроле",
            )


def _control_re(kinds: KindWords) -> re.Pattern:
    """Return the control formula: «Контроль за исполнением настоящего <вида> оставляю за
    собой.» / «… возложить на …» — any kind an authority issues."""
    gent = alternation(w.gent for w in kinds.issued.values())
    return re.compile(
        rf"^Контроль\s+за\s+исполнением\s+настоящего\s+{gent}"
        r"\s+(?:оставляю\s+за\s+собой|возложить\s+на\s+.+)\.$"
    )


_REPEAL_RE = re.compile(r"^Признать\s+утративш(?P<end>им|ей|ими)\s+силу\s+(?P<what>\S+)")


@rule(
    "G-31", WARNING, "text", "Формулы: «Контроль за исполнением …», «Признать утратившим(и) силу …»"
)
def formulas(doc: DocModel, profile):
    control = doc.kinds.built(_control_re)
    for part in acts(doc):
        for para, text in _level1(part):
            if text.startswith("Контроль") and not control.match(text):
                yield issue(
                    para,
                    "нестандартная формула контроля",
                    "«Контроль за исполнением настоящего приказа оставляю за собой.»",
                )
            match = _REPEAL_RE.match(text)
            if match:
                dates = len(re.findall(rf"\bот{SP}", text))
                end, what = match.group("end"), match.group("what").lower()
                plural = dates > 1 or what.endswith(("ия", "ы", "и"))
                feminine = what.endswith(("ю", "цию"))
                expected = "ими" if plural else ("ей" if feminine else "им")
                if end != expected:
                    yield issue(
                        para,
                        f"«утративш{end}» не согласуется с «{match.group('what')}»",
                        f"«Признать утративш{expected} силу …»",
                    )
                if not dates or "№" not in text:
                    yield issue(
                        para,
                        "у акта, признаваемого утратившим силу, нет даты или номера",
                        "«… от 26.02.2019 № 45 «Об …»»",
                    )


@rule(
    "G-33",
    ERROR,
    "text",
    "Каждое приложение упомянуто в тексте акта: «(приложение 1)», «согласно приложению»",
)
def appendix_mentions(doc: DocModel, profile):
    found = appendices(doc)
    for part in acts(doc):
        if not found:
            return
        text = " ".join(
            p.clean for p in part.paras if p.role in ("clause", "text", "item", "preamble", "title")
        )
        anchor = next(iter(part.role("clause")), part.paras[0])
        if len(found) == 1:
            if not re.search(r"приложени|прилагаем", text, re.IGNORECASE):
                yield issue(
                    anchor,
                    "в тексте акта нет ссылки на приложение",
                    "«… согласно приложению к настоящему распоряжению» или «(приложение)»",
                )
            continue
        for n, appendix in enumerate(found, 1):
            number = appendix.number or n
            if not re.search(rf"приложени\w*\s*(?:№\s*)?{number}\b", text, re.IGNORECASE):
                yield issue(
                    anchor,
                    f"в тексте акта не упомянуто приложение {number}",
                    f"«(приложение {number})» при первом упоминании документа",
                )


_SPACED_NAME_RE = re.compile(r"\S[ \u00a0]{2,}(?:[А-ЯЁ]\.[ \u00a0]?[А-ЯЁ]\.|_)")


@rule(
    "G-38",
    WARNING,
    "text",
    "Подпись: должность и «И.О. Фамилия» в одной строке, через табулятор",
    also=(ERROR,),
)
def signature(doc: DocModel, profile):
    for part in acts(doc):
        sign = part.role("sign")
        if not sign:
            if part.role("clause"):
                yield issue(
                    part.role("clause")[-1],
                    f"у {part.genitive} нет подписи",
                    "должность и «И.О. Фамилия» после текста",
                    severity=ERROR,
                )
            continue
        named = [p for p in sign if NAME_IOF_RE.search(p.text) or NAME_FIO_RE.search(p.text)]
        if not named:
            yield issue(
                sign[0],
                "в подписи нет расшифровки «И.О. Фамилия»",
                "«И.О.\u00a0Фамилия»",
                severity=ERROR,
            )
            continue
        name_para = named[-1]
        if not NAME_IOF_RE.search(name_para.text):
            yield issue(
                name_para, "в расшифровке подписи инициалы после фамилии", "«И.О.\u00a0Фамилия»"
            )
        if name_para.in_table:
            continue
        if name_para is not sign[0] and not re.search(
            r"[А-Яа-яЁё]{3,}.*(?:\t|[ \u00a0]{2,})", name_para.text
        ):
            yield issue(
                name_para,
                "расшифровка подписи отдельной строкой под должностью",
                "на уровне последней строки должности, у правого поля (табулятор)",
            )
        if _SPACED_NAME_RE.search(name_para.text) and "\t" not in name_para.text:
            yield issue(
                name_para,
                "должность и расшифровка разделены пробелами",
                "правый табулятор на ширину текста",
            )


@rule("G-40", ERROR, "text", "Перед должностью в подписи нет «за», «/», «Зам.»")
def signature_prefix(doc: DocModel, profile):
    for part in acts(doc):
        sign = part.role("sign")
        if sign and re.match(r"^(?:за\s|/|Зам\.)", sign[0].clean, re.IGNORECASE):
            yield issue(
                sign[0],
                "перед должностью «за», «/» или «Зам.»",
                "«Исполняющий обязанности …» или полное наименование должности",
            )


@rule("G-42", ERROR, "text", "Таблица — настоящая таблица, не табуляция и не пробелы")
def tab_tables(doc: DocModel, profile):
    prev: Para | None = None
    for para in doc.paragraphs:
        if para.empty:
            continue
        if para.role == "tabrow" and (prev is None or prev.role != "tabrow"):
            rows = _tab_run(doc, para)
            yield issue(
                para,
                f"таблица набрана табуляцией (строк: {rows})",
                "оформить настоящей таблицей Word с границами",
            )
        prev = para


def _tab_run(doc: DocModel, first: Para) -> int:
    rows = 0
    for para in doc.paragraphs[first.index :]:
        if para.empty:
            continue
        if para.role != "tabrow":
            break
        rows += 1
    return rows


@rule("G-13", WARNING, "text", "Заголовок раздела без точки и двоеточия в конце")
def heading_punctuation(doc: DocModel, profile) -> Iterator[Issue]:
    for para in body_paras(doc, ("heading",)):
        if para.clean.endswith((".", ":", ";")) and not re.fullmatch(
            r"\s*\d+(?:\.\d+)*\.", para.clean
        ):
            yield issue(
                para, f"заголовок раздела кончается «{para.clean[-1]}»", "без знака в конце"
            )
