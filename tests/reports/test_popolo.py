"""/data/popolo.json: governance and decisions as Popolo JSON, valid against the Popolo schemas
(vendored in popolo_schemas/), in English and French, publishing no more than the public pages."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from jsonschema import Draft3Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from actionplans.models import ApprovalStatus
from approvals import services as approval_services
from approvals.models import ApprovalRequest, Decision, EligibleVoter, Vote
from pillars.models import Group, Membership
from reports.popolo import popolo_id
from tests.actionplans.factories import StrategicDirectionFactory
from tests.approvals.conftest import add_member, open_request
from tests.partners.factories import OrganizationFactory, UserFactory
from tests.pillars.factories import ActionGroupFactory, SteeringGroupFactory

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "popolo_schemas"
# Each list of the document, and the schema its records follow.
SCHEMA_OF = {
    "organizations": "organization",
    "persons": "person",
    "posts": "post",
    "memberships": "membership",
    "motions": "motion",
    "vote_events": "vote_event",
}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def _validators():
    registry = Registry()
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text())
        uri = contents["id"].rstrip("#")
        registry = registry.with_resource(
            uri, Resource.from_contents(contents, default_specification=DRAFT3)
        )
    return {
        name: Draft3Validator(
            registry.contents(f"http://www.popoloproject.com/schemas/{name}.json"),
            registry=registry,
            format_checker=FormatChecker(),
        )
        for name in {*SCHEMA_OF.values(), "vote"}
    }


VALIDATORS = _validators()


@pytest.fixture
def governance(staff):
    """A Council whose terms make votes public and a steering group whose terms keep them
    confidential, each with a decided request; a member with no display name; a person who
    holds no seat but has an account."""
    council = Group.objects.create(
        kind=Group.Kind.COUNCIL,
        name_en="Partnership Council",
        name_fr="Conseil du partenariat",
        slug="council",
        votes_are_public=True,
        formed_on=datetime.date(2020, 1, 1),
    )
    steering = SteeringGroupFactory(name_en="Work Steering Group", name_fr="Groupe Travailler")
    ActionGroupFactory(parent=steering, sunset_on=datetime.date(2030, 1, 1))
    centre = OrganizationFactory(name_en="Newcomer Centre", name_fr="Centre des nouveaux arrivants")
    council_members = [
        add_member(council, role=Membership.Role.CHAIR, display_name="Ada Chair"),
        *(add_member(council, display_name=f"Council Member {n}") for n in range(3)),
        add_member(council, email="nameless.member@example.org", display_name=""),
    ]
    Membership.objects.filter(person=council_members[1]).update(organization=centre)
    steering_members = [
        add_member(steering, display_name=f"Steering Member {n}", term_end=None) for n in range(3)
    ]
    UserFactory(email="no.seat@example.org", display_name="Nobody Seated")

    council_request = open_request(
        by=staff, body=council, directions=[StrategicDirectionFactory(status=ApprovalStatus.DRAFT)]
    )
    for member in council_members:
        approval_services.vote_cast(request=council_request, voter=member, choice="approve")
    steering_request = open_request(
        by=staff, body=steering, directions=[StrategicDirectionFactory(status=ApprovalStatus.DRAFT)]
    )
    for member, choice in zip(steering_members, ["approve", "object", "abstain"], strict=True):
        approval_services.vote_cast(request=steering_request, voter=member, choice=choice)
    council_request.refresh_from_db()
    steering_request.refresh_from_db()
    assert council_request.decision and steering_request.decision
    return {
        "council": council,
        "steering": steering,
        "requests": [council_request, steering_request],
    }


def _get(client, language="en"):
    prefix = "/fr" if language == "fr" else ""
    response = client.get(f"{prefix}/data/popolo.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response


def _errors(document):
    errors = []
    for key, schema in SCHEMA_OF.items():
        for record in document[key]:
            errors += [(key, e.message) for e in VALIDATORS[schema].iter_errors(record)]
            for vote in record.get("votes", []):
                errors += [("votes", e.message) for e in VALIDATORS["vote"].iter_errors(vote)]
    return errors


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_record_is_valid_against_its_popolo_schema(client, governance, language):
    document = _get(client, language).json()

    assert _errors(document) == []
    assert document["meta"]["language"] == language
    assert all(document[key] for key in SCHEMA_OF)


def test_a_record_that_breaks_the_schema_is_caught():
    assert list(VALIDATORS["membership"].iter_errors({"start_date": "1 January 2024"}))
    assert list(VALIDATORS["vote_event"].iter_errors({"counts": [{"option": "yes"}]}))


def test_the_french_document_names_in_french_with_the_english_name_tagged_en(client, governance):
    english = {o["id"]: o for o in _get(client, "en").json()["organizations"]}
    french = {o["id"]: o for o in _get(client, "fr").json()["organizations"]}
    council = popolo_id("organization", f"group-{governance['council'].pk}")

    assert english.keys() == french.keys()
    assert english[council]["name"] == "Partnership Council"
    assert english[council]["other_names"] == [{"name": "Conseil du partenariat", "note": "fr"}]
    assert french[council]["name"] == "Conseil du partenariat"
    assert french[council]["other_names"] == [{"name": "Partnership Council", "note": "en"}]


def test_groups_are_organizations_with_their_classification_and_parent(client, governance):
    organizations = _get(client).json()["organizations"]
    by_class = {}
    for organization in organizations:
        by_class.setdefault(organization["classification"], []).append(organization)
    partnership = popolo_id("organization", "partnership")
    steering = popolo_id("organization", f"group-{governance['steering'].pk}")

    assert [o["id"] for o in by_class["partnership"]] == [partnership]
    assert by_class["council"][0]["parent_id"] == partnership
    assert [o["parent_id"] for o in by_class["steering_group"]] == [partnership]
    assert [o["parent_id"] for o in by_class["action_group"]] == [steering]
    assert [o["name"] for o in by_class["partner_organization"]] == ["Newcomer Centre"]


def test_individual_votes_only_for_bodies_whose_terms_make_them_public(client, governance):
    events = _get(client).json()["vote_events"]
    council_request, steering_request = governance["requests"]
    by_motion = {event["motion_id"]: event for event in events}
    council = by_motion[popolo_id("motion", council_request.pk)]
    steering = by_motion[popolo_id("motion", steering_request.pk)]

    assert sorted(vote["option"] for vote in council["votes"]) == ["yes"] * 5
    assert "votes" not in steering


def test_counts_are_always_present(client, governance):
    events = _get(client).json()["vote_events"]
    council_request, steering_request = governance["requests"]
    by_motion = {event["motion_id"]: event["counts"] for event in events}

    assert by_motion[popolo_id("motion", steering_request.pk)] == [
        {"option": "yes", "value": 1},
        {"option": "no", "value": 1},
        {"option": "abstain", "value": 1},
    ]
    assert by_motion[popolo_id("motion", council_request.pk)][0] == {"option": "yes", "value": 5}


def test_only_people_holding_a_seat_appear_and_no_email_anywhere(client, governance, staff):
    for language in ("en", "fr"):
        response = _get(client, language)
        document = response.json()
        seated = {
            popolo_id("person", pk) for pk in Membership.objects.values_list("person_id", flat=True)
        }
        persons = {person["id"] for person in document["persons"]}
        voters = {
            vote["voter_id"] for event in document["vote_events"] for vote in event.get("votes", [])
        }

        assert persons == seated
        assert voters <= persons
        assert {m["person_id"] for m in document["memberships"]} <= persons
        assert popolo_id("person", staff.pk) not in persons
        assert "Nobody Seated" not in response.text
        assert EMAIL.search(response.text) is None


def test_a_member_without_a_display_name_is_published_without_a_name(client, governance):
    nameless = Membership.objects.get(person__email="nameless.member@example.org").person
    persons = {p["id"]: p for p in _get(client).json()["persons"]}

    assert persons[popolo_id("person", nameless.pk)]["name"] is None


def test_the_group_page_says_whether_its_votes_are_public(client, governance):
    council = client.get(f"/groups/{governance['council'].slug}/").text
    steering = client.get(f"/fr/groups/{governance['steering'].slug}/").text

    assert "how each member votes is public" in council
    assert "le vote de chaque membre est confidentiel" in steering


def test_the_open_data_page_links_to_it_in_both_languages(client):
    assert 'href="/data/popolo.json"' in client.get(reverse("reports:open_data")).text
    french = client.get("/fr/data/").text
    assert 'href="/fr/data/popolo.json"' in french
    assert "Gouvernance et décisions" in french


def _governance_of_size(size, staff):
    """`size` action groups with 4 seats each, `size` decisions of the Council with 10 votes."""
    council = Group.objects.create(
        kind=Group.Kind.COUNCIL, name="Council", slug="council", votes_are_public=True
    )
    steering = SteeringGroupFactory()
    groups = [ActionGroupFactory(parent=steering) for _ in range(size)]
    organizations = [OrganizationFactory() for _ in range(size)]
    people = UserFactory.create_batch(4 * size, password=None)
    seats = Membership.objects.bulk_create(
        Membership(
            person=person,
            group=council if n < 10 else groups[n % size],
            organization=organizations[n % size],
            term_start=datetime.date(2024, 1, 1),
        )
        for n, person in enumerate(people)
    )
    now = timezone.now()
    requests = ApprovalRequest.objects.bulk_create(
        ApprovalRequest(
            body=council if n % 2 else steering,
            submitted_by=staff,
            opens_at=now - datetime.timedelta(days=n + 10),
            closes_at=now - datetime.timedelta(days=n),
            status=ApprovalRequest.Status.DECIDED,
        )
        for n in range(size)
    )
    direction = StrategicDirectionFactory()
    through = ApprovalRequest.directions.through
    through.objects.bulk_create(
        through(approvalrequest_id=r.pk, strategicdirection_id=direction.pk) for r in requests
    )
    EligibleVoter.objects.bulk_create(
        EligibleVoter(request=r, person=seat.person, membership=seat, role="member")
        for r in requests
        for seat in seats[:10]
    )
    Vote.objects.bulk_create(
        Vote(request=r, voter=seat.person, choice="approve")
        for r in requests
        for seat in seats[:10]
    )
    Decision.objects.bulk_create(
        Decision(
            request=r,
            outcome="approved",
            approve_count=10,
            eligible_count=10,
            quorum_required=6,
            quorum_met=True,
            decided_on=(now - datetime.timedelta(days=n)).date(),
        )
        for n, r in enumerate(requests)
    )


@pytest.mark.parametrize("size", [10, 60])
def test_a_fixed_number_of_queries_however_large_the_governance(
    client, staff, size, django_assert_max_num_queries
):
    _governance_of_size(size, staff)

    with django_assert_max_num_queries(5):
        document = _get(client).json()

    assert len(document["motions"]) == size
    assert len(document["memberships"]) == 4 * size
    assert _errors(document) == []


@pytest.mark.page_cache
def test_anonymous_readers_get_it_from_the_page_cache(
    client, governance, django_assert_max_num_queries
):
    first = _get(client)

    with django_assert_max_num_queries(0):
        again = _get(client)

    assert again.content == first.content
