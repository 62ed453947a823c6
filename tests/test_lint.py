"""Template linter: each rule with a failing and a passing example; all errors at once."""

from __future__ import annotations

import pytest

from docgen.docxbuild import build_docx
from docgen.lint import lint_template

from paths import REPO
from shipped import core

SCHEMA = core().schema()


@pytest.fixture
def lint(tmp_path):
    def run(*lines: str, declared=None):
        path = tmp_path / "t.docx"
        build_docx("\n".join(lines), path)
        return lint_template(path, SCHEMA, declared)

    return run


def rules(findings) -> list[str]:
    return [f.rule for f in findings]


@pytest.mark.parametrize(
    ("bad", "good", "rule"),
    [
        (["{{ signer.position | }}"], ["{{ signer.position }}"], "L-01"),
        (["{% if %}", "{% endif %}"], ["{% if act.place %}x{% endif %}"], "L-01"),
        (["Текст {{ signer.position", "}}"], ["Текст {{ signer.position }}"], "L-02"),
        (["{%pif act.place %}", "{%p endif %}"], ["{%p if act.place %}", "{%p endif %}"], "L-02"),
        (
            ["{%tr for r in act.repeals %}", "{%tr endfor %}"],
            [
                ".table 100",
                "|= {%tr for r in act.repeals %}",
                "| {{ r.title }}",
                "|= {%tr endfor %}",
                ".endtable",
            ],
            "L-02",
        ),
        (
            ["{%p if act.place %}", "Текст"],
            ["{%p if act.place %}", "Текст", "{%p endif %}"],
            "L-03",
        ),
        (
            ["{%p endfor %}"],
            ["{%p for r in act.repeals %}", "{{ r.title }}", "{%p endfor %}"],
            "L-03",
        ),
        (["{{ act.nmber }}"], ["{{ act.number }}"], "L-04"),
        (["{{ signer.position | shout }}"], ["{{ signer.position | upfirst }}"], "L-07"),
    ],
)
def test_rule_fails_and_passes(lint, bad, good, rule):
    assert rule in rules(lint(*bad))
    assert rule not in rules(lint(*good))


def test_docxtpl_cell_tags_are_known(lint):
    found = lint(".table 50,50", "|! Значение{% hm %} | <", "| a | b", ".endtable")
    assert found == []


def test_text_in_a_paragraph_tag_line_is_a_warning(lint):
    found = lint("Текст {%p if act.place %}", "{%p endif %}")
    assert [(f.rule, f.severity.value) for f in found] == [("L-02", "warning")]


def test_metadata_must_list_what_is_used_and_use_what_it_lists(lint):
    found = lint("{{ act.number }} {{ signer.position }}", declared=["act.number", "act.place"])
    assert {(f.rule, f.message.split("»")[0]) for f in found} == {
        ("L-05", "переменная «signer.position"),
        ("L-06", "переменная «act.place"),
    }
    assert lint("{{ act.number }}", declared=["act"]) == []


def test_loop_variables_render_names_and_loop_are_not_undeclared(lint):
    found = lint(
        "{%p for r in act.repeals %}",
        "{{ num(1) }} {{ r.title }}{% if not loop.last %};{% endif %} {{ part.number }}",
        "{%p endfor %}",
    )
    assert found == []


@pytest.mark.parametrize(
    "loop",
    ["{%p for p in act.points %}", "{%p for p in act.points | sort(attribute='text') %}"],
)
def test_a_typo_in_a_loop_item_field_is_found_with_its_paragraph(lint, loop):
    found = lint("Вступление", loop, "{{ num(1) }} {{ p.tekst }}", "{%p endfor %}")
    assert rules(found) == ["L-04"]
    assert "«p.tekst» (поле «act.points[].tekst»)" in found[0].message
    assert found[0].location == "основной текст, абзац 3"
    assert found[0].quote == "{{ num(1) }} {{ p.tekst }}"
    assert lint("Вступление", loop, "{{ num(1) }} {{ p.text }}", "{%p endfor %}") == []


def test_the_issues_example_s_nam_is_found_in_its_loop(lint):
    loop = "{%p for s in indicators.rows %}"
    found = lint(loop, "{{ s.nam }}", "{%p endfor %}")
    assert rules(found) == ["L-04"]
    assert "«s.nam» (поле «indicators.rows[].nam»)" in found[0].message
    assert found[0].location == "основной текст, абзац 2"
    assert lint(loop, "{{ s.name }}", "{%p endfor %}") == []


def test_nested_loops_resolve_to_the_inner_lists_items(lint):
    nested = (
        "{%p for p in act.points %}",
        "{{ p.text }}",
        "{%p for s in p.subpoints %}",
        "{{ s }}",
        "{%p endfor %}",
        "{%p endfor %}",
    )
    assert lint(*nested, declared=["act.points"]) == []
    found = lint(*nested, declared=["act.number"])
    assert {(f.rule, f.location, f.message.split("»")[0]) for f in found} == {
        ("L-05", "основной текст, абзац 2", "переменная «act.points.text"),
        ("L-05", "основной текст, абзацы 3, 4", "переменная «act.points.subpoints"),
        ("L-06", "метаданные", "переменная «act.number"),
    }


def test_a_variable_outside_the_schema_is_placed_at_every_paragraph_using_it(lint):
    found = lint("{{ act.nmber }}", "Текст", "Ещё {{ act.nmber | upfirst }}")
    assert [(f.rule, f.location) for f in found] == [("L-04", "основной текст, абзацы 1, 3")]


@pytest.mark.parametrize("quotes", ["«datv»", "„datv“", "‚datv‛"])
def test_typographic_quotes_in_a_tag_get_the_russian_hint(lint, quotes):
    found = lint(f"{{{{ signer.position | case({quotes}) }}}}")
    assert rules(found) == ["L-01"]
    assert "типографские кавычки" in found[0].hint and "прямые" in found[0].hint
    assert lint("{{ signer.position | case('datv') }}") == []


def test_every_error_is_reported_at_once_with_its_paragraph(lint):
    found = lint("Первый {{ signer.position }", "{{ act.nmber }}", "{{ x | shout }}", "{% if %}")
    assert set(rules(found)) >= {"L-01", "L-02", "L-04", "L-07"}
    first = next(f for f in found if f.rule == "L-02")
    assert first.location == "основной текст, абзац 1"
    assert first.quote == "Первый {{ signer.position }"


def test_word_auto_numbering_is_flagged(tmp_path):
    import docx

    doc = docx.Document()
    doc.add_paragraph("Пункт", style="List Number")
    path = tmp_path / "n.docx"
    doc.save(path)
    assert "L-08" in rules(lint_template(path, SCHEMA))


def test_not_a_docx(tmp_path):
    path = tmp_path / "x.docx"
    path.write_bytes(b"not a zip")
    assert rules(lint_template(path, SCHEMA)) == ["L-01"]


def test_shipped_templates_lint_clean():
    import yaml

    for meta_path in sorted((REPO / "templates_docx").glob("*.yaml")):
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        found = lint_template(meta_path.with_suffix(".docx"), SCHEMA, meta["variables"])
        assert [str(f) for f in found] == [], meta_path.name


def test_a_broken_part_is_reported_and_the_rest_still_linted(tmp_path):
    import zipfile

    path = tmp_path / "t.docx"
    build_docx("{{ act.nmber }}", path)
    broken = tmp_path / "b.docx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, b"<w:hdr><w:p>" if name == "word/header1.xml" else data)
    found = lint_template(broken, SCHEMA)
    assert ("L-01", "word/header1.xml") in {(f.rule, f.location) for f in found}
    assert "L-04" in rules(found)
