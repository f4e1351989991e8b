"""The public directory of partner organizations and their profiles."""

import datetime

import pytest

from actionplans.models import ApprovalStatus
from partners.models import Organization
from tests.actionplans.factories import CURRENT, ActionItemFactory, AnnualActionPlanFactory
from tests.partners.factories import OrganizationFactory, UserFactory
from tests.pillars.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db

S = Organization.Sector


def test_directory_lists_organizations_with_their_sector(client):
    OrganizationFactory(name="Valley Health", sector=S.HEALTH, city="Millbrook")

    html = client.get("/partners/").text

    assert '<a href="/partners/valley-health/">Valley Health</a>' in html
    assert "Health · Millbrook" in html


def test_directory_filters_by_sector(client):
    OrganizationFactory(name="Valley Health", sector=S.HEALTH)
    OrganizationFactory(name="Riverside Library", sector=S.LIBRARY)

    html = client.get("/partners/?sector=library").text

    assert "Riverside Library" in html
    assert "Valley Health" not in html


def test_directory_filters_by_the_group_an_organization_currently_sits_on(client):
    council = GroupFactory(slug="council")
    sitting = OrganizationFactory(name="Sitting Org")
    former = OrganizationFactory(name="Former Org")
    OrganizationFactory(name="Elsewhere Org")
    MembershipFactory(group=council, person=UserFactory(organization=sitting))
    MembershipFactory(
        group=council,
        person=UserFactory(organization=former),
        term_start=datetime.date(2019, 1, 1),
        term_end=datetime.date(2020, 1, 1),
    )

    html = client.get("/partners/?group=council").text

    assert "Sitting Org" in html
    assert "Former Org" not in html
    assert "Elsewhere Org" not in html


def test_directory_searches_names_in_english_and_french(client):
    OrganizationFactory(
        name="Family Resettlement Association", name_fr="Association de réinstallation"
    )
    OrganizationFactory(name="City Hall")

    assert "Family Resettlement" in client.get("/partners/?q=resettle").text
    assert "Family Resettlement" in client.get("/partners/?q=réinstallation").text
    assert "City Hall" not in client.get("/partners/?q=resettle").text


def test_directory_with_an_unknown_sector_shows_the_error_not_a_crash(client):
    OrganizationFactory(name="Valley Health")

    response = client.get("/partners/?sector=nonsense")

    assert response.status_code == 200
    assert "Select a valid choice." in response.text


def test_directory_paginates_and_keeps_the_filters_in_page_links(client):
    for n in range(30):
        OrganizationFactory(name=f"Health Org {n:02d}", sector=S.HEALTH)

    first = client.get("/partners/?sector=health").text
    second = client.get("/partners/?sector=health&page=2").text

    assert "30 organizations" in first
    assert 'href="?sector=health&amp;page=2"' in first
    assert "Health Org 29" in second and "Health Org 29" not in first


def test_directory_runs_a_fixed_number_of_queries_with_500_organizations(
    client, django_assert_max_num_queries
):
    Organization.objects.bulk_create(
        Organization(name=f"Org {n:03d}", name_en=f"Org {n:03d}", slug=f"org-{n}", sector=S.OTHER)
        for n in range(500)
    )
    groups = GroupFactory.create_batch(10)
    MembershipFactory(group=groups[0], person=UserFactory(organization=Organization.objects.last()))

    with django_assert_max_num_queries(3):
        response = client.get("/partners/?page=3")
    with django_assert_max_num_queries(4):
        filtered = client.get(f"/partners/?q=org&sector=other&group={groups[0].slug}")

    assert "500 organizations" in response.text
    assert "1 organization" in filtered.text


def test_profile_shows_the_groups_the_organization_sits_on_today(client):
    organization = OrganizationFactory(name="Valley Health", description="We care.")
    person = UserFactory(display_name="Ada Member", organization=organization)
    MembershipFactory(group=GroupFactory(name="Partnership Council"), person=person)
    MembershipFactory(
        group=GroupFactory(name="Old Group"),
        person=person,
        term_start=datetime.date(2019, 1, 1),
        term_end=datetime.date(2020, 1, 1),
    )

    html = client.get("/partners/valley-health/").text

    assert "Partnership Council" in html
    assert "Ada Member, member" in html
    assert "Old Group" not in html
    assert "We care." in html


def test_profile_in_french_shows_the_french_name(client):
    OrganizationFactory(name="Valley Health", name_fr="Santé de la Vallée")

    assert "Santé de la Vallée" in client.get("/fr/partners/valley-health/").text


def test_unknown_organization_gives_404(client):
    assert client.get("/partners/nobody/").status_code == 404


def test_profile_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    organization = OrganizationFactory(name="Valley Health")
    for _ in range(20):
        MembershipFactory(person=UserFactory(password=None, organization=organization))

    for _ in range(10):
        ActionItemFactory(lead_organization=organization)
        ActionItemFactory(partners=[organization])

    # The organization, its memberships, then the items it leads and those it supports.
    with django_assert_max_num_queries(4):
        client.get("/partners/valley-health/")


def test_profile_lists_the_items_the_organization_leads_and_supports(client):
    organization = OrganizationFactory(name="Valley Health")
    ActionItemFactory(title="Clinic navigation for newcomers", lead_organization=organization)
    ActionItemFactory(title="Mental health outreach", partners=[organization])

    html = client.get("/partners/valley-health/").text

    assert "Clinic navigation for newcomers" in html
    assert "Mental health outreach" in html


def test_profile_hides_items_of_a_draft_annual_plan_from_the_public(client):
    organization = OrganizationFactory(name="Valley Health")
    draft = AnnualActionPlanFactory(fiscal_year=CURRENT.start_year + 1, status=ApprovalStatus.DRAFT)
    ActionItemFactory(title="Next year's clinic", lead_organization=organization, annual_plan=draft)

    html = client.get("/partners/valley-health/").text

    assert "Next year&#x27;s clinic" not in html
    assert "does not lead any action item" in html
