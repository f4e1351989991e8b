import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from equity import services
from equity.models import EquityReview, Invitation, fiscal_year_bounds, fiscal_year_of

from .conftest import FULL_TEXTS, add_members, publish
from .factories import EquityReviewFactory, GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def transition_url(review, name):
    return f"/about/equity-review/manage/{review.fiscal_year}/{name}/"


def test_opening_with_no_body_chosen_reviews_every_active_group(staff):
    today = timezone.localdate()
    active = GroupFactory(slug="council")
    formed_later = GroupFactory(slug="future", formed_on=today + datetime.timedelta(days=5))
    wound_down = GroupFactory(slug="past", sunset_on=today - datetime.timedelta(days=5))
    review = EquityReviewFactory()

    services.review_open(review=review, by=staff)

    assert list(review.bodies.all()) == [active]
    assert formed_later not in review.bodies.all() and wound_down not in review.bodies.all()


def test_only_active_members_are_invited_once_each(staff, council):
    today = timezone.localdate()
    current = MembershipFactory(group=council)
    MembershipFactory(group=council, term_end=today - datetime.timedelta(days=1))
    MembershipFactory(group=council, term_start=today + datetime.timedelta(days=3))
    other_body = GroupFactory(slug="second-body")
    MembershipFactory(group=other_body, person=current.person)
    liaison = MembershipFactory(group=council, role="staff_liaison").person
    review = EquityReviewFactory()
    review.bodies.set([council, other_body])

    services.review_open(review=review, by=staff)

    invited = Invitation.objects.filter(review=review)
    assert {i.person for i in invited} == {current.person, liaison}
    assert set(invited.get(person=current.person).bodies.all()) == {council, other_body}


def test_inviting_again_adds_only_members_who_joined_since(open_review, staff, council):
    newcomer = add_members(council, 1)[0]

    assert services.review_invite_members(review=open_review, by=staff) == 1
    assert services.review_invite_members(review=open_review, by=staff) == 0
    assert Invitation.objects.filter(person=newcomer).count() == 1


@pytest.mark.parametrize("persona", ["council_member", "partner_staff", "resident"])
def test_only_staff_open_close_and_publish(request, persona, draft_review, staff):
    person = request.getfixturevalue(persona)

    with pytest.raises(PermissionDenied):
        services.review_open(review=draft_review, by=person)
    services.review_open(review=draft_review, by=staff)
    with pytest.raises(PermissionDenied):
        services.review_close(review=draft_review, by=person)
    services.review_close(review=draft_review, by=staff)
    with pytest.raises(PermissionDenied):
        services.review_publish(review=draft_review, by=person)


@pytest.mark.parametrize("persona", ["council_member", "partner_staff"])
def test_a_non_staff_member_gets_403_on_the_staff_pages_and_transitions(
    request, client, persona, draft_review
):
    client.force_login(request.getfixturevalue(persona))

    assert client.get("/about/equity-review/manage/").status_code == 403
    assert client.get(f"/about/equity-review/manage/{draft_review.fiscal_year}/").status_code == 403
    assert client.post(transition_url(draft_review, "open")).status_code == 403
    draft_review.refresh_from_db()
    assert draft_review.status == EquityReview.Status.DRAFT


def test_anonymous_visitors_are_sent_to_sign_in_from_the_staff_pages(client, draft_review):
    response = client.post(transition_url(draft_review, "open"))

    assert response.status_code == 302
    draft_review.refresh_from_db()
    assert draft_review.status == EquityReview.Status.DRAFT


def test_staff_open_close_and_publish_from_the_staff_page(client, staff, draft_review):
    client.force_login(staff)

    client.post(transition_url(draft_review, "open"))
    draft_review.refresh_from_db()
    assert draft_review.status == EquityReview.Status.OPEN
    client.post(transition_url(draft_review, "close"))
    draft_review.refresh_from_db()
    assert draft_review.status == EquityReview.Status.CLOSED
    EquityReview.objects.filter(pk=draft_review.pk).update(**FULL_TEXTS)
    client.post(transition_url(draft_review, "publish"))
    draft_review.refresh_from_db()
    assert draft_review.status == EquityReview.Status.PUBLISHED
    assert draft_review.aggregates is not None


