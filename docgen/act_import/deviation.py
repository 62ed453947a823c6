"""The deviation report: where the act differs from what the package generates.

The act's paragraphs are aligned with the paragraphs docgen generates with the imported
values (:func:`docgen.redline.diff.align`) and each difference is put in one of three
groups — «изменено» (a paragraph of both, worded otherwise), «добавлено» (only the act has
it), «исключено» (only the generated text has it) — with the clause it belongs to.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..redline.diff import align, word_diff
from .source import Line, plain

GROUPS = ("изменено", "добавлено", "исключено")


@dataclass(frozen=True)
class Deviation:
    """One difference: its `group`, the act's paragraph (`line`, None when it has none),
    the generated paragraph (`expected`, empty when there is none) and the clause."""

    group: str
    clause: str
    where: str
    text: str
    expected: str

    def describe(self) -> str:
        """Return the report line: «приложение, п. 2.1.13 (стр. 91): «…» вместо «…»»."""
        clause = f"п. {self.clause}" if self.clause else "вне пунктов"
        head = f"{self.where.split(',')[0]}, {clause}"
        place = self.where.split(", ", 1)[1] if ", " in self.where else self.where
        if self.group == "изменено":
            was, now = _changed_words(self.expected, self.text)
            if not was:
                return f"{head} ({place}): в акте добавлено «{now}»"
            if not now:
                return f"{head} ({place}): в акте нет «{was}»"
            return f"{head} ({place}): в акте «{now}» вместо «{was}»"
        if self.group == "добавлено":
            return f"{head} ({place}): «{_short(self.text)}»"
        return f"{head} ({place}): «{_short(self.expected)}»"


def deviations(act: list[Line], generated: list[Line]) -> list[Deviation]:
    """Return the differences between the act's paragraphs and the generated ones."""
    pairs = align([g.text for g in generated], [a.text for a in act])
    out: list[Deviation] = []
    last: Line | None = None
    for i, j in pairs:
        if j is not None:
            last = act[j]
        if i is not None and j is not None:
            if plain(generated[i].text) != plain(act[j].text):
                line = act[j]
                out.append(
                    Deviation("изменено", line.clause, line.where, line.text, generated[i].text)
                )
        elif j is not None:
            line = act[j]
            out.append(Deviation("добавлено", line.clause, line.where, line.text, ""))
        else:
            g = generated[i]
            # -- the generated paragraph's part, placed after the act's last paragraph seen --
            after = f"после {last.where.split(', ', 1)[-1]}" if last else "в начале"
            where = f"{g.where.split(',')[0]}, {after}"
            out.append(Deviation("исключено", g.clause, where, "", g.text))
    return out


def report(found: list[Deviation]) -> str:
    """Return the report text, grouped; «Отклонений нет.» when `found` is empty."""
    if not found:
        return "Отклонений нет: акт совпадает с тем, что docgen формирует по этим значениям.\n"
    lines = []
    for group in GROUPS:
        items = [d for d in found if d.group == group]
        if items:
            lines.append(f"{group} ({len(items)}):")
            lines += [f"  {d.describe()}" for d in items]
    return "\n".join(lines) + "\n"


def words_off(act: list[Line], generated: list[Line]) -> int:
    """Return how many words differ (a score for choosing between renderings)."""
    total = 0
    for i, j in align([g.text for g in generated], [a.text for a in act]):
        if i is None:
            total += len(act[j].text.split())
        elif j is None:
            total += len(generated[i].text.split())
        elif plain(generated[i].text) != plain(act[j].text):
            total += sum(
                len(p.text.split())
                for p in word_diff(generated[i].text, act[j].text)
                if p.op != "equal"
            )
    return total


def _changed_words(old: str, new: str) -> tuple[str, str]:
    """Return the words of `old` and of `new` that differ (whole words, «…» between runs)."""
    a, b = old.split(), new.split()
    was, now = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            was.append(" ".join(a[i1:i2]))
            now.append(" ".join(b[j1:j2]))
    return _short(" … ".join(w for w in was if w)), _short(" … ".join(w for w in now if w))


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
