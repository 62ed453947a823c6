"""Hints beside the form's fields in the reader's words: no schema paths, codes or files.

The schema's help texts are written for those who keep the variable sets: they name other
fields by path («act.basis»), choices by code («points — …») and files
(«variables/_kinds.yaml»). The form shows the same hint with field labels, the Russian
wording of each choice and no file names; the origin of a value says which level of the
reference data it comes from.
"""

from __future__ import annotations

import re

from docgen import FieldSpec, Schema

_PATH_RE = re.compile(r"(?<![\w./-])([a-z_]+(?:\.[a-z_]+)+)(?![\w/-])")
_FILE_RE = re.compile(r"\(?variables/\S+?\.yaml(?::\d+)?[;,]?\s*\)?")
_ORIGIN_RE = re.compile(r"^variables/(?P<file>.+?\.yaml)(?::(?P<line>\d+))?$")


def hint(text: str, spec: FieldSpec, schema: Schema, choice_label) -> str:
    """Return the help `text` of `spec` with paths, choice codes and files in words."""
    if not text:
        return ""
    out = _FILE_RE.sub(_drop_file, text)
    out = out.replace("()", "").replace("( ", "(")
    for code in sorted(spec.choices, key=len, reverse=True):
        label = choice_label(code)
        if label != code:
            out = re.sub(rf"(?<![\w-]){re.escape(code)} — ", lambda _, w=label: f"{w}: ", out)

    def field_label(match: re.Match) -> str:
        found = schema.fields.get(match.group(1))
        return f"«{found.label}»" if found is not None else match.group()

    return " ".join(_PATH_RE.sub(field_label, out).split())


def _drop_file(match: re.Match) -> str:
    # -- «(variables/_kinds.yaml; регион …)» keeps its bracket for the rest --
    found = match.group()
    return "(" if found.startswith("(") and not found.endswith(")") else ""


def origin(text: str) -> str:
    """Return where a value comes from, in words: «значение муниципального образования,
    строка 11» for «variables/leningrad/kirovsky.yaml:11»."""
    match = _ORIGIN_RE.match(text or "")
    if match is None:
        return "значение, заданное в форме" if text == "переопределение" else ""
    name = match["file"].rsplit("/", 1)[-1]
    if name == "_defaults.yaml":
        level = "общее значение по умолчанию"
    elif name == "_region.yaml":
        level = "значение из справочника региона"
    else:
        level = "значение из справочника муниципального образования"
    return f"{level}, строка {match['line']}" if match["line"] else level
