"""«Загрузить действующий акт» (issue 15, the web part): upload, pre-filled form with marks,
the deviation report, and «Сравнить с примерным положением» (the redline download)."""

from __future__ import annotations

import html
import io
import re
import zipfile

import pytest
import yaml
from lxml import etree

from docgen import model_set_id

from paths import SEEDS
from shipped import core, package_set_pairs

PACKAGE = "lenobl-mms"
KIROVSKY = "leningrad/kirovsky"
FORM_URL = f"/generate/{PACKAGE}/{KIROVSKY}"
SEED_000 = next(SEEDS.glob("000_*.txt"))
UPLOAD_URL = f"/import/{PACKAGE}/{KIROVSKY}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _set_without(path: str) -> str:
    """Return a shipped Ленинградская область set that leaves `path` unknown."""
    dg = core()
    for set_id in dg.set_ids():
        if set_id.startswith("leningrad/") and path in dg.variables(set_id).missing:
            return set_id
    pytest.fail(f"нет набора без «{path}»")


def upload(client, data: bytes, name: str, url: str = UPLOAD_URL):
    return client.post(
        url, data={"act": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )


def imported_form(client, data: bytes, name: str, url: str = UPLOAD_URL) -> str:
    """Return the form page the upload of `data` leads to."""
    response = upload(client, data, name, url)
    assert response.status_code == 303, _flash(response.get_data(as_text=True))
    assert "import=" in response.headers["Location"]
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    return page.get_data(as_text=True)


def _flash(page: str) -> str:
    found = re.findall(r'class="flash error"[^>]*>(.*?)</div>', page, re.S)
    return " ".join(html.unescape(f) for f in found)


def marks(page: str) -> dict[str, str]:
    """Return input name → the source shown (title) of every «из документа» mark."""
    return {
        name: html.unescape(title)
        for name, title in re.findall(
            r'<span class="badge from-doc" id="([^"]+)-source" title="([^"]*)">из документа',
            page,
        )
    }


def _collapse(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _one_set_per_package() -> list[tuple[str, str]]:
    chosen: dict[str, str] = {}
    for package_id, set_id in package_set_pairs():
        chosen.setdefault(package_id, set_id)
    return sorted(chosen.items())


# -- the way in ---------------------------------------------------------------------------


def test_home_page_offers_the_upload_and_leads_to_it(client, plain):
    page = client.get("/").get_data(as_text=True)
    assert 'name="then" value="import"' in page
    assert "Загрузить действующий акт" in plain(page)
    response = client.get(
        "/generate", query_string={"package": PACKAGE, "municipality": KIROVSKY, "then": "import"}
    )
    assert response.status_code == 302 and response.headers["Location"] == UPLOAD_URL
    # -- without «then» the choice still opens the form --
    response = client.get("/generate", query_string={"package": PACKAGE, "municipality": KIROVSKY})
    assert response.headers["Location"] == FORM_URL
    form = client.get(FORM_URL).get_data(as_text=True)
    assert f'href="{UPLOAD_URL}"' in form


def test_upload_page_needs_a_csrf_token(make_app, plain):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    page = client.get(UPLOAD_URL).get_data(as_text=True)
    assert 'name="csrf_token"' in page and 'type="file"' in page and 'name="act"' in page
    response = upload(client, SEED_000.read_bytes(), SEED_000.name)
    assert response.status_code == 400
    assert "CSRF" in plain(response.get_data(as_text=True))


# -- the pre-filled form ------------------------------------------------------------------


def test_seed_000_text_prefills_the_form_and_marks_where_each_value_came_from(client, form_values):
    page = imported_form(client, SEED_000.read_bytes(), SEED_000.name)
    values = form_values(page)
    assert values["act.date"] == "2023-05-23"
    assert values["act.number"] == "233"
    assert values["signer.name"] == "И.В. Носова"
    assert values["import"]
    found = marks(page)
    assert {"act.date", "act.number", "signer.name", "signer.position"} <= set(found)
    assert "от 23.05.2023 года № 233" in found["act.number"]
    # -- every mark quotes a paragraph of the act (or says the value was chosen by it) --
    act = _collapse(SEED_000.read_text(encoding="utf-8"))
    for name, source in found.items():
        quoted = _collapse(source.split(": ", 1)[-1])
        assert quoted in act or "выбрано по тексту акта" in source, (name, source)


def test_values_import_cannot_find_stay_as_the_set_has_them(client, form_values):
    # -- only the head of seed 000: requisites, but no signature --
    text = SEED_000.read_text(encoding="utf-8")
    head = text[: text.index("№ 233") + len("№ 233")]
    page = imported_form(client, head.encode("utf-8"), "head.txt")
    values, found = form_values(page), marks(page)
    assert values["act.number"] == "233" and "act.number" in found
    # -- the set's own value where the act says nothing, unmarked --
    own = core().variables(KIROVSKY).data["signer"]["name"]
    assert values["signer.name"] == own and "signer.name" not in found
    # -- a value the set leaves unknown and the act does not show: still unfilled --
    other = _set_without("signer.name")
    page = imported_form(client, head.encode("utf-8"), "head.txt", f"/import/{PACKAGE}/{other}")
    values, found = form_values(page), marks(page)
    assert values["act.number"] == "233" and "act.number" in found
    assert values["signer.name"] == "" and "signer.name" not in found
    assert 'id="signer.name-unfilled"' in page


@pytest.mark.parametrize(("package_id", "set_id"), _one_set_per_package())
def test_a_generated_act_uploaded_as_docx_gives_back_its_values(
    client, form_values, plain, package_id, set_id
):
    url = f"/generate/{package_id}/{set_id}"
    original = form_values(client.get(url).get_data(as_text=True))
    act = core().generate(package_id, set_id, draft=True, check=False).docx
    page = imported_form(client, act, "act.docx", f"/import/{package_id}/{set_id}")
    values = form_values(page)
    assert marks(page)
    # -- the act's text is typographed (no-break spaces): the same value, set as typed --
    changed = {
        k: (original[k], values.get(k))
        for k in original
        if not k.endswith(":auto")
        and k != "csrf_token"
        and _collapse(original[k]) != _collapse(values.get(k, ""))
    }
    assert changed == {}
    assert "Отклонений нет" in plain(page)


def test_the_deviation_report_of_seed_000_groups_its_slips(client, plain):
    page = imported_form(client, SEED_000.read_bytes(), SEED_000.name)
    report = page[page.index('id="imported"') :]
    text = plain(report)
    for group in ("Изменено", "Добавлено", "Исключено"):
        assert re.search(rf"{group}: [1-9]\d*", text), group
    # -- the duplicate clause number 2.1.13 (the model has 2.1.14 there) --
    changed = report[report.index('data-group="изменено"') : report.index('data-group="добавлено"')]
    assert "п. 2.1.13" in plain(changed)
    assert re.search(r"в документе:</small> 2\.1\.14\.", changed)
    # -- the half-renamed service (4.10.1 keeps «информационно-методической») --
    assert "п. 4.10.1" in plain(changed)


def test_the_import_survives_a_preview_and_a_changed_value_loses_its_mark(
    client, form_values, plain
):
    page = imported_form(client, SEED_000.read_bytes(), SEED_000.name)
    values = form_values(page)
    values.update({"act.number": "999", "action": "preview"})
    response = client.post(FORM_URL, data=values)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    found = marks(page)
    assert "act.number" not in found and "act.date" in found
    # -- the report stands next to the preview --
    side = page[page.index('<aside class="side">') : page.index("</aside>")]
    assert 'id="imported"' in side and "Отклонения от документа" in plain(side)
    assert "№ 999" in plain(page[page.index('<article class="paper">') :])


def test_an_unknown_or_foreign_import_key_says_so(client, plain):
    for key in ("0" * 32, "../../etc/passwd"):
        page = client.get(FORM_URL, query_string={"import": key}).get_data(as_text=True)
        assert "Загруженный акт больше не хранится" in plain(page)
        assert 'name="import"' not in page
    # -- an import made for Кировский is not shown on another set's form --
    location = upload(client, SEED_000.read_bytes(), SEED_000.name).headers["Location"]
    key = location.rsplit("=", 1)[1]
    other = client.get(
        f"/generate/{PACKAGE}/{_set_without('signer.name')}", query_string={"import": key}
    )
    assert "Загруженный акт больше не хранится" in plain(other.get_data(as_text=True))


# -- refusals -----------------------------------------------------------------------------


def _docx_without_document() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("act.pdf", b"%PDF-1.4", "принимаются только документы .docx и тексты .txt"),
        ("act.txt", b"", "файл пустой"),
        ("act.txt", b"  \n\t ", "файл пустой"),
        ("act.docx", b"", "файл пустой"),
        ("act.docx", b"PK\x03\x04 not really", "не является документом .docx"),
        ("act.docx", "Текст, а не документ".encode(), "не является документом .docx"),
        ("act.docx", _docx_without_document(), "нет части word/document.xml"),
        ("act.txt", b"\x00\x01\x02binary", "не текстовый файл"),
        ("погода.txt", "Завтра дождь.".encode(), "похоже, это другой акт"),
    ],
)
def test_a_bad_file_is_refused_naming_it(client, name, data, reason):
    response = upload(client, data, name)
    assert response.status_code == 400
    message = _flash(response.get_data(as_text=True))
    assert f"«{name}»" in message and reason in message, message


