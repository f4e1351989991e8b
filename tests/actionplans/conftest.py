import pytest

from pillars.models import Membership

from .factories import ActionItemFactory, AnnualActionPlanFactory, ReportingPeriodFactory


@pytest.fixture
def annual_plan(db):
    return AnnualActionPlanFactory()


@pytest.fixture
def open_period(db):
    return ReportingPeriodFactory()


@pytest.fixture
def item(annual_plan, organization, other_organization):
    """An item the `partner_staff` persona's organization leads."""
    return ActionItemFactory(annual_plan=annual_plan, lead_organization=organization)


@pytest.fixture
def chair(item):
    from tests.partners.factories import UserFactory

    person = UserFactory(email="chair@example.org", organization=None)
    Membership.objects.create(
        person=person,
        group=item.owning_group,
        role=Membership.Role.CHAIR,
        term_start=item.start_date.replace(year=item.start_date.year - 1),
    )
    return person
