"""Redline: the generated act as Word tracked changes against the region's model (issue 15).

::

    from docgen import Docgen
    from docgen.redline import redline

    result = redline(dg, "lenobl-mms", "leningrad/kirovsky")   # against the region's model
    result = redline(dg, "lenobl-mms", "leningrad/kirovsky", against=other_docx)
    Path("redline.docx").write_bytes(result.docx)               # w:ins / w:del, author «docgen»
    Path("redline.html").write_text(result.html())              # side by side

The **model** is the same package rendered for the region's model set «<region>/_model»
(:data:`docgen.variables.MODEL_SLUG`): the region's own layers, every value a
municipality must give left unknown and shown as a blank «__________», optional municipal
values absent so the templates print their neutral wording. The redline is the act's own
.docx (its formatting) with the text that differs marked: :func:`compare` works on any two
.docx files.

Why no comparison package: ``python-redlines`` (Open-XML-PowerTools / Docxodus engines)
runs a bundled .NET executable of some 30 MB per engine in a subprocess — 1.0–1.9 s per
comparison here, against a budget well under a second — and aligns by its own rules;
``redlines`` is a word diff of two strings (difflib) with Markdown output, no .docx;
``xmldiff`` diffs XML trees, so formatting and run splits show as changes. The comparison
here is :mod:`difflib` over a paragraph alignment (:mod:`.diff`), made into tracked changes
by :mod:`.track` through docgen's OOXML layer (:mod:`docgen.ooxml.storytext` reads the
tree, :mod:`docgen.ooxml.revisions` writes the marks).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import CheckInputError
from ..ooxml import storytext
from ..ooxml.ns import DOCUMENT, STYLES
from ..ooxml.revisions import Revisions, max_id
from ..placeholders import PREFIX
from ..variables import model_set_id
from .diff import DELETE, EQUAL, INSERT, Piece
from .html import render_html
from .track import Row, Tracker, placeholder_spans

#: What the model shows where a municipality writes its own value.
BLANK = "__________"
#: The author of every change.
AUTHOR = "docgen"
#: A placeholder of the draft: «[не заполнено: Дата акта]».
PLACEHOLDER_RE = re.compile(r"\[" + re.escape(PREFIX) + r"[^\]]*\]")


@dataclass(frozen=True)
class Redline:
    """A redline: the .docx with tracked changes and the compared paragraphs.

    `rows` are the paragraphs side by side (:class:`Row`), `old_label` and `new_label`
    name the two documents in Russian («образец региона», «акт»).
    """

    docx: bytes
    rows: tuple[Row, ...]
    old_label: str
    new_label: str

    @property
    def changed(self) -> int:
        """Return how many paragraphs differ (changed, inserted or deleted)."""
        return sum(1 for r in self.rows if r.op != EQUAL)

    def words(self) -> tuple[int, int]:
        """Return (inserted, deleted) words."""
        inserted = deleted = 0
        for row in self.rows:
            if row.op == INSERT:
                inserted += _count(row.new)
            elif row.op == DELETE:
                deleted += _count(row.old)
            for piece in row.pieces:
                if piece.op == INSERT:
                    inserted += _count(piece.text)
                elif piece.op == DELETE:
                    deleted += _count(piece.text)
        return inserted, deleted

    def summary(self) -> str:
        """Return the counts in Russian: «образец региона → акт: изменено абзацев: 51; …»."""
        inserted, deleted = self.words()
        return (
            f"{self.old_label} → {self.new_label}: изменено абзацев: {self.changed}; "
            f"слов добавлено: {inserted}, исключено: {deleted}"
        )

    def html(self, title: str = "") -> str:
        """Return the side-by-side page (a complete HTML document)."""
        return render_html(self, title)


def _count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def blank_placeholders(text: str) -> str:
    """Return `text` with every «[не заполнено: …]» replaced by the blank «__________»."""
    return PLACEHOLDER_RE.sub(BLANK, text)


def compare(
    old: bytes,
    new: bytes,
    *,
    when: dt.datetime | None = None,
    author: str = AUTHOR,
    labels: tuple[str, str] = ("прежний текст", "новый текст"),
) -> Redline:
    """Return the redline of .docx `new` against .docx `old`.

    The result is `new` (its formatting, sections, headers) with the text `old` had and
    `new` has not marked deleted and the text only `new` has marked inserted, by `author`
    at `when` (default: now). Placeholders «[не заполнено: …]» of `old` count as blanks
    «__________». Raises CheckInputError when either file is not a .docx.
    """
    when = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
    old_root = _document(old, labels[0])
    new_root = _document(new, labels[1])
    with zipfile.ZipFile(io.BytesIO(new)) as archive:
        styles = storytext.style_ids(_read(archive, STYLES))
    revisions = Revisions(author, when, max_id(new_root) + 1)
    tracker = Tracker(revisions, styles, placeholder_spans(PLACEHOLDER_RE, BLANK))
    tracker.container(storytext.body(old_root), storytext.body(new_root))
    document = storytext.serialize(new_root)
    return Redline(_replace_part(new, DOCUMENT, document), tuple(tracker.rows), *labels)


def redline(
    dg,
    package_id: str,
    set_id: str,
    overrides: Mapping[str, Any] | None = None,
    *,
    against: bytes | None = None,
    when: dt.datetime | None = None,
) -> Redline:
    """Return the act `package_id` generated for `set_id` as changes against the model.

    `dg` is the :class:`docgen.Docgen`. The act is rendered as a draft (unknown values
    stay highlighted placeholders); the model is the same package for the region's model
    set (see the module docstring). `against` (.docx bytes of any existing act) replaces
    the model: its own paragraphs and numbering are compared.
    """
    act = dg.generate(package_id, set_id, overrides, draft=True, check=False)
    if against is None:
        region = set_id.partition("/")[0]
        model = dg.generate(package_id, model_set_id(region), draft=True, check=False)
        return compare(model.docx, act.docx, when=when, labels=("образец региона", "акт"))
    return compare(against, act.docx, when=when, labels=("сравниваемый акт", "акт docgen"))


def _document(data: bytes, label: str):
    """Return the parsed ``word/document.xml`` of .docx `data` (`label` names it in errors)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = _read(archive, DOCUMENT)
    except zipfile.BadZipFile:
        raise CheckInputError("не читается как .docx (не ZIP-архив)", label) from None
    if xml is None:
        raise CheckInputError("не читается как .docx: нет word/document.xml", label)
    try:
        return storytext.parse_document(xml)
    except storytext.StoryError as exc:
        raise CheckInputError(f"не читается как .docx: {exc}", label) from None


def _read(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        return archive.read(name)
    except KeyError:
        return None


def _replace_part(data: bytes, name: str, content: bytes) -> bytes:
    """Return the .docx `data` with part `name` replaced by `content`."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            body = content if info.filename == name else source.read(info.filename)
            target.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


__all__ = [
    "AUTHOR",
    "BLANK",
    "PLACEHOLDER_RE",
    "Piece",
    "Redline",
    "Row",
    "blank_placeholders",
    "compare",
    "redline",
]
