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
from dataclasses import replace
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
from .uses import Use, mentions, stored_names, syntax_hint, uses, written_forms

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
    tagged: list[Paragraph] = []
    for name, xml in parts.items():
        try:
            found = list(paragraphs(name, xml, numbered))
        except XmlError as exc:
            findings.append(Finding("L-01", Severity.ERROR, name, f"испорченный XML: {exc}"))
            continue
        tagged += [p for p in found if "{" in p.text]
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
                    Finding(
                        "L-01",
                        Severity.ERROR,
                        _where(name),
                        exc.message,
                        syntax_hint(exc.message),
                        context[:160],
                    )
                )
    if asts:
        findings += _check_names(asts, env, schema, declared, tagged)
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
            elif (word in _MIDDLE or word.startswith("end")) and not _continues(word, stack):
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
                syntax_hint(exc.message),
                quote,
            )
        )
    return findings


def _check_names(
    asts,
    env,
    schema: Schema | None,
    declared: Iterable[str] | None,
    found: list[Paragraph],
) -> list[Finding]:
    """Return L-07 (unknown filters) and, given a schema, L-04 and L-05/L-06: each variable
    problem placed at the paragraphs (of `found`) whose tags use the variable."""
    findings = []
    local = set().union(*(stored_names(ast) for ast in asts))
    all_uses: list[Use] = []
    filters: set[str] = set()
    for ast in asts:
        all_uses += uses(ast, local)
        filters |= {node.name for node in ast.find_all((nodes.Filter,))}
    for name in sorted(filters - set(env.filters)):
        findings.append(Finding("L-07", Severity.ERROR, "шаблон", f"неизвестный фильтр «{name}»"))
    ignored = RENDER_NAMES | set(env.globals) | {"loop"}
    all_uses = [u for u in all_uses if _head(u.path) not in ignored]
    used = {u.path for u in all_uses}
    if _uses_cover(asts):
        # -- the act docgen builds («cover») is made of these variables --
        used |= set(COVER_VARIABLES)
    # -- keep only the longest chains: «act.date» makes «act» redundant --
    used = {p for p in used if not any(o != p and o.startswith((p + ".", p + "[]")) for o in used)}
    if schema is None:
        return findings
    fields = {p: _schema_path(p, schema) for p in used}
    for path in sorted(p for p, field in fields.items() if field is None):
        if "[]" in path and fields.get(path.split("[]")[0], "") is None:
            continue  # -- the list itself is reported --
        spelled = list(written_forms(all_uses, path))
        shown = spelled[0] if spelled else path
        about = f"«{shown}»" + (f" (поле «{path}»)" if shown != path else "")
        finding = Finding(
            "L-04",
            Severity.ERROR,
            "шаблон",
            f"переменная {about} не объявлена в схеме",
            "проверьте написание или добавьте поле в variables/_schema.yaml",
        )
        findings.append(_placed(finding, spelled, found))
    if declared is None:
        return findings
    declared = {d.replace("[]", "") for d in declared}
    known_used = {f for f in fields.values() if f is not None}
    for field in sorted(known_used):
        bare = field.replace("[]", "")
        if any(bare == d or bare.startswith(d + ".") for d in declared):
            continue
        spelled = [u.written for u in all_uses if fields.get(u.path) == field]
        finding = Finding(
            "L-05",
            Severity.ERROR,
            "метаданные",
            f"переменная «{bare}» используется, но не указана в variables",
        )
        findings.append(_placed(finding, list(dict.fromkeys(spelled)), found))
    bare_used = {f.replace("[]", "") for f in known_used}
    for d in sorted(declared):
        if not any(f == d or f.startswith(d + ".") or d.startswith(f + ".") for f in bare_used):
            findings.append(
                Finding(
                    "L-06",
                    Severity.WARNING,
                    "метаданные",
                    f"переменная «{d}» указана в variables, но не используется",
                )
            )
    return findings


def _head(path: str) -> str:
    return path.split(".")[0].split("[")[0]


def _uses_cover(asts) -> bool:
    return any(node.name == "cover" for ast in asts for node in ast.find_all(nodes.Name))


def _placed(finding: Finding, spelled: list[str], found: list[Paragraph]) -> Finding:
    """Return `finding` placed at the paragraphs whose tags spell one of `spelled`,
    with the first one quoted; unchanged when no paragraph does."""
    places = [p for p in found if any(mentions(p.text, w) for w in spelled)]
    if not places:
        return finding
    by_part: dict[str, list[str]] = {}
    for p in places:
        by_part.setdefault(describe(p.part), []).append(str(p.index))
    location = "; ".join(
        f"{part}, {'абзац' if len(ns) == 1 else 'абзацы'} {', '.join(ns)}"
        for part, ns in by_part.items()
    )
    return replace(finding, location=location, quote=places[0].text[:160])


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


def _continues(word: str, stack: list[tuple[str, Paragraph]]) -> bool:
    """Return True when `word` (else, elif, endif …) continues or closes the innermost
    open block; a closing word pops it off `stack`."""
    if not stack:
        return False
    if word in _MIDDLE:
        return stack[-1][0] in _MIDDLE[word]
    if _PAIRS[stack[-1][0]] == word:
        stack.pop()
        return True
    return False
