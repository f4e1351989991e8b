"""A decision's page tells the facts of its day: who sat and in which role, labels not codes,
the quorum in words, and the day a version was sent back."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from actionplans import services as actionplan_services
from approvals.models import ApprovalRequest, Decision, EligibleVoter
from approvals.selectors import quorum_in_words
from demo.approvals import past_decision_record
from demo.seed import seed_demo
from pillars.models import Membership

from .conftest import OVERRIDE_REASON, add_member, open_request

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def council_through_the_years(council):
    """A chair until 2024 and one since 2025, a vice-chair, an ex officio member, and a member
    who joined in 2025."""
    return {
        "old_chair": add_member(
            council,
            role=Membership.Role.CHAIR,
            term_start=D(2019, 1, 1),
            term_end=D(2024, 12, 31),
            display_name="Daniel Old-Chair",
        ),
        "new_chair": add_member(
            council,
            role=Membership.Role.CHAIR,
            term_start=D(2025, 1, 1),
            display_name="Patricia New-Chair",
        ),
        "vice_chair": add_member(
            council,
            role=Membership.Role.VICE_CHAIR,
            term_start=D(2020, 1, 1),
            display_name="Benoit Vice",
        ),
        "ex_officio": add_member(
            council,
            role=Membership.Role.EX_OFFICIO,
            term_start=D(2020, 1, 1),
            display_name="Olivier Ex-Officio",
        ),
        "newcomer": add_member(
            council, term_start=D(2025, 1, 1), display_name="Kwame Joined-Later"
        ),
    }


def test_a_past_decision_lists_who_sat_on_the_day_it_opened(
    staff, council, council_through_the_years, direction
):
    people = council_through_the_years

    decision = past_decision_record(
        body=council,
        staff=staff,
        decided_on=D(2022, 3, 20),
        directions=[direction],
        override={"en": OVERRIDE_REASON},
    )

    roles = dict(
        EligibleVoter.objects.filter(request=decision.request).values_list("person", "role")
    )
    assert roles == {
        people["old_chair"].pk: Membership.Role.CHAIR,
        people["vice_chair"].pk: Membership.Role.VICE_CHAIR,
        people["ex_officio"].pk: Membership.Role.EX_OFFICIO,
    }
    assert decision.eligible_count == 3


def test_the_decision_page_shows_roles_by_their_labels_in_english_and_french(
    client, staff, council, council_through_the_years, direction
):
    council.votes_are_public = True
    council.save()
    decision = past_decision_record(
        body=council,
        staff=staff,
        decided_on=D(2022, 3, 20),
        directions=[direction],
        override={"en": OVERRIDE_REASON},
    )

    english = client.get(reverse("approvals:decision_detail", args=[decision.pk])).text
    with translation.override("fr"):
        url = reverse("approvals:decision_detail", args=[decision.pk])
    french = client.get(url).text

    for raw in ("Vice_chair", "Ex_officio", "vice_chair", "ex_officio"):
        assert raw not in english
        assert raw not in french
    assert "<td>Vice-chair</td>" in english
    assert "<td>Ex officio</td>" in english
    assert "<td>Vice-présidence</td>" in french
    assert "<td>Membre d&#x27;office</td>" in french


def test_the_demo_decision_of_march_2022_lists_the_chair_of_2022_not_of_today(client):
    seed_demo()
    first = Decision.objects.order_by("decided_on", "pk").first()

    page = client.get(reverse("approvals:decision_detail", args=[first.pk])).text

    assert first.decided_on.year == 2022
    opened = timezone.localdate(first.request.opens_at)
    chairs = Membership.objects.filter(
        group=first.request.body, role=Membership.Role.CHAIR, term_start__lte=opened
    ).exclude(term_end__lt=opened)
    later = Membership.objects.filter(group=first.request.body, term_start__gt=opened)
    assert chairs.count() == 1
    assert later.exists()
    assert f"{chairs.get().person}</th>\n      <td>Chair</td>" in page
    for membership in later:
        assert str(membership.person) not in page


def test_the_request_page_states_a_quorum_share_in_words(
    client, staff, council, members, direction
):
    request = open_request(by=staff, body=council, directions=[direction])
    client.force_login(staff)

    english = client.get(reverse("approvals:request_detail", args=[request.pk])).text
    with translation.override("fr"):
        url = reverse("approvals:request_detail", args=[request.pk])
    french = client.get(url).text

    assert "half of the 5 eligible members (3 needed)" in english
    assert "la moitié des 5 membres admissibles (3 requis)" in french
    assert "0.50" not in english
    assert "0,50" not in french


def test_an_unusual_quorum_share_reads_as_a_percentage(staff, council, members, direction):
    request = open_request(by=staff, body=council, directions=[direction])
    ApprovalRequest.objects.filter(pk=request.pk).update(quorum_fraction="0.60")
    request.refresh_from_db()

    assert quorum_in_words(request=request, eligible_count=5) == (
        "60% of the 5 eligible members (3 needed)"
    )


def test_changes_are_compared_with_the_version_sent_back_on_the_day_the_council_decided(
    client, staff, council, members, direction
):
    sent_back_on = timezone.localdate() - datetime.timedelta(days=60)
    actionplan_services.strategic_direction_submit(direction=direction)
    returned = past_decision_record(
        body=council,
        staff=staff,
        decided_on=sent_back_on,
        directions=[direction],
        objections=3,
        override={"en": OVERRIDE_REASON},
    )
    assert returned.outcome == Decision.Outcome.REJECTED
    direction.refresh_from_db()
    direction.description_en = "Reach seniors through libraries."
    direction.save()
    request = open_request(by=staff, body=council, directions=[direction])
    client.force_login(members[0])

    page = client.get(reverse("approvals:request_detail", args=[request.pk])).text

    text = " ".join(page.split())
    with translation.override("en"):
        day = date_format(sent_back_on, "DATE_FORMAT")
    assert f"Compared with the version sent back for changes on {day}." in text
