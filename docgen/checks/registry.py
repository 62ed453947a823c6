"""The rule registry: one small function per rule id, registered with :func:`rule`.

A rule function takes the classified :class:`~docgen.checks.model.DocModel` and the
:class:`~docgen.checks.profiles.Profile` and yields :class:`Issue` objects; the runner
turns them into :class:`~docgen.findings.Finding` (rule id, severity, location, quote).
The registry knows nothing of individual rules, like Datasette's built-in plugins::

    @rule("T-04", Severity.ERROR, "text", "Знак «№»: пробел после него, без «№№»")
    def number_sign(doc, profile):
        for para in text_paragraphs(doc):
            ...
            yield issue(para, "нет пробела после «№»", hint="«№ 233»")
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..findings import Severity

KINDS = ("text", "layout")
_ID_RE = re.compile(r"^[A-Z]-\d{2}$")


@dataclass(frozen=True)
class Issue:
    """What a rule found: where (a paragraph, section, table or text), message, hint.

    `quote` None means «quote the paragraph»; `severity` None means the rule's own.
    """

    where: Any
    message: str
    hint: str = ""
    quote: str | None = None
    severity: Severity | None = None


def issue(
    where: Any,
    message: str,
    hint: str = "",
    quote: str | None = None,
    severity: Severity | None = None,
) -> Issue:
    """Return an :class:`Issue` (the one way rules report)."""
    return Issue(where, message, hint, quote, severity)


@dataclass(frozen=True)
class Rule:
    """A registered rule: id (G-xx/T-xx), main severity, kind, Russian title, function.

    `also` lists the other severities some of its findings have (docs/reference/gost.md grades the
    sub-checks of one rule differently: «№» without a space is an error, with an ordinary
    space a warning).
    """

    id: str
    severity: Severity
    kind: str
    title: str
    check: Callable[..., Iterable[Issue]]
    also: tuple[Severity, ...] = ()

    @property
    def severities(self) -> tuple[Severity, ...]:
        """Return every severity the rule reports, the main one first."""
        return (self.severity, *self.also)

    @property
    def module(self) -> str:
        """Return the module that defines the rule (for the docs and tests)."""
        return self.check.__module__


_REGISTRY: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, kind: str, title: str, also: tuple[Severity, ...] = ()):
    """Register the decorated function as rule `rule_id` (one id, one function)."""
    if not _ID_RE.match(rule_id):
        raise ValueError(f"rule id {rule_id!r} must look like G-01 or T-13")
    if kind not in KINDS:
        raise ValueError(f"rule kind {kind!r} must be one of {KINDS}")

    def register(func):
        if rule_id in _REGISTRY and _REGISTRY[rule_id].check.__qualname__ != func.__qualname__:
            raise ValueError(f"rule {rule_id} is registered twice")
        _REGISTRY[rule_id] = Rule(rule_id, severity, kind, title, func, tuple(also))
        return func

    return register


def _order(rule_id: str) -> tuple[str, int]:
    return rule_id[0], int(rule_id[2:])


def all_rules() -> tuple[Rule, ...]:
    """Return every registered rule, G-xx first, then T-xx, by number."""
    return tuple(_REGISTRY[k] for k in sorted(_REGISTRY, key=_order))
