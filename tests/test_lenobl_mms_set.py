"""Package lenobl-mms-set: ONE распоряжение approving several Положения as appendices 1…N.

Modelled on the распоряжение of the комитет образования администрации Сланцевского
муниципального района of 19.01.2024 № 13-р (its composition: Положение о муниципальной
методической службе, о муниципальном методическом активе, о муниципальном методическом
совете); the texts are the regional model's, so the set issues a NEW act whose date and
number are unknown. Which Положения an act approves is data (``mms_set.appendices``); the
appendices are always in that order, renumbered 1…k, and a single one has no number.
"""

from __future__ import annotations

import difflib
import io
import re

import docx
import pytest
import yaml

from docgen import UNKNOWN
from docgen.docxbuild import build_docx, markup_text
from docgen.errors import MissingValuesError, VariablesError
from docgen.lint import lint_template
from docgen.variables import list_sets

from doctext import words
from paths import REPO
from shipped import core, generate

PACKAGE = "lenobl-mms-set"
SLANTSY = "leningrad/slantsevsky"
NEW_TEMPLATES = ("polozhenie-metodaktiv-lenobl", "polozhenie-metodsovet-lenobl")
TEMPLATES = REPO / "templates_docx"
NBSP = "\u00a0"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

MUN_GENT = "Сланцевского муниципального района Ленинградской области"
SUBJECTS = {
    "mms": f"о муниципальной методической службе {MUN_GENT}",
    "active": f"о муниципальном методическом активе {MUN_GENT}",
    "council": f"о муниципальном методическом совете {MUN_GENT}",
}
#: Requisites for the renders of these tests — test values, not a real act's.
REQUISITES = {"act.date": "2026-12-01", "act.number": "99-р"}
MARK_HEAD = [
    "УТВЕРЖДЕНО",
    "распоряжением комитета образования администрации Сланцевского муниципального района",
    f"от 01.12.2026 №{NBSP}99-р",
]
#: A signer and an institution for the «final» render only (the set leaves them unknown).
COMPLETE = {
    "signer.position": "Председатель комитета",
    "signer.name": "И.И. Иванов",
    "signer.gender": "m",
    "service.institution": "МКУ «Методический центр»",
}


# ------------------------------------------------------------------------------ helpers


def sections(data: bytes) -> list[list[str]]:
    """Return the paragraph texts of each section of a .docx, in order."""
    body = docx.Document(io.BytesIO(data)).element.body
    out: list[list[str]] = [[]]
    for child in body.iterchildren(f"{W}p"):
        out[-1].append(
            "".join(
                "\t" if el.tag == f"{W}tab" else el.text or ""
                for run in child.iter(f"{W}r")
                for el in run
                if el.tag in (f"{W}t", f"{W}tab")
            )
        )
        if child.find(f"{W}pPr/{W}sectPr") is not None:
            out.append([])
    return out


def render(overrides=None, set_id=SLANTSY, settings=None, draft=True):
    values = {**REQUISITES, **(overrides or {})} if set_id == SLANTSY else overrides
    return generate(PACKAGE, set_id, values, draft=draft, settings=settings)


def clause_numbers(paragraphs: list[str]) -> list[tuple[int, ...]]:
    found = []
    for text in paragraphs:
        match = re.match(r"^(\d+(?:\.\d+)*)\.[ \u00a0]", text)
        if match:
            found.append(tuple(int(n) for n in match.group(1).split(".")))
    return found


def numbering_errors(numbers: list[tuple[int, ...]]) -> list[str]:
    """Return every step that is not «first child» or «next sibling at some level»."""
    errors = []
    previous: tuple[int, ...] = ()
    for number in numbers:
        allowed = {previous + (1,)}
        for level in range(len(previous)):
            allowed.add(previous[:level] + (previous[level] + 1,))
        if not previous:
            allowed = {(1,)}
        if number not in allowed:
            errors.append(f"{'.'.join(map(str, previous))} → {'.'.join(map(str, number))}")
        previous = number
    return errors


@pytest.fixture(scope="module")
def full(settings) -> list[list[str]]:
    return sections(render(settings=settings).docx)


# ------------------------------------------------------------------ the package itself