def test_no_file_chosen_says_what_to_do(client):
    response = client.post(UPLOAD_URL, data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Выберите файл действующего акта" in _flash(response.get_data(as_text=True))


def test_size_limits(make_app, plain):
    client = make_app(MAX_ACT_BYTES=2000).test_client()
    response = upload(client, SEED_000.read_bytes(), "big.txt")
    assert response.status_code == 400
    assert "«big.txt»" in _flash(response.get_data(as_text=True))
    assert "больше 1 КБ" in _flash(response.get_data(as_text=True))
    # -- above the request limit: the error page leads back to the upload --
    client = make_app(MAX_CONTENT_LENGTH=10_000).test_client()
    response = upload(client, b"x" * 20_000, "huge.txt")
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert f'href="{UPLOAD_URL}"' in page and "файл акта" in plain(page)


def test_a_package_not_for_the_region_is_not_offered(client):
    hmao = next(p for p in core().package_ids() if "leningrad" not in core().package(p).regions)
    response = upload(client, SEED_000.read_bytes(), SEED_000.name, f"/import/{hmao}/{KIROVSKY}")
    assert response.status_code in (400, 404)


# -- the redline --------------------------------------------------------------------------


def _revisions(data: bytes) -> tuple[list[str], list[str], set[str]]:
    """Return (inserted texts, deleted texts, authors) of the .docx `data`."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    ins = ["".join(t.text or "" for t in i.iter(f"{W}t")) for i in root.iter(f"{W}ins")]
    dels = ["".join(t.text or "" for t in d.iter(f"{W}delText")) for d in root.iter(f"{W}del")]
    authors = {el.get(f"{W}author") for el in root.iter(f"{W}ins", f"{W}del")}
    return ins, dels, authors


@pytest.mark.parametrize(("package_id", "set_id"), _one_set_per_package())
def test_redline_downloads_tracked_changes_against_the_model(submit, package_id, set_id):
    response = submit(f"/generate/{package_id}/{set_id}", action="redline")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype.endswith("wordprocessingml.document")
    assert "attachment" in response.headers["Content-Disposition"]
    ins, dels, authors = _revisions(response.data)
    assert ins and dels and authors == {"docgen"}


def test_redline_is_of_the_current_form_values(submit):
    response = submit(FORM_URL, {"act.number": "4321"}, action="redline")
    ins, _, _ = _revisions(response.data)
    assert any("4321" in text for text in ins)


def test_redline_without_a_model_set_says_so(make_app, web_settings, plain, form_values):
    """A region without its own file (``_region.yaml``) has no model: its values are all in
    the municipality's set."""
    package_id, set_id = next(
        (p, s) for p, s in _one_set_per_package() if not s.startswith("leningrad")
    )
    region = set_id.partition("/")[0]
    folder = web_settings.variables_dir / region
    _merge_region_into(folder / "_region.yaml", folder / f"{set_id.partition('/')[2]}.yaml")
    client = make_app().test_client()
    url = f"/generate/{package_id}/{set_id}"
    values = form_values(client.get(url).get_data(as_text=True))
    response = client.post(url, data={**values, "action": "redline"})
    assert response.status_code == 409
    message = _flash(response.get_data(as_text=True))
    assert "нет примерного положения" in message and model_set_id(region) in message
    # -- the draft is still there --
    assert client.post(url, data={**values, "action": "draft"}).status_code == 200


class _Unknown:
    pass


def _merge_region_into(region_file, set_file) -> None:
    """Move the region's values into the municipality's set and delete the region's file."""
    loader = type("L", (yaml.SafeLoader,), {})
    loader.add_constructor("!unknown", lambda _loader, _node: _Unknown())
    dumper = type("D", (yaml.SafeDumper,), {})
    dumper.add_representer(_Unknown, lambda d, _v: d.represent_scalar("!unknown", ""))

    def merge(base: dict, top: dict) -> dict:
        out = dict(base)
        for key, value in top.items():
            both = isinstance(value, dict) and isinstance(out.get(key), dict)
            out[key] = merge(out[key], value) if both else value
        return out

    region = yaml.load(region_file.read_text(encoding="utf-8"), loader)  # noqa: S506
    own = yaml.load(set_file.read_text(encoding="utf-8"), loader)  # noqa: S506
    text = yaml.dump(merge(region, own), Dumper=dumper, allow_unicode=True, sort_keys=False)
    set_file.write_text(text, encoding="utf-8")
    region_file.unlink()
