"""Typography of every paragraph (docs/reference/gost.md §3): quotes, dashes, «№», no-break spaces,
spaces, per cent. Each rule is a regex table; ``scan`` reports each match once."""

from __future__ import annotations

import re

from ..memo import text_memo
from ..model import DocModel, Para
from ..patterns import INITIALS, MONTHS, MONTHS_GENITIVE
from ..registry import issue, rule
from ._common import ERROR, INFO, WARNING, pattern, patterns, scan, text_paras

_LATIN = re.compile(r"[A-Za-z]")
_HYPHEN = ("-", "\u2010", "\u2011")
_SPACED_HYPHEN = (" -", "\u00a0-", " \u2010", " \u2011")
#: Initials «И.О.», which T-05's name patterns need (a cheaper search than theirs).
_INITIALS_RE = re.compile(INITIALS)
_SPACE_BEFORE_PUNCT = tuple(sp + mark for sp in (" ", "\u00a0") for mark in ".,;:!?)")


def _not_trailing(para: Para, match: re.Match) -> bool:
    """Keep only spaces after visible text (a paragraph of spaces is its own finding)."""
    return not para.text[: match.start()].strip(" \t\u00a0")


# -- T-01 ----------------------------------------------------------------------------------
_QUOTES = patterns(
    pattern(
        r'["\u201c\u201d\u201e]|\'\'',
        "прямые или «английские» кавычки",
        "в актах только кавычки-«ёлочки»",
        needles=('"', "\u201c", "\u201d", "\u201e", "''"),
    ),
    pattern(
        r"«[ \u00a0]+|[ \u00a0]+»",
        "пробел внутри кавычек",
        "«23», «Образование»",
        needles=("« ", " »", "«\u00a0", "\u00a0»"),
    ),
    pattern(
        r"\(далее[ \u00a0]*[-–—]?[ \u00a0]*«[A-ZА-ЯЁ \u00a0-]+»\)",
        "сокращение при определении в кавычках",
        "(далее – РМС)",
        WARNING,
        needles=("(далее",),
    ),
)


@rule(
    "T-01", ERROR, "text", "Кавычки: только «ёлочки», парные, без пробелов внутри", also=(WARNING,)
)
def quotes(doc: DocModel, profile):
    paras = list(text_paras(doc))
    for i, para in enumerate(paras):
        yield from scan(para, _QUOTES)
        balance = _quote_balance(para)
        if balance and not _balanced_with_next(paras, i, balance):
            word = "открывающих" if balance > 0 else "закрывающих"
            yield issue(
                para,
                f"кавычки не парные: {word} больше на {abs(balance)}",
                "у вложенных кавычек пишутся обе закрывающие: «… «Образование»»",
            )


@text_memo
def _quote_balance(text: str) -> int:
    """Return the number of «, less the number of »."""
    return text.count("«") - text.count("»")


def _balanced_with_next(paras: list[Para], i: int, balance: int) -> bool:
    """Return True when a line broken mid-sentence closes its quote on a neighbour line."""
    for j in (i + 1, i - 1):
        if 0 <= j < len(paras) and paras[j].line is not None:
            other = _quote_balance(paras[j])
            if other == -balance:
                return True
    return False


# -- T-02 ----------------------------------------------------------------------------------
def _compound_with_conjunction(para: Para, match: re.Match) -> bool:
    return bool(re.match(r"-[ \u00a0]+(?:и|или)[ \u00a0]", para.text[match.start() :]))


def _list_marker(para: Para, match: re.Match) -> bool:
    return not para.text[: match.start()].strip(" \t\u00a0")


