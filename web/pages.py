"""Blueprint «pages»: the real pages of a previewed document, as PNG images.

A preview keeps its .docx in ``<instance>/cache/pages/<sha256>/`` (the SHA-256 of the
document itself: nobody can name a document they have not generated). The first request
for its pages converts it to PDF (web.pdfout), renders every page to PNG with poppler's
``pdftoppm`` and runs the page checks (P-01…P-04); everything is kept there, so the next
request only reads files. Old entries are removed as new ones are made.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from flask import Blueprint, abort, current_app, jsonify, render_template, send_file, url_for

from docgen import DocgenError
from docgen.pdf import check_pdf

from . import pdfout
from .security import public

bp = Blueprint("pages", __name__, url_prefix="/preview")

#: Resolution of the page images: 150 % of a 96-dpi screen.
DPI = 110
_HASH_RE = re.compile(r"^[0-9a-f]{64}$")
_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def cache_root() -> Path:
    """Return the folder of previewed documents and their pages."""
    return Path(current_app.instance_path) / "cache" / "pages"


def remember(docx: bytes) -> str:
    """Keep `docx` for its page images; return its key (SHA-256)."""
    key = hashlib.sha256(docx).hexdigest()
    folder = cache_root() / key
    if not (folder / "doc.docx").exists():
        _expire(cache_root(), current_app.config["PAGE_CACHE_HOURS"] * 3600)
        folder.mkdir(parents=True, exist_ok=True)
        _write(folder / "doc.docx", docx)
    return key


def pages_of(key: str) -> dict:
    """Return {"pages": n, "findings": {page: [...]}, "error": str} for document `key`,
    converting and rendering it on first use."""
    folder = _folder(key)
    done = folder / "pages.json"
    if done.exists():
        return json.loads(done.read_text(encoding="utf-8"))
    with _lock(key):
        if done.exists():
            return json.loads(done.read_text(encoding="utf-8"))
        info = _render(folder)
        if not info.get("error"):
            _write(done, json.dumps(info, ensure_ascii=False).encode("utf-8"))
        return info


def _render(folder: Path) -> dict:
    docx = (folder / "doc.docx").read_bytes()
    reason = pdfout.available()
    if reason is not None:
        return {"pages": 0, "findings": {}, "error": f"Страницы не показаны: {reason}."}
    try:
        pdf = pdfout.convert(docx, "предпросмотр")
    except DocgenError as exc:
        return {"pages": 0, "findings": {}, "error": public(f"Страницы не показаны: {exc}")}
    _write(folder / "doc.pdf", pdf)
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(DPI), str(folder / "doc.pdf"), str(Path(tmp) / "p")],
            check=True,
            capture_output=True,
            timeout=120,
        )
        images = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        for n, image in enumerate(images, 1):
            image.replace(folder / f"{n}.png")
    findings: dict[str, list[dict]] = {}
    for finding in check_pdf(pdf, docx):
        match = re.search(r"страница (\d+)", finding.location)
        findings.setdefault(match.group(1) if match else "0", []).append(finding.to_dict())
    return {"pages": len(images), "findings": findings, "error": ""}


@bp.get("/<key>/pages.json")
def pages_json(key: str):
    """Return the page count, the image URLs and the page findings of document `key`."""
    info = pages_of(key)
    urls = [url_for("pages.image", key=key, number=n) for n in range(1, info["pages"] + 1)]
    return jsonify({**info, "images": urls, "pdf": url_for("pages.pdf", key=key)})


@bp.get("/<key>")
def view(key: str):
    """Show every page of document `key` (the preview's pages without JavaScript)."""
    info = pages_of(key)
    return render_template("generate/pages.html", key=key, info=info)


@bp.get("/<key>/<int:number>.png")
def image(key: str, number: int):
    """Send page `number` of document `key` as PNG (rendered on first request)."""
    info = pages_of(key)
    if not 1 <= number <= info["pages"]:
        abort(404, "Такой страницы нет.")
    response = send_file(_folder(key) / f"{number}.png", mimetype="image/png", max_age=86400)
    response.headers["Cache-Control"] = "private, max-age=86400, immutable"
    return response


@bp.get("/<key>/document.pdf")
def pdf(key: str):
    """Send the PDF the page images were rendered from."""
    info = pages_of(key)
    if info["error"]:
        abort(404, info["error"])
    return send_file(
        _folder(key) / "doc.pdf", mimetype="application/pdf", download_name="предпросмотр.pdf"
    )


def _folder(key: str) -> Path:
    if not _HASH_RE.match(key):
        abort(404, "Такого документа нет.")
    folder = cache_root() / key
    if not (folder / "doc.docx").exists():
        abort(404, "Предпросмотр устарел: сформируйте его заново.")
    return folder


def _lock(key: str) -> threading.Lock:
    with _LOCKS_GUARD:
        if len(_LOCKS) > 256:
            _LOCKS.clear()
        return _LOCKS.setdefault(key, threading.Lock())


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def _expire(root: Path, seconds: float) -> None:
    """Remove the documents previewed more than `seconds` ago."""
    if not root.is_dir():
        return
    limit = time.time() - seconds
    for folder in root.iterdir():
        try:
            if folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
