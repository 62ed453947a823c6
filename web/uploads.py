"""Checks of an uploaded template before it is stored; every problem is reported at once.

1. The container (``check_container``): a real .docx under the size limit, no zip bomb,
   no path tricks, no macros or encrypted parts, no DTDs in the XML.
2. The template (``lint_upload``): docgen's linter (``docgen.lint.lint_template``: Jinja
   syntax per paragraph, split tags, block balance, filters, schema and metadata
   variables) plus one web rule, L-SANDBOX: attribute access the sandbox would refuse
   (``{{ x.__class__ }}``) is refused at upload, with its paragraph.

An upload is refused when any finding is an error; warnings are shown and accepted.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes

from docgen.findings import Finding, Severity
from docgen.lint import lint_template
from docgen.render import docx_context, jinja_source
from docgen.schema import Schema
from docgen.templates import DocTemplate

MAX_ENTRIES = 2000
MAX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_RATIO = 200
TEMPLATE_PARTS_RE = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
#: A tag that contains no other opening (after a broken tag the next one still counts).
_TAG_RE = re.compile(r"\{\{(?:(?!\{\{|\}\}).)*\}\}|\{%(?:(?!\{%|%\}).)*%\}", re.S)
_MACRO_RE = re.compile(r"vbaproject\.bin|vbadata\.xml|(^|/)activex/|(^|/)embeddings/.*\.bin$", re.I)


def _problem(
    rule: str, message: str, location: str = "файл", quote: str = "", hint: str = ""
) -> Finding:
    return Finding(rule, Severity.ERROR, location, message, hint, quote)


def refused(findings: list[Finding]) -> bool:
    """Return True when `findings` hold an error (the upload must be refused)."""
    return any(f.severity is Severity.ERROR for f in findings)


def check_container(data: bytes, filename: str, max_bytes: int) -> list[Finding]:
    """Return what makes `data` unacceptable as a .docx file (empty when it is fine)."""
    if not filename.lower().endswith(".docx"):
        return [_problem("U-TYPE", "принимаются только файлы .docx (документ Word без макросов)")]
    if len(data) > max_bytes:
        return [_problem("U-SIZE", f"файл больше {max_bytes // (1024 * 1024)} МБ")]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return [
            _problem("U-ZIP", "файл не является документом .docx (повреждён или другой формат)")
        ]
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
                problems.append(
                    _problem("U-XML", "часть содержит объявление DOCTYPE", info.filename)
                )
    return problems


def _entry_problems(infos: list[zipfile.ZipInfo]) -> list[Finding]:
    if len(infos) > MAX_ENTRIES:
        return [_problem("U-BOMB", f"в архиве больше {MAX_ENTRIES} частей")]
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        return [
            _problem(
                "U-BOMB",
                "распакованный документ больше "
                f"{MAX_UNCOMPRESSED // (1024 * 1024)} МБ (похоже на zip-бомбу)",
            )
        ]
    problems = []
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.split("/") or "\\" in name or ":" in name:
            problems.append(_problem("U-ZIP", "недопустимое имя части", name[:200]))
        elif info.flag_bits & 0x1:
            problems.append(_problem("U-ZIP", "зашифрованная часть", name))
        elif info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            problems.append(
                _problem("U-BOMB", "слишком высокая степень сжатия (похоже на zip-бомбу)", name)
            )
        elif _MACRO_RE.search(name):
            problems.append(
                _problem("U-MACRO", "документ содержит макросы или элементы ActiveX", name)
            )
    return problems


def lint_upload(path: Path, template: DocTemplate, schema: Schema, env) -> list[Finding]:
    """Return every problem of the uploaded .docx at `path` as a version of `template`."""
    findings = lint_template(path, schema=schema, declared=template.variables, env=env)
    with zipfile.ZipFile(path) as archive:
        for name in sorted(n for n in archive.namelist() if TEMPLATE_PARTS_RE.match(n)):
            findings += _sandbox(name, archive.read(name).decode("utf-8", "replace"), env)
    return findings


def _sandbox(part: str, xml: str, env) -> list[Finding]:
    """Return an L-SANDBOX finding per access to a «_name» attribute or item."""
    if "{" not in xml:
        return []
    source = jinja_source(xml)
    try:
        trees = [env.parse(source)]
    except TemplateSyntaxError:
        # -- the linter reports the syntax error; still look into every tag that parses --
        trees = []
        for lineno, line in enumerate(source.splitlines(), 1):
            for tag in _TAG_RE.findall(line):
                try:
                    trees.append(env.parse("\n" * (lineno - 1) + tag))
                except TemplateSyntaxError:
                    continue
    label = "основной текст" if part == "word/document.xml" else part.rsplit("/", 1)[-1]
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
                    _problem(
                        "L-SANDBOX",
                        f"обращение к служебному атрибуту «{name}» запрещено",
                        label,
                        " … ".join(docx_context(source, node.lineno))[:160],
                        "в шаблоне доступны только значения набора переменных",
                    )
                )
    return findings
