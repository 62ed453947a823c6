"""A minimal ZIP writer that takes already-deflated members (for compile-once rendering).

``zipfile`` always compresses what it is given; a .docx template's static parts never
change, so they are deflated once when the template is compiled and copied as they are
into every document.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
# -- 1980-01-01 00:00: a fixed timestamp keeps output independent of the clock --
_DOS_TIME, _DOS_DATE = 0, (0 << 9) | (1 << 5) | 1


@dataclass(frozen=True)
class Member:
    """A ZIP member: its `name`, the CRC-32 and size of the data, and the deflated bytes."""

    name: str
    crc: int
    size: int
    deflated: bytes


def deflate(name: str, data: bytes, level: int = 6) -> Member:
    """Return `data` as a deflated member called `name`."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    body = compressor.compress(data) + compressor.flush()
    return Member(name, zlib.crc32(data), len(data), body)


def write_zip(members: list[Member]) -> bytes:
    """Return the bytes of a ZIP archive holding `members` in order."""
    out = bytearray()
    central = bytearray()
    for m in members:
        name = m.name.encode("utf-8")
        offset = len(out)
        flags = 0x800  # names are UTF-8
        out += _LOCAL.pack(
            0x04034B50,
            20,
            flags,
            8,
            _DOS_TIME,
            _DOS_DATE,
            m.crc,
            len(m.deflated),
            m.size,
            len(name),
            0,
        )
        out += name
        out += m.deflated
        central += _CENTRAL.pack(
            0x02014B50,
            20,
            20,
            flags,
            8,
            _DOS_TIME,
            _DOS_DATE,
            m.crc,
            len(m.deflated),
            m.size,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += name
    start = len(out)
    out += central
    out += _END.pack(0x06054B50, 0, 0, len(members), len(members), len(central), start, 0)
    return bytes(out)
