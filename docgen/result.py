"""What a generation gives back: the document, what is still unknown, findings, provenance."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .findings import Finding
from .templates import DocTemplate, Package

_UNSAFE_NAME_RE = re.compile(r'[\x00-\x1f\x7f\\/:*?"<>|\ue000-\uf8ff]+')


@dataclass(frozen=True)
class Requisites:
    """The act's kind, date and number and the municipality's short name, as far as known."""

    kind: str = ""
    date: dt.date | None = None
    number: str = ""
    place: str = ""


@dataclass(frozen=True)
class GenerationResult:
    """The generated .docx and everything a shell needs to present or record it.

    `missing` lists the labels of values still unknown (a draft shows them highlighted);
    `templates` are the parts rendered (id, version, content hash); `variables_hash` is
    the hash of the variable set after layering and overrides.
    """

    package: Package
    set_id: str
    docx: bytes
    missing: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    draft: bool = True
    templates: tuple[DocTemplate, ...] = ()
    variables_hash: str = ""
    requisites: Requisites = field(default_factory=Requisites)
    #: the registry ids of the acts the variable set cites, in order, without repeats
    cited_acts: tuple[str, ...] = ()

    @property
    def filename(self) -> str:
        """Return a Latin file name: «lenobl-mms_leningrad-kirovsky.docx»."""
        return f"{self.package.id}_{self.set_id.replace('/', '-')}.docx"

    def display_name(self, extension: str = "docx") -> str:
        """Return a readable Russian file name for downloads and archives.

        «Распоряжение от 23.05.2023 № 233 — Кировский район.docx»; a draft ends with
        «(черновик)»; without a known date and number the package title stands first.
        """
        req = self.requisites
        if req.kind and req.date and req.number:
            head = f"{req.kind[:1].upper()}{req.kind[1:]} от {req.date:%d.%m.%Y} № {req.number}"
        else:
            head = self.package.title
        name = f"{head} — {req.place}" if req.place else head
        if self.draft:
            name += " (черновик)"
        name = " ".join(_UNSAFE_NAME_RE.sub(" ", name).split()).strip(" .")[:150].strip()
        return f"{name or 'документ'}.{extension}"


def requisites_of(data: Mapping[str, Any]) -> Requisites:
    """Return the requisites of the act described by the variable-set `data`."""
    act = data.get("act") or {}
    municipality = data.get("municipality") or {}
    date = act.get("date")
    return Requisites(
        kind=_plain(act.get("kind")),
        date=date if isinstance(date, dt.date) else None,
        number=_plain(act.get("number")),
        place=_plain(municipality.get("short")) or _plain(municipality.get("name")),
    )


def _plain(value: Any) -> str:
    if isinstance(value, Mapping):
        value = value.get("nomn")
    return value if isinstance(value, str) else ""
