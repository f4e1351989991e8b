"""Backbone staff powers come from roles (Django groups), never from is_staff alone.

Who may open which address is in test_permission_matrix.py; these are the rules under it: the
services refuse staff without the role, a role without staff status gives nothing, and a rule
never shares its name with a Django permission (the model backend would grant it to anyone
given that permission, staff or not)."""

import pytest
import rules
from django.contrib.auth.models import Group as Role
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from actionplans import services as actionplan_services
from demo.seed import seed_accounts
from lip_portal.roles import (
    ADMINISTRATION,
    BACKBONE_ROLES,
    COMMUNICATIONS,
    EQUITY_REVIEW,
    REPORTING,
    backbone_roles,
)
from reports.models import AnnualReport
from reports.services import annual_report_publish
from tests.actionplans.factories import ActionItemFactory, ReportingPeriodFactory
from tests.equity.factories import EquityReviewFactory
from tests.partners.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_four_backbone_roles_exist_after_migrating():
    assert set(Role.objects.values_list("name", flat=True)) >= set(BACKBONE_ROLES)
    assert [role.name for role in backbone_roles()] == [
        REPORTING,
        COMMUNICATIONS,
        EQUITY_REVIEW,
        ADMINISTRATION,
    ]


def test_no_rule_is_named_like_a_django_permission():
    django_permissions = {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.values_list(
            "content_type__app_label", "codename"
        )
    }

    assert not set(rules.permissions.permissions) & django_permissions


def test_a_role_gives_no_staff_power_to_someone_who_is_not_staff():
    partner = UserFactory(email="partner.with.role@example.org")
    partner.groups.add(Role.objects.get(name=REPORTING))

    assert not partner.has_perm("actionplans.change_reportingperiod")
    assert not partner.has_perm("actionplans.run_reporting")


def test_an_inactive_staff_member_holds_no_power_of_their_roles():
    staff = StaffFactory(email="gone@example.org", roles=[REPORTING], is_active=False)

    assert not staff.has_perm("actionplans.run_reporting")


def test_a_role_deleted_by_mistake_comes_back_as_the_migration_made_it():
    Role.objects.filter(name=EQUITY_REVIEW).delete()

    (role,) = backbone_roles([EQUITY_REVIEW])

    assert role.permissions.filter(codename="change_equityreview").exists()


def test_the_roles_come_back_on_a_database_that_lost_its_permissions_too():
    # As a test database is left after a test with serialized rollback has flushed it.
    Role.objects.all().delete()
    Permission.objects.all().delete()

    reporting, *_others = backbone_roles()

    assert reporting.permissions.filter(codename="change_reportingperiod").exists()


def test_staff_without_the_publishing_role_cannot_publish_through_the_service():
    report = AnnualReport.objects.create(fiscal_year=2024)
    reporting_staff = StaffFactory(email="reporting@example.org", roles=[REPORTING])

    with pytest.raises(PermissionDenied):
        annual_report_publish(report=report, by=reporting_staff)
    assert not report.versions.exists()


def test_staff_without_the_reporting_role_cannot_open_a_period_through_the_service():
    period = ReportingPeriodFactory(quarter=2, state="scheduled")
    communications = StaffFactory(email="comms@example.org", roles=[COMMUNICATIONS])

    with pytest.raises(PermissionDenied):
        actionplan_services.reporting_period_open(period=period, by=communications)
    period.refresh_from_db()
    assert period.state == "scheduled"


def test_staff_without_a_role_cannot_report_progress_on_any_item_through_the_service():
    item = ActionItemFactory()
    staff = StaffFactory(email="no.role@example.org")

    with pytest.raises(PermissionDenied):
        actionplan_services.progress_update_create(
            item=item,
            author=staff,
            status="on_track",
            percent=10,
            narrative="Started.",
            seen_version=item.version,
        )


def test_staff_without_the_equity_role_cannot_open_a_review_through_the_service():
    from equity import services as equity_services

    review = EquityReviewFactory()
    staff = StaffFactory(email="no.role@example.org", roles=[ADMINISTRATION])

    with pytest.raises(PermissionDenied):
        equity_services.review_open(review=review, by=staff, notify=False)
    review.refresh_from_db()
    assert review.status == "draft"


def test_the_demo_staff_account_holds_every_role_and_is_no_superuser():
    staff = seed_accounts()["staff@demo.lip"]

    assert not staff.is_superuser
    assert sorted(staff.groups.values_list("name", flat=True)) == sorted(BACKBONE_ROLES)
    assert staff.has_perm("reports.publish_report")


def test_the_dashboard_offers_the_reporting_cycle_only_to_staff_who_run_it(client):
    link = reverse("actionplans:period_list")
    client.force_login(StaffFactory(email="comms@example.org", roles=[COMMUNICATIONS]))
    assert link not in client.get(reverse("dashboard")).text

    client.force_login(StaffFactory(email="reporting@example.org", roles=[REPORTING]))
    assert link in client.get(reverse("dashboard")).text


def test_the_reports_page_links_the_funder_report_for_reporting_staff_only(client):
    link = reverse("reports:funder_list")
    client.force_login(StaffFactory(email="comms@example.org", roles=[COMMUNICATIONS]))
    assert link not in client.get(reverse("reports:report_list")).text

    client.force_login(StaffFactory(email="reporting@example.org", roles=[REPORTING]))
    assert link in client.get(reverse("reports:report_list")).text