_DASHES = patterns(
    pattern(
        r"(?:округ\w*|ХМАО)[ \u00a0]?-[ \u00a0]?Югр",
        "в наименовании «… – Югра» дефис",
        "«Ханты-Мансийский автономный округ – Югра»",
        needles=("Югр",),
    ),
    pattern(
        r"(?:1(?<!\w1)9|2(?<!\w2)0)\d{2}[ \u00a0]?[-\u2010\u2011][ \u00a0]?(?:19|20)\d{2}\b",
        "диапазон лет через дефис",
        "тире без пробелов: «2023–2026»",
        needles=_HYPHEN,
    ),
    pattern(
        r"\d(?<!\w\d)\d{0,3}[ \u00a0]?-[ \u00a0]?\d{1,4}"
        r"(?=[ \u00a0]*(?:год|гг\.|г\.|%|лет|час|дн|мес))",
        "диапазон чисел через дефис",
        "тире без пробелов: «10–15»",
        needles=_HYPHEN,
    ),
    pattern(
        r"\d(?<!\w\d)\d{0,3}(?:[ \u00a0][–—][ \u00a0]?|[–—][ \u00a0])\d{1,4}"
        r"(?=[ \u00a0]*(?:год|гг\.|г\.|%|лет))",
        "в диапазоне чисел тире отбито пробелами",
        "тире без пробелов: «10–15»",
        needles=("–", "—"),
    ),
    pattern(
        r"[ \u00a0](?<=\S[ \u00a0])[-\u2010\u2011][ \u00a0](?=\S)",
        "дефис вместо тире",
        "тире с пробелами: «\u00a0– »",
        needles=_SPACED_HYPHEN,
    ),
    pattern(
        r"-(?<=[А-ЯЁа-яё]-)(?=\d+[ \u00a0]+(?:единиц|ед\.|человек|чел\.|ставк|штатн))",
        "дефис вместо тире перед количеством",
        "«методист ММС – 2 единицы»",
        needles=("-",),
    ),
    pattern(
        r"-(?<=[а-яё]{3}-)(?=не[ \u00a0])",
        "дефис вместо тире",
        "«к 2024 году – не менее 70 %»",
        needles=("-не",),
    ),
    pattern(
        r"-(?<=[А-Яа-яЁё»)\d]-)(?=[ \u00a0])",
        "дефис отбит пробелом только с одной стороны",
        "тире с пробелами или дефис без пробелов",
        skip=_compound_with_conjunction,
        needles=("- ", "-\u00a0"),
    ),
    pattern(
        r"-(?<=[ \u00a0]-)(?=[А-Яа-яЁё«\d])",
        "дефис отбит пробелом только с одной стороны",
        "тире с пробелами или дефис без пробелов",
        skip=_list_marker,
        needles=(" -", "\u00a0-"),
    ),
)
_NO_NBSP_DASH = re.compile(r"(?<=\S) (?=[–—][ \u00a0])")
_DASH_KINDS = {ch: re.compile(rf"[ \u00a0]{ch}[ \u00a0]") for ch in "–—"}


@text_memo
def _dash_facts(text: str) -> tuple[bool, frozenset[str]]:
    """Return (an ordinary space before a dash?, the dashes «–»/«—» set off by spaces)."""
    plain = (" –" in text or " —" in text) and _NO_NBSP_DASH.search(text) is not None
    spaced = frozenset(ch for ch, regex in _DASH_KINDS.items() if ch in text and regex.search(text))
    return plain, spaced


@rule("T-02", ERROR, "text", "Тире и дефис: тире в предложении, диапазоны, «– Югра»", also=(INFO,))
def dashes(doc: DocModel, profile):
    plain_before_dash: dict[object, list[Para]] = {}
    kinds = set()
    for para in text_paras(doc):
        yield from scan(para, _DASHES)
        plain, spaced = _dash_facts(para)
        if plain:
            plain_before_dash.setdefault(para.part, []).append(para)
        if spaced:
            kinds.update(spaced)
    for paras in plain_before_dash.values():
        yield issue(
            paras[0],
            f"перед тире обычный пробел (абзацев: {len(paras)})",
            "неразрывный пробел перед тире",
            severity=INFO,
        )
    if len(kinds) == 2:
        first = next(p for p in text_paras(doc) if "—" in _dash_facts(p)[1])
        yield issue(
            first, "в тексте встречаются и «–», и «—»", "одно тире на весь документ", severity=INFO
        )


