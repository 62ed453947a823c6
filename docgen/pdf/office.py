"""Return PDF/A-2b bytes of .docx documents through one warm LibreOffice per process.

Starting LibreOffice costs about a second; converting a document in a running one costs
a fraction of that. So :class:`OfficeConverter` starts one headless office (its own user
profile in a temporary folder, listening on a private named pipe) and keeps it for every
document::

    with OfficeConverter(timeout=60) as office:
        result = office.docx_to_pdf(docx_bytes)     # PdfResult: .pdf, .substitutions

The office is driven over UNO by ``uno_bridge.py``, run by the system Python that has
LibreOffice's ``uno`` module (Debian ``python3-uno``), one JSON line per request. This
process owns the office's process group: a conversion that outlives `timeout` gets the
whole group killed (a stopped or hung office included); an office that dies is started
again, and the document it was converting is tried once more. Failures raise
:class:`~docgen.errors.ConversionError` with a Russian message and a `reason`.

Pool workers share one converter per process: :func:`shared_converter`.
"""

from __future__ import annotations

import atexit
import json
import multiprocessing.util
import os
import secrets
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConversionError
from ..files import write_atomic
from ..ooxml.tree import XmlError
from . import fonts
from .fonts import FontSubstitution

BRIDGE = Path(__file__).with_name("uno_bridge.py")
#: Filter data of ``writer_pdf_Export``: PDF/A-2b (which embeds every font).
PDFA_2B = {"SelectPdfVersion": 2, "EmbedStandardFonts": True}
_OFFICE_FLAGS = (
    "--headless",
    "--invisible",
    "--nocrashreport",
    "--nodefault",
    "--nologo",
    "--nofirststartwizard",
    "--norestore",
    "--nolockcheck",
)


def find_soffice() -> str | None:
    """Return the path of LibreOffice's ``soffice``, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def find_uno_python() -> str | None:
    """Return a Python interpreter that can import LibreOffice's ``uno`` module, or None."""
    for python in ("/usr/bin/python3", "/usr/lib/libreoffice/program/python"):
        if os.access(python, os.X_OK):
            done = subprocess.run([python, "-c", "import uno"], capture_output=True, check=False)
            if done.returncode == 0:
                return python
    return None


def unavailable_reason() -> str | None:
    """Return why PDF conversion cannot work here (Russian), or None when it can."""
    if find_soffice() is None:
        return "LibreOffice не установлен (пакет libreoffice-writer-nogui)"
    if find_uno_python() is None:
        return "нет модуля uno для системного Python (пакет python3-uno)"
    return None


@dataclass(frozen=True)
class PdfResult:
    """A converted document: the `pdf` bytes and the fonts replaced on this machine."""

    pdf: bytes
    substitutions: tuple[FontSubstitution, ...] = ()

    @property
    def notes(self) -> list[str]:
        """Return the Russian lines a report shows about this PDF (font substitutions)."""
        return [str(s) for s in self.substitutions]


class _OfficeDied(Exception):
    """The office or its bridge went away during a request (worth one more try)."""


