"""Template polozhenie-mms-lenobl: the Leningrad-oblast model Положение (seed 003) as a template.

Rendered for leningrad/kirovsky it must reproduce the Положение that Кировский район made
of the model by hand (seed 000, copied to tests/data/seeds/000_f4b46eba82c31ebb.txt) word for word,
except for the deliberate fixes (gost.md §4.1, §4.4). Every remaining difference is listed
in EXPECTED_DIFFS below with its reason.

Two renderings are checked:

* ``offline`` — the markup source rendered by Jinja exactly as docxtpl treats it (a
  ``{%p … %}`` line removes its whole paragraph), with the real variable set and clause
  counter but stand-in case filters that look the Kirov phrases up in KIROV_FORMS. It tests
  the template alone and runs even while the Russian-language layer is unfinished.
* ``pipeline`` — the built .docx through docgen.generate, text read back with python-docx.
  Skipped only while docgen.ru does not provide its filters yet.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from pathlib import Path

import docx
import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from docgen.docxbuild import markup_text
from docgen.render import ClauseCounter

from paths import REPO
from shipped import core

TEMPLATE_ID = "polozhenie-mms-lenobl"
SOURCE = REPO / "templates_docx" / "src" / f"{TEMPLATE_ID}.txt"
SEED_000 = Path(__file__).parent / "data" / "seeds" / "000_f4b46eba82c31ebb.txt"
NBSP = "\u00a0"

#: Measured word-level similarity to seed 000 is 0.9873 (see EXPECTED_DIFFS); the
#: threshold leaves room for typography only, not for a lost or reworded clause.
SIMILARITY_THRESHOLD = 0.98

#: Every word-level difference from seed 000 that remains, with its reason. The test
#: compares the actual diff against this list, so a new difference fails loudly.
#: (seed 000 words, rendered words) after normalisation (see `words`).
EXPECTED_DIFFS = [
    # 1.1: the amending act is cited as the registry spells it (its issuer in full, and its
    # number «Р-303»; 000 and 003 wrote «Минпросвещения России … № 303»).
    (["минпросвещения", "россии"], ["министерства", "просвещения", "российской", "федерации"]),
    (["303);"], ["р-303);"]),
    # 1.3: the authority's short name is defined once, at its first use (G-32; 000 used
    # «комитетом» in 4.6, 4.7, 4.10.2, 4.10.4 without defining it).
    (["области."], ["области", "(далее", "комитет)."]),
    # 2.1.2: 000 kept the model's «муниципальной методической службы»; the service name
    # variable is used everywhere (the same slip as in 4.10.1, G-47).
    (["методической"], ["информационно-методической"]),
    # 2.1.4: short name after the definition (G-32); 000 ended the definition with «.»
    # among «;» (T-12).
    (
        [
            "комитетом",
            "образования",
            "администрации",
            "кировского",
            "муниципального",
            "района",
            "ленинградской",
            "области.",
        ],
        ["комитетом;"],
    ),
    # 2.1.14: 000 (after 003) numbered «муниципальный методист» 2.1.13 a second time (T-08).
    (["2.1.13."], ["2.1.14."]),
    # 3.1, second and third aims: short name of the authority (G-32).
    (
        [
            "образования",
            "администрации",
            "кировского",
            "муниципального",
            "района",
            "ленинградской",
            "области",
        ],
        [],
    ),
    (
        [
            "образования",
            "администрации",
            "кировского",
            "муниципального",
            "района",
            "ленинградской",
            "области",
        ],
        [],
    ),
    # 4.4: short name of the authority (G-32).
    (
        [
            "комитетом",
            "образования",
            "администрации",
            "кировского",
            "муниципального",
            "района",
            "ленинградской",
            "области,",
        ],
        ["комитетом,"],
    ),
    # 4.8: short name of the authority (G-32).
    (
        [
            "комитетом",
            "образования",
            "администрации",
            "кировского",
            "муниципального",
            "района",
            "ленинградской",
            "области.",
        ],
        ["комитетом."],
    ),
    # 4.10.1: «информационно-» was omitted in 000 (gost.md §4.1, G-47).
    (["методической"], ["информационно-методической"]),
]
# Differences the normalisation hides (case, dashes): «Комитета/Комитетом общего …» →
# lowercase (G-50); «» - » → «» – » in 2.1.2 and 2.1.13 (T-02); «Государственным автономным
# …» in 3.2 → «государственным …» (region.institute is stored lowercase, as a generic
# organisational form); NBSP before dashes and after «№» (T-02, T-04).

#: Case forms of the Kirov variable set (the stand-in for docgen.ru in the offline render).
KIROV_FORMS = {
    "муниципальная информационно-методическая служба": {
        "gent": "муниципальной информационно-методической службы",
        "loct": "муниципальной информационно-методической службе",
    },
    "комитет образования администрации Кировского муниципального района Ленинградской области": {
        "gent": "комитета образования администрации Кировского муниципального района "
        "Ленинградской области",
        "ablt": "комитетом образования администрации Кировского муниципального района "
        "Ленинградской области",
    },
    "комитет": {"gent": "комитета", "ablt": "комитетом"},
    "распоряжение": {"ablt": "распоряжением", "datv": "распоряжению"},
    "Кировский муниципальный район Ленинградской области": {
        "gent": "Кировского муниципального района Ленинградской области"
    },
    "Ленинградская область": {"gent": "Ленинградской области"},
    "комитет общего и профессионального образования Ленинградской области": {
        "gent": "комитета общего и профессионального образования Ленинградской области",
        "ablt": "комитетом общего и профессионального образования Ленинградской области",
    },
    "региональная система научно-методического сопровождения педагогических работников и "
    "управленческих кадров Ленинградской области": {
        "gent": "региональной системы научно-методического сопровождения педагогических "
        "работников и управленческих кадров Ленинградской области"
    },
    "государственное автономное образовательное учреждение дополнительного профессионального "
    "образования «Ленинградский областной институт развития образования»": {
        "ablt": "государственным автономным образовательным учреждением дополнительного "
        "профессионального образования «Ленинградский областной институт развития "
        "образования»"
    },
}

KIROV_MARK_LENOBL = [
    "УТВЕРЖДЕНО",
    "распоряжением комитета образования администрации Кировского муниципального района "
    "Ленинградской области",
    f"от 23.05.2023 №{NBSP}233",
    "(приложение)",
]
KIROV_MARK_GOST = [
    "Приложение",
    "к распоряжению комитета образования администрации Кировского муниципального района "
    "Ленинградской области",
    f"от 23.05.2023 №{NBSP}233",
]


# ---------------------------------------------------------------- helpers


def words(text: str) -> list[str]:
    """Return the normalised words of `text`.

    Lower case, ё→е, NBSP→space, no punctuation-only tokens.
    """
    text = text.lower().replace("ё", "е").replace(NBSP, " ")
    return [w for w in text.split() if any(ch.isalnum() for ch in w)]


def similarity(a: str, b: str) -> float:
    """Return difflib's ratio over the normalised word lists of `a` and `b`."""
    return difflib.SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


