"""The office dies or hangs in the middle of a sequence of conversions.

The document being converted is tried once more in a new office; when that fails too it
fails alone, with a reason; the sequence goes on; no partial PDF is left behind; a hung
office (SIGSTOP) is cut off by the timeout and killed.
"""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from docgen.errors import ConversionError
from docgen.pdf import OfficeConverter, pdfa_part

from shipped import generate


@pytest.fixture(scope="module")
def act() -> bytes:
    return generate("lenobl-mms", "leningrad/kirovsky", draft=True).docx


@pytest.fixture
def converter(needs_office):
    with OfficeConverter(timeout=60) as office:
        yield office


def sabotage(monkeypatch, office: OfficeConverter, action, times: int) -> list[int]:
    """Make `action(office pid)` happen right after the next `times` requests are sent.

    Returns the list of pids it hit (filled as it happens).
    """
    send = office._send
    hit: list[int] = []

    def send_then_act(request: dict) -> None:
        send(request)
        if len(hit) < times:
            hit.append(office.pid)
            action(office.pid)

    monkeypatch.setattr(office, "_send", send_then_act)
    return hit


def kill(pid: int) -> None:
    os.killpg(pid, signal.SIGKILL)


def test_office_killed_mid_conversion_is_restarted_and_the_item_retried(
    converter, act, monkeypatch, office_processes
):
    converter.docx_to_pdf(act)
    hit = sabotage(monkeypatch, converter, kill, times=1)
    result = converter.docx_to_pdf(act, name="kirovsky.docx")
    assert pdfa_part(result.pdf) == ("2", "B")
    assert len(hit) == 1 and converter.starts == 2 and converter.pid != hit[0]
    assert office_processes(hit[0]) == []


def test_item_failing_twice_fails_alone_and_the_sequence_goes_on(
    converter, act, monkeypatch, tmp_path
):
    out = tmp_path / "out"
    out.mkdir()
    source = tmp_path / "act.docx"
    source.write_bytes(act)
    converter.convert_file(source, out / "1.pdf")
    hit = sabotage(monkeypatch, converter, kill, times=2)
    with pytest.raises(ConversionError) as caught:
        converter.convert_file(source, out / "2.pdf")
    assert caught.value.reason == "crashed"
    assert "аварийно" in caught.value.message and "повторной попытке" in caught.value.message
    assert str(caught.value).startswith(f"{source}: ")
    assert len(hit) == 2
    converter.convert_file(source, out / "3.pdf")
    # -- nothing half-written: no 2.pdf, no temporary files, in the output or the office --
    assert sorted(p.name for p in out.iterdir()) == ["1.pdf", "3.pdf"]
    assert all(p.read_bytes().startswith(b"%PDF") for p in out.iterdir())
    assert list((converter._tmp / "io").iterdir()) == []


def test_hung_office_is_cut_off_by_the_timeout(needs_office, act, monkeypatch, office_processes):
    with OfficeConverter(timeout=3) as office:
        office.docx_to_pdf(act)
        hit = sabotage(monkeypatch, office, lambda pid: os.killpg(pid, signal.SIGSTOP), times=1)
        started = time.monotonic()
        with pytest.raises(ConversionError) as caught:
            office.docx_to_pdf(act, name="kirovsky.docx")
        waited = time.monotonic() - started
        assert caught.value.reason == "timeout" and "за 3 с" in caught.value.message
        assert 3 <= waited < 8
        # -- the stopped office was killed, not left behind; the next document converts --
        assert office_processes(hit[0]) == []
        assert pdfa_part(office.docx_to_pdf(act).pdf) == ("2", "B")
        assert office.starts == 2


def test_office_dead_between_documents_is_started_again(converter, act):
    converter.docx_to_pdf(act)
    pid = converter.pid
    kill(pid)
    deadline = time.monotonic() + 10
    while converter.pid is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert converter.docx_to_pdf(act).pdf.startswith(b"%PDF")
    assert converter.starts == 2 and converter.pid != pid


def test_kill_at_any_moment_of_a_sequence_loses_no_document(converter, act):
    done: list[bytes] = []
    killed: list[int] = []

    def killer() -> None:
        while len(done) < 2:
            time.sleep(0.01)
        time.sleep(0.05)
        killed.append(converter.pid)
        if killed[0] is not None:
            kill(killed[0])

    thread = threading.Thread(target=killer)
    thread.start()
    for _ in range(6):
        done.append(converter.docx_to_pdf(act).pdf)
    thread.join()
    assert killed and killed[0] is not None
    assert len(done) == 6 and all(pdfa_part(pdf) == ("2", "B") for pdf in done)
    assert converter.starts == 2
