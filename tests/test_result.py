"""What a generation gives back: file names, readable names and the act's requisites."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen import UNKNOWN, GenerationResult, Package, Requisites
from docgen.result import requisites_of

PACKAGE = Package("lenobl-mms", "Распоряжение об утверждении Положения", ("a",), ("leningrad",))
KNOWN = Requisites("распоряжение", dt.date(2023, 5, 23), "233", "Кировский район")


def result(requisites: Requisites = KNOWN, draft: bool = False, title: str = PACKAGE.title):
    package = Package(PACKAGE.id, title, PACKAGE.parts, PACKAGE.regions)
    return GenerationResult(package, "leningrad/kirovsky", b"", draft=draft, requisites=requisites)


def test_the_filename_is_latin_package_and_set():
    assert result().filename == "lenobl-mms_leningrad-kirovsky.docx"


@pytest.mark.parametrize(
    ("requisites", "draft", "name"),
    [
        (KNOWN, False, "Распоряжение от 23.05.2023 № 233 — Кировский район.docx"),
        (KNOWN, True, "Распоряжение от 23.05.2023 № 233 — Кировский район (черновик).docx"),
        (
            Requisites("распоряжение", None, "233", "Кировский район"),
            False,
            "Распоряжение об утверждении Положения — Кировский район.docx",
        ),
        (Requisites(), True, "Распоряжение об утверждении Положения (черновик).docx"),
    ],
)
def test_the_display_name_is_the_acts_requisites_or_the_package_title(requisites, draft, name):
    assert result(requisites, draft).display_name() == name


def test_the_display_name_takes_another_extension():
    assert result().display_name("pdf").endswith("Кировский район.pdf")


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ('Акт: "О/б" <утв>?*|', "Акт О б утв.docx"),
        ("Акт \ue000не заполнено\ue001 ...", "Акт не заполнено.docx"),
        ("///", "документ.docx"),
    ],
)
def test_unsafe_characters_never_reach_the_file_name(title, name):
    assert result(Requisites(), title=title).display_name() == name


def test_a_long_name_is_cut_to_150_characters():
    name = result(Requisites(), title="Очень " * 60).display_name()
    assert len(name.removesuffix(".docx")) <= 150 and not name.startswith(" ")


def test_requisites_are_read_from_the_set_as_far_as_known():
    data = {
        "act": {"kind": "приказ", "date": dt.date(2024, 2, 1), "number": "12-од"},
        "municipality": {"name": {"nomn": "город Кызыл"}},
    }
    assert requisites_of(data) == Requisites("приказ", dt.date(2024, 2, 1), "12-од", "город Кызыл")
    data["municipality"]["short"] = "Кызыл"
    assert requisites_of(data).place == "Кызыл"
    unknown = {"act": {"kind": "приказ", "date": UNKNOWN, "number": UNKNOWN}}
    assert requisites_of(unknown) == Requisites("приказ", None, "", "")
    assert requisites_of({}) == Requisites()
