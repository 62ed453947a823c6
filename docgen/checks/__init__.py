"""The conformance checker and normative-act linter (`docgen check`).

Rules (docs/reference/gost.md G-xx, typography T-xx) are small registered functions over one neutral
model of the document. Text rules work on .docx and on plain text; layout rules read
effective .docx formatting and depend only on the template, so they can run once per
template version::

    from docgen.checks import check_docx, check_file, RULES
    findings = check_file("act.docx")                      # profile gost2025
    findings = check_docx(data, "gost2016", layout_key=template_hash)
    findings = check_parts({"word/document.xml": xml, …}, layout_key=template_hash)
    findings = check_file("act.docx", registry=load_registry(files, variables_dir))
    findings = check_docx(data, kinds=dg.kinds("moskovskaya"))   # a region's own kinds too

The act kinds (:mod:`docgen.kinds`: the blank's «РАСПОРЯЖЕНИЕ», the formula «ПРИКАЗЫВАЮ:»,
the mark's «к распоряжению») are data: every public check function takes the kinds in
effect as ``kinds=`` (a :class:`docgen.kinds.Kinds`; default: the shared kinds shipped with
docgen), and the document is read with them (:mod:`docgen.checks.kinds`).

A few rules need more than the document: the registry of cited acts
(:class:`docgen.acts.ActRegistry`, for acts that lost force) and today's date (what a
draft's dates are compared with when the act has no date of its own). Every public check
function takes them as ``registry=`` and ``today=``; `today` defaults to the clock, read
here and never inside a rule.

`check_parts` takes the package's parts unzipped (what a renderer has before it writes
the ZIP) and gives the same findings as `check_docx` on the .docx holding them.

Checking many similar documents is fast: what depends only on a paragraph's XML or text
(its effective formatting, the matches of each rule) is memoised across documents in
bounded LRU tables (:mod:`docgen.checks.memo`); `clear_caches` empties them.

Profiles (``gost2025`` by default, ``gost2016``) are data: ``profiles.yaml``.
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import typing
from dataclasses import dataclass
from pathlib import Path

from ..errors import CheckInputError
from ..findings import Finding, Severity
from . import memo
from .docx_reader import DocxFormatError
from .kinds import kind_words as _kind_words
from .model import DocModel, RunContext
from .profiles import DEFAULT_PROFILE, PROFILES, Profile, UnknownProfileError, load_profile
from .registry import Rule, all_rules
from .runner import (
    cached_layout,
    clear_layout_cache,
    model_from_docx,
    model_from_parts,
    model_from_text,
    run_layout,
    run_rules,
)

if typing.TYPE_CHECKING:
    from ..kinds import Kinds
    from .kinds import KindWords


@dataclass(frozen=True)
class RuleInfo:
    """A row of the rules table: id, main severity, kind («text»/«layout»), description.

    `severities` lists every severity the rule reports, the main one first.
    """

    id: str
    severity: Severity
    kind: str
    description: str
    severities: tuple[Severity, ...] = ()

    @property
    def severity_label(self) -> str:
        """Return the severities in Russian: «ошибка / предупреждение»."""
        return " / ".join(s.label for s in self.severities or (self.severity,))


RULES: tuple[RuleInfo, ...] = tuple(
    RuleInfo(r.id, r.severity, r.kind, r.title, r.severities) for r in all_rules()
)


def rules_markdown() -> str:
    """Return the rules table for README: id, severities, where the rule looks, description."""
    where = {"text": "текст", "layout": "оформление"}
    rows = ["| Правило | Уровень | Где | Что проверяет |", "|---|---|---|---|"]
    rows += [f"| {r.id} | {r.severity_label} | {where[r.kind]} | {r.description} |" for r in RULES]
    return "\n".join(rows)


def _profile(profile: str | Profile) -> Profile:
    return profile if isinstance(profile, Profile) else load_profile(profile)


def _context(registry, today: dt.date | None) -> RunContext:
    """Return the run context; the one place the checker reads the clock."""
    return RunContext(today=today or dt.date.today(), registry=registry)


def check_text_model(
    model: DocModel,
    profile: str | Profile = DEFAULT_PROFILE,
    *,
    registry=None,
    today: dt.date | None = None,
) -> list[Finding]:
    """Return the findings of the text rules on an already built `model`.

    `registry` (:class:`docgen.acts.ActRegistry`) names the acts that lost force; `today`
    (default: the clock) stands in for the date of an act that has none.
    """
    return run_rules(model, _profile(profile), ("text",), _context(registry, today))


def check_text(
    text: str,
    profile: str | Profile = DEFAULT_PROFILE,
    *,
    registry=None,
    today: dt.date | None = None,
    kinds: Kinds | None = None,
) -> list[Finding]:
    """Return the findings of the text rules on plain `text` (one line = one paragraph),
    read with the act `kinds` (default: the shared ones)."""
    model = model_from_text(text, kinds)
    return check_text_model(model, profile, registry=registry, today=today)


def _model(read, source, kinds: Kinds | None, name: str = "документ") -> DocModel:
    """Return ``read(source, kinds)`` (:func:`model_from_docx` or :func:`model_from_parts`);
    a package that cannot be read is a CheckInputError naming `name`."""
    try:
        return read(source, kinds)
    except DocxFormatError as exc:
        raise CheckInputError(f"не читается как .docx: {exc}", name) from None


def clear_caches() -> None:
    """Forget every memoised result: per-paragraph and per-part memos and layout findings."""
    memo.clear_memos()
    clear_layout_cache()


def check_layout(
    data: bytes,
    profile: str | Profile = DEFAULT_PROFILE,
    *,
    cache_key: str | None = None,
    kinds: Kinds | None = None,
) -> list[Finding]:
    """Return the findings of the layout rules on .docx `data` read with the act `kinds`.

    Layout rules read page setup, styles, headers and paragraph formatting, which come from
    the template; pass `cache_key` (e.g. the template content hash) to compute them once
    (per kinds: they decide which paragraphs are requisites).
    """
    profile = _profile(profile)
    if cache_key is not None:
        cached = cached_layout(cache_key, profile, _kind_words(kinds))
        if cached is not None:
            return cached
    return run_layout(_model(model_from_docx, data, kinds), profile, cache_key)


def check_docx(
    data: bytes,
    profile: str | Profile = DEFAULT_PROFILE,
    *,
    layout: bool = True,
    text: bool = True,
    layout_key: str | None = None,
    registry=None,
    today: dt.date | None = None,
    kinds: Kinds | None = None,
) -> list[Finding]:
    """Return the findings on .docx `data`: text rules, layout rules, or both.

    The document is parsed once, read with the act `kinds` (default: the shared ones). With
    `layout_key` the layout findings are memoised under that key (one computation per
    template version and kinds). `registry` and `today`: see :func:`check_text_model`.
    """
    return _check_package(
        lambda: _model(model_from_docx, data, kinds),
        profile,
        layout,
        text,
        layout_key,
        _context(registry, today),
        _kind_words(kinds),
    )


def check_parts(
    parts: collections.abc.Mapping[str, bytes | str],
    profile: str | Profile = DEFAULT_PROFILE,
    *,
    layout: bool = True,
    text: bool = True,
    layout_key: str | None = None,
    registry=None,
    today: dt.date | None = None,
    kinds: Kinds | None = None,
) -> list[Finding]:
    """Return the findings on a package given as its parts, without the ZIP.

    `parts` maps part names to their XML (bytes, or str without an XML declaration
    naming another encoding): at least ``_rels/.rels`` (or ``word/document.xml`` itself),
    ``word/document.xml``, ``word/_rels/document.xml.rels`` and the parts it names that
    the checker reads (styles, theme, settings, headers). The findings are those
    :func:`check_docx` gives on the .docx made of the same parts.
    """
    return _check_package(
        lambda: _model(model_from_parts, parts, kinds),
        profile,
        layout,
        text,
        layout_key,
        _context(registry, today),
        _kind_words(kinds),
    )


def _check_package(
    build,
    profile,
    layout: bool,
    text: bool,
    layout_key: str | None,
    context: RunContext,
    kinds: KindWords,
) -> list[Finding]:
    profile = _profile(profile)
    cached = (
        cached_layout(layout_key, profile, kinds) if layout and layout_key is not None else None
    )
    if cached is not None and not text:
        return cached
    model = build()
    found: list[Finding] = []
    if layout:
        found.extend(cached if cached is not None else run_layout(model, profile, layout_key))
    if text:
        found.extend(run_rules(model, profile, ("text",), context))
    return found


def check_file(
    path: str | Path,
    profile: str | Profile = DEFAULT_PROFILE,
    *,
    registry=None,
    today: dt.date | None = None,
    kinds: Kinds | None = None,
) -> list[Finding]:
    """Return the findings on the .docx, .txt or .pdf file at `path` (chosen by extension).

    A .pdf gets the page checks of the rendered pages (docgen.pdf, P-01…P-04: without the
    .docx its sections are not known, so every page must be A4). `registry` and `today`:
    see :func:`check_text_model`; `kinds`: the act kinds the file is read with (default:
    the shared ones). Raises CheckInputError naming the file when it cannot be read.
    """
    path = Path(path)
    profile = _profile(profile)
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CheckInputError(f"файл не читается: {exc.strerror or exc}", str(path)) from None
    if suffix == ".docx":
        try:
            return check_docx(data, profile, registry=registry, today=today, kinds=kinds)
        except CheckInputError as exc:
            raise CheckInputError(exc.message, str(path)) from None
    if suffix == ".pdf":
        from ..pdf import check_pdf

        try:
            return check_pdf(data)
        except CheckInputError as exc:
            raise CheckInputError(exc.message, str(path)) from None
    if suffix == ".txt":
        for encoding in ("utf-8-sig", "cp1251"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            return check_text(text, profile, registry=registry, today=today, kinds=kinds)
        raise CheckInputError("текст не в кодировке UTF-8 или Windows-1251", str(path))
    raise CheckInputError("проверяются только файлы .docx, .txt и .pdf", str(path))


__all__ = [
    "PROFILES",
    "RULES",
    "CheckInputError",
    "DocModel",
    "Profile",
    "Rule",
    "RuleInfo",
    "RunContext",
    "UnknownProfileError",
    "check_docx",
    "check_file",
    "check_layout",
    "check_parts",
    "check_text",
    "check_text_model",
    "clear_caches",
    "clear_layout_cache",
    "load_profile",
    "model_from_docx",
    "model_from_parts",
    "model_from_text",
    "rules_markdown",
]
