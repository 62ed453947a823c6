"""docgen: signature-ready DOCX drafts of municipal normative acts from a template library.

The public API every shell (CLI, web, batch) uses::

    from docgen import Docgen, Settings
    dg = Docgen(Settings.from_env())
    result = dg.generate("lenobl-mms", "leningrad/kirovsky", draft=True)
    Path(result.display_name()).write_bytes(result.docx)

The conformance checker is :mod:`docgen.checks`; the Russian-language layer
:mod:`docgen.ru`. Everything else is internal.
"""

from __future__ import annotations

from ._version import __version__ as __version__
from .acts import ActRegistry, CitedAct
from .batch import BatchItem, BatchReport, run_batch
from .bundle import produce
from .context import clean_text
from .core import Docgen, Resolved
from .errors import (
    CheckInputError,
    DocgenError,
    InflectionError,
    MissingValuesError,
    SettingsError,
    TemplateError,
    TemplateRenderError,
    UnknownIdError,
    UnknownProfileError,
    VariablesError,
    VariablesSyntaxError,
)
from .findings import Finding, Severity
from .layout import STYLES as PARAGRAPH_STYLES
from .result import GenerationResult, Requisites
from .schema import CASE_KEYS, UNKNOWN, FieldSpec, Schema
from .settings import Settings
from .templates import (
    DocTemplate,
    FolderSource,
    OverlaySource,
    Package,
    TemplateFiles,
    TemplateSource,
)
from .variables import VariableSet

__all__ = [
    "CASE_KEYS",
    "PARAGRAPH_STYLES",
    "UNKNOWN",
    "ActRegistry",
    "BatchItem",
    "BatchReport",
    "CheckInputError",
    "CitedAct",
    "DocTemplate",
    "DocgenError",
    "Docgen",
    "FieldSpec",
    "Finding",
    "FolderSource",
    "GenerationResult",
    "InflectionError",
    "MissingValuesError",
    "OverlaySource",
    "Package",
    "Requisites",
    "Resolved",
    "Schema",
    "Settings",
    "SettingsError",
    "Severity",
    "TemplateError",
    "TemplateFiles",
    "TemplateRenderError",
    "TemplateSource",
    "UnknownIdError",
    "UnknownProfileError",
    "VariableSet",
    "VariablesError",
    "VariablesSyntaxError",
    "clean_text",
    "produce",
    "run_batch",
]
