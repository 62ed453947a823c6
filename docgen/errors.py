"""Errors raised by docgen; every one carries the place it refers to.

The hierarchy::

    DocgenError                      base; ``location`` + Russian ``message``
     ├── SettingsError               a setting (``DOCGEN_*``) has a value docgen cannot use
     ├── VariablesError              a variable set or the registry of acts is wrong
     │    │                          (file, key path, YAML line)
     │    └── VariablesSyntaxError   the YAML itself does not parse
     ├── UnknownIdError              no such template, package or municipality
     │    └── UnknownProfileError    no such checker profile (``--profile``)
     ├── TemplateError               a .docx template or its metadata is wrong
     │    └── TemplateRenderError    Jinja failed while rendering (template + nearby text)
     ├── InflectionError             a phrase cannot be declined (re-raised from ``docgen.ru``)
     ├── MissingValuesError          final mode and some values are still unknown
     ├── ScaffoldError               ``docgen new …`` cannot write what it was asked for
     ├── CheckInputError             a file given to ``docgen check`` is not readable
     │    └── PdfReadError           a PDF cannot be read (not a PDF, poppler missing)
     └── ConversionError             LibreOffice failed to make a PDF (crash, timeout, refusal)

The library raises; only the shells (CLI, web) translate errors for people.
``str(error)`` is the text to show: «<место>: <сообщение>».
"""

from __future__ import annotations

from collections.abc import Sequence


class DocgenError(Exception):
    """Base class: a Russian `message` about the thing at `location`."""

    def __init__(self, message: str, location: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class SettingsError(DocgenError):
    """A setting has a value docgen cannot use; `location` names the setting."""


class VariablesError(DocgenError):
    """A variable set breaks the schema: unknown key, wrong type, bad value."""


class VariablesSyntaxError(VariablesError):
    """A YAML file does not parse; `location` is «файл:строка»."""


class UnknownIdError(DocgenError):
    """A template, package or municipality id that does not exist."""


class UnknownProfileError(UnknownIdError):
    """No checker profile with that name."""


class TemplateError(DocgenError):
    """A template file or its metadata is broken."""


class TemplateRenderError(TemplateError):
    """Rendering failed; `context` holds the template lines around the error."""

    def __init__(
        self, message: str, location: str | None = None, context: Sequence[str] = ()
    ) -> None:
        super().__init__(message, location)
        self.context = list(context)

    def __str__(self) -> str:
        text = super().__str__()
        if self.context:
            text += "\n  рядом с текстом: " + " … ".join(c for c in self.context if c)
        return text


class InflectionError(DocgenError):
    """A value could not be put into the grammatical case a template asked for."""


class MissingValuesError(DocgenError):
    """Final mode refuses to generate while values are unknown; `missing` lists them."""

    def __init__(self, missing: Sequence[str], location: str | None = None) -> None:
        self.missing = list(missing)
        listed = "; ".join(self.missing)
        super().__init__(
            f"чистовой вариант не сформирован: не заполнены значения — {listed}", location
        )


class ScaffoldError(DocgenError):
    """``docgen new …`` refuses: the file exists, the id is taken, the folder is installed."""


class CheckInputError(DocgenError):
    """The file to check is not a readable .docx or .txt."""


class PdfReadError(CheckInputError):
    """The PDF cannot be read: poppler-utils missing, or the file is not a PDF."""


class ConversionError(DocgenError):
    """LibreOffice could not turn a document into PDF: crashed, hung, refused the file.

    `reason` is one of ``"timeout"``, ``"crashed"``, ``"failed"``, ``"unavailable"``.
    """

    def __init__(self, message: str, location: str | None = None, reason: str = "failed") -> None:
        super().__init__(message, location)
        self.reason = reason
