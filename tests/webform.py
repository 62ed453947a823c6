"""What a browser submits for a form of an HTML page (the web tests and bench/bench_web.py)."""

from __future__ import annotations

from html.parser import HTMLParser


def form_values(page: str, form_id: str = "docform") -> dict[str, str]:
    """Return the values a browser would submit for form `form_id` of HTML `page`."""
    parser = _FormParser(form_id)
    parser.feed(page)
    values = parser.values
    for name, value in values.items():
        # -- a browser drops the newline right after <textarea> --
        values[name] = value[1:] if value.startswith("\n") else value
    return values


class _FormParser(HTMLParser):
    """Collects what a browser would submit for the form with id `form_id`."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.values: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "file"):
            if a.get("type") in ("radio", "checkbox") and "checked" not in a:
                return
            self.values[name] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""
        elif tag == "select":
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data
