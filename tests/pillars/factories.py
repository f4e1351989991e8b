import datetime

import factory

from pillars.models import Group, Meeting, Membership, Pillar, TermsOfReference
from tests.partners.factories import UserFactory


def pillar(slug="settle"):
    """The three pillars come from a data migration."""
    return Pillar.objects.get(slug=slug)


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    kind = Group.Kind.COUNCIL
    name = factory.Sequence(lambda n: f"Group {n}")
    name_fr = factory.Sequence(lambda n: f"Groupe {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    mandate_en = "Keeps the partnership's work on track."
    mandate_fr = "Veille au bon déroulement du travail du partenariat."
    formed_on = datetime.date(2020, 1, 1)


class SteeringGroupFactory(GroupFactory):
    kind = Group.Kind.STEERING
    pillar = factory.LazyFunction(pillar)


class ActionGroupFactory(GroupFactory):
    kind = Group.Kind.ACTION
    parent = factory.SubFactory(SteeringGroupFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    # Members never sign in with a password in tests: skip the (slow) hashing.
    person = factory.SubFactory(UserFactory, password=None)
    group = factory.SubFactory(GroupFactory)
    organization = factory.LazyAttribute(lambda m: m.person.organization)
    role = Membership.Role.MEMBER
    term_start = datetime.date(2024, 1, 1)
    term_end = None


class TermsOfReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermsOfReference

    group = factory.SubFactory(GroupFactory)
    version = 1
    text_en = "The group meets four times a year."
    text_fr = "Le groupe se réunit quatre fois par année."
    adopted_on = datetime.date(2020, 2, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(GroupFactory)
    held_on = datetime.date(2025, 3, 12)
    agenda_en = "Work plan review."
    agenda_fr = "Revue du plan de travail."
    minutes_en = "Members reviewed the work plan."
    minutes_fr = "Les membres ont revu le plan de travail."
    is_published = True
