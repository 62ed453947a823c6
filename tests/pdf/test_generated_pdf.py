"""Every shipped package × every set it accepts, rendered to PDF by the warm office.

The format must hold everywhere now: PDF/A-2b, every font embedded, the act's title in
the text, each section's pages in its declared size and orientation (P-04). Pagination
(P-01…P-03) is the legal-completeness issue's work: that test is an expected failure
until then, and its failures name the package, the set and the findings.
"""

from __future__ import annotations

import io

import docx as python_docx
import pytest

from docgen.pdf import check_pdf, pdf_fonts, pdfa_part, read_pages

from shipped import core, generate, package_set_pairs

PAIRS = package_set_pairs()

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rendered(office):
    """Return a function: (package, set) → (docx, pdf), each pair converted once."""
    done: dict[tuple[str, str], tuple[bytes, bytes]] = {}

    def render(package_id: str, set_id: str) -> tuple[bytes, bytes]:
        if (package_id, set_id) not in done:
            docx = generate(package_id, set_id, draft=True).docx
            done[package_id, set_id] = docx, office.docx_to_pdf(docx).pdf
        return done[package_id, set_id]

    return render


def test_every_package_has_sets():
    assert {p for p, _ in PAIRS} == set(core().package_ids())


@pytest.mark.parametrize(("package_id", "set_id"), PAIRS)
def test_pdf_is_pdfa_with_declared_page_formats(rendered, package_id, set_id):
    docx, pdf = rendered(package_id, set_id)
    assert pdfa_part(pdf) == ("2", "B")
    assert all(font.embedded for font in pdf_fonts(pdf))
    assert [f for f in check_pdf(pdf, docx) if f.rule == "P-04"] == []
    (title,) = [
        p.text for p in python_docx.Document(io.BytesIO(docx)).paragraphs
        if p.style.name == "Заголовок к тексту"
    ]  # fmt: skip
    first_page = " ".join(line.text for line in read_pages(pdf)[0].lines)
    assert title.startswith("Об утверждении")
    assert "".join(title.split()) in "".join(first_page.split())


@pytest.mark.parametrize(("package_id", "set_id"), PAIRS)
def test_pdf_pagination(rendered, package_id, set_id):
    docx, pdf = rendered(package_id, set_id)
    findings = [f for f in check_pdf(pdf, docx) if f.rule != "P-04"]
    assert findings == [], "\n".join(f"{package_id} × {set_id}: {f}" for f in findings)
