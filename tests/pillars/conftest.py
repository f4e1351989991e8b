import pytest

from pillars.models import Membership
from tests.partners.factories import UserFactory, add_second_factor
from tests.pillars.factories import GroupFactory, MembershipFactory


@pytest.fixture
def group(db):
    return GroupFactory(
        slug="welcome-action", name="Welcome Action Group", name_fr="Groupe Accueil"
    )


@pytest.fixture
def other_group(db):
    return GroupFactory(slug="jobs-action", name="Jobs Action Group", name_fr="Groupe Emploi")


@pytest.fixture
def chair(group, organization):
    person = UserFactory(
        email="chair@example.org", display_name="Chair Person", organization=organization
    )
    MembershipFactory(group=group, person=person, role=Membership.Role.CHAIR)
    # The group is the Council (GroupFactory's default kind): its members sign in with one.
    add_second_factor(person)
    return person
