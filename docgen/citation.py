"""Citations of registry acts, spelled one way everywhere.

«приказом комитета общего и профессионального образования Ленинградской области от
11.05.2023 № 17 «Об утверждении …»»: the kind in the case the sentence needs (with a
capital for «Федеральный закон», «Указ»), the issuer in the genitive, the date digital or
long, the number after «№» with a no-break space, the title in «ёлочки»; an act changed by
later acts gets «(в ред. …)». The pattern is data (``citation`` in the wording).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import ru
from .acts import ActRegistry, CitedAct
from .errors import VariablesError
from .kinds import Kinds
from .placeholders import Missing
from .schema import Schema
from .variables import VariableSet
from .wording import Wording

DATE_STYLES = ("digital", "long")
NBSP = "\u00a0"


@dataclass(frozen=True, eq=False)
class Citation:
    """A registry act as the templates see it: ``{{ act | cite('ablt') }}``.

    `amendments` are the acts that changed it («в ред.»), resolved from the registry.
    A citation is immutable, so each spelling is made once: a context (and the citations
    in it) is cached by the core object and rendered many times.
    """

    act: CitedAct
    kinds: Kinds
    wording: Wording
    amendments: tuple[CitedAct, ...] = ()
    _texts: dict[tuple[str, str, bool], str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def id(self) -> str:
        """Return the registry id of the act."""
        return self.act.id

    def text(self, case: str = "nomn", date: str = "long", *, amendments: bool = True) -> str:
        """Return the citation in grammatical `case` with dates in style `date`.

        «Федеральный закон от 29 декабря 2012 г. № 273-ФЗ «Об образовании в Российской
        Федерации»» (nomn, long); «приказа … от 11.05.2023 № 17 «…»» (gent, digital).
        """
        key = (case, date, amendments)
        known = self._texts.get(key)
        if known is not None:
            return known
        if date not in DATE_STYLES:
            raise ValueError(f"стиль даты: одно из {', '.join(DATE_STYLES)}, а не «{date}»")
        text = _cite(self.act, case, date, self.kinds, self.wording)
        if amendments and self.amendments:
            cited = ", ".join(
                _cite(a, "gent", date, self.kinds, self.wording, with_title=False)
                for a in self.amendments
            )
            text += " " + self.wording.fill("amendments", cited=cited)
        self._texts[key] = text
        return text

    def __str__(self) -> str:
        return self.text()


def citation(act_id: str, registry: ActRegistry, kinds: Kinds, wording: Wording) -> Citation:
    """Return the citation of `act_id` (the acts that changed it resolved from `registry`)."""
    act = registry.get(act_id)
    amendments = tuple(registry.get(a) for a in act.amended_by if a in registry)
    return Citation(act, kinds, wording, amendments)


def validate_citations(
    variables: VariableSet, schema: Schema, registry: ActRegistry
) -> tuple[str, ...]:
    """Return the ids of the acts the set cites, each once, in order; raise VariablesError
    naming file and line of every act id the registry lacks."""
    problems = []
    cited = list(act_ids(variables.data, schema))
    for path, act_id in cited:
        if act_id not in registry:
            where = (
                variables.origins.get(path)
                or variables.origins.get(path.split("[")[0])
                or variables.id
            )
            try:
                registry.get(act_id)
            except VariablesError as exc:
                problems.append(f"{where}: {path}: {exc.message}")
    if problems:
        raise VariablesError(
            "набор ссылается на акты, которых нет в реестре:\n  " + "\n  ".join(problems),
            variables.id,
        )
    return tuple(dict.fromkeys(act_id for _, act_id in cited))


def act_ids(node: Any, schema: Schema, prefix: str = ""):
    """Yield (concrete path, id) of every value of type ``act`` in `node`, in order."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield from act_ids(value, schema, f"{prefix}{key}" if not prefix else f"{prefix}.{key}")
        return
    spec = schema.get(prefix) if prefix else None
    if isinstance(node, list):
        item_spec = schema.get(prefix + "[]")
        for i, item in enumerate(node):
            path = f"{prefix}[{i}]"
            if item_spec is not None and item_spec.type == "act" and isinstance(item, str):
                yield path, item
            else:
                yield from act_ids(item, schema, path)
        return
    if spec is not None and spec.type == "act" and isinstance(node, str):
        yield prefix, node


def kind_form(name: str, case: str, kinds: Kinds) -> str:
    """Return the act kind `name` in `case`, with the kind's capital and explicit forms.

    «федеральный закон», «ablt» → «Федеральным законом»; «распоряжение», «datv» →
    «распоряжению». An unknown value («[не заполнено: …]») passes through.
    """
    if isinstance(name, Missing):
        return name
    kind = kinds.get(str(name))
    form = kind.forms.get(case) or ru.inflect(ru.Phrase(kind.name), case)
    return form[:1].upper() + form[1:] if kind.capital else form


def _cite(
    act: CitedAct,
    case: str,
    date: str,
    kinds: Kinds,
    wording: Wording,
    *,
    with_title: bool = True,
) -> str:
    issuer = ""
    if act.issuer:
        forms = dict(act.issuer) if not isinstance(act.issuer, str) else {"nomn": act.issuer}
        issuer = ru.inflect(ru.Phrase(forms["nomn"], forms=forms), "gent")
    day = ru.date_long(act.date) if date == "long" else ru.date_digital(act.date)
    title = f"«{act.title}»" if act.title and with_title else ""
    parts = {"issuer": issuer, "date": day, "number": act.number, "title": title}
    if act.document:
        forms = dict(act.document) if not isinstance(act.document, str) else {"nomn": act.document}
        document = ru.inflect(ru.Phrase(forms["nomn"], forms=forms), case)
        # -- the covering letter or protocol itself stays in the nominative, in brackets --
        kind = kind_form(act.kind, "nomn", kinds)
        text = wording.fill("citation_document", document=document, kind=kind, **parts)
    else:
        text = wording.fill("citation", kind=kind_form(act.kind, case, kinds), **parts)
    text = " ".join(text.split()).replace(" )", ")")
    return ru.typograph(text.replace("№ ", f"№{NBSP}"))
