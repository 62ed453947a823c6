"""The home page: packages, municipalities grouped by region, filtering, the choice."""

from __future__ import annotations

import pytest

from shipped import core


def test_home_lists_the_package_and_all_leningrad_municipalities(client, plain):
    page = client.get("/").get_data(as_text=True)
    text = plain(page)
    assert "Распоряжение об утверждении Положения о муниципальной методической службе" in text
    assert "Ленинградская область" in text
    assert 'value="leningrad/kirovsky"' in page
    assert "Кировский район" in text
    assert 'value="lenobl-mms" checked' in page


def test_home_lists_every_municipality_of_every_region_with_a_document(client, web_settings):
    dg = core(web_settings)
    regions = {r for p in dg.package_ids() for r in dg.package(p).regions}
    expected = [s for s in dg.set_ids() if "/" in s and s.partition("/")[0] in regions]
    page = client.get("/").get_data(as_text=True)
    assert expected
    for set_id in expected:
        assert f'name="municipality" value="{set_id}"' in page, set_id
    assert page.count('name="municipality"') == len(expected)


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("киров", "Кировский район", "Тосненский район"),
        ("КИРОВ", "Кировский район", "Тосненский район"),
        ("tosnensky", "Тосненский район", "Кировский район"),
    ],
)
def test_home_filters_municipalities(client, plain, query, present, absent):
    text = plain(client.get("/", query_string={"q": query}).get_data(as_text=True))
    assert present in text
    assert absent not in text


def test_home_filter_without_match_says_so(client, plain):
    page = client.get("/", query_string={"q": "Урюпинск"}).get_data(as_text=True)
    assert "Ничего не найдено по запросу «Урюпинск»" in plain(page)


def test_choice_redirects_to_the_form(client):
    response = client.get(
        "/generate", query_string={"package": "lenobl-mms", "municipality": "leningrad/kirovsky"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/generate/lenobl-mms/leningrad/kirovsky"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"package": "lenobl-mms"}, "Выберите муниципальное образование."),
        ({"municipality": "leningrad/kirovsky"}, "Выберите документ."),
        ({"package": "../x", "municipality": "leningrad/kirovsky"}, "Выберите документ."),
        ({"package": "no-such", "municipality": "leningrad/kirovsky"}, "Документ недоступен"),
        (
            {"package": "lenobl-mms", "municipality": "../../etc"},
            "Выберите муниципальное образование.",
        ),
    ],
)
def test_incomplete_choice_goes_back_with_a_message(client, args, message):
    response = client.get("/generate", query_string=args, follow_redirects=True)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_broken_package_is_named_as_unavailable(client, web_settings, plain):
    (web_settings.templates_dir / "packages" / "broken.yaml").write_text(
        "id: broken\ntitle: Сломанный\nparts: [nope]\nregions: [leningrad]\n", encoding="utf-8"
    )
    page = client.get("/").get_data(as_text=True)
    assert "Документ «broken» недоступен" in plain(page)
    assert 'value="broken"' not in page


def test_each_region_card_offers_only_its_documents(client, web_settings):
    (web_settings.templates_dir / "packages" / "tver-test.yaml").write_text(
        "id: tver-test\ntitle: Тверской документ\nparts: [cover-approval]\nregions: [tver]\n",
        encoding="utf-8",
    )
    page = client.get("/").get_data(as_text=True)
    leningrad = page.split('value="leningrad"')[1].split("</form>")[0]
    assert 'value="lenobl-mms"' in leningrad and "Тверской документ" not in leningrad


def test_a_region_level_document_needs_no_municipality(client, web_settings):
    (web_settings.templates_dir / "packages" / "region-doc.yaml").write_text(
        "id: region-doc\ntitle: Документ региона\nparts: [cover-approval]\n"
        "regions: [leningrad]\nlevel: region\n",
        encoding="utf-8",
    )
    page = client.get("/").get_data(as_text=True)
    assert "для всего региона" in page
    response = client.get(
        "/generate", query_string={"package": "region-doc", "region": "leningrad"}
    )
    assert response.headers["Location"] == "/generate/region-doc/leningrad"


def test_the_listing_follows_the_editor_at_once_and_the_disk_within_its_ttl(
    make_app, web_settings, plain
):
    app = make_app(CATALOG_TTL=60.0)
    client = app.test_client()
    assert "Кировский район" in plain(client.get("/").get_data(as_text=True))
    source = web_settings.variables_dir / "leningrad" / "kirovsky.yaml"
    source.rename(source.with_name("kirovsky.off"))
    # -- kept: the file on disk is read again only after CATALOG_TTL --
    assert "Кировский район" in plain(client.get("/").get_data(as_text=True))
    fresh = make_app(CATALOG_TTL=0.0).test_client()
    assert "Кировский район" not in plain(fresh.get("/").get_data(as_text=True))
