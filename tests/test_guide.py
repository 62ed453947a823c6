"""The editor's guide (docs/guide.md) followed literally, section by section, to a DOCX.

Each ``## `` section of the guide is a sequence of steps this test performs in a temporary
copy of ``variables/`` and ``templates_docx/`` (DOCGEN_VARIABLES_DIR, DOCGEN_TEMPLATES_DIR):

- a ``bash`` block: every line is a ``docgen`` command (``NAME=value`` before it sets the
  environment); each must exit 0;
- a ``yaml`` block after a paragraph naming a file: «Допишите в файл `…`» appends the
  block, «Заполненный файл `…`» / «Файл `…`» writes it;
- «В файле `F` замените `A` на `B`»: a replacement in F (A must be there);
- «Откройте `T.docx` … после абзаца, который начинается с `A`, добавьте абзац `B`»: the
  Word edit, done with python-docx (a copy of the paragraph, the same style);
- a ``text`` block after «Вывод…»: each line is a line of the last command's output;
  after «В черновике…»: each line is in the text of the last .docx written (``-o``).

A section's test first performs the sections before it: they build on each other.
"""

from __future__ import annotations

import copy
import io
import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from docgen.cli import cli

from paths import REPO

GUIDE = REPO / "docs" / "guide.md"
#: The worked examples, in the order the guide gives them (the issue's list).
SECTIONS = (
    "Новый регион",
    "Новое муниципальное образование",
    "Новый вид акта",
    "Новый шаблон в Word",
    "Новый пакет",
)
_FENCE_RE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)
_SPAN_RE = re.compile(r"`([^`]+)`")
_REPLACE_RE = re.compile(r"В файле `([^`]+)` замените `([^`]+)` на `([^`]+)`")
_WORD_RE = re.compile(
    r"Откройте `([^`]+\.docx)`.*?после\s+абзаца, который начинается с `([^`]+)`,\s+"
    r"добавьте абзац\s+`([^`]+)`",
    re.DOTALL,
)


@dataclass
class Step:
    """One thing the guide tells the reader to do or to expect."""

    kind: str  # run | write | append | replace | word | output | document
    args: tuple[str, ...]


@dataclass
class Workspace:
    """The reader's folder: the data copies, the last output and the last document."""

    root: Path
    env: dict[str, str]
    output: str = ""
    document: Path | None = None
    log: list[str] = field(default_factory=list)


def sections() -> dict[str, list[Step]]:
    """Return the steps of each ``## `` section of the guide, in order."""
    text = GUIDE.read_text(encoding="utf-8")
    parts = re.split(r"^## (.+)\n", text, flags=re.MULTILINE)
    pairs = zip(parts[1::2], parts[2::2], strict=True)
    return {title.strip(): _steps(body) for title, body in pairs}


def _steps(body: str) -> list[Step]:
    steps: list[Step] = []
    position = 0
    for fence in _FENCE_RE.finditer(body):
        prose = body[position : fence.start()]
        steps += _prose_steps(prose)
        lead = _last_paragraph(prose)
        language, content = fence.group(1), fence.group(2)
        if language == "bash":
            steps += [
                Step("run", (line,))
                for line in content.splitlines()
                if line.strip() and not line.startswith("#")
            ]
        elif language == "yaml":
            path = [s for s in _SPAN_RE.findall(lead) if s.endswith((".yaml", ".yml"))][-1]
            steps.append(Step("append" if "Допишите" in lead else "write", (path, content)))
        elif language == "text" and lead.startswith("Вывод"):
            steps.append(Step("output", tuple(_lines(content))))
        elif language == "text" and lead.startswith("В черновике"):
            steps.append(Step("document", tuple(_lines(content))))
        position = fence.end()
    return steps + _prose_steps(body[position:])


def _prose_steps(prose: str) -> list[Step]:
    steps = []
    for paragraph in re.split(r"\n\s*\n", prose):
        flat = " ".join(paragraph.split())
        for match in _REPLACE_RE.finditer(flat):
            steps.append(Step("replace", match.groups()))
        for match in _WORD_RE.finditer(flat):
            steps.append(Step("word", match.groups()))
    return steps


def _last_paragraph(prose: str) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", prose.strip()) if p.strip()]
    return " ".join(paragraphs[-1].split()) if paragraphs else ""


def _lines(block: str) -> list[str]:
    return [_norm(line) for line in block.splitlines() if line.strip()]


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _document_text(path: Path) -> str:
    body = docx.Document(io.BytesIO(path.read_bytes())).element.body
    # -- every paragraph, table cells too; a tab (the signature) reads as a space --
    return "\n".join(_norm(Paragraph(p, None).text) for p in body.iter(qn("w:p")))


