"""Published consultation results change at once when staff act, in English and French; a
submission does not empty the cache."""

import pytest

from consultations import services
from consultations.models import Answer, Consultation, Question, Response
from tests.conftest import commit_pending_page_cache_changes

from .conftest import question

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]


@pytest.fixture
def published(survey):
    Consultation.objects.filter(pk=survey.pk).update(status=Consultation.Status.PUBLISHED)
    survey.refresh_from_db()
    choice = question(survey, Question.Kind.ONE_CHOICE)
    text = question(survey, Question.Kind.LONG_TEXT)
    responses = Response.objects.bulk_create(
        Response(consultation=survey, language="en") for _ in range(12)
    )
    Answer.objects.bulk_create(
        [Answer(response=r, question=choice, value="2") for r in responses]
        + [Answer(response=responses[0], question=text, value="Evening classes near home")]
    )
    # Results stored as publication stores them, and that change committed: each test's own
    # write is then the only thing that can change the cached pages.
    services.consultation_results_refresh(consultation=survey)
    commit_pending_page_cache_changes()
    return survey


def test_an_approved_quote_shows_at_once_on_the_results_in_both_languages(
    client, committed, published, staff
):
    urls = [
        f"/consultations/{published.slug}/results/",
        f"/fr/consultations/{published.slug}/results/",
    ]
    for url in urls:
        page = client.get(url)
        assert page.status_code == 200
        assert "Evening classes near home" not in page.text
    answer = Answer.objects.get(value="Evening classes near home")

    with committed():
        services.answer_set_quote_approved(by=staff, answer=answer, approved=True)

    for url in urls:
        assert "Evening classes near home" in client.get(url).text, url


def test_a_consultation_closed_by_staff_shows_as_closed_at_once(client, committed, survey, staff):
    before = {url: client.get(url).text for url in ("/consultations/", "/fr/consultations/")}

    with committed():
        services.consultation_set_status(
            by=staff, consultation=survey, status=Consultation.Status.CLOSED
        )

    for url, text in before.items():
        assert client.get(url).text != text, url


def test_a_deleted_response_takes_its_quote_off_the_results_at_once(
    client, committed, published, staff
):
    answer = Answer.objects.get(value="Evening classes near home")
    with committed():
        services.answer_set_quote_approved(by=staff, answer=answer, approved=True)
    url = f"/consultations/{published.slug}/results/"
    assert "Evening classes near home" in client.get(url).text  # now in the cache

    with committed():
        services.responses_delete(
            by=staff, responses=Response.objects.filter(pk=answer.response_id)
        )

    assert "Evening classes near home" not in client.get(url).text