def test_publishing_without_findings_and_actions_in_both_languages_is_refused(
    client, staff, open_review
):
    services.review_close(review=open_review, by=staff)
    EquityReview.objects.filter(pk=open_review.pk).update(findings_en="Only English.")
    client.force_login(staff)

    response = client.post(transition_url(open_review, "publish"), follow=True)

    open_review.refresh_from_db()
    assert open_review.status == EquityReview.Status.CLOSED
    assert "findings in French" in response.text


def test_a_review_cannot_be_published_while_the_questionnaire_is_open(open_review, staff):
    with pytest.raises(ValidationError):
        services.review_publish(review=open_review, by=staff)


def test_an_unknown_transition_is_a_404(client, staff, draft_review):
    client.force_login(staff)

    assert client.post(transition_url(draft_review, "explode")).status_code == 404


def test_the_admin_actions_open_and_close_through_the_same_rules(client, staff, draft_review):
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    url = "/admin/equity/equityreview/"

    client.post(url, {"action": "open_reviews", "_selected_action": [draft_review.pk]})
    draft_review.refresh_from_db()
    assert draft_review.status == EquityReview.Status.OPEN
    response = client.post(
        url, {"action": "publish_reviews", "_selected_action": [draft_review.pk]}, follow=True
    )
    draft_review.refresh_from_db()
    assert draft_review.status == EquityReview.Status.OPEN
    assert "Close the review before publishing it." in response.text


def test_a_fiscal_year_must_read_like_2025_26(staff):
    with pytest.raises(ValidationError):
        services.review_create(
            fiscal_year="2025-27",
            opens_on=datetime.date(2025, 5, 1),
            closes_on=datetime.date(2025, 6, 1),
            by=staff,
        )


def test_published_review_keeps_its_figures_when_published(open_review, staff):
    publish(open_review, staff)

    assert open_review.aggregates["invited"] == 1


def test_a_member_of_a_body_not_under_review_is_not_invited(staff, council):
    outsider = MembershipFactory(group=GroupFactory(slug="not-reviewed")).person
    review = EquityReviewFactory()
    review.bodies.set([council])
    MembershipFactory(group=council)

    services.review_open(review=review, by=staff)

    assert not Invitation.objects.filter(person=outsider).exists()


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        (datetime.date(2026, 3, 31), "2025-26"),
        (datetime.date(2026, 4, 1), "2026-27"),
        (datetime.date(2026, 11, 23), "2026-27"),
        (datetime.date(2099, 12, 31), "2099-00"),
    ],
)
def test_the_fiscal_year_runs_april_to_march(day, fiscal_year):
    assert fiscal_year_of(day) == fiscal_year
    start, end = fiscal_year_bounds(fiscal_year)
    assert start <= day <= end


def test_a_review_whose_closing_date_has_passed_cannot_be_opened(staff, council):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    review = EquityReviewFactory(opens_on=yesterday, closes_on=yesterday)

    with pytest.raises(ValidationError, match="closing date has passed"):
        services.review_open(review=review, by=staff)
    review.refresh_from_db()
    assert review.status == EquityReview.Status.DRAFT
    assert not Invitation.objects.exists()


def test_a_benchmark_category_must_belong_to_its_dimension(draft_review):
    from equity.models import Benchmark

    benchmark = Benchmark(
        review=draft_review, dimension="gender", category="racialized", share=10, source_en="X"
    )

    with pytest.raises(ValidationError, match="does not belong"):
        benchmark.full_clean()


def test_a_french_speaking_member_is_invited_in_french(
    staff, council, django_capture_on_commit_callbacks
):
    from django.core import mail

    person = MembershipFactory(group=council, person__preferred_language="fr").person
    review = EquityReviewFactory()
    review.bodies.set([council])

    with django_capture_on_commit_callbacks(execute=True):
        services.review_open(review=review, by=staff)

    message = next(m for m in mail.outbox if person.email in m.to)
    assert message.subject.startswith("[Partenariat local d'immigration de Riverside] Examen")
    assert "/fr/about/equity-review/questionnaire/" in message.body
