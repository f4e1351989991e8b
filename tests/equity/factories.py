import datetime

import factory
from django.utils import timezone

from equity.models import EquityReview
from pillars.models import Group, Membership
from tests.partners.factories import UserFactory


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group
        django_get_or_create = ("slug",)

    kind = Group.Kind.COUNCIL
    name = factory.Sequence(lambda n: f"Body {n}")
    slug = factory.Sequence(lambda n: f"body-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(UserFactory)
    group = factory.SubFactory(GroupFactory)
    role = Membership.Role.MEMBER
    term_start = datetime.date(2025, 1, 1)


class EquityReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EquityReview
        django_get_or_create = ("fiscal_year",)

    fiscal_year = "2026-27"
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