def word_diffs(a: str, b: str) -> list[tuple[list[str], list[str]]]:
    """Return the non-equal (a words, b words) blocks of a word diff of `a` against `b`."""
    wa, wb = words(a), words(b)
    sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    return [(wa[i1:i2], wb[j1:j2]) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal"]


def seed_polozhenie() -> str:
    """Return the Положение part of seed 000: from «ПОЛОЖЕНИЕ» to the end."""
    text = SEED_000.read_text(encoding="utf-8")
    return text[text.index("ПОЛОЖЕНИЕ\n") :]


def from_heading(paragraphs: list[str]) -> list[str]:
    """Return `paragraphs` from the document heading «ПОЛОЖЕНИЕ» on (the mark dropped)."""
    return paragraphs[paragraphs.index("ПОЛОЖЕНИЕ") :]


CLAUSE_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.(?=[\s\u00a0])")


def clause_numbers(paragraphs: list[str]) -> list[tuple[int, ...]]:
    """Return the literal clause numbers at the start of `paragraphs`, in order."""
    return [
        tuple(int(n) for n in m.group(1).split("."))
        for p in paragraphs
        if (m := CLAUSE_RE.match(p))
    ]


def numbering_errors(nums: list[tuple[int, ...]]) -> list[str]:
    """Return the T-08 violations (duplicates, gaps, level jumps, restarts) in `nums`."""
    errors, prev = [], ()
    for n in nums:
        ok = (len(n) == len(prev) + 1 and n[:-1] == prev and n[-1] == 1) or (
            1 <= len(n) <= len(prev)
            and n[:-1] == prev[: len(n) - 1]
            and n[-1] == prev[len(n) - 1] + 1
        )
        if not ok:
            errors.append(f"{'.'.join(map(str, n))} после {'.'.join(map(str, prev)) or '—'}")
        prev = n
    return errors


# ------------------------------------------------------------ offline render


def _stub_case(value, case):
    if value is None:
        raise ValueError("case() от None: в шаблоне нет проверки необязательного значения")
    text = str(value)
    if case == "nomn":
        return text
    try:
        return KIROV_FORMS[text][case]
    except KeyError:
        raise AssertionError(f"нет формы {case} для «{text}» в KIROV_FORMS") from None


def _stub_date_digital(value):
    assert isinstance(value, dt.date)
    return value.strftime("%d.%m.%Y")


def _stub_cite(act_id, case="nomn", date="long"):
    """Cite a registry act as docgen does (its citations are tested in test_citation.py)."""
    return core().citation(act_id, "leningrad/kirovsky").text(case, date)


def kirov_context(**changes) -> dict:
    """Return the leningrad/kirovsky values as templates see them (every field present).

    `changes` maps dotted paths (with «__» for «.») to replacement values.
    """
    data = core().variables("leningrad/kirovsky").data
    schema = core().schema()
    ctx: dict = {}
    for path, spec in schema.fields.items():
        if "[]" in path:
            continue
        node, src = ctx, data
        *groups, leaf = path.split(".")
        for g in groups:
            node = node.setdefault(g, {})
            src = src.get(g, {}) if isinstance(src, dict) else {}
        value = src.get(leaf) if isinstance(src, dict) else None
        node[leaf] = value if value is not None else ([] if spec.type == "list" else None)
    for dotted, value in changes.items():
        *groups, leaf = dotted.split("__")
        node = ctx
        for g in groups:
            node = node[g]
        node[leaf] = value
    title = (
        f"Положение о {_stub_case(ctx['service']['name'], 'loct')} "
        f"{_stub_case(ctx['municipality']['name'], 'gent')}"
    )
    head, _, tail = title.partition(" ")
    part = {
        "number": None,
        "title": title,
        "kind": head,
        "heading": head.upper(),
        "subject": tail,
        "approval": "УТВЕРЖДЕНО",
        "ref": "(приложение)",
    }
    ctx.update(
        part=part,
        appendices=[part],
        package={"id": TEMPLATE_ID, "title": title, "municipality": "leningrad/kirovsky"},
    )
    return ctx


def render_offline(context: dict) -> list[str]:
    """Return the paragraph texts of the markup source rendered with `context`.

    Mirrors docxtpl: a line that is only a ``{%p … %}`` tag becomes a bare Jinja tag and its
    paragraph disappears; every other line is one paragraph.
    """
    pieces = []
    for raw in SOURCE.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("# ") or line.strip() == "#":
            continue
        m = re.fullmatch(r"\{%p\s(.*)%\}", line.strip())
        if m:
            pieces.append("{% " + m.group(1) + "%}")
            continue
        if line == ".empty":
            line = ""
        elif line.startswith("."):
            line = line.partition(" ")[2]
        pieces.append(line + "\n")
    env = SandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True
    )
    env.filters.update(case=_stub_case, date_digital=_stub_date_digital, cite=_stub_cite)
    values = dict(context, num=ClauseCounter())
    return env.from_string("".join(pieces)).render(values).split("\n")[:-1]


