"""docgen: signature-ready DOCX drafts of municipal normative acts from a template library.

The public API every shell (CLI, web, batch) uses::

    import docgen
    result = docgen.generate("lenobl-mms", "leningrad/kirovsky", draft=True)
    Path("out.docx").write_bytes(result.docx)
"""

from __future__ import annotations

from pathlib import Path

from .environment import make_environment
from .errors import (
    DocgenError,
    InflectionError,
    MissingValuesError,
    TemplateError,
    TemplateRenderError,
    UnknownIdError,
    VariablesError,
    VariablesSyntaxError,
)
from .findings import Finding, Severity
from .pipeline import GenerationResult, build_context, generate
from .settings import Settings
from .templates import template_path as _template_path

__version__ = "0.1.0"


def template_path(template_id: str, settings: Settings | None = None) -> Path:
    """Return the path of the .docx template `template_id`."""
    settings = settings or Settings.from_env()
    return _template_path(template_id, settings.templates_dir)


__all__ = [
    "DocgenError",
    "Finding",
    "GenerationResult",
    "InflectionError",
    "MissingValuesError",
    "Settings",
    "Severity",
    "TemplateError",
    "TemplateRenderError",
    "UnknownIdError",
    "VariablesError",
    "VariablesSyntaxError",
    "build_context",
    "generate",
    "make_environment",
    "template_path",
]
