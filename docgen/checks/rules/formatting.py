"""Paragraph and table formatting of a .docx (effective values, template-dependent):
fonts (G-07, G-08), indents (G-09), spacing (G-10, G-11), alignment (G-12), mark block
(G-14), empty paragraphs (G-15), settings (G-16, G-17), Word lists (G-18), blank
requisites (G-19, G-20), signature tab (G-39), tables (G-43).

A property a paragraph takes from its style is reported once per style («стиль «Текст»:
…, абзацев: 40»); direct formatting is reported per paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import BODY_ROLES, REQUISITE_ROLES, DocModel, Para
from ..registry import Issue, issue, rule
from ._common import ERROR, WARNING

_REQUISITES = REQUISITE_ROLES - {"extra"}
_SYMBOL_FONTS = frozenset({"Symbol", "Wingdings", "Wingdings 2", "Wingdings 3", "Webdings", "?"})


def _cm(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _paras(doc: DocModel, roles: Iterable[str]) -> Iterator[Para]:
    roles = set(roles)
    return (p for p in doc.paragraphs if not p.empty and p.fmt is not None and p.role in roles)


def grouped(found: Iterable[tuple[Para, str, str, str, object]]) -> Iterator[Issue]:
    """Yield one issue per (style, problem) for style-borne values, one per paragraph otherwise.

    `found` holds (paragraph, property name, message, hint, severity).
    """
    groups: dict[tuple, list] = {}
    for para, prop, message, hint, severity in found:
        key = (para.style, message) if prop not in para.fmt.direct else (para.index, message)
        groups.setdefault(key, []).append((para, message, hint, severity))
    for items in groups.values():
        para, message, hint, severity = items[0]
        if len(items) > 1:
            message = f"{message} (абзацев: {len(items)}, стиль «{para.style}»)"
        elif para.style and para.fmt is not None and not para.fmt.direct:
            message = f"{message} (стиль «{para.style}»)"
        yield issue(para, message, hint, severity=severity)


def _main(counter: dict) -> object:
    return max(counter, key=counter.get) if counter else None


@rule("G-07", WARNING, "layout", "Кегль: текст 12–14 пт, реквизиты до 16 пт, таблицы 10–14 пт")
def font_size(doc: DocModel, profile):
    def found():
        low, high = profile.table_font_range_pt
        for para in doc.paragraphs:
            if para.empty or para.fmt is None or not para.fmt.sizes:
                continue
            size = _main(para.fmt.sizes)
            if para.in_table:
                if not low <= size <= high:
                    yield (
                        para,
                        "sizes",
                        f"кегль в таблице {size:g} пт",
                        f"{low:g}–{high:g} пт",
                        None,
                    )
            elif para.role in ("kind", "blank"):
                if size not in profile.requisite_font_sizes_pt:
                    yield para, "sizes", f"кегль реквизита {size:g} пт", "12–16 пт", None
            elif size not in profile.font_sizes_pt:
                allowed = ", ".join(f"{s:g}" for s in profile.font_sizes_pt)
                yield para, "sizes", f"кегль текста {size:g} пт", f"{allowed} пт", None

    yield from grouped(found())


@rule("G-08", WARNING, "layout", "Одно семейство шрифтов на весь документ")
def font_family(doc: DocModel, profile):
    total: dict[str, int] = {}
    first: dict[str, Para] = {}
    for para in doc.paragraphs:
        if para.fmt is None:
            continue
        for font, count in para.fmt.fonts.items():
            if font in _SYMBOL_FONTS:
                continue
            total[font] = total.get(font, 0) + count
            first.setdefault(font, para)
    if not total:
        return
    main = _main(total)
    for font in sorted(total, key=lambda f: first[f].index):
        if font != main:
            yield issue(
                first[font],
                f"шрифт «{font}» ({total[font]} знаков), основной — «{main}»",
                f"«{main}» во всём документе",
            )
    if profile.font_families and main not in profile.font_families:
        yield issue(
            first[main],
            f"основной шрифт «{main}» не из рекомендованных",
            ", ".join(profile.font_families),
        )


@rule(
    "G-09",
    ERROR,
    "layout",
    "Абзацный отступ текста 1,25 см; у реквизитов и в таблицах отступа нет",
    also=(WARNING,),
)
def indents(doc: DocModel, profile):
    indent, tol = profile.first_line_indent_cm, profile.indent_tolerance_cm

    def found():
        for para in _paras(doc, BODY_ROLES | _REQUISITES | {"heading"}):
            fmt = para.fmt
            if para.role in BODY_ROLES:
                if abs(fmt.first_line - indent) > tol:
                    yield (
                        para,
                        "first_line",
                        f"абзацный отступ {_cm(fmt.first_line)} см",
                        f"{_cm(indent)} см",
                        None,
                    )
                if abs(fmt.left) > tol:
                    yield para, "left", f"отступ слева {_cm(fmt.left)} см", "0 см", None
            elif para.role == "heading":
                if fmt.align == "center" and abs(fmt.first_line) > tol:
                    yield (
                        para,
                        "first_line",
                        f"у заголовка по центру отступ {_cm(fmt.first_line)} см",
                        "0 см",
                        WARNING,
                    )
            elif abs(fmt.first_line) > tol:
                yield (
                    para,
                    "first_line",
                    f"у реквизита абзацный отступ {_cm(fmt.first_line)} см",
                    "без абзацного отступа",
                    WARNING,
                )

    yield from grouped(found())


def _spacing(para: Para) -> float:
    return para.fmt.line


@rule("G-10", WARNING, "layout", "Межстрочный интервал текста 1,0–1,5; интервалы до/после ≤ 6 пт")
def text_spacing(doc: DocModel, profile):
    low, high = profile.line_spacing
    limit = profile.paragraph_spacing_max_pt

    def found():
        for para in _paras(doc, BODY_ROLES):
            line = _spacing(para)
            if not low - 0.05 <= line <= high + 0.05:
                yield (
                    para,
                    "line",
                    f"межстрочный интервал {_cm(line)}",
                    f"{_cm(low)}–{_cm(high)}",
                    None,
                )
            for prop, value in (("before", para.fmt.before), ("after", para.fmt.after)):
                if value > limit + 0.1:
                    word = "перед" if prop == "before" else "после"
                    yield (
                        para,
                        prop,
                        f"интервал {word} абзацем {value:g} пт",
                        f"0–{limit:g} пт",
                        None,
                    )

    yield from grouped(found())


@rule("G-11", ERROR, "layout", "Многострочные реквизиты через 1,0 интервал")
def requisite_spacing(doc: DocModel, profile):
    target = profile.requisite_line_spacing

    def found():
        for para in _paras(doc, _REQUISITES - {"order"}):
            if abs(_spacing(para) - target) > 0.1:
                yield (
                    para,
                    "line",
                    f"межстрочный интервал реквизита {_cm(_spacing(para))}",
                    f"{_cm(target)}",
                    None,
                )

    yield from grouped(found())


_ALIGN_RU = {
    "justify": "по ширине",
    "center": "по центру",
    "left": "по левому краю",
    "right": "по правому краю",
}
_ALLOWED = {
    "text": ({"justify"}, ERROR),
    "clause": ({"justify"}, ERROR),
    "item": ({"justify"}, ERROR),
    "preamble": ({"justify"}, ERROR),
    "kind": ({"center"}, WARNING),
    "blank": ({"center"}, WARNING),
    "title": ({"center", "left"}, WARNING),
    "doctitle": ({"center"}, WARNING),
    "mark": ({"left", "center", "justify"}, WARNING),
    "sign": ({"left", "justify"}, WARNING),
    "heading": ({"center", "justify", "left"}, WARNING),
}


@rule(
    "G-12",
    ERROR,
    "layout",
    "Выравнивание: текст по ширине, реквизиты бланка и заголовки по центру",
    also=(WARNING,),
)
def alignment(doc: DocModel, profile):
    tol = profile.indent_tolerance_cm

    def found():
        for para in _paras(doc, _ALLOWED):
            allowed, severity = _ALLOWED[para.role]
            if para.in_table and para.role in ("sign", "datenum", "mark"):
                allowed = allowed | {"right", "center", "left"}
            align = para.fmt.align
            if align not in allowed:
                want = " или ".join(_ALIGN_RU[a] for a in sorted(allowed))
                yield para, "align", f"выравнивание {_ALIGN_RU[align]}", want, severity
            elif (
                para.role == "heading"
                and align != "center"
                and abs(para.fmt.first_line - profile.first_line_indent_cm) > tol
            ):
                yield (
                    para,
                    "align",
                    "заголовок раздела не по центру и не с абзацного отступа",
                    "по центру",
                    WARNING,
                )

    yield from grouped(found())


@rule(
    "G-14",
    WARNING,
    "layout",
    "Отметка о приложении, гриф — в правом верхнем углу, блок ≤ 7,5 (8) см",
)
def mark_block(doc: DocModel, profile):
    limit = profile.mark_max_width_cm
    for part in doc.parts:
        mark = [p for p in part.role("mark") if p.fmt is not None]
        if not mark:
            continue
        para = mark[0]
        section = doc.sections[para.section] if para.section < len(doc.sections) else None
        if section is None:
            continue
        if para.in_table:
            table = doc.tables[para.table]
            width = table.grid[para.col] / 10 if para.col < len(table.grid) else 0
        elif para.fmt.align == "right":
            width = max(len(line) for p in mark for line in p.text.split("\n")) * 0.25
        else:
            width = section.text_width / 10 - para.fmt.left - para.fmt.right
        if not para.in_table and para.fmt.align != "right" and para.fmt.left < 1:
            yield issue(
                para,
                "отметка о приложении не в правом верхнем углу",
                f"блок справа: отступ слева = ширина текста − {_cm(limit)} см",
            )
        elif width > limit + 0.1:
            yield issue(
                para,
                f"ширина блока отметки {_cm(width)} см — больше {_cm(limit)} см",
                f"не больше {_cm(limit)} см ({profile.title})",
            )


@rule(
    "G-15", WARNING, "layout", "Не больше трёх пустых абзацев подряд (разрыв страницы — разрывом)"
)
def empty_runs(doc: DocModel, profile):
    run: list[Para] = []
    for para in doc.paragraphs + [None]:
        if (
            para is not None
            and para.empty
            and not para.in_table
            and not para.text.strip(" \t\u00a0")
        ):
            run.append(para)
            continue
        if len(run) > profile.max_empty_paragraphs:
            yield issue(
                run[0],
                f"{len(run)} пустых абзацев подряд",
                "разрыв страницы или раздела; интервалы — форматом абзаца",
            )
        run = []


@rule("G-16", WARNING, "layout", "Автоматическая расстановка переносов выключена")
def hyphenation(doc: DocModel, profile):
    if doc.settings.get("autoHyphenation") == "true":
        yield issue(
            "документ",
            "включена автоматическая расстановка переносов",
            "Макет → Расстановка переносов → Нет",
        )


@rule("G-17", WARNING, "layout", "Язык текста — русский (ru-RU) в стилях по умолчанию")
def language(doc: DocModel, profile):
    lang = doc.settings.get("lang") or ""
    if not lang.lower().startswith("ru"):
        yield issue("документ", f"язык текста по умолчанию «{lang or 'не задан'}»", "ru-RU")


@rule("G-18", WARNING, "layout", "Номера пунктов — текстом, без автонумерации и маркеров Word")
def word_lists(doc: DocModel, profile):
    def found():
        for para in _paras(doc, BODY_ROLES | {"heading"}):
            if para.fmt.numbered:
                yield (
                    para,
                    "numbered",
                    "автонумерация или маркеры Word",
                    "номер пункта текстом",
                    None,
                )

    yield from grouped(found())


@rule("G-19", WARNING, "layout", "Наименование органа — автора на бланке: прописными, полужирным")
def authority_lines(doc: DocModel, profile):
    for part in doc.parts:
        blank = [p for p in part.role("blank") if p.fmt is not None]
        if not blank:
            continue
        author = blank[-1]
        if not (author.clean.isupper() or author.fmt.caps):
            yield issue(
                author,
                "наименование органа — автора не прописными",
                "прописными: «КОМИТЕТ ОБРАЗОВАНИЯ»",
            )
        if not author.fmt.bold:
            yield issue(author, "наименование органа — автора не полужирным", "полужирный шрифт")


@rule("G-20", WARNING, "layout", "Вид документа: прописными, отдельной строкой, полужирным")
def kind_line(doc: DocModel, profile):
    for part in doc.parts:
        for para in part.role("kind"):
            if para.fmt is None:
                continue
            if not (para.clean.isupper() or para.fmt.caps):
                yield issue(para, "вид документа не прописными", "«РАСПОРЯЖЕНИЕ»")
            if not para.fmt.bold:
                yield issue(para, "вид документа не полужирным", "полужирный шрифт")


@rule("G-39", WARNING, "layout", "Подпись: расшифровка у правого поля по правому табулятору")
def signature_tab(doc: DocModel, profile):
    tol = profile.tab_tolerance_mm / 10
    for part in doc.parts:
        for para in part.role("sign"):
            if para.fmt is None or para.in_table or "\t" not in para.text:
                continue
            section = doc.sections[para.section] if para.section < len(doc.sections) else None
            if section is None:
                continue
            width = section.text_width / 10 - para.fmt.left - para.fmt.right
            stops = [pos for kind, pos in para.fmt.tabs if kind in ("right", "end")]
            if not any(abs(pos - width) <= tol for pos in stops):
                yield issue(
                    para,
                    "нет правого табулятора у правого поля",
                    f"правый табулятор на {_cm(width)} см",
                )


@rule("G-43", WARNING, "layout", "Таблица: шапка повторяется, строки не разрываются, ширина ≤ поля")
def tables(doc: DocModel, profile):
    for table in doc.tables:
        section = doc.sections[table.section] if table.section < len(doc.sections) else None
        if section is not None and table.width > section.text_width + 1:
            yield issue(
                table,
                f"таблица шире поля текста ({table.width:.0f} > {section.text_width:.0f} мм)",
                "ширина таблицы не больше ширины поля",
            )
        if table.rows > 10 and table.header_rows == 0:
            yield issue(
                table,
                "строка заголовка таблицы не повторяется на каждой странице",
                "«Повторять как заголовок на каждой странице» (w:tblHeader)",
            )
        if table.rows > 10 and table.cant_split < table.rows - table.header_rows:
            yield issue(
                table,
                "строки таблицы могут разрываться между страницами",
                "«Не разрывать строку при переходе на следующую страницу» (w:cantSplit)",
            )
