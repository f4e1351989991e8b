import datetime

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from equity import services
from equity.models import Answer, Response
from equity.services import answers_delete_expired
from equity.tasks import delete_expired_answers

from .conftest import add_members, answer, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(open_review, staff, council):
    people = add_members(council, 6)
    services.review_invite_members(review=open_review, by=staff)
    for person in people:
        answer(open_review, person, gender="man")
    return publish(open_review, staff)


def test_answers_stay_until_the_retention_period_ends(published):
    just_before = published.published_at + datetime.timedelta(days=3 * 365 - 1)

    assert answers_delete_expired(now=just_before) == 0
    assert Response.objects.count() == 6


def test_the_task_deletes_answers_past_the_period_and_the_published_figures_stay(client, published):
    page = f"/about/equity-review/{published.fiscal_year}/"
    before = client.get(page).text
    figures = published.aggregates
    past = published.published_at + datetime.timedelta(days=3 * 365 + 1)

    assert answers_delete_expired(now=past) == 1

    assert not Response.objects.exists()
    assert not Answer.objects.exists()
    published.refresh_from_db()
    assert published.answers_deleted_at == past
    assert published.aggregates == figures
    assert figures["responded"] == 6
    assert client.get(page).text == before


def test_the_retention_period_comes_from_the_settings(published, settings):
    settings.EQUITY_RETENTION_YEARS = 1
    past = published.published_at + datetime.timedelta(days=366)

    assert answers_delete_expired(now=past) == 1


def test_answers_of_an_unpublished_review_are_never_deleted_by_age(open_review, council_member):
    answer(open_review, council_member)

    far_future = open_review.opens_on + datetime.timedelta(days=20 * 365)

    answers_delete_expired(
        now=timezone.make_aware(datetime.datetime.combine(far_future, datetime.time()))
    )
    assert Response.objects.count() == 1


def test_the_task_runs_every_day_from_celery_beat(published):
    entry = django_settings.CELERY_BEAT_SCHEDULE["equity-delete-expired-answers"]

    assert entry["task"] == delete_expired_answers.name
    assert delete_expired_answers.delay().get() == 0
