"""Fixtures of the PDF tests: one warm office for the session, crafted documents.

Without LibreOffice (or the system Python's ``uno``) the tests that convert are
skipped — except in CI (``CI=true``), where a missing office is a failure.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from docgen.docxbuild import build_docx
from docgen.pdf import OfficeConverter, unavailable_reason


def require_office() -> None:
    """Skip the calling test when conversion cannot work here (fail instead in CI)."""
    reason = unavailable_reason()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"тесты PDF обязательны в CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def needs_office() -> None:
    """Skip the test when conversion cannot work here (fail instead in CI)."""
    require_office()


@pytest.fixture(scope="session")
def office():
    """Return the session's warm converter (60 s per conversion)."""
    require_office()
    with OfficeConverter(timeout=60) as converter:
        yield converter


def live_processes(pgid: int) -> list[str]:
    """Return the names of the running (not zombie) processes in process group `pgid`."""
    names = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, tail = stat.read_text().rsplit(")", 1)
        except (OSError, ValueError):
            continue
        fields = tail.split()
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            names.append(head.split("(", 1)[1])
    return names


@pytest.fixture(scope="session")
def office_processes():
    """Return :func:`live_processes`: process group id → names of its live processes."""
    return live_processes


def markup_docx(*lines: str) -> bytes:
    """Return the .docx that docgen's template markup `lines` describe."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "doc.docx"
        build_docx("\n".join(lines), target)
        return target.read_bytes()


@pytest.fixture(scope="session")
def markup():
    """Return :func:`markup_docx`: template markup lines → .docx bytes."""
    return markup_docx


@pytest.fixture(scope="session")
def render(office):
    """Return a function: markup lines → (docx bytes, pdf bytes)."""

    def render_(*lines: str) -> tuple[bytes, bytes]:
        docx = markup_docx(*lines)
        return docx, office.docx_to_pdf(docx).pdf

    return render_