def test_package_parts_and_conditions(settings):
    package = core(settings).package(PACKAGE)
    assert package.parts == ("cover-approval", "polozhenie-mms-lenobl", *NEW_TEMPLATES)
    assert set(package.conditions) == {"polozhenie-mms-lenobl", *NEW_TEMPLATES}
    assert package.level == "municipality" and package.regions == ("leningrad",)


def test_slantsevsky_set_prepares_a_new_act_of_the_real_acts_composition(settings):
    data = core(settings).variables(SLANTSY).data
    act = data["act"]
    # -- № 13-р approved three Положения whose texts are unknown: a new act, its date and
    #    number unknown; the real act stays in the registry (a new one may repeal it) --
    assert act["date"] is UNKNOWN and act["number"] is UNKNOWN
    assert act["kind"] == "распоряжение"
    assert "slantsevsky-ko-rasp-2024-13-r" in core(settings).registry(SLANTSY)
    assert act["place"] == f"г.{NBSP}Сланцы"
    assert data["mms_set"]["appendices"] == ["mms", "active", "council"]
    assert data["authority"]["parent"] == (
        "Администрация муниципального образования Сланцевский "
        "муниципальный район Ленинградской области"
    )
    assert data["authority"]["blank"] == "КОМИТЕТ ОБРАЗОВАНИЯ"


# ------------------------------------------------------- Сланцевский: three appendices


def test_three_appendices_each_in_its_own_section(full):
    assert len(full) == 4
    for k, (section, key) in enumerate(
        zip(full[1:], ("mms", "active", "council"), strict=False), 1
    ):
        assert section[:4] == MARK_HEAD + [f"(приложение {k})"], k
        assert section[5:7] == ["ПОЛОЖЕНИЕ", SUBJECTS[key]], k
    assert "УТВЕРЖДЕНО" not in full[0]


def test_cover_blank_date_number_place(full):
    cover = [t for t in full[0] if t]
    assert cover[:6] == [
        "Администрация муниципального образования Сланцевский муниципальный район "
        "Ленинградской области",
        "КОМИТЕТ ОБРАЗОВАНИЯ",
        "РАСПОРЯЖЕНИЕ",
        f"от 01.12.2026 №{NBSP}99-р",
        f"г.{NBSP}Сланцы",
        # -- several documents of one kind: «положений о …, о … и о …» --
        "Об утверждении положений "
        + SUBJECTS["mms"]
        + ", "
        + SUBJECTS["active"]
        + " и "
        + SUBJECTS["council"],
    ]
    assert cover[6].startswith(
        "На основании приказа комитета общего и профессионального "
        f"образования Ленинградской области от 11.05.2023 "
        f"№{NBSP}17 «Об утверждении положения о региональной системе"
    )
    assert cover[6].endswith("»:")


def test_cover_has_one_approval_per_appendix_matching_its_mark(full):
    approvals = [t for t in full[0] if "Утвердить" in t]
    assert approvals == [
        f"{k}. Утвердить Положение {SUBJECTS[key]} согласно приложению {k} к настоящему "
        "распоряжению."
        for k, key in enumerate(("mms", "active", "council"), 1)
    ]
    assert full[0][-1].startswith("[не заполнено: Должность подписывающего]\t")
    assert "4. Контроль за исполнением настоящего распоряжения оставляю за собой." in full[0]


def test_clause_numbers_are_sequential_in_every_part(full):
    for i, section in enumerate(full):
        numbers = clause_numbers(section)
        assert numbers and numbers[0] == (1,), i
        assert numbering_errors(numbers) == [], i
    # -- the new Положения: eight sections each --
    for section in full[2:]:
        assert [n for n in clause_numbers(section) if len(n) == 1] == [(i,) for i in range(1, 9)]


def test_draft_lists_only_the_unknowns_and_final_needs_them(settings):
    result = render(settings=settings)
    assert set(result.missing) == {
        "Должность подписывающего",
        "ФИО подписывающего",
        "Муниципальное методическое учреждение",
    }
    with pytest.raises(MissingValuesError):
        render(settings=settings, draft=False)
    final = render(COMPLETE, settings=settings, draft=False)
    assert final.missing == ()
    text = "\n".join("\n".join(s) for s in sections(final.docx))
    assert "[не заполнено" not in text
    assert f"Председатель комитета\tИ.И.{NBSP}Иванов" in text
    assert (
        "Организационно-техническое обеспечение деятельности Совета осуществляет МКУ "
        "«Методический центр»." in text
    )


