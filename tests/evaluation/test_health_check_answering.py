"""Who may answer the health check, once, and what the page says to everyone else."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from evaluation.models import (
    HealthCheckAnswer,
    HealthCheckComment,
    HealthCheckResponse,
    Participation,
)

from .health_check_helpers import answer, body, close, opened, seat

pytestmark = pytest.mark.django_db

URL = reverse("evaluation:health_check_answer")


def form_data(health_check, group, rating="4", comment=""):
    data = {f"statement_{s.pk}": rating for s in health_check.statements.all()}
    return {**data, "body": str(group.pk), "comment": comment}


def test_a_member_answers_once_and_their_ratings_are_stored_without_them(client):
    health_check = opened()
    council = body()
    (member,) = seat(council)
    client.force_login(member)

    response = client.post(URL, form_data(health_check, council, comment="More notice please."))

    assert response.status_code == 302
    assert Participation.objects.filter(health_check=health_check, person=member).exists()
    assert HealthCheckResponse.objects.get().body == council
    assert sorted(HealthCheckAnswer.objects.values_list("rating", flat=True)) == [4, 4]
    assert HealthCheckComment.objects.get().status == HealthCheckComment.Status.PENDING


def test_the_form_shows_one_fieldset_with_a_legend_per_statement(client):
    health_check = opened()
    (member,) = seat(body())
    client.force_login(member)

    html = client.get(URL).content.decode()

    assert html.count("<legend>") == health_check.statements.count() + 1  # + the body
    assert "Decisions are made transparently." in html


def test_a_second_attempt_is_refused_with_a_message(client):
    health_check = opened()
    council = body()
    (member,) = seat(council)
    answer(health_check, member, council)
    client.force_login(member)

    response = client.post(URL, form_data(health_check, council, rating="1"))

    assert response.status_code == 200
    assert "You have answered this health check" in response.content.decode()
    assert HealthCheckResponse.objects.count() == 1
    assert not HealthCheckAnswer.objects.filter(rating=1).exists()


def test_the_service_refuses_a_second_answer(db):
    health_check = opened()
    council = body()
    (member,) = seat(council)
    answer(health_check, member, council)

    with pytest.raises(ValidationError):
        answer(health_check, member, council)
    assert HealthCheckResponse.objects.count() == 1


def test_a_non_member_is_told_the_health_check_is_for_members(client, partner_staff):
    health_check = opened()
    client.force_login(partner_staff)

    response = client.post(URL, form_data(health_check, body()))

    assert response.status_code == 403
    assert "You do not sit on any of them" in response.content.decode()
    assert not HealthCheckResponse.objects.exists()


def test_the_service_refuses_a_non_member(partner_staff):
    health_check = opened()

    with pytest.raises(PermissionDenied):
        answer(health_check, partner_staff, body())


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    health_check = opened()

    response = client.post(URL, form_data(health_check, body()))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not HealthCheckResponse.objects.exists()


def test_a_member_cannot_answer_for_a_body_they_do_not_sit_on(client):
    health_check = opened()
    (member,) = seat(body())
    other = body(slug="work", name="Work group", name_fr="Groupe Emploi")
    client.force_login(member)

    response = client.post(URL, form_data(health_check, other))

    assert response.status_code == 200
    assert "Choose one of the bodies you sit on." in response.content.decode()
    assert not Participation.objects.exists()


@pytest.mark.parametrize("rating", ["", "6", "0", "x" * 50, "\x00"])
def test_a_bad_rating_gets_a_clear_message_not_a_500(client, rating):
    health_check = opened()
    council = body()
    (member,) = seat(council)
    client.force_login(member)

    response = client.post(URL, form_data(health_check, council, rating=rating))

    assert response.status_code == 200
    assert "Rate this statement, or choose “Don&#x27;t know”." in response.content.decode()
    assert not Participation.objects.exists()


def test_dont_know_is_stored_as_no_rating(client):
    health_check = opened()
    council = body()
    (member,) = seat(council)
    client.force_login(member)

    client.post(URL, form_data(health_check, council, rating="dont_know"))

    assert list(HealthCheckAnswer.objects.values_list("rating", flat=True)) == [None, None]


def test_no_answer_is_taken_once_closed(db):
    health_check = opened()
    council = body()
    (member,) = seat(council)
    close(health_check)

    with pytest.raises(ValidationError):
        answer(health_check, member, council)


def test_the_dashboard_links_to_the_open_health_check_until_answered(client):
    health_check = opened()
    council = body()
    (member,) = seat(council)
    client.force_login(member)

    assert URL in client.get(reverse("dashboard")).content.decode()
    answer(health_check, member, council)
    assert URL not in client.get(reverse("dashboard")).content.decode()


def test_the_dashboard_has_no_link_for_a_non_member(client, partner_staff):
    opened()
    client.force_login(partner_staff)

    assert URL not in client.get(reverse("dashboard")).content.decode()


def test_the_page_is_in_french(client):
    opened()
    (member,) = seat(body())
    client.force_login(member)

    with translation.override("fr"):
        url = reverse("evaluation:health_check_answer")
    html = client.get(url).content.decode()

    assert url.startswith("/fr/")
    assert "Les décisions sont prises de façon transparente." in html
    assert "Bilan de santé du partenariat" in html
