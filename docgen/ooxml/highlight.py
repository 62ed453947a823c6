"""Placeholders made visible: a run is split at docgen's marker characters and the marked
part gets a yellow highlight (docgen.placeholders)::

    <w:r><w:rPr><w:b/></w:rPr><w:t>Подпись: \\ue000не заполнено: Должность\\ue001.</w:t></w:r>
    → <w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Подпись: </w:t></w:r>
      <w:r><w:rPr><w:b/><w:highlight w:val="yellow"/></w:rPr>
           <w:t xml:space="preserve">[не заполнено: Должность]</w:t></w:r>
      <w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">.</w:t></w:r>

The split keeps the run's own properties on every piece.
"""

from __future__ import annotations

import re

from ..placeholders import MARKED_RE, OPEN, labels_in, visible

HIGHLIGHT = '<w:highlight w:val="yellow"/>'
_RUN_CLOSE = "</w:r>"
_RUN_START_RE = re.compile(r"<w:r(?: [^>]*)?>")
_RUN_PROPS_RE = re.compile(r"<w:rPr>.*?</w:rPr>|<w:rPr/>", re.S)
_TEXT_RE = re.compile(r"<w:t(?: [^>]*)?>(.*?)</w:t>", re.S)


def highlight_placeholders(xml: str) -> tuple[str, list[str]]:
    """Return `xml` with every placeholder shown highlighted, and the placeholders' labels
    in order without repeats."""
    if OPEN not in xml:
        return xml, []
    out = []
    done = 0
    mark = xml.find(OPEN)
    while mark >= 0:
        start, end = _run_around(xml, mark)
        if start < 0:
            mark = xml.find(OPEN, mark + 1)
            continue
        out.append(xml[done:start])
        out.append(_highlight_run(xml[start:end]))
        done = end
        mark = xml.find(OPEN, end)
    out.append(xml[done:])
    return "".join(out), labels_in(xml)


def _run_around(xml: str, pos: int) -> tuple[int, int]:
    """Return (start, end) of the run ``<w:r …>…</w:r>`` holding `pos`; (-1, -1) if none."""
    start = pos
    # -- back to ``<w:r>`` or ``<w:r …>``, past ``<w:rPr>``, ``<w:rFonts …>`` and the like --
    while (start := xml.rfind("<w:r", 0, start)) >= 0:
        if xml.startswith((">", " "), start + 4):
            break
    end = xml.find(_RUN_CLOSE, pos)
    if start < 0 or end < 0 or xml.find(_RUN_CLOSE, start, pos) >= 0:
        return -1, -1
    return start, end + len(_RUN_CLOSE)


def _highlight_run(run: str) -> str:
    """Return `run` split at its placeholders, each highlighted, the rest as it was."""
    head = _RUN_START_RE.match(run).group(0)
    props = _RUN_PROPS_RE.search(run)
    r_props = props.group(0) if props else ""
    marked_props = (
        r_props.replace("</w:rPr>", HIGHLIGHT + "</w:rPr>")
        if r_props and r_props != "<w:rPr/>"
        else f"<w:rPr>{HIGHLIGHT}</w:rPr>"
    )

    def split_text(t_match: re.Match) -> str:
        text = t_match.group(1)
        if OPEN not in text:
            return t_match.group(0)
        out = []
        pos = 0
        for m in MARKED_RE.finditer(text):
            out.append(text[pos : m.start()])
            out.append(
                f'</w:t></w:r>{head}{marked_props}<w:t xml:space="preserve">'
                f'{visible(m.group(1))}</w:t></w:r>{head}{r_props}<w:t xml:space="preserve">'
            )
            pos = m.end()
        out.append(text[pos:])
        return f'<w:t xml:space="preserve">{"".join(out)}</w:t>'

    return _TEXT_RE.sub(split_text, run)
