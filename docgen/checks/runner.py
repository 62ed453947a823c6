"""Run the registered rules over a model and turn their issues into findings.

Layout rules depend only on the template (styles, sections, headers) and on the act kinds
the document is read with (which paragraph is a requisite), so their results can be memoised
under a caller's key — for docgen, the content hashes of the templates a package was
rendered from — and the kinds' key, while text rules run on every document.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

from ..findings import Finding
from ..kinds import Kinds
from . import rules as _rules  # noqa: F401 - registers every rule
from .classify import classify
from .docx_reader import read_docx, read_parts
from .kinds import KindWords, kind_words
from .model import DocModel, Para, RunContext, Section, Table
from .patterns import UNFILLED_RE, short
from .profiles import Profile
from .registry import Issue, Rule, all_rules
from .text_reader import read_text

_LAYOUT_CACHE: OrderedDict[tuple[str, str, str], tuple[Finding, ...]] = OrderedDict()
LAYOUT_CACHE_SIZE = 256


def model_from_docx(data: bytes, kinds: Kinds | None = None) -> DocModel:
    """Return the model of .docx `data` read with the act `kinds` (default: the shared ones).

    Raises DocxFormatError.
    """
    return classify(read_docx(data), kind_words(kinds))


def model_from_parts(parts, kinds: Kinds | None = None) -> DocModel:
    """Return the model of a package given as part name → XML, read with the act `kinds`.

    Raises DocxFormatError when a part is not well-formed.
    """
    return classify(read_parts(parts), kind_words(kinds))


def model_from_text(text: str, kinds: Kinds | None = None) -> DocModel:
    """Return the model of plain `text` read with the act `kinds` (default: the shared ones)."""
    return classify(read_text(text), kind_words(kinds))


def run_rules(
    model: DocModel,
    profile: Profile,
    kinds: Iterable[str],
    context: RunContext | None = None,
) -> list[Finding]:
    """Return the findings of every enabled rule of `kinds` on `model`, in document order.

    `context` (today, the registry of cited acts) is what the rules see as ``model.context``
    during the run; without it they see an empty one (no registry, no today).
    """
    kinds = set(kinds)
    keyed: list[tuple[tuple[int, int, int], Finding]] = []
    outer, model.run = model.run, {}
    outer_context, model.context = model.context, context or RunContext()
    try:
        for order, rule in enumerate(all_rules()):
            if rule.kind not in kinds or rule.id in profile.disabled:
                continue
            if rule.kind == "layout" and not model.is_docx:
                continue
            for n, found in enumerate(rule.check(model, profile)):
                if _judged_once(rule, found):
                    continue
                keyed.append(
                    (
                        (_position(model, found.where), order, n),
                        _finding(rule, found, model, profile),
                    )
                )
    finally:
        model.run = outer
        model.context = outer_context
    keyed.sort(key=lambda pair: pair[0])
    return [finding for _, finding in keyed]


def run_layout(model: DocModel, profile: Profile, cache_key: str | None = None) -> list[Finding]:
    """Return the layout findings of `model`, memoised under `cache_key` (and the key of the
    kinds the model was read with) when given."""
    if cache_key is None:
        return run_rules(model, profile, ("layout",))
    key = (cache_key, profile.name, model.kinds.key)
    if key in _LAYOUT_CACHE:
        _LAYOUT_CACHE.move_to_end(key)
        return list(_LAYOUT_CACHE[key])
    found = tuple(run_rules(model, profile, ("layout",)))
    _LAYOUT_CACHE[key] = found
    while len(_LAYOUT_CACHE) > LAYOUT_CACHE_SIZE:
        _LAYOUT_CACHE.popitem(last=False)
    return list(found)


def cached_layout(cache_key: str, profile: Profile, kinds: KindWords) -> list[Finding] | None:
    """Return the memoised layout findings for `cache_key` of a document read with `kinds`,
    or None when not computed yet."""
    found = _LAYOUT_CACHE.get((cache_key, profile.name, kinds.key))
    return None if found is None else list(found)


def clear_layout_cache() -> None:
    """Forget every memoised layout result."""
    _LAYOUT_CACHE.clear()


def _judged_once(rule: Rule, found: Issue) -> bool:
    """Return True for an issue about a paragraph with an unfilled value (reported by G-51 only).

    A draft's «[не заполнено: Вид акта]» is not also a lower-case act kind, a missing date
    or a signature without a name.
    """
    where = found.where
    return rule.id != "G-51" and isinstance(where, Para) and bool(UNFILLED_RE.search(where.text))


def _position(model: DocModel, where) -> int:
    if isinstance(where, Para):
        return where.index
    if isinstance(where, Section):
        return where.first
    if isinstance(where, Table):
        return where.first
    return -1


def _finding(rule: Rule, found: Issue, model: DocModel, profile: Profile) -> Finding:
    where = found.where
    quote = found.quote
    if isinstance(where, Para):
        location = model.where(where)
        if quote is None:
            quote = short(where.text)
    elif isinstance(where, (Section, Table)):
        location = where.position()
        first = model.paragraphs[where.first] if where.first < len(model.paragraphs) else None
        if (
            first is not None
            and first.part is not None
            and (len(model.parts) > 1 or first.part.kind != "other")
        ):
            location += f" ({first.part.label})"
    else:
        location = str(where) if where else "документ"
    severity = profile.severity.get(rule.id) or found.severity or rule.severity
    return Finding(rule.id, severity, location, found.message, found.hint, quote or "")