# ------------------------------------------------------------- pipeline render


def _pipeline_ready() -> bool:
    import docgen.ru

    return hasattr(docgen.ru, "FILTERS")


needs_pipeline = pytest.mark.skipif(
    not _pipeline_ready(), reason="docgen.ru ещё не предоставляет фильтры"
)


def render_pipeline(overrides=None) -> list[str]:
    from shipped import generate

    result = generate(TEMPLATE_ID, "leningrad/kirovsky", overrides, draft=True)
    return [p.text for p in docx.Document(io.BytesIO(result.docx)).paragraphs]


# ----------------------------------------------------------------- the source


def test_source_writes_every_clause_number_through_num():
    for line in markup_text(SOURCE.read_text(encoding="utf-8")):
        assert not re.match(r"^\d+(\.\d+)*\.\s", line), f"литеральный номер пункта: {line[:40]}"


def test_source_has_no_seed_defects():
    text = SOURCE.read_text(encoding="utf-8")
    body = "\n".join(markup_text(text))
    assert "ОМСУ" not in body
    assert "[bookmark" not in body
    assert "органом местного самоуправления, осуществляющим" not in body
    assert "управленческих кадров, в том числе организация" not in body  # → управленческим кадрам
    assert "Комитет" not in body  # G-50: the regional committee is lowercase mid-sentence
    assert not re.search(r"(?<=\S) [-\u2010\u2011] (?=\S)", body), "дефис вместо тире"
    assert not re.search(r"(?<=\S) (?=[–—]\s)", body), "перед тире нужен NBSP (T-02)"
    assert not re.search(r"№(?!\u00a0)", body), "после «№» нужен NBSP (T-04)"
    assert "ё" not in body.lower()
    assert '"' not in re.sub(r"\{[{%].*?[}%]\}", "", body), "прямые кавычки в тексте"


