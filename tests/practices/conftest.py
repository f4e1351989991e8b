import pytest

from lip_portal.roles import COMMUNICATIONS, REPORTING
from tests.actionplans.factories import ActionItemFactory
from tests.partners.factories import OrganizationFactory, StaffFactory, UserFactory


@pytest.fixture
def item(db):
    return ActionItemFactory()


@pytest.fixture
def lead_partner(item):
    """Partner staff of the organization that leads the item."""
    return UserFactory(organization=item.lead_organization)


@pytest.fixture
def other_partner(db):
    """Partner staff of an organization with no part in the item."""
    return UserFactory(organization=OrganizationFactory())


@pytest.fixture
def publisher(db):
    return StaffFactory(roles=[COMMUNICATIONS])


@pytest.fixture
def staff_without_permission(db):
    return StaffFactory(roles=[REPORTING])


def practice_data(**overrides):
    data = {
        "title_en": "Evening drop-in hours",
        "title_fr": "Accueil en soirée",
        "problem_en": "Working newcomers could not come in the day.",
        "problem_fr": "Les nouveaux arrivants qui travaillent ne pouvaient pas venir le jour.",
        "what_was_done_en": "We opened two evenings a week.",
        "what_was_done_fr": "Nous avons ouvert deux soirs par semaine.",
        "results_en": "Twice as many visits.",
        "results_fr": "Deux fois plus de visites.",
        "outcome": "worked",
        "languages": ["en", "ar"],
        "contact_name": "Ana Silva",
        "contact_email": "ana@example.org",
        "contact_consent": "on",
        "action": "save",
    }
    data.update(overrides)
    return data