# -- T-03 ----------------------------------------------------------------------------------
_HYPHENS = patterns(
    pattern(
        r"№[ \u00a0]?[\dА-Яа-яЁёA-Za-z]+(?:-[ \u00a0]+|[ \u00a0]+-)[\dА-Яа-яЁёA-Za-z]",
        "пробел внутри номера",
        "«№ 1063-од»",
        needles=("№",),
    ),
    pattern(
        r"\b(?=\w*[А-Яа-яЁё])(?=\w*[A-Za-z])\w+",
        "в слове смешаны кириллица и латиница",
        "набрать слово одним алфавитом",
        guard=lambda text: _LATIN.search(text) is not None,
    ),
)


@rule("T-03", ERROR, "text", "Дефис внутри номеров и слов; смешение кириллицы и латиницы")
def hyphens(doc: DocModel, profile):
    for para in text_paras(doc):
        yield from scan(para, _HYPHENS)


# -- T-04 ----------------------------------------------------------------------------------
_NUMBER_SIGN = patterns(
    pattern(
        r"№[ \u00a0]*№", "двойной знак «№№»", "один знак «№» перед каждым номером", needles=("№",)
    ),
    pattern(
        r"№(?=[^\s\u00a0])",
        "нет пробела после «№»",
        "«№\u00a0233» (неразрывный пробел)",
        needles=("№",),
    ),
    pattern(
        r"№ (?=\S)(?!п/п)",
        "после «№» обычный пробел",
        "неразрывный пробел: «№\u00a0233»",
        WARNING,
        needles=("№ ",),
    ),
)


@rule("T-04", ERROR, "text", "Знак «№»: неразрывный пробел после него, без «№№»", also=(WARNING,))
def number_sign(doc: DocModel, profile):
    for para in text_paras(doc):
        yield from scan(para, _NUMBER_SIGN)


# -- T-05 ----------------------------------------------------------------------------------
_NBSP = patterns(
    pattern(
        r"\b[А-ЯЁ]\.[ \u00a0]?[А-ЯЁ]\. (?=[А-ЯЁ][а-яё])",
        "между инициалами и фамилией обычный пробел",
        "«И.В.\u00a0Носова» (неразрывный пробел)",
        needles=(". ",),
        guard=lambda text: _INITIALS_RE.search(text) is not None,
    ),
    pattern(
        r"[А-ЯЁ](?<![А-ЯЁа-яё.][А-ЯЁ])[а-яё]+(?:-[А-ЯЁ][а-яё]+)? (?=[А-ЯЁ]\.[ \u00a0]?[А-ЯЁ]\.)",
        "между фамилией и инициалами обычный пробел",
        "«Носова\u00a0И.В.»",
        needles=(".",),
        guard=lambda text: _INITIALS_RE.search(text) is not None,
    ),
    pattern(r" (?<=\d )(?=гг?\.)", "перед «г.» обычный пробел", "«2023\u00a0г.»", needles=(" г",)),
    pattern(
        r"\bт\.[дпе]\.", "сокращение без пробела", "«т.\u00a0д.», «т.\u00a0п.»", needles=("т.",)
    ),
    pattern(
        r"(?<![тТ]\.)(?<![тТ]\.[ \u00a0])\b(?:ст|п|пп|ч|подп|абз|гл|разд|прил|рис|табл)\. (?=\d)",
        "между сокращением и числом обычный пробел",
        "«п.\u00a05», «ст.\u00a012»",
        needles=("ст. ", "п. ", "ч. ", "абз. ", "гл. ", "разд. ", "прил. ", "рис. ", "табл. "),
    ),
    pattern(
        r"\b(?:(?:г|пос|ул|пер|обл)\.|пгт\.?) (?=[А-ЯЁ])",
        "между сокращением и названием обычный пробел",
        "«г.\u00a0Кировск», «пгт\u00a0Октябрьское»",
        needles=("г. ", "пгт", "пос. ", "ул. ", "пер. ", "обл. "),
    ),
    pattern(
        rf" (?:(?<=\d )(?={MONTHS})|(?<=[яа] )(?=\d{{4}}[ \u00a0]+(?:г\.|года?)))",
        "в дате обычный пробел",
        "«11\u00a0мая 2023\u00a0г.»",
        INFO,
        needles=MONTHS_GENITIVE,
    ),
    pattern(
        r" (?<=\d )(?=(?:%|руб\.|тыс\.|млн|млрд|чел\.|ед\.))",
        "между числом и знаком обычный пробел",
        "неразрывный пробел",
        needles=(" %", " руб", " тыс", " млн", " млрд", " чел", " ед"),
    ),
)


