import pytest

from equity import services
from equity.models import EquityReview, Invitation
from pillars.models import Group

from .factories import EquityReviewFactory, GroupFactory, MembershipFactory

FULL_TEXTS = {
    "findings_en": "Fewer racialized members than the region.",
    "findings_fr": "Moins de membres racisés que dans la région.",
    "actions_en": "Reserve seats.",
    "actions_fr": "Réserver des sièges.",
}


@pytest.fixture
def council(db):
    return GroupFactory(kind=Group.Kind.COUNCIL, slug="council", name="Council")


@pytest.fixture
def work_group(db):
    return GroupFactory(
        kind=Group.Kind.ACTION,
        slug="jobs-action-group",
        name="Jobs group",
        parent=GroupFactory(slug="council", name="Council"),
    )


def add_members(group, n, **kwargs):
    return [MembershipFactory(group=group, **kwargs).person for _ in range(n)]


@pytest.fixture
def draft_review(db, council):
    review = EquityReviewFactory()
    review.bodies.set([council])
    return review


@pytest.fixture
def open_review(draft_review, staff, council, council_member, django_capture_on_commit_callbacks):
    MembershipFactory(group=council, person=council_member)
    with django_capture_on_commit_callbacks(execute=True):
        services.review_open(review=draft_review, by=staff)
    draft_review.refresh_from_db()
    return draft_review


def invitation_of(review, person):
    return Invitation.objects.get(review=review, person=person)


def answer(review, person, **answers):
    invitation = invitation_of(review, person)
    services.response_submit(invitation=invitation, person=person, answers=answers, consent=True)
    return invitation


def publish(review, staff):
    services.review_close(review=review, by=staff)
    EquityReview.objects.filter(pk=review.pk).update(**FULL_TEXTS)
    services.review_publish(review=review, by=staff)
    review.refresh_from_db()
    return review
