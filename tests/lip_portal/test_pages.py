import pytest
from django.urls import reverse

from pillars.models import Pillar

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_three_pillars_from_the_database(client):
    response = client.get("/")

    assert response.status_code == 200
    for name in ("Settle", "Work", "Belong"):
        assert f'<a href="/pillars/{name.lower()}/">{name}</a></h3>' in response.text


def test_home_page_in_french_shows_the_pillars_in_french(client):
    response = client.get("/fr/")

    assert response.status_code == 200
    assert '<html lang="fr"' in response.text
    assert "Appartenir" in response.text
    assert "Nos trois piliers" in response.text


def test_home_page_shows_a_pillar_renamed_in_the_database(client):
    Pillar.objects.filter(slug="work").update(name_en="Work and careers")

    response = client.get("/")

    assert "Work and careers" in response.text


def test_home_page_links_to_the_same_page_in_the_other_language(client):
    assert 'href="/fr/" hreflang="fr"' in client.get("/").text
    assert 'href="/" hreflang="en"' in client.get("/fr/").text


def test_every_page_has_a_skip_link_and_landmarks(client):
    html = client.get("/").text

    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert "<header" in html
    assert "<footer" in html
    assert '<nav class="main-nav" aria-label="Main">' in html


def test_home_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for n in range(30):
        Pillar.objects.create(slug=f"extra-{n}", name=f"Extra {n}", summary="More work", order=9)

    with django_assert_max_num_queries(3):
        client.get("/")


def test_unknown_url_gives_a_styled_404_in_english(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.text
    assert 'class="site-header"' in response.text


def test_unknown_url_under_fr_gives_a_404_in_french(client):
    response = client.get("/fr/pas-de-page/")

    assert response.status_code == 404
    assert "Page introuvable" in response.text
    assert '<html lang="fr"' in response.text


def test_dashboard_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("dashboard"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_dashboard_greets_a_signed_in_partner_with_their_organization(client, partner_staff):
    client.force_login(partner_staff)

    response = client.get(reverse("dashboard"))

    assert response.status_code == 200
    assert partner_staff.organization.name in response.text


def test_dashboard_tells_a_resident_they_take_part_without_organization(client, resident):
    client.force_login(resident)

    response = client.get(reverse("dashboard"))

    assert "you take part as a resident" in response.text


def test_home_page_title_is_plain_text(client):
    html = client.get("/").text

    title = html[html.index("<title>") : html.index("</title>")]
    assert title == "<title>Home · Riverside Local Immigration Partnership"


def test_the_brand_mark_reads_lip_in_english_and_pli_in_french(client):
    english = client.get("/").text
    french = client.get("/fr/").text

    assert '<span class="brand-mark" aria-hidden="true">LIP</span>' in english
    assert '<span class="brand-mark" aria-hidden="true">PLI</span>' in french
    assert "img/favicon.svg" in english
    assert "img/favicon-fr.svg" in french