@rule(
    "T-05",
    WARNING,
    "text",
    "Неразрывные пробелы: инициалы, «г.», «т. д.», сокращения",
    also=(INFO,),
)
def no_break_spaces(doc: DocModel, profile):
    for para in text_paras(doc):
        yield from scan(para, _NBSP)


# -- T-07 ----------------------------------------------------------------------------------
_SPACES = patterns(
    pattern(
        r" (?<=\S ) +(?=\S)",
        "несколько пробелов подряд",
        "один пробел; позицию задают табулятором с позицией табуляции",
        needles=("  ",),
    ),
    pattern(
        r"^[ \u00a0]+(?=\S)",
        "пробел в начале абзаца",
        "отступ задаётся форматом абзаца",
        guard=lambda text: text[:1] in " \u00a0",
    ),
    pattern(
        r"[ \u00a0]+$",
        "пробел в конце абзаца",
        "удалить",
        skip=_not_trailing,
        guard=lambda text: text[-1:] in " \u00a0",
    ),
    pattern(
        r"[ \u00a0](?<=[^\s\d.][ \u00a0])[ \u00a0]*(?=[.,;:!?)](?![\d.]))",
        "пробел перед знаком препинания",
        "удалить пробел",
        needles=_SPACE_BEFORE_PUNCT,
    ),
    pattern(
        r"[,;:](?=[А-Яа-яЁё«(])",
        "нет пробела после знака препинания",
        "пробел после «,», «;», «:»",
        needles=(",", ";", ":"),
    ),
    pattern(
        r"[;,:!?]\u00a0(?=\S)|\u00a0{2,}",
        "неразрывный пробел не на своём месте",
        "обычный пробел",
        INFO,
        needles=tuple(mark + "\u00a0" for mark in ";,:!?\u00a0"),
    ),
)


@rule(
    "T-07",
    WARNING,
    "text",
    "Пробелы: двойные, в начале и в конце абзаца, у знаков препинания",
    also=(INFO,),
)
def spaces(doc: DocModel, profile):
    for para in doc.paragraphs:
        if not para.text:
            continue
        if not para.text.strip(" \t\u00a0"):
            yield issue(para, "абзац из одних пробелов", "удалить абзац", quote=repr(para.text))
            continue
        yield from scan(para, _SPACES)
        if (
            "\t" in para.text
            and para.fmt is not None
            and not para.fmt.tabs
            and para.role not in ("tabrow", "cell")
        ):
            yield issue(
                para,
                "табуляция без позиции табуляции",
                "задать позицию табуляции в стиле абзаца или убрать табуляцию",
            )


# -- T-14 ----------------------------------------------------------------------------------
_PERCENT = patterns(
    pattern(
        r"\d%", "процент без пробела", "«30\u00a0%» (или одна форма на документ)", needles=("%",)
    ),
)


@rule("T-14", INFO, "text", "Проценты: «30 %» или «30%» — одна форма")
def percent(doc: DocModel, profile):
    for para in text_paras(doc):
        yield from scan(para, _PERCENT)
