"""Every document docgen generates passes the checker in both profiles.

Drafts show «[не заполнено: …]» for unknown values and «[проверить: …]» for text proposed
without a source; those are G-51 errors by design (a draft is not ready for signature) and
nothing else may be an error. Warnings must be among the ones README lists and justifies.
The checks run with the shipped registry of cited acts and the tests' TODAY (undated
drafts are judged against it).
"""

from __future__ import annotations

import pytest
from checks.checkenv import TODAY, shipped_registry

from docgen import Settings
from docgen.checks import PROFILES, check_docx
from docgen.findings import Severity

from shipped import documents_and_sets, generate

SETTINGS = Settings(run_checks=False)
REGISTRY = shipped_registry()
#: (document, rule) of the warnings README lists: the roadmap rendered alone uses
#: abbreviations its Положение defines (G-32); the regional Положение keeps «ОО ПО» of its
#: 2019 source undefined (G-32).
JUSTIFIED_WARNINGS = {
    ("roadmap-msms-hmao", "G-32"),
    ("polozhenie-rms-lenobl", "G-32"),
    ("lenobl-rms", "G-32"),
}
#: Content marked for review («[проверить: …]», e.g. a roadmap composed without a source)
#: may still carry the old act's deadlines: the final is refused until it is reviewed.
UNDER_REVIEW_WARNINGS = {"G-56"}


def _check(data: bytes, profile: str):
    return check_docx(data, profile, registry=REGISTRY, today=TODAY)


@pytest.mark.parametrize(("document_id", "set_id"), documents_and_sets(SETTINGS))
def test_generated_document_has_no_errors(document_id, set_id):
    result = generate(document_id, set_id, draft=True, settings=SETTINGS)
    under_review = any(label.startswith("проверить:") for label in result.missing)
    for profile in PROFILES:
        found = _check(result.docx, profile)
        errors = [
            f
            for f in found
            if f.severity is Severity.ERROR and not (f.rule == "G-51" and result.missing)
        ]
        assert errors == [], profile
        warnings = {
            (document_id, f.rule)
            for f in found
            if f.severity is Severity.WARNING
            and not (under_review and f.rule in UNDER_REVIEW_WARNINGS)
        }
        assert warnings <= JUSTIFIED_WARNINGS, profile


def test_complete_set_gives_a_clean_package():
    result = generate("lenobl-mms", "leningrad/kirovsky", settings=SETTINGS)
    for profile in PROFILES:
        assert _check(result.docx, profile) == []
