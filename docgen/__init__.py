"""docgen: signature-ready DOCX drafts of municipal normative acts from a template library.

The public API every shell (CLI, web, batch) uses::

    from docgen import Docgen, Settings
    dg = Docgen(Settings.from_env())
    result = dg.generate("lenobl-mms", "leningrad/kirovsky", draft=True)
    Path(result.display_name()).write_bytes(result.docx)

The conformance checker is :mod:`docgen.checks`; the Russian-language layer
:mod:`docgen.ru`. Reading documents back: :func:`text_view` (a .docx as paragraphs with
docgen's styles and placeholders), :func:`import_act` (an existing act → values and its
deviations), :func:`make_redline` (the act as tracked changes against the region's model
set, :func:`model_set_id`). Everything else is internal.
"""

from __future__ import annotations

from ._version import __version__ as __version__
from .act_import import Deviation, Imported, import_act
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
from .redline import Redline
from .redline import redline as make_redline
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
from .textview import Span, TextParagraph, TextTable, text_view
from .variables import VariableSet, model_set_id

__all__ = [
    "CASE_KEYS",
    "PARAGRAPH_STYLES",
    "UNKNOWN",
    "ActRegistry",
    "BatchItem",
    "BatchReport",
    "CheckInputError",
    "CitedAct",
    "Deviation",
    "DocTemplate",
    "DocgenError",
    "Docgen",
    "FieldSpec",
    "Finding",
    "FolderSource",
    "GenerationResult",
    "Imported",
    "InflectionError",
    "MissingValuesError",
    "OverlaySource",
    "Redline",
    "Package",
    "Requisites",
    "Resolved",
    "Schema",
    "Settings",
    "SettingsError",
    "Severity",
    "Span",
    "TemplateError",
    "TemplateFiles",
    "TemplateRenderError",
    "TemplateSource",
    "TextParagraph",
    "TextTable",
    "UnknownIdError",
    "UnknownProfileError",
    "VariableSet",
    "VariablesError",
    "VariablesSyntaxError",
    "clean_text",
    "import_act",
    "make_redline",
    "model_set_id",
    "produce",
    "run_batch",
    "text_view",
]
