"""Static checks of a .docx template for template editors: every problem at once.

Rules (ids are documented in the README):

L-01  Jinja syntax error in a tag (with its paragraph)
L-02  a tag docxtpl cannot handle: split across paragraphs, ``{%p``/``{%tr`` misplaced
L-03  unbalanced block tags (if/for without end, end without start)
L-04  a variable the schema does not declare
L-05  a variable used but not listed in the template's metadata
L-06  a variable listed in the metadata but never used
L-07  an unknown filter
L-08  Word automatic numbering (clause numbers must be text: ``{{ num(N) }}``)
L-09  access to a «_name» attribute or item (``{{ x.__class__ }}``): the sandbox refuses it
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes

from .cover import VARIABLES as COVER_VARIABLES
from .environment import RENDER_NAMES, make_environment
from .findings import Finding, Severity
from .ooxml.jinja import jinja_source, source_context
from .ooxml.ns import DOCUMENT, STYLES, describe, is_story
from .ooxml.paragraphs import Paragraph, XmlError, numbered_styles, paragraphs
from .ooxml.parts import PackageError, body_of, read_parts
from .schema import Schema

_TAG_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_OPEN_RE = re.compile(r"\{\{|\{%|\{#")
_BLOCK_RE = re.compile(r"^\{%-?\s*(?:[ptrc]{1,2}\s+)?(\w+)")
_PAIRS = {
    "if": "endif",
    "for": "endfor",
    "macro": "endmacro",
    "call": "endcall",
    "filter": "endfilter",
    "with": "endwith",
    "raw": "endraw",
}
_MIDDLE = {"else": ("if", "for"), "elif": ("if",)}
MAX_PARTS = 64
#: A tag that contains no other opening (after a broken tag the next one still counts).
_ONE_TAG_RE = re.compile(r"\{\{(?:(?!\{\{|\}\}).)*\}\}|\{%(?:(?!\{%|%\}).)*%\}", re.S)
#: docxtpl's cell tags (horizontal/vertical merge, colspan, cell background)
_DOCXTPL_TAGS = {"hm", "vm", "colspan", "cellbg"}


def lint_template(
    path: Path, schema: Schema | None = None, declared: Iterable[str] | None = None, env=None
) -> list[Finding]:
    """Return every problem of the .docx template at `path`.

    `schema` enables L-04 (undeclared variables); `declared` (the metadata's variable
    list) enables L-05/L-06.
    """
    env = env or make_environment()
    try:
        names, raw = read_parts(path, _lintable)
        parts = {n: raw[n].decode("utf-8") for n in names if is_story(n) and n in raw}
    except (PackageError, UnicodeDecodeError) as exc:
        return [Finding("L-01", Severity.ERROR, str(path), f"файл не читается как .docx: {exc}")]
    numbered = numbered_styles(raw.get(STYLES))
    if DOCUMENT not in parts:
        return [Finding("L-01", Severity.ERROR, str(path), "в файле нет word/document.xml")]
    findings: list[Finding] = []
    asts = []
    for name, xml in parts.items():
        try:
            found = list(paragraphs(name, xml, numbered))
        except XmlError as exc:
            findings.append(Finding("L-01", Severity.ERROR, name, f"испорченный XML: {exc}"))
            continue
        local, tag_asts = _check_paragraphs(found, env)
        findings += local
        if any(f.severity is Severity.ERROR for f in local):
            asts += tag_asts  # -- the whole part does not parse: analyse tag by tag --
        else:
            source = jinja_source(body_of(xml) if name == DOCUMENT else xml)
            try:
                asts.append(env.parse(source))
            except TemplateSyntaxError as exc:
                context = " … ".join(source_context(source, exc.lineno))
                findings.append(
                    Finding("L-01", Severity.ERROR, _where(name), exc.message, quote=context[:160])
                )
    if asts:
        findings += _check_names(asts, env, schema, declared)
    for name, xml in parts.items():
        findings += _check_private_names(name, xml, env)
    return findings


def _lintable(names: tuple[str, ...]) -> list[str]:
    """Return the parts the linter reads: the first MAX_PARTS story parts, the styles."""
    return [n for n in names if is_story(n)][:MAX_PARTS] + [n for n in names if n == STYLES]


def _check_private_names(part: str, xml: str, env) -> list[Finding]:
    """Return an L-09 finding per access to a «_name» attribute or item in `part`."""
    if "{" not in xml:
        return []
    source = jinja_source(xml)
    try:
        trees = [env.parse(source)]
    except TemplateSyntaxError:
        # -- L-01 reports the syntax error; still look into every tag that parses --
        trees = []
        for lineno, line in enumerate(source.splitlines(), 1):
            for tag in _ONE_TAG_RE.findall(line):
                try:
                    trees.append(env.parse("\n" * (lineno - 1) + tag))
                except TemplateSyntaxError:
                    continue
    findings = []
    for tree in trees:
        for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
            if isinstance(node, nodes.Getattr):
                name = node.attr
            elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                name = node.arg.value
            else:
                continue
            if name.startswith("_"):
                findings.append(
                    Finding(
                        "L-09",
                        Severity.ERROR,
                        _where(part),
                        f"обращение к служебному атрибуту «{name}» запрещено",
                        "в шаблоне доступны только значения набора переменных",
                        " … ".join(source_context(source, node.lineno))[:160],
                    )
                )
    return findings


def _where(part: str, index: int | None = None) -> str:
    label = describe(part)
    return f"{label}, абзац {index}" if index else label


def _check_paragraphs(paragraphs: list[Paragraph], env) -> tuple[list[Finding], list]:
    findings = []
    asts: list = []
    stack: list[tuple[str, Paragraph]] = []
    for p in paragraphs:
        where = _where(p.part, p.index)
        quote = p.text[:120]
        if p.numbered and p.part == DOCUMENT:
            findings.append(
                Finding(
                    "L-08",
                    Severity.WARNING,
                    where,
                    "автоматическая нумерация Word: номер не виден в тексте",
                    "пишите номер текстом: {{ num(1) }}, {{ num(2) }} …",
                    quote,
                )
            )
        tags = _TAG_RE.findall(p.text)
        rest = _TAG_RE.sub("", p.text)
        if _OPEN_RE.search(rest) or "}}" in rest or "%}" in rest:
            findings.append(
                Finding(
                    "L-02",
                    Severity.ERROR,
                    where,
                    "тег не закрыт в пределах абзаца (разорван между абзацами)",
                    "откройте и закройте тег в одном абзаце",
                    quote,
                )
            )
        for tag in tags:
            findings += _check_tag(tag, p, rest, env, where, quote, asts)
            block = _BLOCK_RE.match(tag)
            if not block or tag.startswith("{{"):
                continue
            word = block.group(1)
            if word in _PAIRS:
                stack.append((word, p))
            elif word in _MIDDLE:
                if not stack or stack[-1][0] not in _MIDDLE[word]:
                    findings.append(
                        Finding(
                            "L-03",
                            Severity.ERROR,
                            where,
                            f"«{word}» без открывающего тега",
                            quote=quote,
                        )
                    )
            elif word.startswith("end"):
                if stack and _PAIRS[stack[-1][0]] == word:
                    stack.pop()
                else:
                    findings.append(
                        Finding(
                            "L-03",
                            Severity.ERROR,
                            where,
                            f"«{word}» без открывающего тега",
                            quote=quote,
                        )
                    )
    for word, p in stack:
        findings.append(
            Finding(
                "L-03",
                Severity.ERROR,
                _where(p.part, p.index),
                f"«{word}» не закрыт тегом «{_PAIRS[word]}»",
                quote=p.text[:120],
            )
        )
    return findings, asts


def _check_tag(
    tag: str, p: Paragraph, rest: str, env, where: str, quote: str, asts: list
) -> list[Finding]:
    findings = []
    prefix = re.match(r"^\{%-?\s*(p|tr|tc|r)\s", tag)
    if prefix:
        kind = prefix.group(1)
        if kind in ("tr", "tc") and not p.in_table:
            findings.append(
                Finding(
                    "L-02",
                    Severity.ERROR,
                    where,
                    f"тег {{%{kind} … %}} стоит вне таблицы",
                    quote=quote,
                )
            )
        if kind == "p" and rest.strip():
            findings.append(
                Finding(
                    "L-02",
                    Severity.WARNING,
                    where,
                    "в абзаце с тегом {%p … %} есть текст — он будет удалён",
                    "вынесите тег в отдельный абзац",
                    quote,
                )
            )
        candidate = "{%" + tag[prefix.end() - 1 :]
    elif re.match(r"^\{%-?\s*p(if|for|endif|endfor|else)\b", tag):
        return [
            Finding(
                "L-02", Severity.ERROR, where, "после {%p нужен пробел", "пишите {%p if … %}", quote
            )
        ]
    else:
        candidate = tag
    if candidate.startswith("{%"):
        word = _BLOCK_RE.match(candidate)
        word = word.group(1) if word else ""
        if word in _DOCXTPL_TAGS:
            return findings  # -- docxtpl's own cell tags, rewritten before Jinja sees them --
        if word in _PAIRS or word in _MIDDLE or word.startswith("end") or word == "set":
            # -- block tags are checked for balance separately; check the expression only --
            body = candidate[2:-2].strip().lstrip("-").rstrip("-").strip()
            expr = body[len(word) :].strip()
            if word in ("if", "elif", "for", "set") and not expr:
                return findings + [
                    Finding(
                        "L-01", Severity.ERROR, where, f"в теге «{word}» нет выражения", quote=quote
                    )
                ]
            if word in ("if", "elif"):
                candidate = "{{ " + expr + " }}"
            elif word in ("for", "set"):
                candidate = (
                    "{% " + body + " %}{% end" + word + " %}"
                    if word == "for"
                    else "{% " + body + " %}"
                )
            else:
                return findings
    try:
        asts.append(env.parse(candidate))
    except TemplateSyntaxError as exc:
        findings.append(
            Finding(
                "L-01",
                Severity.ERROR,
                where,
                f"ошибка синтаксиса в теге {tag[:60]}: {exc.message}",
                quote=quote,
            )
        )
    return findings


def _check_names(asts, env, schema: Schema | None, declared: Iterable[str] | None) -> list[Finding]:
    findings = []
    used: set[str] = set()
    local: set[str] = set()
    filters: set[str] = set()
    for ast in asts:
        for node in ast.find_all((nodes.Name,)):
            if node.ctx in ("store", "param"):
                local.add(node.name)
        for node in ast.find_all((nodes.Filter,)):
            filters.add(node.name)
        for node in ast.find_all((nodes.Getattr, nodes.Name)):
            path = _path(node)
            if path:
                used.add(path)
    for name in sorted(filters - set(env.filters)):
        findings.append(Finding("L-07", Severity.ERROR, "шаблон", f"неизвестный фильтр «{name}»"))
    ignored = local | RENDER_NAMES | set(env.globals) | {"loop"}
    if any(p.split(".")[0] == "cover" for p in used):
        # -- the act docgen builds («cover») is made of these variables --
        used |= set(COVER_VARIABLES)
    used = {p for p in used if p.split(".")[0] not in ignored}
    # -- keep only the longest chains: «act.date» makes «act» redundant --
    used = {p for p in used if not any(o != p and o.startswith(p + ".") for o in used)}
    known_used = set()
    if schema is not None:
        for path in sorted(used):
            field = _schema_path(path, schema)
            if field is None:
                findings.append(
                    Finding(
                        "L-04",
                        Severity.ERROR,
                        "шаблон",
                        f"переменная «{path}» не объявлена в схеме",
                        "проверьте написание или добавьте поле в variables/_schema.yaml",
                    )
                )
            else:
                known_used.add(field)
    if declared is not None and schema is not None:
        declared = set(declared)
        for field in sorted(known_used):
            if not any(field == d or field.startswith(d + ".") for d in declared):
                findings.append(
                    Finding(
                        "L-05",
                        Severity.ERROR,
                        "метаданные",
                        f"переменная «{field}» используется, но не указана в variables",
                    )
                )
        for d in sorted(declared):
            if not any(
                f == d or f.startswith(d + ".") or d.startswith(f + ".") for f in known_used
            ):
                findings.append(
                    Finding(
                        "L-06",
                        Severity.WARNING,
                        "метаданные",
                        f"переменная «{d}» указана в variables, но не используется",
                    )
                )
    return findings


def _path(node) -> str | None:
    parts = []
    while isinstance(node, nodes.Getattr):
        parts.append(node.attr)
        node = node.node
    if isinstance(node, nodes.Name) and node.ctx == "load":
        parts.append(node.name)
        return ".".join(reversed(parts))
    return None


def _schema_path(path: str, schema: Schema) -> str | None:
    """Return the declared field `path` falls under («act.date.year» → «act.date»), or None."""
    parts = path.split(".")
    for n in range(len(parts), 0, -1):
        candidate = ".".join(parts[:n])
        if candidate in schema.fields:
            return candidate
        if n == len(parts) and schema.children(candidate):
            return candidate  # a group («act») used as a whole
    return None
