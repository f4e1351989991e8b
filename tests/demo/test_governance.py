"""The demo partnership: believable, idempotent, and the sign-in accounts have their places."""

import pytest
from django.utils import timezone

from demo.seed import seed_demo
from partners.models import Organization, User
from pillars.models import Group, Meeting, Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    seed_demo()


def _counts():
    return [model.objects.count() for model in (Organization, User, Group, Membership, Meeting)]


def test_seeding_twice_changes_nothing(seeded):
    before = _counts()

    seed_demo()

    assert _counts() == before


def test_demo_has_about_forty_organizations_across_every_sector(seeded):
    assert 35 <= Organization.objects.count() <= 45
    sectors = set(Organization.objects.values_list("sector", flat=True))
    assert sectors == set(Organization.Sector.values)
    assert not Organization.objects.filter(name_fr__isnull=True).exists()


def test_demo_governance_has_a_council_three_steering_groups_and_five_action_groups(seeded):
    today = timezone.localdate()
    council = Group.objects.get(kind=Group.Kind.COUNCIL)
    assert 13 <= Membership.objects.active_on(today).filter(group=council).count() <= 17
    assert Group.objects.filter(kind=Group.Kind.STEERING).count() == 3
    actions = Group.objects.filter(kind=Group.Kind.ACTION)
    assert actions.count() == 5
    assert sum(group.has_wound_down(today) for group in actions) == 1
    assert Membership.objects.ended_before(today).exists()
    assert Meeting.objects.filter(is_published=True).exclude(minutes_fr="").exists()


def test_council_account_sits_on_the_council_and_partner_account_chairs_an_action_group(seeded):
    today = timezone.localdate()
    council_member = User.objects.get(email="council@demo.lip")
    partner = User.objects.get(email="partner@demo.lip")

    assert (
        Membership.objects.active_on(today)
        .filter(person=council_member, group__kind=Group.Kind.COUNCIL)
        .exists()
    )
    chaired = Membership.objects.active_on(today).get(person=partner, role=Membership.Role.CHAIR)
    assert chaired.group.kind == Group.Kind.ACTION
    assert partner.organization.slug == "newcomer-welcome-centre"
    assert partner.has_perm("pillars.edit_group_page", chaired.group)
    assert not council_member.has_perm("pillars.edit_group_page", chaired.group)


def test_every_group_has_at_most_one_chair_today(seeded):
    today = timezone.localdate()
    for group in Group.objects.all():
        chairs = Membership.objects.active_on(today).filter(group=group, role="chair")
        assert chairs.count() <= 1, group


def test_the_demo_popolo_data_has_public_council_votes_and_confidential_steering_votes(
    seeded, client
):
    """The demo Council's terms make votes public, the steering groups' keep them confidential:
    /data/popolo.json shows both cases."""
    events = client.get("/data/popolo.json").json()["vote_events"]
    classification = {
        organization["id"]: organization["classification"]
        for organization in client.get("/data/popolo.json").json()["organizations"]
    }
    with_votes = {classification[e["organization_id"]] for e in events if "votes" in e}
    tally_only = {classification[e["organization_id"]] for e in events if "votes" not in e}

    assert with_votes == {"council"}
    assert tally_only == {"steering_group"}
