"""The side-by-side page of a redline: old paragraph on the left, new on the right.

Deleted words are struck through on the left, inserted words underlined on the right;
unchanged paragraphs are shown in grey in both columns. Everything is escaped.
"""

from __future__ import annotations

from html import escape

from .diff import DELETE, EQUAL, INSERT

_STYLE = """
body { font: 15px/1.45 "Times New Roman", serif; margin: 1.5em; color: #111; }
h1 { font-size: 1.25em; } p.sum { color: #444; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th { text-align: left; border-bottom: 2px solid #888; padding: .3em .5em; }
td { vertical-align: top; padding: .25em .5em; border-bottom: 1px solid #e4e4e4;
     white-space: pre-wrap; }
tr.equal td { color: #888; }
tr.change td, tr.insert td, tr.delete td { background: #fffbea; }
del { color: #a40000; background: #fde2e2; }
ins { color: #0b5a00; background: #dff5d8; text-decoration: underline; }
"""


def render_html(redline, title: str = "") -> str:
    """Return the complete page for `redline` (a :class:`docgen.redline.Redline`)."""
    inserted, deleted = redline.words()
    title = title or f"Сравнение: {redline.new_label} и {redline.old_label}"
    rows = "\n".join(_row(r) for r in redline.rows if r.old or r.new)
    return (
        '<!doctype html>\n<html lang="ru"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>\n"
        f"<h1>{escape(title)}</h1>\n"
        f'<p class="sum">Изменено абзацев: {redline.changed}; слов добавлено: {inserted}, '
        f"исключено: {deleted}.</p>\n"
        f"<table><thead><tr><th>{escape(redline.old_label.capitalize())}</th>"
        f"<th>{escape(redline.new_label.capitalize())}</th></tr></thead><tbody>\n"
        f"{rows}\n</tbody></table></body></html>\n"
    )


def _row(row) -> str:
    if row.op == EQUAL:
        return f'<tr class="equal"><td>{escape(row.old)}</td><td>{escape(row.new)}</td></tr>'
    if row.op == INSERT:
        return f'<tr class="insert"><td></td><td><ins>{escape(row.new)}</ins></td></tr>'
    if row.op == DELETE:
        return f'<tr class="delete"><td><del>{escape(row.old)}</del></td><td></td></tr>'
    left = "".join(
        f"<del>{escape(p.text)}</del>" if p.op == DELETE else escape(p.text)
        for p in row.pieces
        if p.op != INSERT
    )
    right = "".join(
        f"<ins>{escape(p.text)}</ins>" if p.op == INSERT else escape(p.text)
        for p in row.pieces
        if p.op != DELETE
    )
    return f'<tr class="change"><td>{left}</td><td>{right}</td></tr>'