def test_gost_style_marks_are_numbered(settings):
    parts = sections(render({"format.appendix_mark": "gost"}, settings=settings).docx)
    for k, section in enumerate(parts[1:], 1):
        assert section[:3] == [
            f"Приложение {k}",
            "к распоряжению комитета образования администрации Сланцевского муниципального района",
            f"от 01.12.2026 №{NBSP}99-р",
        ]


# ------------------------------------------------------------------- subsets and default


@pytest.mark.parametrize("chosen", [["council", "active"], ["active", "mms"], ["mms", "council"]])
def test_a_subset_is_renumbered_in_package_order(settings, chosen):
    order = [k for k in ("mms", "active", "council") if k in chosen]
    parts = sections(render({"mms_set.appendices": chosen}, settings=settings).docx)
    assert len(parts) == 1 + len(order)
    approvals = [t for t in parts[0] if "Утвердить" in t]
    assert approvals == [
        f"{k}. Утвердить Положение {SUBJECTS[key]} согласно приложению {k} к "
        "настоящему распоряжению."
        for k, key in enumerate(order, 1)
    ]
    title = next(t for t in parts[0] if t.startswith("Об утверждении"))
    assert title == "Об утверждении положений " + " и ".join(SUBJECTS[k] for k in order)
    for k, (section, key) in enumerate(zip(parts[1:], order, strict=False), 1):
        assert section[3] == f"(приложение {k})"
        assert section[6] == SUBJECTS[key]
        assert numbering_errors(clause_numbers(section)) == []


@pytest.mark.parametrize("key", ["mms", "active", "council"])
def test_a_single_appendix_has_no_number(settings, key):
    parts = sections(render({"mms_set.appendices": [key]}, settings=settings).docx)
    assert len(parts) == 2
    assert parts[1][:4] == MARK_HEAD + ["(приложение)"]
    assert parts[1][6] == SUBJECTS[key]
    assert [t for t in parts[0] if "Утвердить" in t] == [
        f"1. Утвердить Положение {SUBJECTS[key]} согласно приложению к настоящему распоряжению."
    ]
    assert f"Об утверждении Положения {SUBJECTS[key]}" in parts[0]


def test_absent_or_empty_selection_gives_only_the_service(settings):
    kirov = generate(PACKAGE, "leningrad/kirovsky", draft=False, settings=settings).docx
    assert sections(kirov) == sections(
        generate("lenobl-mms", "leningrad/kirovsky", settings=settings).docx
    )
    empty = sections(render({"mms_set.appendices": []}, settings=settings).docx)
    assert len(empty) == 2 and empty[1][6] == SUBJECTS["mms"] and empty[1][3] == "(приложение)"


@pytest.mark.parametrize("bad", [["mms", "roadmap"], ["mms", "mms"], "mms"])
def test_a_wrong_selection_is_rejected(settings, bad):
    with pytest.raises(VariablesError):
        render({"mms_set.appendices": bad}, settings=settings)


def test_schema_fields_have_defaults_and_one_declaration(settings):
    schema = core(settings).schema()
    spec = schema.fields["mms_set.appendices"]
    assert spec.type == "list" and spec.default == ["mms"] and spec.validator == "unique"
    assert schema.fields["mms_set.appendices[]"].choices == ("mms", "active", "council")
    own = yaml.safe_load((settings.variables_dir / "_schema" / "mms_set.yaml").read_text("utf-8"))
    assert all(key.startswith("mms_set.") for key in own)


# ------------------------------------------------------------- names in the right cases


def _forms():
    return yaml.safe_load((REPO / "tests" / "data" / "expected_forms.yaml").read_text("utf-8"))


