"""Variable set → the plain dict templates see. Pure: no I/O, no clock.

Every declared field is present (absent optional values are :class:`Absent`, absent lists
empty); registry ids become citations;
official names become :class:`docgen.ru.Phrase` (with the set's explicit case forms),
personal names :class:`docgen.ru.Person` (with gender), free text is typographed, and
explicitly unknown values become :class:`docgen.placeholders.Missing` placeholders.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from . import ru
from .kinds import Kinds
from .placeholders import CLOSE, OPEN, Missing, MissingItems
from .ru.cases import CASE_NAMES_RU
from .schema import UNKNOWN, FieldSpec, Schema, value_at

#: Runs of ordinary white space (no-break spaces are kept: «2023–2026 годы»)
_SPACES_RE = re.compile(r"[ \t\r\n]+")
#: Characters XML 1.0 forbids, plus docgen's own placeholder markers.
_FORBIDDEN_RE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff{OPEN}{CLOSE}]")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@functools.lru_cache(maxsize=8192)
def clean_text(text: str) -> str:
    """Return `text` without characters a .docx cannot hold, typographed (quotes, dashes, NBSP)."""
    text = _FORBIDDEN_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return ru.typograph(text.strip())


def build_values(
    data: Mapping[str, Any],
    schema: Schema,
    *,
    cite: Callable[[str], Any] | None = None,
    kinds: Kinds | None = None,
) -> dict[str, Any]:
    """Return the nested template values for validated variable-set `data`.

    `cite` turns a registry id into what templates cite (docgen.citation.Citation); without
    it an act id stays a string. `kinds` gives the act kinds their explicit case forms.
    """
    return _Values(schema, cite, kinds).node(data, "", "", data)


class Absent(Missing):
    """An optional value that is not given: false in ``{% if %}``, a placeholder if printed.

    A template that guards the sentence (``{% if region.system %}``) omits it; one that
    does not shows «[не заполнено: …]» in the draft and the final is refused — never an
    exception from a filter that got nothing.
    """

    def __bool__(self) -> bool:
        return False


class _Values:
    def __init__(self, schema: Schema, cite, kinds: Kinds | None) -> None:
        self.schema = schema
        self.cite = cite
        self.kinds = kinds

    def node(self, node: Mapping, prefix: str, spec_prefix: str, root: Mapping) -> dict[str, Any]:
        schema = self.schema
        out: dict[str, Any] = {}
        for spec in schema.children(spec_prefix.rstrip(".")):
            key = spec.path[len(spec_prefix) :]
            if key.endswith("[]"):
                continue
            path = f"{prefix}{key}"
            out[key] = self.value(
                node.get(key) if isinstance(node, Mapping) else None, spec, path, root
            )
        # -- groups declared only through their children (e.g. «act» for «act.kind») --
        for group in schema.groups(spec_prefix.rstrip(".")):
            if group in out:
                continue
            child = node.get(group) if isinstance(node, Mapping) else None
            out[group] = self.node(child or {}, f"{prefix}{group}.", f"{spec_prefix}{group}.", root)
        return out

    def value(self, value: Any, spec: FieldSpec, path: str, root: Mapping) -> Any:
        if value is UNKNOWN:
            return self.unknown(spec, path, root)
        if value is None or (isinstance(value, str) and not value.strip()):
            return [] if spec.type == "list" else Absent(spec.label)
        kind = spec.type
        if kind == "text":
            return clean_text(value)
        if kind == "phrase":
            if isinstance(value, Mapping):
                forms = {
                    case: _unknown_form(spec, case) if form is UNKNOWN else clean_text(form)
                    for case, form in value.items()
                }
                return ru.Phrase(forms["nomn"], forms=forms)
            return ru.Phrase(clean_text(value))
        if kind == "person":
            gender = value_at(root, spec.gender) if spec.gender else None
            return ru.Person(clean_text(value), gender=gender if gender in ("m", "f") else None)
        if kind == "act":
            return self.cite(value) if self.cite else value
        if kind == "choice" and spec.choices_from == "kinds" and self.kinds is not None:
            forms = self.kinds.get(value).forms
            return ru.Phrase(value, forms={"nomn": value, **forms}) if forms else value
        if kind == "list":
            item_spec = self.schema.fields.get(spec.path + "[]")
            items = []
            for i, item in enumerate(value):
                item_path = f"{path}[{i}]"
                if item_spec is not None:
                    items.append(self.value(item, item_spec, item_path, root))
                else:
                    items.append(self.node(item, item_path + ".", spec.path + "[].", item))
            return items
        return value

    def unknown(self, spec: FieldSpec, path: str, root: Mapping) -> Missing:
        """Return the placeholder of the unknown value of `spec`.

        An unknown list iterates as one unknown item, so a loop prints the placeholder: a
        list of mappings yields an item whose required fields are unknown and optional ones
        absent (``{% if m.indicator %}`` stays false), just as ``- !unknown`` would.
        """
        if spec.type != "list":
            return Missing(spec.label)
        item = None
        if self.schema.children(spec.path + "[]"):
            unknown = self.schema.unknown_item(spec.path)
            item = self.node(unknown, path + "[0].", spec.path + "[].", unknown)
        return MissingItems(spec.label, item)


def _unknown_form(spec: FieldSpec, case: str) -> Missing:
    """Return the placeholder of a case form given as ``!unknown`` («…, дательный падеж»)."""
    return Missing(f"{spec.label}, {CASE_NAMES_RU.get(case, case)} падеж")


def appendix_entries(titles: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    """Return the appendix descriptions the act and the marks need.

    `titles` holds (full name in the nominative, approval word) per appendix, e.g.
    («Положение о муниципальной … службе …», «УТВЕРЖДЕНО»). Appendices are numbered 1…N
    by the act's real appendices; a single appendix has no number.
    """
    numbered = len(titles) > 1
    entries = []
    for i, (title, approval) in enumerate(titles, 1):
        # -- the title is rendered from values already clean: its placeholders («Положение о
        #    [не заполнено: …]») keep their markers, so a draft shows them and a final refuses --
        title = ru.typograph(_CONTROL_RE.sub("", _SPACES_RE.sub(" ", title)).strip())
        head, _, tail = title.partition(" ")
        number = i if numbered else None
        entries.append(
            {
                "number": number,
                "title": ru.Phrase(title),
                "kind": head,
                "heading": head.upper(),
                "subject": tail,
                "approval": approval,
                "ref": f"(приложение {number})" if number else "(приложение)",
            }
        )
    return entries