def test_block_tags_are_paragraph_tags():
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        for tag in re.findall(r"\{%-?\s*(\w+)", line):
            if tag in ("for", "endfor") or line.strip().startswith("{%"):
                assert line.strip().startswith("{%p "), f"блочный тег не в форме {{%p …%}}: {line}"


def test_metadata_lists_the_variables_the_source_uses():
    import yaml

    meta = yaml.safe_load((REPO / "templates_docx" / f"{TEMPLATE_ID}.yaml").read_text("utf-8"))
    tags = " ".join(re.findall(r"\{[{%].*?[}%]\}", SOURCE.read_text(encoding="utf-8")))
    used = set(
        re.findall(
            r"\b((?:act|authority|format|municipality|region|service|signer)"
            r"\.[a-z_]+)",
            tags,
        )
    )
    assert used == set(meta["variables"])
    schema = core().schema()
    assert used <= set(schema.fields)


# ------------------------------------------------------------- offline render


@pytest.fixture(scope="module")
def offline() -> list[str]:
    return render_offline(kirov_context())


def test_offline_similarity_to_seed_000(offline):
    rendered = "\n".join(from_heading(offline))
    assert similarity(seed_polozhenie(), rendered) >= SIMILARITY_THRESHOLD


def test_offline_differences_from_seed_000_are_exactly_the_deliberate_fixes(offline):
    rendered = "\n".join(from_heading(offline))
    assert word_diffs(seed_polozhenie(), rendered) == EXPECTED_DIFFS


def test_offline_clause_numbers_are_sequential(offline):
    nums = clause_numbers(offline)
    assert nums[0] == (1,) and numbering_errors(nums) == []
    assert (2, 1, 14) in nums and nums.count((2, 1, 13)) == 1
    assert [n for n in nums if len(n) == 1] == [(1,), (2,), (3,), (4,)]


def test_offline_has_no_leftovers(offline):
    text = "\n".join(offline)
    for bad in ("ОМСУ", "[bookmark", "{{", "}}", "{%", "None", "Комитет"):
        assert bad not in text


def test_offline_mark_lenobl(offline):
    assert offline[:6] == KIROV_MARK_LENOBL + ["", "ПОЛОЖЕНИЕ"]
    assert offline[6] == (
        "о муниципальной информационно-методической службе Кировского "
        "муниципального района Ленинградской области"
    )


def test_offline_mark_gost():
    got = render_offline(kirov_context(format__appendix_mark="gost"))
    assert got[:5] == KIROV_MARK_GOST + ["", "ПОЛОЖЕНИЕ"]


def test_offline_short_name_defined_once_then_used(offline):
    text = "\n".join(offline)
    assert text.count("(далее\u00a0– комитет)") == 1
    assert "утверждается комитетом образования администрации Кировского" in text
    # the full name (any case): in the mark and in 1.3 only
    assert text.count("образования администрации Кировского") == 2


def test_offline_legal_bases_are_a_list_ending_with_a_period(offline):
    i = next(k for k, p in enumerate(offline) if p.endswith("разработано в соответствии с:"))
    bases = offline[i + 1 : i + 12]
    assert [b[-1] for b in bases] == [";"] * 10 + ["."]
    assert bases[0].startswith("Федеральным законом от 29")
    assert offline[i + 12].startswith("1.2. ")


