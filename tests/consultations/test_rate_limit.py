import pytest
from django.core.cache import cache
from django.urls import reverse

from consultations import services
from consultations.models import Response

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _two_per_window(settings):
    settings.CONSULTATION_RATE_LIMIT = 2


def submit(client, survey, answers_for, address):
    path = reverse("consultations:detail", kwargs={"slug": survey.slug})
    return client.post(path, answers_for(survey), REMOTE_ADDR=address)


def test_the_rate_limit_holds_for_one_address(client, survey, answers_for):
    submit(client, survey, answers_for, "203.0.113.7")
    submit(client, survey, answers_for, "203.0.113.7")

    third = submit(client, survey, answers_for, "203.0.113.7")

    assert third.status_code == 429
    assert "Many answers came from your connection in a short time." in third.content.decode()
    assert Response.objects.count() == 2


def test_the_rate_limit_lets_other_addresses_through(client, survey, answers_for):
    for _ in range(3):
        submit(client, survey, answers_for, "203.0.113.7")

    other = submit(client, survey, answers_for, "198.51.100.20")

    assert other.status_code == 302
    assert Response.objects.count() == 3


def test_the_address_is_only_a_hashed_cache_key(client, survey, answers_for, settings):
    submit(client, survey, answers_for, "203.0.113.7")

    from consultations.services import _address_key

    key = _address_key("203.0.113.7")
    assert "203.0.113.7" not in key
    assert cache.get(key) == 1


def test_answers_with_mistakes_do_not_use_up_the_limit(client, survey, answers_for):
    path = reverse("consultations:detail", kwargs={"slug": survey.slug})
    for _ in range(3):
        client.post(path, answers_for(survey, token=""), REMOTE_ADDR="203.0.113.7")

    accepted = submit(client, survey, answers_for, "203.0.113.7")

    assert accepted.status_code == 302


def test_bot_submissions_caught_by_the_honeypot_count_against_the_limit(
    client, survey, answers_for
):
    path = reverse("consultations:detail", kwargs={"slug": survey.slug})
    for _ in range(2):
        client.post(path, answers_for(survey, website="spam"), REMOTE_ADDR="203.0.113.7")

    refused = submit(client, survey, answers_for, "203.0.113.7")

    assert refused.status_code == 429
    assert not Response.objects.exists()


def test_a_count_read_before_the_window_ended_starts_a_new_window():
    services.submission_count(address="198.51.100.4", sent=0)
    cache.clear()  # the window ended after the request read the count

    services.submission_count(address="198.51.100.4", sent=1)

    assert services.submissions_sent(address="198.51.100.4") == 1


def test_a_window_started_by_a_concurrent_request_counts_on():
    services.submission_count(address="198.51.100.5", sent=0)

    services.submission_count(address="198.51.100.5", sent=0)  # read before the first counted

    assert services.submissions_sent(address="198.51.100.5") == 2
    assert services.submission_limit_reached(address="198.51.100.5")
