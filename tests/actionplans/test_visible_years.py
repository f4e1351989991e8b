"""Which years' plans a person may pick: a selector, not a check written in the view."""

import pytest
from django.contrib.auth.models import AnonymousUser

from actionplans.models import ApprovalStatus
from actionplans.selectors import plan_years_visible
from core.fiscal import FiscalYear

from .factories import CURRENT, AnnualActionPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_next_year(db):
    return AnnualActionPlanFactory(fiscal_year=CURRENT.start_year + 1, status=ApprovalStatus.DRAFT)


def test_the_public_sees_only_the_years_of_approved_plans(draft_next_year):
    AnnualActionPlanFactory()

    assert plan_years_visible(user=AnonymousUser()) == [FiscalYear(CURRENT.start_year)]


def test_partner_staff_see_the_draft_years_too_newest_first(draft_next_year, partner_staff):
    AnnualActionPlanFactory()

    assert plan_years_visible(user=partner_staff) == [
        FiscalYear(CURRENT.start_year + 1),
        FiscalYear(CURRENT.start_year),
    ]
