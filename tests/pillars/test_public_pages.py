"""The governance pages the public reads: /about/, /pillars/<slug>/, /groups/<slug>/."""

import datetime

import pytest
from django.utils import translation

from pillars.models import Membership
from tests.partners.factories import OrganizationFactory, UserFactory
from tests.pillars.factories import (
    ActionGroupFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    SteeringGroupFactory,
    TermsOfReferenceFactory,
    pillar,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def test_about_page_draws_council_steering_and_action_groups_with_member_counts(client):
    council = GroupFactory(slug="council", name="Partnership Council")
    steering = SteeringGroupFactory(slug="settle-sg", name="Settle Steering Group")
    ActionGroupFactory(slug="housing", name="Housing Action Group", parent=steering)
    MembershipFactory.create_batch(3, group=council)
    MembershipFactory(group=council, term_end=D(2020, 12, 31), term_start=D(2019, 1, 1))

    html = client.get("/about/").text

    assert '<a href="/groups/council/">Partnership Council</a>' in html
    assert "3 members" in html
    assert '<a href="/groups/settle-sg/">Settle Steering Group</a>' in html
    assert '<a href="/groups/housing/">Housing Action Group</a>' in html
    assert '<a href="/pillars/settle/">Settle</a>' in html


def test_about_page_marks_an_action_group_past_its_sunset_as_wound_down(client):
    council = GroupFactory(slug="council")
    ActionGroupFactory(parent=council, name="Old Project", sunset_on=D(2023, 6, 30))

    html = client.get("/about/").text

    assert "wound down on June 30, 2023" in html


def test_about_page_in_french_uses_french_names(client):
    GroupFactory(slug="council", name="Partnership Council", name_fr="Conseil du partenariat")

    html = client.get("/fr/about/").text

    assert '<html lang="fr"' in html
    assert "Conseil du partenariat" in html
    assert "Comment le partenariat est gouverné" in html


def test_pillar_page_shows_its_steering_group_chair_and_action_groups(client):
    steering = SteeringGroupFactory(name="Work Steering Group", pillar=pillar("work"))
    MembershipFactory(group=steering, role=Membership.Role.CHAIR, person__display_name="Ada Chair")
    ActionGroupFactory(parent=steering, name="Employer Champions")

    html = client.get("/pillars/work/").text

    assert "Work Steering Group" in html
    assert "Ada Chair" in html
    assert "Employer Champions" in html


def test_unknown_pillar_or_group_gives_404(client):
    assert client.get("/pillars/nowhere/").status_code == 404
    assert client.get("/groups/nowhere/").status_code == 404


def test_group_page_lists_current_members_with_role_and_organization(client, group):
    organization = OrganizationFactory(name="Valley Health")
    MembershipFactory(
        group=group,
        role=Membership.Role.CHAIR,
        person=UserFactory(display_name="Ada Chair", organization=organization),
    )
    MembershipFactory(
        group=group, person=UserFactory(display_name="Rui Resident", organization=None)
    )

    html = client.get(f"/groups/{group.slug}/").text

    assert '<th scope="row">Ada Chair</th>' in html
    assert '<a href="/partners/valley-health/">Valley Health</a>' in html
    assert "Resident, in their own name" in html
    assert "<dd>Ada Chair (Valley Health)</dd>" in html


def test_member_whose_term_ended_shows_under_past_members(client, group):
    MembershipFactory(group=group, person__display_name="Current Person")
    MembershipFactory(
        group=group,
        person__display_name="Former Person",
        term_start=D(2019, 1, 1),
        term_end=D(2022, 12, 31),
    )

    html = client.get(f"/groups/{group.slug}/").text
    current, _sep, past = html.partition('id="past-members"')

    assert "Current Person" in current and "Former Person" not in current
    assert "Former Person" in past
    assert "2019" in past and "2022" in past


def test_group_page_shows_the_latest_terms_of_reference_as_in_force(client, group):
    TermsOfReferenceFactory(group=group, version=1, text_en="Old rules.")
    TermsOfReferenceFactory(group=group, version=2, text_en="New rules.")

    html = client.get(f"/groups/{group.slug}/").text

    assert "Version 2, adopted on" in html
    assert html.index("New rules.") < html.index("Old rules.")


def test_group_page_lists_every_version_of_its_terms_of_reference_with_dates_newest_first(
    client, group
):
    TermsOfReferenceFactory(group=group, version=1, adopted_on=D(2021, 3, 4), text_en="First.")
    TermsOfReferenceFactory(group=group, version=2, adopted_on=D(2023, 5, 6), text_en="Second.")
    TermsOfReferenceFactory(group=group, version=3, adopted_on=D(2025, 7, 8), text_en="Third.")

    html = client.get(f"/groups/{group.slug}/").text

    rows = html.split('<table class="terms-versions">')[1].split("</table>")[0]
    assert "<caption>Every version of the terms of reference, newest first</caption>" in rows
    assert (
        '<th scope="row">3</th><td>July 8, 2025</td><td>In force</td></tr>'
        '<tr><th scope="row">2</th><td>May 6, 2023</td><td>July 8, 2025</td></tr>'
        '<tr><th scope="row">1</th><td>March 4, 2021</td><td>May 6, 2023</td></tr>'
    ) in "".join(line.strip() for line in rows.splitlines())
    assert "Text of version 2" in html and "Second." in html
    assert "Text of version 1" in html and "First." in html


def test_group_page_in_french_lists_the_versions_in_french(client, group):
    TermsOfReferenceFactory(group=group, version=1, adopted_on=D(2021, 3, 4), text_fr="Premier.")
    TermsOfReferenceFactory(group=group, version=2, adopted_on=D(2023, 5, 6), text_fr="Second.")

    html = client.get(f"/fr/groups/{group.slug}/").text

    assert "Premier." in html
    assert "4 mars 2021" in html and "6 mai 2023" in html
    assert "En vigueur" in html


def test_group_page_with_one_version_of_its_terms_lists_no_earlier_one(client, group):
    TermsOfReferenceFactory(group=group, version=1, text_en="Only rules.")

    html = client.get(f"/groups/{group.slug}/").text

    assert "Only rules." in html
    assert "terms-versions" not in html


def test_group_page_shows_published_minutes_only(client, group):
    MeetingFactory(group=group, minutes_en="Published minutes.", is_published=True)
    MeetingFactory(
        group=group, held_on=D(2025, 6, 1), minutes_en="Draft minutes.", is_published=False
    )

    html = client.get(f"/groups/{group.slug}/").text

    assert "Published minutes." in html
    assert "Draft minutes." not in html


def test_group_page_in_french_shows_french_mandate_and_minutes(client, group):
    MeetingFactory(group=group, minutes_fr="Procès-verbal en français.")

    html = client.get(f"/fr/groups/{group.slug}/").text

    assert group.mandate_fr in html
    assert "Procès-verbal en français." in html


def test_html_in_a_mandate_is_shown_escaped(client, group):
    group.mandate_en = '<script>alert("x")</script><b>bold</b>'
    group.save()

    html = client.get(f"/groups/{group.slug}/").text

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in html


def test_group_page_runs_a_fixed_number_of_queries_with_sixty_members(
    client, group, django_assert_max_num_queries
):
    for n in range(60):
        MembershipFactory(
            group=group,
            person=UserFactory(password=None, organization=OrganizationFactory(name=f"Org {n}")),
            term_end=D(2022, 1, 1) if n % 4 == 0 else None,
            term_start=D(2021, 1, 1),
        )
    MeetingFactory.create_batch(10, group=group)
    ActionGroupFactory.create_batch(5, parent=group)

    with django_assert_max_num_queries(5):
        response = client.get(f"/groups/{group.slug}/")

    assert response.text.count('<th scope="row">') >= 60


def test_group_page_seen_by_its_chair_adds_only_the_session_and_permission_queries(
    client, group, chair, django_assert_max_num_queries
):
    for _ in range(60):
        MembershipFactory(group=group)
    client.force_login(chair)

    # Session, user, two permission checks, and the Council member's second factor (two).
    with django_assert_max_num_queries(11):
        response = client.get(f"/groups/{group.slug}/")

    assert "Edit the mandate" in response.text


def test_about_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    council = GroupFactory(slug="council")
    for n in range(6):
        steering = SteeringGroupFactory(pillar=pillar(["settle", "work", "belong"][n % 3]))
        ActionGroupFactory.create_batch(3, parent=steering)
        MembershipFactory.create_batch(5, group=steering)
    ActionGroupFactory.create_batch(3, parent=council)

    with django_assert_max_num_queries(2):
        client.get("/about/")


def test_pillar_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(4):
        steering = SteeringGroupFactory(pillar=pillar("belong"))
        ActionGroupFactory.create_batch(4, parent=steering)
        MembershipFactory(group=steering, role=Membership.Role.CHAIR)

    # Four for the groups, one asking for this year's plan (there is none here: the page with
    # a plan's directions is pinned in test_pillar_directions.py).
    with django_assert_max_num_queries(5):
        client.get("/pillars/belong/")


def test_header_links_to_about_and_partners_in_both_languages(client):
    assert '<a href="/about/">About</a>' in client.get("/").text
    with translation.override("fr"):
        html = client.get("/fr/").text
    assert 'href="/fr/about/"' in html
    assert 'href="/fr/partners/"' in html


@pytest.mark.parametrize(
    ("prefix", "written"), [("", "Nov. 29, 2026"), ("/fr", "29 novembre 2026")]
)
def test_group_page_writes_dates_in_the_one_format_of_its_language(client, group, prefix, written):
    group.formed_on = D(2026, 11, 29)
    group.save()

    html = client.get(f"{prefix}/groups/{group.slug}/").text

    assert written in html


def test_group_page_never_shows_the_email_of_a_member_without_a_display_name(client):
    group = GroupFactory(slug="council", name="Partnership Council")
    MembershipFactory(
        group=group, person=UserFactory(display_name="", email="quiet@example.org", password=None)
    )
    MembershipFactory(
        group=group,
        role=Membership.Role.CHAIR,
        person=UserFactory(display_name="", email="chair@example.org", password=None),
    )

    html = client.get("/groups/council/").text

    assert "quiet@example.org" not in html
    assert "chair@example.org" not in html
    assert "Name not published" in html


def test_organization_page_never_shows_the_email_of_a_seat_holder_without_a_display_name(client):
    organization = OrganizationFactory(slug="riverside-library")
    MembershipFactory(
        organization=organization,
        person=UserFactory(
            display_name="", email="seat@example.org", organization=organization, password=None
        ),
    )

    html = client.get("/partners/riverside-library/").text

    assert "seat@example.org" not in html
