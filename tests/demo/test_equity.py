import pytest
from django.utils import timezone

from demo.seed import seed_demo
from equity.models import EquityReview, Invitation, Response, fiscal_year_of
from equity.selectors import pending_equity_invitations
from partners.models import User
from pillars.models import Membership

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_published_review_last_year_and_an_open_one_this_year():
    seed_demo()

    this_year = fiscal_year_of(timezone.localdate())
    start = int(this_year[:4])
    last_year = f"{start - 1}-{start % 100:02d}"
    assert dict(EquityReview.objects.values_list("fiscal_year", "status")) == {
        last_year: "published",
        this_year: "open",
    }
    assert Response.objects.filter(review__fiscal_year=this_year).count() >= 5


def test_the_demo_council_member_sits_on_the_council_and_is_invited():
    seed_demo()
    council = User.objects.get(email="council@demo.lip")

    assert Membership.objects.filter(person=council, group__slug="council").exists()
    pending = list(pending_equity_invitations(council))
    assert [i.review.fiscal_year for i in pending] == [fiscal_year_of(timezone.localdate())]


def test_seeding_twice_changes_nothing():
    seed_demo()
    counts = (Invitation.objects.count(), Response.objects.count(), Membership.objects.count())

    seed_demo()

    assert (
        Invitation.objects.count(),
        Response.objects.count(),
        Membership.objects.count(),
    ) == counts