class OfficeConverter:
    """A warm LibreOffice: started on first use, reused, restarted when it dies.

    `timeout` bounds each conversion, `start_timeout` each start (seconds). Thread-safe:
    one conversion at a time. `close` (or leaving the ``with`` block, or the process
    exiting) stops the office and removes its temporary folder.
    """

    def __init__(
        self,
        timeout: float = 60.0,
        *,
        start_timeout: float = 60.0,
        soffice: str | None = None,
        python: str | None = None,
    ) -> None:
        self.timeout = timeout
        self.start_timeout = start_timeout
        self._soffice = soffice
        self._python = python
        self._owner = os.getpid()
        self._lock = threading.RLock()
        self._office: subprocess.Popen | None = None
        self._bridge: subprocess.Popen | None = None
        self._tmp: Path | None = None
        self._buffer = b""
        self._count = 0
        self._fonts: dict[str, str | None] = {}
        self.starts = 0  # -- how many offices were started (restarts show here) --

    # -- lifecycle --

    @property
    def pid(self) -> int | None:
        """Return the office's process (and process group) id, or None when not running."""
        office = self._office
        return office.pid if office is not None and office.poll() is None else None

    def start(self) -> None:
        """Start the office unless it is running (called by every conversion)."""
        with self._lock:
            if os.getpid() != self._owner:
                # -- a forked child: the office belongs to the parent; start another --
                self._office = self._bridge = self._tmp = None
                self._owner = os.getpid()
            if self.pid is not None and self._bridge.poll() is None:
                return
            self._stop()
            soffice = self._soffice or find_soffice()
            python = self._python or find_uno_python()
            if soffice is None or python is None:
                raise ConversionError(unavailable_reason() or "", reason="unavailable")
            if not os.access(soffice, os.X_OK):
                raise ConversionError(f"LibreOffice не найден: {soffice}", reason="unavailable")
            self._tmp = Path(tempfile.mkdtemp(prefix="docgen-office-"))
            (self._tmp / "io").mkdir()
            pipe = f"docgen{os.getpid()}_{secrets.token_hex(6)}"
            profile = (self._tmp / "profile").as_uri()
            with open(self._tmp / "office.log", "wb") as log:
                self._office = subprocess.Popen(
                    [soffice, *_OFFICE_FLAGS, f"-env:UserInstallation={profile}",
                     f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
                    stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True,
                )  # fmt: skip
            with open(self._tmp / "bridge.log", "wb") as log:
                # -- its own session too: Ctrl-C in a terminal reaches docgen only, and
                #    docgen decides how the office stops --
                self._bridge = subprocess.Popen(
                    [python, str(BRIDGE), pipe, str(self.start_timeout), str(self._office.pid)],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, bufsize=0,
                    start_new_session=True,
                )  # fmt: skip
            self._buffer = b""
            self.starts += 1
            atexit.register(self.close)
            try:
                reply = self._reply(self.start_timeout + 5)
            except (_OfficeDied, TimeoutError):
                reply = {"ready": False, "error": self._log_tail()}
            if not reply.get("ready"):
                self._stop()
                raise ConversionError(
                    f"LibreOffice не запустился: {reply.get('error') or 'нет ответа'}",
                    reason="unavailable",
                )

    def close(self) -> None:
        """Stop the office and remove its folder (idempotent; a no-op in a forked child)."""
        if os.getpid() != self._owner:
            return
        with self._lock:
            self._stop(graceful=True)
        atexit.unregister(self.close)

    def __enter__(self) -> OfficeConverter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- conversion --

    def docx_to_pdf(self, docx: bytes, name: str | None = None) -> PdfResult:
        """Return the PDF/A-2b of `docx` (bytes); `name` is the document in error messages.

        An office that dies during the conversion is restarted and the document is tried
        once more; raises :class:`ConversionError` when that fails too, when the
        conversion takes longer than `timeout` (the office is killed) or when LibreOffice
        refuses the document.
        """
        with self._lock:
            substituted = self._substitutions(docx, name)
            try:
                pdf = self._convert(docx, name)
            except _OfficeDied:
                self._stop()
                try:
                    pdf = self._convert(docx, name)
                except _OfficeDied as exc:
                    self._stop()
                    raise ConversionError(
                        "LibreOffice аварийно завершился при преобразовании в PDF "
                        f"и при повторной попытке ({exc})",
                        name,
                        reason="crashed",
                    ) from None
            return PdfResult(pdf, substituted)

    def convert_file(self, src: Path, dst: Path) -> PdfResult:
        """Convert the .docx `src` to the PDF `dst`, written whole or not at all."""
        result = self.docx_to_pdf(Path(src).read_bytes(), name=str(src))
        write_atomic(Path(dst), result.pdf)
        return result

    def _convert(self, docx: bytes, name: str | None) -> bytes:
        self.start()
        self._count += 1
        src = self._tmp / "io" / f"in{self._count}.docx"
        dst = self._tmp / "io" / f"out{self._count}.pdf"
        try:
            src.write_bytes(docx)
            request = {"src": str(src), "dst": str(dst), "filter": "writer_pdf_Export"}
            self._send({**request, "filter_data": PDFA_2B})
            try:
                reply = self._reply(self.timeout)
            except TimeoutError:
                self._stop()
                raise ConversionError(
                    f"LibreOffice не преобразовал документ в PDF за {self.timeout:g} с; "
                    "процесс остановлен и будет запущен заново",
                    name,
                    reason="timeout",
                ) from None
            if reply.get("dead"):
                raise _OfficeDied(reply.get("error", ""))
            if not reply.get("ok"):
                raise ConversionError(
                    f"LibreOffice не смог преобразовать документ в PDF: {reply.get('error')}",
                    name,
                )
            pdf = dst.read_bytes() if dst.exists() else b""
            if not pdf.startswith(b"%PDF"):
                raise ConversionError("LibreOffice не записал PDF", name)
            return pdf
        finally:
            src.unlink(missing_ok=True)
            dst.unlink(missing_ok=True)

    def _send(self, request: dict) -> None:
        try:
            self._bridge.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
            self._bridge.stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            raise _OfficeDied("связь с LibreOffice прервана") from exc

    def _reply(self, seconds: float) -> dict:
        """Return the bridge's next JSON line; TimeoutError after `seconds`."""
        deadline = time.monotonic() + seconds
        fd = self._bridge.stdout.fileno()
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            ready, _, _ = select.select([fd], [], [], min(left, 0.2))
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise _OfficeDied("процесс-посредник UNO завершился")
                self._buffer += chunk
            elif self._office.poll() is not None:
                raise _OfficeDied(f"процесс LibreOffice завершился (код {self._office.poll()})")
        line, _, self._buffer = self._buffer.partition(b"\n")
        return json.loads(line)

    def _stop(self, graceful: bool = False) -> None:
        """Stop bridge and office (kill the office's whole group) and remove the folder."""
        bridge, office, tmp = self._bridge, self._office, self._tmp
        self._bridge = self._office = self._tmp = None
        if bridge is not None:
            if graceful and office is not None and office.poll() is None:
                # -- EOF asks the bridge to terminate the office properly --
                bridge.stdin.close()
                try:
                    bridge.wait(5)
                except subprocess.TimeoutExpired:
                    pass
            if bridge.poll() is None:
                bridge.kill()
            bridge.wait()
            for stream in (bridge.stdin, bridge.stdout):
                stream.close()
        if office is not None:
            try:
                os.killpg(office.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            office.wait()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)

    def _log_tail(self) -> str:
        if self._tmp is None:
            return ""
        text = (self._tmp / "bridge.log").read_text(encoding="utf-8", errors="replace")
        lines = [line for line in text.splitlines() if line.strip()]
        return lines[-1] if lines else ""

    def _substitutions(self, docx: bytes, name: str | None) -> tuple[FontSubstitution, ...]:
        """Return the fonts replaced for `docx`; ConversionError when it is no .docx."""

        # -- fc-match per family once per converter: installed fonts do not change while
        #    one office runs, and the office would not see new ones anyway --
        def match(family: str) -> str | None:
            if family not in self._fonts:
                self._fonts[family] = fonts.fc_match(family)
            return self._fonts[family]

        try:
            requested = fonts.requested_fonts(docx)
        except (zipfile.BadZipFile, KeyError, XmlError) as exc:
            raise ConversionError(f"это не документ .docx или он повреждён ({exc})", name) from None
        return fonts.substitutions(requested, match)


_shared: OfficeConverter | None = None
_shared_pid = 0


def shared_converter(timeout: float = 60.0) -> OfficeConverter:
    """Return this process's converter: one warm office per process (per pool worker).

    A forked child never uses its parent's office: it gets its own on first call, and
    the office is stopped when the child (or a multiprocessing worker) exits. The
    latest `timeout` applies.
    """
    global _shared, _shared_pid
    if _shared is None or _shared_pid != os.getpid():
        _shared, _shared_pid = OfficeConverter(timeout=timeout), os.getpid()
        # -- multiprocessing workers leave through os._exit, which skips atexit --
        multiprocessing.util.Finalize(None, _shared.close, exitpriority=10)
    _shared.timeout = timeout
    return _shared