def test_offline_model_wording_without_municipal_choices():
    got = "\n".join(
        render_offline(
            kirov_context(
                authority__short=None,
                service__institution=None,
                municipality__kind="городской округ",
            )
        )
    )
    assert "(далее\u00a0– комитет)" not in got
    assert "утвержденного (согласованного) комитетом образования администрации" in got
    assert (
        "являются муниципальное методическое учреждение (методический центр, "
        "методический отдел и\u00a0др.), муниципальный методический совет"
    ) in got
    assert (
        "осуществляет муниципальное методическое учреждение (методический центр, "
        "методический отдел и\u00a0др.) в соответствии с Уставом"
    ) in got
    assert "в том числе городских методических объединений" in got
    assert "ОМСУ" not in got


def test_offline_institution_when_given(offline):
    text = "\n".join(offline)
    assert (
        "являются МБУДО «Кировский центр информационных технологий» как муниципальное "
        "методическое учреждение, муниципальный"
    ) in text
    assert "в том числе районных методических объединений" in text


def test_built_docx_is_up_to_date_with_the_source(tmp_path):
    import zipfile

    from docgen.docxbuild import build_docx

    fresh = tmp_path / "fresh.docx"
    build_docx(SOURCE.read_text(encoding="utf-8"), fresh)
    shipped = REPO / "templates_docx" / f"{TEMPLATE_ID}.docx"
    with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(shipped) as b:
        assert a.read("word/document.xml") == b.read("word/document.xml"), (
            "пересоберите: python tools/build_templates.py " + TEMPLATE_ID
        )


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {
            "format__appendix_mark": "gost",
            "authority__short": None,
            "service__institution": None,
            "municipality__kind": "городской округ",
        },
    ],
)
def test_docx_through_docxtpl_renders_like_the_source(changes):
    """The built .docx, rendered by docxtpl itself, gives the same paragraphs and styles."""
    from docxtpl import DocxTemplate

    context = kirov_context(**changes)
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    env.filters.update(case=_stub_case, date_digital=_stub_date_digital, cite=_stub_cite)
    tpl = DocxTemplate(str(REPO / "templates_docx" / f"{TEMPLATE_ID}.docx"))
    tpl.render(dict(context, num=ClauseCounter()), jinja_env=env)
    paragraphs = tpl.docx.paragraphs
    assert [p.text for p in paragraphs] == render_offline(context)
    styles = [p.style.name for p in paragraphs]
    marks = 3 if changes else 4
    assert styles[: marks + 4] == ["Гриф"] * marks + [
        "Текст",
        "Заголовок документа",
        "Заголовок документа",
        "Текст",
    ]
    headings = [p.text for p in paragraphs if p.style.name == "Заголовок раздела"]
    assert [h.split()[0] for h in headings] == ["1.", "2.", "3.", "4."]
    assert all(not h.endswith(".") for h in headings)
    assert all(s in ("Текст", "Заголовок раздела") for s in styles[marks + 4 :])


# ------------------------------------------------------------ pipeline render


@needs_pipeline
def test_pipeline_similarity_to_seed_000():
    paragraphs = render_pipeline()
    rendered = "\n".join(from_heading(paragraphs))
    assert similarity(seed_polozhenie(), rendered) >= SIMILARITY_THRESHOLD
    assert word_diffs(seed_polozhenie(), rendered) == EXPECTED_DIFFS


@needs_pipeline
def test_pipeline_numbers_mark_and_leftovers():
    paragraphs = render_pipeline()
    nums = clause_numbers(paragraphs)
    assert nums[0] == (1,) and numbering_errors(nums) == []
    assert paragraphs[:4] == KIROV_MARK_LENOBL
    text = "\n".join(paragraphs)
    for bad in ("ОМСУ", "[bookmark", "{{", "}}", "{%", "None"):
        assert bad not in text


@needs_pipeline
def test_pipeline_mark_gost():
    paragraphs = render_pipeline({"format.appendix_mark": "gost"})
    assert paragraphs[:3] == KIROV_MARK_GOST


@needs_pipeline
def test_pipeline_matches_offline_render(offline):
    """The .docx and the markup render identically (modulo the real typograph)."""

    def norm(ps):
        return [words(p) for p in ps]

    assert norm(render_pipeline()) == norm(offline)
