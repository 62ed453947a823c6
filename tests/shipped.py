"""The core objects the tests work with: one per settings, as an app would keep one.

`generate`, `context`, `variables` and the listing helpers are thin wrappers over
:class:`docgen.Docgen` so that tests read like the documentation's examples.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docgen import Docgen, GenerationResult, Settings, VariableSet

from paths import TEMPLATES, VARIABLES

#: The shipped library without the checker (tests that check say so).
SHIPPED = Settings(templates_dir=TEMPLATES, variables_dir=VARIABLES, run_checks=False)
_CORES: dict[Settings, Docgen] = {}


def core(settings: Settings | None = None) -> Docgen:
    """Return the core object for `settings` (default: the shipped library, no checks)."""
    settings = settings or SHIPPED
    if settings not in _CORES:
        _CORES[settings] = Docgen(settings)
    return _CORES[settings]


def generate(
    package_id: str,
    set_id: str,
    overrides: Mapping[str, Any] | None = None,
    *,
    draft: bool = False,
    settings: Settings | None = None,
) -> GenerationResult:
    """Return ``core(settings).generate(...)``."""
    return core(settings).generate(package_id, set_id, overrides, draft=draft)


def copied(folder: Path) -> Docgen:
    """Return a core object (no checks) over a copy of the shipped library in `folder`
    (``templates_docx``, ``variables``): the test may change those files."""
    templates, variables = folder / "templates_docx", folder / "variables"
    shutil.copytree(TEMPLATES, templates, ignore=shutil.ignore_patterns("src"))
    shutil.copytree(VARIABLES, variables)
    return Docgen(Settings(templates_dir=templates, variables_dir=variables, run_checks=False))


def variables(
    set_id: str, root: Path = VARIABLES, overrides: Mapping[str, Any] | None = None
) -> VariableSet:
    """Return the variable set `set_id` of the tree at `root`."""
    return core(Settings(templates_dir=TEMPLATES, variables_dir=root)).variables(set_id, overrides)


def package_set_pairs(settings: Settings | None = None) -> list[tuple[str, str]]:
    """Return every (package id, variable-set id) pair of the shipped packages."""
    dg = core(settings)
    return [(p, s) for p in dg.package_ids() for s in dg.set_ids() if dg.package(p).accepts(s)]


def documents_and_sets(settings: Settings | None = None) -> list[tuple[str, str]]:
    """Return every (package or template id, variable-set id) pair the library can render."""
    dg = core(settings)
    pairs = []
    for document_id in dg.package_ids() + dg.template_ids():
        package = dg.package(document_id)
        pairs += [(document_id, s) for s in dg.set_ids() if package.accepts(s)]
    return pairs
