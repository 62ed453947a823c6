"""Checks of an uploaded template before it is stored; every problem is reported at once.

1. The container (``check_container``): a real .docx under the size limit, no zip bomb,
   no path tricks, no macros or encrypted parts, no DTDs in the XML.
2. The template (``lint_upload``): docgen's linter (``Docgen.lint``: Jinja syntax per
   paragraph, split tags, block balance, filters, schema and metadata variables, and
   attribute access the sandbox would refuse, ``{{ x.__class__ }}``), with paragraphs.
   A variable unknown to the schema (L-04) or missing from the template's metadata (L-05)
   is shown with the paragraphs that use it (the linter places it) and where its fix is.
3. The trial render (``trial_findings``): the template is rendered for the sets it is
   made for in the same limited sandbox, in a worker process with a time limit
   (web.rendering.trial); a forbidden access, a limit or the time limit refuses it. A
   pattern list could be got round (``attr``, string formatting); the sandbox cannot.

An upload is refused when any finding is an error; warnings are shown and accepted.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from docgen import Docgen, Finding, Severity

MAX_ENTRIES = 2000
MAX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_RATIO = 200
_MACRO_RE = re.compile(r"vbaproject\.bin|vbadata\.xml|(^|/)activex/|(^|/)embeddings/.*\.bin$", re.I)
#: Where the fix of a variable problem is, by linter rule.
VARIABLE_FIXES = {
    "L-04": "такой переменной нет в схеме: проверьте написание "
    "(поля схемы — в variables/_schema.yaml)",
    "L-05": "добавьте переменную в список переменных шаблона (метаданные шаблона)",
}


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
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError):
        return [
            _problem("U-ZIP", "файл не является документом .docx (повреждён или другой формат)")
        ]
    with archive:
        infos = archive.infolist()
        problems = _entry_problems(infos)
        if problems:
            return problems
        # -- every part is read whole once: a bad CRC, a lying size or a broken stream is
        #    refused here, before anything else opens the file --
        contents, problems = _read_members(archive, infos)
        if problems:
            return problems
        names = {i.filename for i in infos}
        for required in ("[Content_Types].xml", "word/document.xml"):
            if required not in names:
                problems.append(_problem("U-ZIP", f"в документе нет части {required}"))
        if "[Content_Types].xml" in names:
            types = contents["[Content_Types].xml"]
            if b"macroEnabled" in types or b"vbaProject" in types:
                problems.append(_problem("U-MACRO", "документ с макросами (.docm) не принимается"))
        for info in infos:
            if (
                info.filename.endswith((".xml", ".rels"))
                and b"<!DOCTYPE" in contents[info.filename]
            ):
                problems.append(
                    _problem("U-XML", "часть содержит объявление DOCTYPE", info.filename)
                )
    return problems


def _read_members(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]
) -> tuple[dict[str, bytes], list[Finding]]:
    """Return every part's bytes, or the parts that cannot be read (damaged, lying sizes)."""
    contents: dict[str, bytes] = {}
    total = 0
    for info in infos:
        try:
            with archive.open(info) as member:
                # -- never more than the declared size (plus one byte to catch a lie) --
                data = member.read(info.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            return {}, [_problem("U-ZIP", f"часть повреждена ({_reason(exc)})", info.filename)]
        except (NotImplementedError, RuntimeError):
            return {}, [_problem("U-ZIP", "часть сжата неподдерживаемым способом", info.filename)]
        if len(data) != info.file_size:
            return {}, [
                _problem("U-ZIP", "размер части не совпадает с указанным в архиве", info.filename)
            ]
        total += len(data)
        if total > MAX_UNCOMPRESSED:
            return {}, [_problem("U-BOMB", "распакованный документ слишком большой")]
        contents[info.filename] = data
    return contents, []


def _reason(exc: BaseException) -> str:
    text = str(exc)
    if "CRC" in text:
        return "не сходится контрольная сумма"
    return "архив повреждён"


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


def trial_findings(problems: list[tuple[str, str]], names: dict[str, str]) -> list[Finding]:
    """Return a U-RENDER error for each (set id, message) the trial render was refused."""
    return [
        _problem(
            "U-RENDER",
            f"пробное формирование остановлено: {message}",
            f"набор «{names.get(set_id, set_id)}»" if set_id else "файл",
            hint="песочница шаблонов запрещает это при каждом формировании; исправьте тег",
        )
        for set_id, message in problems
    ]


def lint_upload(path: Path, declared: Iterable[str], dg: Docgen) -> list[Finding]:
    """Return every problem of the uploaded .docx at `path` for a template that lists the
    variables `declared`; the linter places variable problems at the paragraphs using the
    variable, and each gets where its fix is."""
    findings = dg.lint(path, declared=list(declared))
    return [
        replace(f, hint=VARIABLE_FIXES[f.rule]) if f.rule in VARIABLE_FIXES else f for f in findings
    ]


def variable_of(finding: Finding) -> str:
    """Return the variable a linter finding is about («act.number»), or an empty string."""
    match = re.search(r"«([^»]+)»", finding.message)
    return match.group(1) if match else ""
