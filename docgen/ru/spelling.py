"""The «ё» policy and copying the surface (capitals, «ё») of an input word onto a library form.

Libraries return dictionary spellings: pymorphy «казённого», «Воробьёва»; num2words
«трёх». Acts write «е» (docs/reference/gost.md T-10), so by default every «ё» that a library adds is
turned into «е». An «ё» the user typed is kept where the library keeps that letter.

`YO_POLICY` is the module-level setting: ``"е"`` (default) or ``"ё"`` (keep the
dictionary spelling). Functions also take an explicit `yo` argument.
"""

from __future__ import annotations

YO_POLICY = "е"
"""``"е"``: never introduce «ё» (default, docs/reference/gost.md T-10); ``"ё"``: keep
dictionary «ё»."""

_YO_TABLE = str.maketrans("ёЁ", "еЕ")


def _policy(yo: str | None) -> str:
    policy = YO_POLICY if yo is None else yo
    if policy not in ("е", "ё"):
        raise ValueError(f"политика «ё» должна быть «е» или «ё», а не {policy!r}")
    return policy


def apply_yo(text: str, yo: str | None = None) -> str:
    """Return `text` from a library with «ё» replaced by «е» unless the policy keeps it.

    «трёх» → «трех» under the default policy.
    """
    return text.translate(_YO_TABLE) if _policy(yo) == "е" else text


def restore_surface(original: str, produced: str, yo: str | None = None) -> str:
    """Return `produced` (a library form of `original`) spelled like `original`.

    Capitals are copied letter by letter over the common stem (hyphenated parts one
    by one), and the ending is upper case when `original` is all caps. «ё» survives
    only where `original` has it and the library kept it; any other «ё» follows the
    policy. «казенное» + «казённого» → «казенного»; «КОМИТЕТ» + «комитета» → «КОМИТЕТА».
    """
    if "-" in original and original.count("-") == produced.count("-"):
        return "-".join(
            restore_surface(o, p, yo)
            for o, p in zip(original.split("-"), produced.split("-"), strict=False)
        )
    keep_dictionary_yo = _policy(yo) == "ё"
    all_caps = len(original) > 1 and original.isupper()
    out = []
    diverged = False
    for i, ch in enumerate(produced):
        src = None if diverged or i >= len(original) else original[i]
        low = ch.lower()
        if low == "ё" and not keep_dictionary_yo and (src is None or src.lower() != "ё"):
            low = "е"
        same = src is not None and src.lower().translate(_YO_TABLE) == low.translate(_YO_TABLE)
        if same:
            out.append(low.upper() if src.isupper() else low)
        else:
            diverged = True
            out.append(low.upper() if all_caps else low)
    return "".join(out)
