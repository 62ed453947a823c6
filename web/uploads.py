"""Checks of an uploaded template before it is stored; every problem is reported at once.

1. The container (``check_container``): a real .docx under the size limit, no zip bomb,
   no path tricks, no macros or encrypted parts, no DTDs in the XML.
2. The template (``lint_template_bytes``): the Jinja of every XML part (body, headers,
   footers, notes) after docxtpl's tag clean-up, parsed in docgen's own environment —
   syntax errors, unknown filters, unknown top-level variables and attribute-access
   escapes the sandbox would refuse — each with the paragraph it is in.

``lint_template_bytes`` is the one seam for the linter: when ``docgen.lint`` grows a
``lint_template``, this function is where it replaces the checks below.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable

from jinja2 import TemplateSyntaxError, nodes
from jinja2.meta import find_undeclared_variables

from docgen.findings import Finding, Severity
from docgen.render import jinja_source

MAX_ENTRIES = 2000
MAX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_RATIO = 200
TEMPLATE_PARTS_RE = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
_MACRO_RE = re.compile(r"vbaproject\.bin|vbadata\.xml|(^|/)activex/|(^|/)embeddings/.*\.bin$", re.I)
_TAG_RE = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}|\{#.*?#\}", re.S)
_XML_TAG_RE = re.compile(r"<[^>]+>")
_BLOCKS = ("if", "for", "macro", "call", "filter", "with", "autoescape", "block")


def _problem(rule: str, message: str, location: str = "файл", quote: str = "",
             hint: str = "") -> Finding:
    return Finding(rule, Severity.ERROR, location, message, hint, quote)


def check_container(data: bytes, filename: str, max_bytes: int) -> list[Finding]:
    """Return what makes `data` unacceptable as a .docx file (empty when it is fine)."""
    if not filename.lower().endswith(".docx"):
        return [_problem("U-TYPE", "принимаются только файлы .docx (документ Word без макросов)")]
    if len(data) > max_bytes:
        return [_problem("U-SIZE", f"файл больше {max_bytes // (1024 * 1024)} МБ")]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return [_problem("U-ZIP", "файл не является документом .docx (повреждён или другой формат)")]
    with archive:
        infos = archive.infolist()
        problems = _entry_problems(infos)
        if problems:
            return problems
        names = {i.filename for i in infos}
        for required in ("[Content_Types].xml", "word/document.xml"):
            if required not in names:
                problems.append(_problem("U-ZIP", f"в документе нет части {required}"))
        if "[Content_Types].xml" in names:
            types = archive.read("[Content_Types].xml")
            if b"macroEnabled" in types or b"vbaProject" in types:
                problems.append(_problem("U-MACRO", "документ с макросами (.docm) не принимается"))
        for info in infos:
            if info.filename.endswith((".xml", ".rels")) and b"<!DOCTYPE" in archive.read(info):
                problems.append(_problem("U-XML", "часть содержит объявление DOCTYPE", info.filename))
    return problems


def _entry_problems(infos: list[zipfile.ZipInfo]) -> list[Finding]:
    if len(infos) > MAX_ENTRIES:
        return [_problem("U-BOMB", f"в архиве больше {MAX_ENTRIES} частей")]
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        return [_problem("U-BOMB", "распакованный документ больше "
                                   f"{MAX_UNCOMPRESSED // (1024 * 1024)} МБ (похоже на zip-бомбу)")]
    problems = []
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.split("/") or "\\" in name or ":" in name:
            problems.append(_problem("U-ZIP", "недопустимое имя части", name[:200]))
        elif info.flag_bits & 0x1:
            problems.append(_problem("U-ZIP", "зашифрованная часть", name))
        elif info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            problems.append(_problem("U-BOMB", "слишком высокая степень сжатия (похоже на "
                                               "zip-бомбу)", name))
        elif _MACRO_RE.search(name):
            problems.append(_problem("U-MACRO", "документ содержит макросы или элементы ActiveX",
                                     name))
    return problems


def lint_template_bytes(data: bytes, env, known_names: Iterable[str] = ()) -> list[Finding]:
    """Return every template problem in .docx `data` (`known_names`: top-level variables)."""
    known = set(known_names)
    findings: list[Finding] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(n for n in archive.namelist() if TEMPLATE_PARTS_RE.match(n)):
            try:
                xml = archive.read(name).decode("utf-8")
            except UnicodeDecodeError:
                findings.append(_problem("L-XML", "часть не в кодировке UTF-8", name))
                continue
            if "{" in xml:
                findings += _part_findings(_part_label(name), jinja_source(xml), env, known)
    return findings


def _part_label(name: str) -> str:
    if name == "word/document.xml":
        return "текст"
    return f"колонтитул {name.removeprefix('word/')}" if "header" in name or "footer" in name \
        else f"сноски {name.removeprefix('word/')}"


def _where(part: str, lineno: int | None) -> str:
    # -- line 1 of docxtpl's source is what precedes the first paragraph --
    return f"{part}, абзац {max((lineno or 1) - 1, 1)}"


def _quote(source: str, lineno: int | None) -> str:
    lines = source.splitlines()
    if not lineno or lineno > len(lines):
        return ""
    text = " ".join(_XML_TAG_RE.sub("", lines[lineno - 1]).split())
    return text[:200] + ("…" if len(text) > 200 else "")


def _part_findings(part: str, source: str, env, known: set[str]) -> list[Finding]:
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        found = _scan(part, source, env)
        return found or [_problem("L-SYNTAX", f"ошибка синтаксиса: {exc.message}",
                                  _where(part, exc.lineno), _quote(source, exc.lineno))]
    findings = _tree_findings(part, source, tree, env, known)
    if not findings:
        try:
            env.compile(source)
        except TemplateSyntaxError as exc:
            findings.append(_problem("L-SYNTAX", f"ошибка шаблона: {exc.message}",
                                     _where(part, exc.lineno), _quote(source, exc.lineno)))
    return findings


def _tree_findings(part: str, source: str, tree, env, known: set[str]) -> list[Finding]:
    findings = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.Test)):
        name = None
        if isinstance(node, nodes.Getattr):
            name = node.attr
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            name = node.arg.value if isinstance(node.arg.value, str) else None
        if name is not None and name.startswith("_"):
            findings.append(_problem(
                "L-SANDBOX", f"обращение к служебному атрибуту «{name}» запрещено",
                _where(part, node.lineno), _quote(source, node.lineno),
                "в шаблоне доступны только значения набора переменных"))
        if isinstance(node, nodes.Filter) and node.name not in env.filters:
            findings.append(_problem("L-FILTER", f"неизвестный фильтр «{node.name}»",
                                     _where(part, node.lineno), _quote(source, node.lineno)))
        if isinstance(node, nodes.Test) and node.name not in env.tests:
            findings.append(_problem("L-FILTER", f"неизвестная проверка «{node.name}»",
                                     _where(part, node.lineno), _quote(source, node.lineno)))
    if known:
        for name in sorted(find_undeclared_variables(tree) - known):
            lineno = next((n.lineno for n in tree.find_all(nodes.Name) if n.name == name), None)
            findings.append(_problem("L-VAR", f"неизвестная переменная «{name}»",
                                     _where(part, lineno), _quote(source, lineno),
                                     "имена переменных — в variables/_schema.yaml"))
    return findings


def _scan(part: str, source: str, env) -> list[Finding]:
    """Return the syntax errors paragraph by paragraph (Jinja itself stops at the first)."""
    findings: list[Finding] = []
    stack: list[tuple[str, int]] = []

    def add(message: str, lineno: int) -> None:
        findings.append(_problem("L-SYNTAX", message, _where(part, lineno), _quote(source, lineno)))

    for lineno, line in enumerate(source.splitlines(), 1):
        rest = _TAG_RE.sub("", line)
        if "{{" in rest or "{%" in rest:
            add("тег открыт, но не закрыт в этом абзаце («{{ … }}» или «{% … %}»)", lineno)
        for match in _TAG_RE.finditer(line):
            if match.group(1) is not None:
                error = _parse_error(env, "{{" + match.group(1) + "}}")
                if error:
                    add(f"ошибка в выражении «{{{{{match.group(1).strip()}}}}}»: {error}", lineno)
            elif match.group(2) is not None:
                _statement(match.group(2).strip("-+ \t\n"), lineno, stack, env, add)
    for keyword, lineno in stack:
        add(f"тег «{{% {keyword} %}}» не закрыт: нет «{{% end{keyword} %}}»", lineno)
    return findings


def _statement(stmt: str, lineno: int, stack: list, env, add) -> None:
    keyword = stmt.split(None, 1)[0] if stmt else ""
    if keyword in _BLOCKS or (keyword == "set" and "=" not in stmt):
        stack.append((keyword, lineno))
        error = _parse_error(env, f"{{% {stmt} %}}{{% end{keyword} %}}")
    elif keyword in ("elif", "else"):
        if not stack or stack[-1][0] not in ("if", "for"):
            add(f"«{{% {keyword} %}}» без «{{% if %}}»", lineno)
            return
        error = _parse_error(env, f"{{% if true %}}{{% {stmt} %}}{{% endif %}}")
    elif keyword.startswith("end"):
        if stack and stack[-1][0] == keyword[3:]:
            stack.pop()
            return
        expected = f"; ожидался «{{% end{stack[-1][0]} %}}»" if stack else ""
        add(f"лишний «{{% {keyword} %}}»{expected}", lineno)
        return
    else:
        error = _parse_error(env, f"{{% {stmt} %}}")
    if error:
        add(f"ошибка в теге «{{% {stmt} %}}»: {error}", lineno)


def _parse_error(env, source: str) -> str | None:
    try:
        env.parse(source)
    except TemplateSyntaxError as exc:
        return exc.message
    return None
