"""No input makes a 500: damaged uploads, hostile JSON, values out of range."""

from __future__ import annotations

import io
import json
import random
import struct
import zipfile

import pytest

from paths import REPO

TEMPLATE = "cover-approval"
GOOD = (REPO / "templates_docx" / f"{TEMPLATE}.docx").read_bytes()
API = "/api/generate"
BASE = {"document": "lenobl-mms", "municipality": "leningrad/kirovsky", "draft": True}


def _upload(client, data: bytes):
    return client.post(
        f"/editor/{TEMPLATE}/upload",
        data={"file": (io.BytesIO(data), "версия.docx")},
        content_type="multipart/form-data",
    )


def _crc_broken(data: bytes, member: str = "word/document.xml") -> bytes:
    """Return `data` with one byte of `member`'s compressed stream changed."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    out[start + info.compress_size // 2] ^= 0x55
    return bytes(out)


def _lying_size(data: bytes, member: str, size: int) -> bytes:
    """Return `data` whose central directory says `member` is `size` bytes uncompressed."""
    out = bytearray(data)
    name = member.encode()
    pos = out.find(b"PK\x01\x02" + b"\0" * 0, 0)
    while pos >= 0:
        name_len = struct.unpack_from("<H", out, pos + 28)[0]
        if out[pos + 46 : pos + 46 + name_len] == name:
            struct.pack_into("<I", out, pos + 24, size)
            return bytes(out)
        pos = out.find(b"PK\x01\x02", pos + 4)
    raise AssertionError(member)


def _variants() -> list[tuple[str, bytes]]:
    rng = random.Random(20261207)
    out = [
        ("crc", _crc_broken(GOOD)),
        ("crc-styles", _crc_broken(GOOD, "word/styles.xml")),
        ("size-small", _lying_size(GOOD, "word/document.xml", 10)),
        ("size-big", _lying_size(GOOD, "word/document.xml", 50_000_000)),
        ("size-huge", _lying_size(GOOD, "word/styles.xml", 0xFFFFFFFF)),
        ("empty", b""),
        ("zip-magic-only", b"PK\x03\x04" + b"\0" * 60),
        ("random", bytes(rng.randrange(256) for _ in range(4000))),
    ]
    for n in range(6):
        out.append((f"truncated-{n}", GOOD[: rng.randrange(30, len(GOOD))]))
    for n in range(14):
        flipped = bytearray(GOOD)
        for _ in range(rng.randrange(1, 6)):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        out.append((f"flipped-{n}", bytes(flipped)))
    return out


@pytest.mark.parametrize(("name", "data"), _variants(), ids=[n for n, _ in _variants()])
def test_damaged_uploads_are_refused_not_crashed(editor, plain, name, data):
    response = _upload(editor, data)
    assert response.status_code in (303, 400), name
    if name.startswith(("crc", "size", "empty", "zip", "random", "truncated")):
        assert response.status_code == 400
        text = plain(response.get_data(as_text=True))
        assert "U-ZIP" in text or "U-BOMB" in text


def test_a_bad_crc_is_named(editor, plain):
    text = plain(_upload(editor, _crc_broken(GOOD)).get_data(as_text=True))
    assert "word/document.xml" in text and "повреждена" in text


def _post(client, body: bytes | str):
    return client.post(API, data=body, content_type="application/json")


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("[" * 5000 + "]" * 5000, "вложенность"),
        ('{"values": ' + '{"a": ' * 40 + "1" + "}" * 40 + "}", "вложенность"),
        ('{"document": NaN}', "NaN"),
        ('{"document": Infinity}', "Infinity"),
        ('{"document": -Infinity}', "Infinity"),
        ('{"document": 1e400}', "слишком велико"),
        ('{"document": ' + "9" * 5000 + "}", "не JSON"),
        ('{"document": "x", ', "не JSON"),
        ("\ufeff{}", "не JSON"),
    ],
)
def test_hostile_json_gets_the_error_shape(client, body, words):
    response = _post(client, body)
    assert response.status_code == 400
    data = response.get_json()
    assert data["ok"] is False and data["status"] == 400
    assert words in data["error"]


def test_invalid_utf8_gets_the_error_shape(client):
    response = _post(client, b'{"document": "\xff"}')
    assert response.status_code == 400
    assert response.get_json()["ok"] is False


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        ("act.number", 1e308, "строкой"),
        ("act.number", 1.5, "целое число"),
        ("act.number", 10**20, "строкой"),
        ("format.font_size", -5, "от 8 до 16"),
        ("format.font_size", 1_000_000, "от 8 до 16"),
        ("format.font_size", 7, "от 8 до 16"),
        ("act.number", "23\u202e3", "направления текста"),
        ("authority.name", {"nomn": "комитет\u2066 образования"}, "направления текста"),
    ],
)
def test_values_out_of_range_are_refused(client, path, value, words):
    response = client.post(API, json={**BASE, "values": {path: value}})
    assert response.status_code == 400
    errors = response.get_json()["errors"]
    assert any(words in e["message"] for e in errors), errors


@pytest.mark.parametrize("size", [8, 12, 16])
def test_font_sizes_in_range_are_written(client, size):
    from docx import Document

    response = client.post(API, json={**BASE, "values": {"format.font_size": size}})
    assert response.status_code == 200
    styles = Document(io.BytesIO(response.data)).styles
    assert styles["Normal"].font.size.pt == size or any(
        s.font.size is not None and s.font.size.pt == size for s in styles
    )


def test_random_json_never_makes_a_500(client, app):
    from web import library

    with app.test_request_context():
        paths = list(library.docgen().schema().fields)
    rng = random.Random(7)
    samples = [
        None, True, 0, -1, 2**62, 1.25, "", "x" * 3000, [], {}, [None], {"nomn": 5},
        {"zz": "x"}, "31.02.2024", "2024-13-01", "\x00", ["a"] * 60, [{"bad": 1}],
    ]  # fmt: skip
    for _ in range(120):
        values = {rng.choice(paths).replace("[]", ""): rng.choice(samples) for _ in range(3)}
        body = {**BASE, "values": values}
        if rng.random() < 0.2:
            body[rng.choice(["document", "municipality", "draft", "extra"])] = rng.choice(samples)
        response = client.post(API, data=json.dumps(body), content_type="application/json")
        assert response.status_code in (200, 400), (body, response.status_code)
        if response.status_code == 400:
            assert response.get_json()["ok"] is False


def test_a_date_that_does_not_exist_is_named(client):
    response = client.post(API, json={**BASE, "values": {"act.date": "31.02.2024"}})
    assert response.status_code == 400
    assert "такой даты нет" in response.get_json()["errors"][0]["message"].lower()