def perform(step: Step, ws: Workspace, monkeypatch) -> None:
    """Do what `step` says in workspace `ws`; fail with the guide's words when it differs."""
    if step.kind == "run":
        _run(step.args[0], ws)
    elif step.kind in ("write", "append"):
        path, content = ws.root / step.args[0], step.args[1]
        assert step.kind == "write" or path.is_file(), f"нет файла {step.args[0]}"
        before = path.read_text(encoding="utf-8") if step.kind == "append" else ""
        if before and not before.endswith("\n"):
            before += "\n"
        path.write_text(before + content, encoding="utf-8")
    elif step.kind == "replace":
        path, old, new = ws.root / step.args[0], step.args[1], step.args[2]
        text = path.read_text(encoding="utf-8")
        assert old in text, f"в {step.args[0]} нет «{old}»"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    elif step.kind == "word":
        _word_edit(ws.root / step.args[0], step.args[1], step.args[2])
    elif step.kind == "output":
        shown = {_norm(line) for line in ws.output.splitlines()}
        for line in step.args:
            assert line in shown, f"в выводе нет строки «{line}»:\n{ws.output}"
    elif step.kind == "document":
        assert ws.document is not None, "ни одного документа ещё не сформировано"
        text = _document_text(ws.document)
        for line in step.args:
            assert line in text, f"в {ws.document.name} нет «{line}»:\n{text}"


def _run(line: str, ws: Workspace) -> None:
    words = shlex.split(line)
    env = dict(ws.env)
    while words and re.match(r"^[A-Z_]+=", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    assert words[0] == "docgen", f"руководство предлагает не команду docgen: {line}"
    result = CliRunner().invoke(cli, words[1:], env=env, catch_exceptions=False)
    ws.output = result.output
    ws.log.append(f"$ {line}\n{result.output}")
    assert result.exit_code == 0, "\n".join(ws.log)
    if "-o" in words and words[words.index("-o") + 1].endswith(".docx"):
        ws.document = ws.root / words[words.index("-o") + 1]


def _word_edit(path: Path, anchor: str, text: str) -> None:
    """Add paragraph `text` after the one starting with `anchor`, as Word's Enter would."""
    document = docx.Document(str(path))
    found = [p for p in document.paragraphs if p.text.startswith(anchor)]
    assert len(found) == 1, f"абзац «{anchor}» в {path.name}: найдено {len(found)}"
    new = copy.deepcopy(found[0]._p)
    for run in new.findall(qn("w:r"))[1:]:
        new.remove(run)
    texts = new.findall(f"{qn('w:r')}/{qn('w:t')}")
    texts[0].text = text
    found[0]._p.addnext(new)
    document.save(str(path))


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Workspace:
    shutil.copytree(REPO / "variables", tmp_path / "variables")
    shutil.copytree(REPO / "templates_docx", tmp_path / "templates_docx")
    monkeypatch.chdir(tmp_path)
    env = {
        "DOCGEN_VARIABLES_DIR": str(tmp_path / "variables"),
        "DOCGEN_TEMPLATES_DIR": str(tmp_path / "templates_docx"),
    }
    return Workspace(tmp_path, env)


def test_the_guide_has_the_worked_examples_in_order():
    found = list(sections())
    assert [s for s in found if s in SECTIONS] == list(SECTIONS)
    for title in SECTIONS:
        steps = sections()[title]
        assert any(s.kind == "run" for s in steps), title
        assert any(s.kind in ("output", "document") for s in steps), title


@pytest.mark.parametrize(
    "title", SECTIONS, ids=["region", "municipality", "kind", "template", "package"]
)
def test_a_section_of_the_guide_followed_literally_ends_in_a_docx(title, workspace, monkeypatch):
    everything = sections()
    for earlier in SECTIONS[: SECTIONS.index(title) + 1]:
        for step in everything[earlier]:
            perform(step, workspace, monkeypatch)
    # -- the section ends with a document generated from what it made --
    assert workspace.document is not None and workspace.document.is_file()


def test_a_guide_step_that_does_not_hold_fails(workspace, monkeypatch):
    # -- the harness is not a formality: a line the output lacks is reported --
    perform(Step("run", ("docgen validate --no-render",)), workspace, monkeypatch)
    with pytest.raises(AssertionError, match="в выводе нет строки"):
        perform(Step("output", ("✓ moskovskaya",)), workspace, monkeypatch)


def test_the_contributors_section_names_files_that_exist():
    text = GUIDE.read_text(encoding="utf-8")
    for path in ("tests/data/expected_forms.yaml", "tests/data/expected_unknowns.yaml"):
        assert path in text and (REPO / path).is_file(), path


def test_a_regions_own_kind_is_generated_with_the_checks_on(workspace, monkeypatch):
    # -- «Свой вид акта»: the checker reads the document with the region's kinds, so the
    # -- «указание» has none of the findings of a checker that knew the shared kinds only --
    title = "Новый вид акта"
    everything = sections()
    runs = [s.args[0] for s in everything[title] if s.kind == "run"]
    assert not [line for line in runs if "RUN_CHECKS" in line]
    for earlier in SECTIONS[: SECTIONS.index(title) + 1]:
        for step in everything[earlier]:
            perform(step, workspace, monkeypatch)
    assert "act.kind=указание" in runs[-1] and workspace.document.name == "ukazanie.docx"
    found = re.findall(r"\b([GT]-\d\d) ·", workspace.output)
    assert not {"G-09", "G-12", "G-28", "G-31", "G-34", "G-35"} & set(found), workspace.output