@pytest.mark.parametrize(
    "set_id", [s for s in list_sets(REPO / "variables") if s.startswith("leningrad/")]
)
def test_every_district_is_named_in_the_right_case(settings, set_id):
    forms = _forms()
    values = forms["sets"][set_id]
    name = forms["phrases"][values["municipality.name"]]
    service = forms["phrases"][values.get("service.name", "муниципальная методическая служба")]
    # -- three Положения make a new act: a set's real requisites (Кировский's № 233 approved
    #    one Положение) do not belong on it --
    overrides = {
        "mms_set.appendices": ["mms", "active", "council"],
        "act.date": UNKNOWN,
        "act.number": UNKNOWN,
    }
    parts = sections(render(overrides, set_id, settings).docx)
    text = "\n".join("\n".join(p) for p in parts)
    assert (
        f"положений о {service['loct']} {name['gent']}, о муниципальном "
        f"методическом активе {name['gent']} и о муниципальном методическом совете "
        f"{name['gent']}"
    ) in text, set_id
    assert f"Методический актив входит в структуру {service['gent']} (далее" in text
    assert f"Положением о {service['loct']} и настоящим Положением." in text
    if "authority.name" in values:
        authority = forms["phrases"][values["authority.name"]]
        assert f"подготовки предложений по решению указанных вопросов {authority['ablt']}" in text
        assert f"во взаимодействии с {authority['ablt']}" in text


# ------------------------------------------------------- what the Положения say (seeds)

#: seed 002 (Октябрьский район), п. 4.2.4 «Муниципальный методический актив», without its
#: «-» markers, the local МКУ «ЦРО» and the partner schools of another region.
SEED_002_ACTIVE = """Основу муниципального методического актива составляют региональные методисты,
педагогические работники высшей квалификационной категории, имеющие высшее педагогическое
образование и стаж работы по специальности не менее 5 лет. В состав методического актива
включаются педагогические работники, осуществляющие педагогическую деятельность в
образовательной организации, реализующей основные общеобразовательные программы.
Муниципальный методический актив осуществляет деятельность по методическому сопровождению
педагогических работников и управленческих кадров по следующим направлениям: участие в
составе экспертных групп, конкурсных комиссий муниципальных, межмуниципальных и региональных
профессиональных конкурсов, акций, фестивалей, олимпиад; сопровождение индивидуальных
образовательных маршрутов непрерывного профессионального развития педагогических
работников; адресная методическая поддержка, консультирование, сопровождение педагогических
работников; методическая помощь педагогическим работникам, осуществляющим педагогическую
деятельность в школах с низкими образовательными результатами обучающихся; участие в
выездных методических днях и десантах."""

#: seed 003, п. 4.8 (the council), with the authority of seed 000's wording.
SEED_003_COUNCIL = (
    "создается для предварительного рассмотрения вопросов, касающихся "
    "обеспечения функционирования и развития на территории {mun} системы "
    "научно-методического сопровождения педагогических работников и "
    "управленческих кадров образовательных организаций (далее – МС НМС), и "
    "подготовки предложений по решению указанных вопросов"
)


def test_active_reproduces_seed_002_4_2_4(full):
    seed = words(SEED_002_ACTIVE)
    ours = words("\n".join(full[2]))
    matched = sum(
        b.size
        for b in difflib.SequenceMatcher(None, seed, ours, autojunk=False).get_matching_blocks()
    )
    assert matched / len(seed) >= 0.9


def test_council_follows_seed_003_definition_and_4_10_2(full):
    council = "\n".join(full[3])
    wording = SEED_003_COUNCIL.format(mun=MUN_GENT).replace("создается", "созданным")
    assert words(wording) == words(council[council.index("созданным") :])[: len(words(wording))]
    assert (
        "Состав Совета, в том числе председатель Совета, заместитель председателя Совета и "
        "секретарь Совета, утверждается правовым актом комитета." in council
    )
    # -- seed 003, п. 4.10.2: the council's Положение and its composition are documents of ММС --
    assert (
        "4.10.2. Положение о муниципальном методическом совете; состав муниципального "
        "методического совета, утвержденный правовым актом комитета;" in full[1]
    )


def test_abbreviations_are_defined_once_per_document(full):
    for section in full[2:]:
        text = "\n".join(section)
        for short in ("ММС", "ГАОУ ДПО «ЛОИРО»", "комитет"):
            assert text.count(f"(далее{NBSP}– {short})") == 1, short
            first_use = re.search(rf"(?<![\w«-]){re.escape(short)}(?![\w-])", text)
            assert text.index(f"(далее{NBSP}– {short})") <= first_use.start() + 10, short


