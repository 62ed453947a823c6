"""Atomic writes: a temporary file, then a rename; nothing half-written, nothing lost."""

from __future__ import annotations

import os
import stat

import pytest

from docgen.files import write_atomic


def test_a_new_file_is_written_and_its_folder_made(tmp_path):
    target = tmp_path / "out" / "deep" / "a.docx"
    write_atomic(target, b"data")
    assert target.read_bytes() == b"data"
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(target.parent) == ["a.docx"]


@pytest.mark.parametrize("failing", ["os.replace", "builtins.open"])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_one(
    tmp_path, monkeypatch, failing
):
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def fail(*args, **kwargs):
        raise OSError("диск заполнен")

    if failing == "builtins.open":
        real_open = open

        def fail_after_creating(path, mode="r", *args, **kwargs):
            handle = real_open(path, mode, *args, **kwargs)
            if "x" in mode:
                handle.close()
                fail()
            return handle

        monkeypatch.setattr(failing, fail_after_creating)
    else:
        monkeypatch.setattr(failing, fail)
    with pytest.raises(OSError, match="диск заполнен"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["a.docx"]


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_the_mode_follows_the_umask_like_a_plain_write(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "a.docx", b"data")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.docx").stat().st_mode) == mode
