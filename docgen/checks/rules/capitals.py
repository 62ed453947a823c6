"""Generic words with a capital letter in the middle of a sentence (T-16): «…района,
Муниципальное казенное учреждение «Центр …»», «реализацию Комплекса мер».

The words and the exceptions are data (``capitals.yaml``, with its sources); T-11 judges
the act kinds («Распоряжением») and the approved document's name, this rule the rest.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..model import DocModel
from ..patterns import quote_at
from ..registry import issue, rule
from ._common import WARNING, found_in, sparse, unquoted

CAPITALS_FILE = Path(__file__).resolve().parent.parent / "capitals.yaml"
_SKIP_ROLES = ("blank", "kind", "datenum", "mark", "doctitle", "sign", "extra")
#: What stands before a word in mid-sentence: a letter, a digit, «,», «;», «»», «)» or a
#: dash, then a space (not «.», «:», «(», ««» or the start of the paragraph).
_MID_SENTENCE_RE = re.compile(r"[А-Яа-яЁё\d,;»)–—][ \u00a0]")


def _compile(data: dict) -> tuple[re.Pattern, tuple[tuple[str, ...], ...]]:
    """Return the regex of a capitalised generic word, and the proper names.

    The regex finds the words; whether one stands mid-sentence is checked apart (a leading
    look-behind would slow the scan)."""
    stems = sorted({str(s) for s in data["stems"]}, key=len, reverse=True)
    heads = "|".join(re.escape(s[0].upper() + s[1:]) for s in stems)
    ending = int(data["max_ending"])
    regex = re.compile(rf"(?:{heads})[а-яё]{{0,{ending}}}(?![А-Яа-яЁё])")
    names = tuple(tuple(str(n).lower().split()) for n in data.get("proper_names") or ())
    return regex, names


with CAPITALS_FILE.open(encoding="utf-8") as _fh:
    _GENERIC_RE, _PROPER_NAMES = _compile(yaml.safe_load(_fh))


def _proper_name(words: list[str]) -> bool:
    """Return True when `words` begin with one of the proper names (word by word, by stem)."""
    return any(
        len(words) >= len(name) and all(w.startswith(s) for w, s in zip(words, name, strict=False))
        for name in _PROPER_NAMES
    )


@sparse("capitals")
def _capitals(text: str) -> tuple[tuple[str, str], ...]:
    """Return (word, quote) of each generic word capitalised mid-sentence in `text`."""
    plain = None
    out = []
    for match in _GENERIC_RE.finditer(text):
        start = match.start()
        if start < 2 or not _MID_SENTENCE_RE.match(text, start - 2, start):
            continue
        # -- quotes are blanked only for a text with a candidate (few have one) --
        plain = unquoted(text) if plain is None else plain
        if plain[start] == " " or _proper_name(plain[start : start + 80].lower().split()):
            continue
        out.append((match.group(0), quote_at(text, start, match.end())))
    return tuple(out)


@rule(
    "T-16",
    WARNING,
    "text",
    "Регистр: родовые слова («учреждение», «комплекс мер») — со строчной в середине фразы",
)
def generic_capitals(doc: DocModel, profile):
    for para, found in found_in(doc, "capitals"):
        if para.role in _SKIP_ROLES:
            continue
        for word, quote in found:
            yield issue(
                para,
                f"«{word}» с прописной в середине предложения",
                f"«{word.lower()}»: родовое слово, не имя собственное",
                quote=quote,
            )