def test_no_yo_and_no_leftovers(full):
    text = "\n".join("\n".join(s) for s in full)
    for bad in ("ё", "Ё", "ОМСУ", "{{", "{%", "None", " - ", "  "):
        assert bad not in text, bad
    assert not re.search(r"№(?!\u00a0)", text)
    assert not re.search(r"(?<=\S) [–—] ", text), "перед тире нужен неразрывный пробел"


# --------------------------------------------------------------------- the new templates


@pytest.mark.parametrize("template_id", NEW_TEMPLATES)
def test_template_lints_clean(settings, template_id):
    schema = core(settings).schema()
    meta = yaml.safe_load((TEMPLATES / f"{template_id}.yaml").read_text("utf-8"))
    assert lint_template(TEMPLATES / f"{template_id}.docx", schema, meta["variables"]) == []


@pytest.mark.parametrize("template_id", NEW_TEMPLATES)
def test_source_conventions(template_id):
    source = (TEMPLATES / "src" / f"{template_id}.txt").read_text("utf-8")
    body = "\n".join(markup_text(source))
    for line in markup_text(source):
        assert not re.match(r"^\d+(\.\d+)*\.\s", line), f"литеральный номер пункта: {line[:40]}"
    assert "ё" not in body.lower()
    assert not re.search(r"(?<=\S) [-\u2010\u2011] (?=\S)", body), "дефис вместо тире"
    assert not re.search(r"(?<=\S) (?=[–—]\s)", body), "перед тире нужен NBSP (T-02)"
    assert not re.search(r"№(?!\u00a0)", body), "после «№» нужен NBSP (T-04)"
    assert '"' not in re.sub(r"\{[{%].*?[}%]\}", "", body), "прямые кавычки в тексте"
    for line in source.splitlines():
        for tag in re.findall(r"\{%-?\s*(\w+)", line):
            if tag in ("for", "endfor") or line.strip().startswith("{%"):
                assert line.strip().startswith("{%p "), line


@pytest.mark.parametrize("template_id", NEW_TEMPLATES)
def test_metadata_lists_exactly_the_variables_the_source_uses(settings, template_id):
    meta = yaml.safe_load((TEMPLATES / f"{template_id}.yaml").read_text("utf-8"))
    source = (TEMPLATES / "src" / f"{template_id}.txt").read_text("utf-8")
    tags = " ".join(re.findall(r"\{[{%].*?[}%]\}", source))
    used = set(
        re.findall(
            r"\b((?:act|authority|format|municipality|region|service|signer|"
            r"mms_set)\.[a-z_]+)",
            tags,
        )
    )
    assert used == set(meta["variables"])
    assert used <= set(core(settings).schema().fields)
    assert meta["kind"] == "appendix" and meta["doc_gender"] == "n"


@pytest.mark.parametrize("template_id", NEW_TEMPLATES)
def test_built_docx_is_up_to_date_with_the_source(tmp_path, template_id):
    import zipfile

    fresh = tmp_path / "fresh.docx"
    build_docx((TEMPLATES / "src" / f"{template_id}.txt").read_text("utf-8"), fresh)
    with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(TEMPLATES / f"{template_id}.docx") as b:
        assert a.read("word/document.xml") == b.read("word/document.xml"), (
            "пересоберите: python tools/build_templates.py " + template_id
        )


@pytest.mark.parametrize("template_id", NEW_TEMPLATES)
def test_template_alone_is_a_single_unnumbered_appendix(settings, template_id):
    parts = sections(generate(template_id, SLANTSY, REQUISITES, draft=True, settings=settings).docx)
    assert len(parts) == 1 and parts[0][:4] == MARK_HEAD + ["(приложение)"]
    assert numbering_errors(clause_numbers(parts[0])) == []


# ----------------------------------------------------------------------------- checker


def test_checker_finds_nothing_but_the_drafts_blanks(settings):
    from docgen.checks import PROFILES, check_docx
    from docgen.findings import Severity

    result = render(settings=settings)
    for profile in PROFILES:
        found = [
            f
            for f in check_docx(result.docx, profile)
            if f.severity is not Severity.INFO and f.rule != "G-51"
        ]
        assert found == [], profile
    complete = render(COMPLETE, settings=settings, draft=False)
    for profile in PROFILES:
        assert [
            f for f in check_docx(complete.docx, profile) if f.severity is not Severity.INFO
        ] == [], profile
