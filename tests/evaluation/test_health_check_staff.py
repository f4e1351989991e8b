"""Backbone staff open and close the health check, word its statements and moderate comments,
through the services and the back office; nobody else may."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from evaluation import services
from evaluation.models import HealthCheck, HealthCheckComment, HealthCheckStatement
from lip_portal.roles import EQUITY_REVIEW, REPORTING
from tests.partners.factories import StaffFactory

from .health_check_helpers import answer, body, draft, opened, seat, statements

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return StaffFactory(roles=[EQUITY_REVIEW])


def test_staff_with_the_role_open_a_health_check_with_the_statements_asked(manager):
    asked = statements()
    HealthCheckStatement.objects.create(text_en="Old", text_fr="Vieux", is_active=False)
    health_check = draft()

    services.health_check_open(health_check=health_check, by=manager)

    health_check.refresh_from_db()
    assert health_check.status == HealthCheck.Status.OPEN
    assert set(health_check.statements.all()) == set(asked)
    assert health_check.history.first().history_user == manager


@pytest.mark.parametrize("who", ["partner", "council", "staff_without_the_role"])
def test_others_may_not_open_or_close(who, partner_staff, council_member):
    statements()
    health_check = draft()
    person = {
        "partner": partner_staff,
        "council": council_member,
        "staff_without_the_role": StaffFactory(roles=[REPORTING]),
    }[who]

    with pytest.raises(PermissionDenied):
        services.health_check_open(health_check=health_check, by=person)
    services.health_check_open(health_check=health_check, by=StaffFactory(roles=[EQUITY_REVIEW]))
    with pytest.raises(PermissionDenied):
        services.health_check_close(health_check=health_check, by=person)
    health_check.refresh_from_db()
    assert health_check.status == HealthCheck.Status.OPEN


def test_a_health_check_opens_only_with_statements(manager):
    with pytest.raises(ValidationError):
        services.health_check_open(health_check=draft(), by=manager)


def test_only_one_health_check_is_open_at_a_time(manager):
    opened("2025-26")

    with pytest.raises(ValidationError):
        services.health_check_open(health_check=draft("2026-27"), by=manager)


def test_closing_stores_the_results(manager):
    health_check = opened()

    services.health_check_close(health_check=health_check, by=manager)

    health_check.refresh_from_db()
    assert health_check.status == HealthCheck.Status.CLOSED
    assert health_check.results is not None
    assert health_check.closed_at is not None


def test_a_statement_asked_cannot_be_deleted(manager):
    opened()
    statement = HealthCheckStatement.objects.first()

    with pytest.raises(ValidationError):
        services.statement_delete(statement=statement, by=manager)


def test_a_statement_needs_english_and_french(manager):
    with pytest.raises(ValidationError):
        services.statement_save(statement=HealthCheckStatement(text_en="Only English"), by=manager)


def comment_of(health_check):
    council = body()
    (member,) = seat(council)
    answer(health_check, member, council, comment="Meetings start late.")
    return HealthCheckComment.objects.get()


def test_staff_with_the_role_approve_or_reject_a_comment(manager):
    comment = comment_of(opened())

    services.comment_moderate(comment=comment, status="approved", by=manager)
    comment.refresh_from_db()
    assert comment.status == "approved"
    services.comment_moderate(comment=comment, status="rejected", by=manager)
    comment.refresh_from_db()
    assert comment.status == "rejected"


def test_others_may_not_moderate(partner_staff):
    comment = comment_of(opened())

    for person in (partner_staff, StaffFactory(roles=[REPORTING])):
        with pytest.raises(PermissionDenied):
            services.comment_moderate(comment=comment, status="approved", by=person)
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_the_back_office_opens_and_closes_through_the_actions(client, manager):
    statements()
    health_check = draft()
    client.force_login(manager)
    url = reverse("admin:evaluation_healthcheck_changelist")

    client.post(url, {"action": "open_health_checks", ACTION_CHECKBOX_NAME: [health_check.pk]})
    health_check.refresh_from_db()
    assert health_check.status == HealthCheck.Status.OPEN
    client.post(url, {"action": "close_health_checks", ACTION_CHECKBOX_NAME: [health_check.pk]})
    health_check.refresh_from_db()
    assert health_check.status == HealthCheck.Status.CLOSED


def test_the_back_office_shows_how_many_answered_never_who(client, manager):
    health_check = opened()
    council = body()
    members = seat(council, 3)
    answer(health_check, members[0], council)
    client.force_login(manager)

    html = client.get(reverse("admin:evaluation_healthcheck_changelist")).content.decode()

    assert "1 of 3 members of a body" in html
    assert members[0].email not in html


def test_the_back_office_moderates_comments(client, manager):
    comment = comment_of(opened())
    client.force_login(manager)
    url = reverse("admin:evaluation_healthcheckcomment_changelist")

    assert "Meetings start late." in client.get(url).content.decode()
    client.post(url, {"action": "approve_comments", ACTION_CHECKBOX_NAME: [str(comment.pk)]})
    comment.refresh_from_db()
    assert comment.status == "approved"


def test_staff_without_the_role_cannot_reach_the_comments(client):
    client.force_login(StaffFactory(roles=[REPORTING]))

    response = client.get(reverse("admin:evaluation_healthcheckcomment_changelist"))

    assert response.status_code == 403
