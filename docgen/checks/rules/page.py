"""Page layout of each .docx section (template-dependent): A4 (G-01), margins (G-02,
G-03), page numbers (G-04, G-05), appendices on a new page (G-06), landscape (G-41)."""

from __future__ import annotations

import re

from ..model import DocModel
from ..registry import issue, rule
from ._common import ERROR, WARNING

#: Text lines that fit one A4 page at 14 pt, single spacing (for «longer than a page?»).
LINES_PER_PAGE = 45
_ROADMAP_RE = re.compile(r"^(?:план|дорожн|комплекс\s+мер)", re.IGNORECASE)


def _mm(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}".replace(".", ",")


@rule("G-01", ERROR, "layout", "Формат листа A4: 210×297 мм (альбомный — 297×210)")
def page_size(doc: DocModel, profile):
    short, long_ = profile.page_width_mm, profile.page_height_mm
    tol = profile.page_tolerance_mm
    for section in doc.sections:
        w, h = section.width, section.height
        dims = (short, long_) if w <= h else (long_, short)
        if abs(w - dims[0]) > tol or abs(h - dims[1]) > tol:
            yield issue(section, f"формат листа {_mm(w)}×{_mm(h)} мм, а не A4", "A4: 210×297 мм")


@rule("G-02", ERROR, "layout", "Поля не меньше: левое 20, правое 10, верхнее 20, нижнее 20 мм")
def margins(doc: DocModel, profile):
    names = {"left": "левое", "right": "правое", "top": "верхнее", "bottom": "нижнее"}
    for section in doc.sections:
        for key, minimum in profile.margin_min_mm.items():
            value = section.margins.get(key, 0)
            if value < minimum - 0.5:
                yield issue(
                    section,
                    f"{names[key]} поле {_mm(value)} мм — меньше {_mm(minimum)} мм",
                    f"не меньше {_mm(minimum)} мм",
                )


@rule("G-03", ERROR, "layout", "Левое поле не меньше 30 мм (документ постоянного хранения)")
def binding_margin(doc: DocModel, profile):
    minimum = profile.margin_left_permanent_mm
    for section in doc.sections:
        if section.width <= section.height and section.margins.get("left", 0) < minimum - 0.5:
            yield issue(
                section,
                f"левое поле {_mm(section.margins.get('left', 0))} мм — меньше {_mm(minimum)} мм",
                f"левое поле {_mm(minimum)} мм",
            )


@rule(
    "G-04",
    ERROR,
    "layout",
    "Номер страницы со второй страницы, по центру верхнего поля, ≥ 10 мм от края",
)
def page_numbers(doc: DocModel, profile):
    for section in doc.sections:
        default = section.headers.get("default")
        first = section.headers.get("first")
        numbered = default is not None and default.has_page
        if not numbered:
            if section.est_lines > LINES_PER_PAGE:
                yield issue(
                    section,
                    "нет номера страницы в верхнем колонтитуле (раздел длиннее страницы)",
                    "поле PAGE по центру верхнего колонтитула",
                )
            continue
        if not section.title_pg:
            yield issue(
                section,
                "номер страницы стоит и на первой странице",
                "«Особый колонтитул для первой страницы» (w:titlePg)",
            )
        elif first is not None and first.has_page:
            yield issue(
                section,
                "номер страницы в колонтитуле первой страницы",
                "пустой колонтитул первой страницы",
            )
        if default.align != "center":
            yield issue(section, "номер страницы не по центру", "выравнивание по центру")
        distance = section.margins.get("header", 0)
        if distance < profile.header_distance_min_mm - 0.2:
            yield issue(
                section,
                f"колонтитул на {_mm(distance)} мм от края листа",
                f"не меньше {_mm(profile.header_distance_min_mm)} мм",
            )


@rule("G-05", WARNING, "layout", "Номер страницы — только цифры: без «стр.», точек и тире")
def page_number_text(doc: DocModel, profile):
    reported = set()
    for section in doc.sections:
        default = section.headers.get("default")
        if (
            default is not None
            and default.has_page
            and default.literal
            and id(default) not in reported
        ):
            reported.add(id(default))
            yield issue(
                section,
                f"в колонтитуле рядом с номером текст «{default.literal}»",
                "только поле номера страницы",
                quote=default.literal,
            )


@rule("G-06", WARNING, "layout", "Каждое приложение начинается с новой страницы (разрыв раздела)")
def appendix_new_page(doc: DocModel, profile):
    for part in doc.parts[1:]:
        body = part.body()
        if body and not body[0].new_page and part.kind == "appendix":
            yield issue(
                body[0],
                f"{part.label.capitalize()} начинается не с новой страницы",
                "разрыв раздела со следующей страницы перед приложением",
            )


@rule(
    "G-41",
    WARNING,
    "layout",
    "Дорожная карта — в разделе альбомной ориентации; ориентация задана верно",
)
def landscape(doc: DocModel, profile):
    for section in doc.sections:
        wide = section.width > section.height
        if wide != (section.orient == "landscape"):
            yield issue(
                section,
                "ориентация раздела не совпадает с размерами листа",
                "при альбомной ориентации ширина и высота меняются местами",
            )
    for table in doc.tables:
        section = doc.sections[table.section] if table.section < len(doc.sections) else None
        first = doc.paragraphs[table.first] if table.first < len(doc.paragraphs) else None
        part = first.part if first is not None else None
        if section is None or part is None or section.width > section.height:
            continue
        heading = " ".join(p.clean for p in part.role("doctitle"))
        if table.cols >= 5 and _ROADMAP_RE.match(heading):
            yield issue(
                table,
                "таблица дорожной карты на книжном листе",
                "отдельный раздел альбомной ориентации",
            )
