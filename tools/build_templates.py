"""Rebuild templates_docx/<id>.docx from the markup in templates_docx/src/<id>.txt.

Usage: python tools/build_templates.py [ID …]   (no ids: every source)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen.docxbuild import build_docx  # noqa: E402


def main(ids: list[str]) -> int:
    src_dir = ROOT / "templates_docx" / "src"
    sources = [src_dir / f"{i}.txt" for i in ids] if ids else sorted(src_dir.glob("*.txt"))
    for source in sources:
        target = ROOT / "templates_docx" / f"{source.stem}.docx"
        build_docx(
            source.read_text(encoding="utf-8"), target, source=f"templates_docx/src/{source.name}"
        )
        print(f"собран {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
