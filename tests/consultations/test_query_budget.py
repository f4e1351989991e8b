import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations import services
from consultations.models import Answer, Consultation, Question, Response

from .factories import ConsultationFactory, QuestionFactory

pytestmark = pytest.mark.django_db

KINDS = list(Question.Kind)


@pytest.fixture
def long_survey():
    consultation = ConsultationFactory(slug="long-survey")
    for n in range(30):
        QuestionFactory(
            consultation=consultation, order=n, kind=KINDS[n % len(KINDS)], required=False
        )
    return consultation


@pytest.fixture
def answered(long_survey):
    """5,000 responses to the 30-question survey, with published results."""
    Consultation.objects.filter(pk=long_survey.pk).update(status=Consultation.Status.PUBLISHED)
    questions = list(long_survey.questions.all())
    responses = Response.objects.bulk_create(
        Response(consultation=long_survey, language=("en", "fr", "ar")[n % 3], age_band="25_34")
        for n in range(5000)
    )
    Answer.objects.bulk_create(
        (
            Answer(
                response=response,
                question=question,
                value="Evening classes" if question.is_text else str(1 + n % 3),
                quote_approved=question.is_text and n < 3,
            )
            for n, response in enumerate(responses)
            for question in questions[:4]
        ),
        batch_size=2000,
    )
    services.consultation_results_rebuild_all()  # loaded in bulk, round the services
    return long_survey


def test_the_form_with_30_questions_runs_a_fixed_number_of_queries(
    client, long_survey, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get(f"/consultations/{long_survey.slug}/?lang=ar")

    assert response.content.decode().count('class="question field') == 30


def portal_statements(queries):
    """The statements a submission runs on the portal's tables: not the cache's (Redis in
    production), not savepoints or transaction control."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if "lip_portal_cache" not in q["sql"]
        and not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO"))
    ]


def test_submitting_the_form_with_30_questions_runs_seven_statements(
    client, long_survey, answers_for
):
    client.post(f"/consultations/{long_survey.slug}/", answers_for(long_survey))
    data = answers_for(long_survey)

    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/consultations/{long_survey.slug}/", data)

    assert response.status_code == 302
    statements = portal_statements(queries)
    # The consultation, its questions (once), the address's count (read), then the token, the
    # response, its answers and the count (one atomic update).
    assert len(statements) == 7, statements
    assert [s.split()[0] for s in statements] == [
        "SELECT",
        "SELECT",
        "SELECT",
        "INSERT",
        "INSERT",
        "INSERT",
        "UPDATE",
    ]
    assert "consultations_submissionwindow" in statements[2]
    assert "consultations_submissionwindow" in statements[6]
    assert Response.objects.count() == 2


def test_published_results_with_5000_responses_read_the_stored_figures_in_three_queries(
    client, answered, django_assert_num_queries
):
    # The consultation with its stored results, its questions, the action items it led to.
    with django_assert_num_queries(3):
        response = client.get(reverse("consultations:results", kwargs={"slug": answered.slug}))

    assert response.status_code == 200
    assert response.context["results"]["total"].value == 5000


def test_the_published_results_page_of_30_questions_weighs_under_100_kb(client, answered):
    response = client.get(reverse("consultations:results", kwargs={"slug": answered.slug}))

    assert len(response.content) < 100_000


def test_staff_results_with_5000_responses_run_a_fixed_number_of_queries(
    client, answered, staff, django_assert_max_num_queries
):
    client.force_login(staff)

    with django_assert_max_num_queries(12):
        response = client.get(
            reverse("consultations:staff_results", kwargs={"slug": answered.slug})
        )

    assert response.context["results"]["total"] == 5000


def test_the_list_of_consultations_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    for n in range(30):
        ConsultationFactory(slug=f"survey-{n}")

    with django_assert_max_num_queries(2):
        client.get(reverse("consultations:list"))


def test_the_moderation_page_runs_a_fixed_number_of_queries(
    client, answered, staff, django_assert_max_num_queries
):
    client.force_login(staff)

    with django_assert_max_num_queries(10):
        response = client.get(
            reverse("consultations:staff_answers", kwargs={"slug": answered.slug})
        )

    assert len(response.context["page"]) == 50


def test_results_queries_do_not_grow_with_responses(client, long_survey, staff):
    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("consultations:staff_results", kwargs={"slug": long_survey.slug}))
        return len(queries)

    client.force_login(staff)
    client.get("/")  # session and user
    before = count()
    Response.objects.bulk_create(
        Response(consultation=long_survey, language="en") for _ in range(50)
    )

    assert count() == before


def test_the_csv_export_with_5000_responses_runs_a_fixed_number_of_queries(
    client, answered, staff, django_assert_max_num_queries
):
    client.force_login(staff)

    # One more checks that the staff member has their second factor; two read the permissions
    # their roles grant.
    with django_assert_max_num_queries(9):
        response = client.get(
            reverse("consultations:staff_results_csv", kwargs={"slug": answered.slug})
        )

    assert response.content.decode("utf-8-sig").count("\n") == 5001
