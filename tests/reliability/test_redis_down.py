"""Redis down is a degraded mode, not an outage: with the test's own redis-server stopped under
the portal, people sign in (and the sign-in limit still refuses), answers and updates are
stored, pages answer; once it is back, no page is served stale."""

import pytest
import redis
from django.db import connection
from django.test import Client
from django.urls import reverse

from actionplans.models import ProgressUpdate
from consultations import services as consultation_services
from consultations.models import Question, Response
from core import page_cache
from tests.actionplans.factories import (
    ActionItemFactory,
    AnnualActionPlanFactory,
    ReportingPeriodFactory,
)
from tests.conftest import commit_pending_page_cache_changes
from tests.consultations.factories import ConsultationFactory, QuestionFactory
from tests.partners.factories import TEST_PASSWORD
from tests.reliability.redis_cache import wait_for_retry

pytestmark = [pytest.mark.django_db, pytest.mark.redis]


@pytest.fixture
def item(organization):
    return ActionItemFactory(annual_plan=AnnualActionPlanFactory(), lead_organization=organization)


@pytest.fixture
def open_period(db):
    return ReportingPeriodFactory()


@pytest.fixture
def survey(db):
    consultation = ConsultationFactory(slug="services-survey")
    QuestionFactory(consultation=consultation, kind=Question.Kind.ONE_CHOICE)
    QuestionFactory(consultation=consultation, kind=Question.Kind.LONG_TEXT)
    return consultation


def sign_in(client, password=TEST_PASSWORD):
    return client.post(
        reverse("account_login"), {"login": "partner@example.org", "password": password}
    )


def answer(client, survey, address="203.0.113.7"):
    data = {"token": consultation_services.form_token_issue(consultation=survey)}
    for question in survey.questions.all():
        data[f"q_{question.pk}"] = "Evening classes." if question.is_text else "1"
    path = reverse("consultations:detail", kwargs={"slug": survey.slug})
    return client.post(path, data, REMOTE_ADDR=address)


def report_progress(client, item, period, narrative):
    return client.post(
        reverse("actionplans:item_update", args=[item.pk]),
        {
            "status": "on_track",
            "percent": 40,
            "narrative": narrative,
            "version": item.version,
            "period": period.pk,
        },
    )


def test_sign_in_works_while_redis_is_down(client, redis_server, partner_staff):
    redis_server.stop()

    response = sign_in(client)

    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert client.session["_auth_user_id"] == str(partner_staff.pk)


def test_failed_sign_ins_are_still_refused_after_the_limit_while_redis_is_down(
    client, redis_server, partner_staff
):
    redis_server.stop()
    for _attempt in range(5):
        assert sign_in(client, password="wrong").status_code == 200

    response = sign_in(client)

    assert "Too many failed login attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_a_consultation_answer_is_stored_while_redis_is_down(client, redis_server, survey):
    redis_server.stop()

    response = answer(client, survey)

    assert response.status_code == 302
    assert Response.objects.filter(consultation=survey).count() == 1


def test_the_consultation_limit_holds_while_redis_is_down(client, redis_server, survey, settings):
    settings.CONSULTATION_RATE_LIMIT = 2
    redis_server.stop()
    answer(client, survey)
    answer(client, survey)

    refused = answer(client, survey)

    assert refused.status_code == 429
    assert Response.objects.count() == 2


def test_a_progress_update_is_stored_while_redis_is_down(
    client, redis_server, partner_staff, item, open_period
):
    client.force_login(partner_staff)
    redis_server.stop()

    response = report_progress(client, item, open_period, "Two workshops ran.")

    assert response.status_code == 302
    assert ProgressUpdate.objects.get(item=item).narrative == "Two workshops ran."


def test_public_pages_and_the_dashboard_answer_while_redis_is_down(
    client, redis_server, partner_staff, item, survey
):
    redis_server.stop()
    public = ["/", "/fr/", "/plan/", f"/actions/{item.pk}/", "/partners/", "/consultations/"]

    for url in public:
        assert client.get(url).status_code == 200, url
    client.force_login(partner_staff)
    assert client.get(reverse("dashboard")).status_code == 200


def test_healthz_says_degraded_while_redis_is_down_and_ok_once_it_is_back(client, redis_server):
    redis_server.stop()
    during = client.get("/healthz")
    redis_server.start()

    after = client.get("/healthz")

    assert during.status_code == 200
    assert during.json() == {"status": "degraded", "checks": {"database": "ok", "redis": "down"}}
    assert after.json()["status"] == "ok"


def test_no_page_goes_into_the_database_while_redis_is_down(client, redis_server, item):
    redis_server.stop()

    for _ in range(2):
        assert client.get(f"/actions/{item.pk}/").status_code == 200

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM lip_portal_cache")
        keys = [key for (key,) in cursor.fetchall()]
    assert not [key for key in keys if page_cache.PAGE_KEY_PREFIX in key]
    assert not [key for key in keys if page_cache.GENERATION_KEY in key]


@pytest.mark.page_cache
def test_a_page_changed_while_redis_was_down_is_not_served_stale_once_it_is_back(
    client, redis_server, partner_staff, item, open_period, committed
):
    url = f"/actions/{item.pk}/"
    anonymous = Client()
    commit_pending_page_cache_changes()  # the setup's rows count as committed
    anonymous.get(url)
    assert raw_keys(redis_server, f"*{page_cache.PAGE_KEY_PREFIX}*")  # the page is in Redis
    client.force_login(partner_staff)
    redis_server.stop()

    with committed():
        report_progress(client, item, open_period, "Two workshops ran.")
    redis_server.start()
    wait_for_retry()

    assert "Two workshops ran." in anonymous.get(url).text


def raw_keys(server, pattern):
    return redis.Redis.from_url(server.url).keys(pattern)
