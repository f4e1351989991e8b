"""Hostile values that once answered 500, each with the clear answer it gets now (the fuzz test
in test_form_fuzz.py found most of them)."""

import pytest
from django.urls import reverse

from tests.equity.factories import EquityReviewFactory
from tests.partners.factories import StaffFactory, reauthenticate

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return StaffFactory(email="root@example.org", is_superuser=True)


@pytest.mark.parametrize(
    "address",
    [
        "/plan/?lead=Centre%00",
        "/fr/partners/?q=%00",
        "/about/equity-review/questionnaire/key%00/",
        "/reports/?version=%00",
    ],
)
def test_a_nul_character_in_the_address_answers_400_saying_so(client, address):
    response = client.get(address)

    assert response.status_code == 400
    assert "NUL" in response.text


def test_a_nul_character_in_a_back_office_list_filter_answers_400(client, superuser):
    client.force_login(superuser)

    response = client.get("/admin/partners/organization/?sector=health%00")

    assert response.status_code == 400
    assert "holds a NUL character" in response.text


def test_a_nul_character_in_the_session_cookie_answers_400_not_a_database_error(client):
    response = client.get("/dashboard/", headers={"Cookie": "sessionid=abcdefgh\x00ijkl"})

    assert response.status_code == 400
    assert "holds a NUL character" in response.text


def test_a_person_form_refused_for_an_organization_that_is_no_key_shows_again(client, superuser):
    client.force_login(superuser)
    reauthenticate(client)

    response = client.post(
        reverse("admin:partners_user_add"),
        {"email": "new@example.org", "organization": " ", "usable_password": "false"},
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.text


def test_an_add_form_given_a_key_out_of_range_in_its_address_shows_without_it(client, superuser):
    client.force_login(superuser)

    response = client.get("/admin/pillars/membership/add/?group=99999999999999999999999")

    assert response.status_code == 200


def test_a_date_out_of_range_in_a_back_office_list_address_shows_the_whole_list(client, superuser):
    client.force_login(superuser)

    for year in ("99999999999999999999", "9999"):
        response = client.get(
            f"/admin/actionplans/progressupdate/?created_at__year={year}&created_at__month=12"
        )

        assert response.status_code == 302
        assert response["Location"].endswith("?e=1")


def test_an_equity_review_form_refused_for_its_fiscal_year_shows_again(client, superuser):
    client.force_login(superuser)
    review = EquityReviewFactory()

    response = client.post(
        reverse("admin:equity_equityreview_change", args=[review.pk]), {"fiscal_year": "-3+4"}
    )

    assert response.status_code == 200
    assert "errornote" in response.text
