"""Governance and decisions as JSON following the Popolo data specification
(https://www.popoloproject.com/specs/), served at /data/popolo.json and /fr/data/popolo.json.

What it publishes is what the public pages already show, and no more:

- `organizations`: the partnership, the Council, each steering group and action group (with its
  classification and `parent_id`), and the partner organizations that members represent.
- `posts`: one per group and role held in it (chair, vice-chair, member, ...).
- `memberships`: every seat, as the group pages list them (current, upcoming and past), with
  the person, the group, the post, the organization represented and the term's dates.
- `persons`: only the people who hold one of those seats, by their display name. Never an
  email: a person without a display name has `"name": null`.
- `motions` and `vote_events`: each decided approval request (the decision log), with its
  `counts` (yes, no, abstain); a vote event carries the individual `votes` only when the body's
  terms of reference make them public (`Group.votes_are_public`), as its decision page does.

Identifiers are URIs under PORTAL_BASE_URL: `<base>/data/popolo.json#<type>/<key>`, keyed on the
database number (never the slug or the name, which may change), the same in both languages.

Languages: Popolo answers in one language (its appendix on multilingualization). Each document
is in the language of its URL; an organization's name in the other language is in
`other_names` with the language code as `note` ("fr" or "en"), a post's in `other_label`.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from actionplans.models import StrategicDirection
from approvals.models import Decision, Vote, VoteChoice
from partners.models import Organization, User
from pillars.models import Group, Membership

# The version of this document's shape: a change that breaks a reader bumps it.
POPOLO_VERSION = "1.0.0"
POPOLO_SPECIFICATION = "https://www.popoloproject.com/specs/"
LANGUAGES = ("en", "fr")

# Popolo's classification of each kind of group.
GROUP_CLASSIFICATION = {
    Group.Kind.COUNCIL: "council",
    Group.Kind.STEERING: "steering_group",
    Group.Kind.ACTION: "action_group",
}
# Popolo's vote options, for the approvals' choices.
VOTE_OPTION = {
    VoteChoice.APPROVE: "yes",
    VoteChoice.OBJECT: "no",
    VoteChoice.ABSTAIN: "abstain",
}

type Record = dict[str, Any]


# --- Read-only selectors: a fixed number of queries, however much there is ----------------------


@dataclass
class Governance:
    groups: list[Group]
    memberships: list[Membership]
    decisions: list[Decision]
    public_votes: list[Vote]


def governance_records() -> Governance:
    """Every group, every seat (all public on the group pages), every decision and the votes of
    the bodies whose votes are public: five queries."""
    groups = list(Group.objects.order_by("pk"))
    memberships = list(
        Membership.objects.select_related("person", "organization").order_by(
            "group_id", "term_start", "pk"
        )
    )
    decisions = list(
        Decision.objects.select_related("request__body", "request__annual_plan")
        .prefetch_related(
            Prefetch("request__directions", queryset=StrategicDirection.objects.order_by("code"))
        )
        .order_by("decided_on", "pk")
    )
    public_votes = list(
        Vote.objects.filter(
            request__decision__isnull=False, request__body__votes_are_public=True
        ).order_by("request_id", "voter_id")
    )
    return Governance(groups, memberships, decisions, public_votes)


# --- The document -------------------------------------------------------------------------------


def popolo_id(kind: str, key: object) -> str:
    """The stable identifier of a record: a URI under the portal's address."""
    return f"{settings.PORTAL_BASE_URL}/data/popolo.json#{kind}/{key}"


PARTNERSHIP_ID = "partnership"


def _absolute(path: str) -> str:
    return f"{settings.PORTAL_BASE_URL}{path}"


def _other_language(language: str) -> str:
    return "fr" if language == "en" else "en"


def _other_names(values: dict[str, str | None], language: str) -> list[Record]:
    """The name in the other language, tagged with its language code, when it differs."""
    other = _other_language(language)
    name, other_name = values.get(language), values.get(other)
    if not other_name or other_name == name:
        return []
    return [{"name": other_name, "note": other}]


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _datetime(value: datetime.datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def _link(path: str) -> list[Record]:
    return [{"url": _absolute(path)}]


def _partnership(language: str) -> Record:
    names = settings.PORTAL_NAME
    return {
        "id": popolo_id("organization", PARTNERSHIP_ID),
        "name": names[language],
        "other_names": _other_names(names, language),
        "identifiers": [{"identifier": settings.OPEN_DATA_PARTNERSHIP_ID, "scheme": "lip"}],
        "classification": "partnership",
        "links": _link(reverse("pillars:about")),
    }


def _group_id(group_id: int) -> str:
    return popolo_id("organization", f"group-{group_id}")


def _group(group: Group, language: str) -> Record:
    names = {"en": group.name_en, "fr": group.name_fr}
    parent = _group_id(group.parent_id) if group.parent_id else None
    return {
        "id": _group_id(group.pk),
        "name": names[language] or group.name,
        "other_names": _other_names(names, language),
        "classification": GROUP_CLASSIFICATION[Group.Kind(group.kind)],
        "parent_id": parent or popolo_id("organization", PARTNERSHIP_ID),
        "description": group.mandate or None,
        "founding_date": _date(group.formed_on),
        "dissolution_date": _date(group.sunset_on),
        "links": _link(group.get_absolute_url()),
    }


def _partner_id(organization_id: int) -> str:
    return popolo_id("organization", f"partner-{organization_id}")


def _partner(organization: Organization, language: str) -> Record:
    names = {"en": organization.name_en, "fr": organization.name_fr}
    return {
        "id": _partner_id(organization.pk),
        "name": names[language] or organization.name,
        "other_names": _other_names(names, language),
        "classification": "partner_organization",
        "links": _link(organization.get_absolute_url()),
    }


def _person_id(person_id: int) -> str:
    return popolo_id("person", person_id)


def _person(person: User) -> Record:
    # The display name only: the public pages would fall back to the email, never this file.
    return {"id": _person_id(person.pk), "name": person.display_name or None}


def _post_id(group_id: int, role: str) -> str:
    return popolo_id("post", f"group-{group_id}-{role}")


def _role_label(role: str, language: str) -> str:
    with translation.override(language):
        return str(Membership.Role(role).label)


def _post(group_id: int, role: str, language: str) -> Record:
    return {
        "id": _post_id(group_id, role),
        "label": _role_label(role, language),
        "other_label": [_role_label(role, _other_language(language))],
        "role": role,
        "organization_id": _group_id(group_id),
    }


def _membership(membership: Membership, language: str) -> Record:
    record: Record = {
        "id": popolo_id("membership", membership.pk),
        "label": _role_label(membership.role, language),
        "role": membership.role,
        "person_id": _person_id(membership.person_id),
        "organization_id": _group_id(membership.group_id),
        "post_id": _post_id(membership.group_id, membership.role),
        "start_date": _date(membership.term_start),
        "end_date": _date(membership.term_end),
    }
    if membership.organization_id:
        record["on_behalf_of_id"] = _partner_id(membership.organization_id)
    return record


def _result(decision: Decision) -> str:
    return "pass" if decision.outcome == Decision.Outcome.APPROVED else "fail"


def _motion_id(decision: Decision) -> str:
    return popolo_id("motion", decision.request_id)


def _motion(decision: Decision, person_ids: set[int]) -> Record:
    request = decision.request
    requirement = _("%(rule)s; quorum: %(required)s of %(eligible)s members") % {
        "rule": request.get_rule_display(),
        "required": decision.quorum_required,
        "eligible": decision.eligible_count,
    }
    record: Record = {
        "id": _motion_id(decision),
        "organization_id": _group_id(request.body_id),
        "text": str(request.subject),
        "identifier": str(decision.pk),
        "classification": "endorsement" if request.is_endorsement else "approval",
        "date": _datetime(request.opens_at),
        "requirement": requirement,
        "result": _result(decision),
        "sources": _link(reverse("approvals:decision_detail", args=[decision.pk])),
    }
    if decision.mover_id in person_ids:
        record["creator_id"] = _person_id(decision.mover_id)
    return record


def _vote_event(decision: Decision, votes: Iterable[Vote] | None) -> Record:
    record: Record = {
        "id": popolo_id("vote-event", decision.pk),
        "motion_id": _motion_id(decision),
        "organization_id": _group_id(decision.request.body_id),
        "identifier": str(decision.pk),
        "classification": decision.method,
        "start_date": _datetime(decision.request.opens_at),
        "end_date": _datetime(decision.decided_at),
        "result": _result(decision),
        "counts": [
            {"option": "yes", "value": decision.approve_count},
            {"option": "no", "value": decision.object_count},
            {"option": "abstain", "value": decision.abstain_count},
        ],
        "sources": _link(reverse("approvals:decision_detail", args=[decision.pk])),
    }
    if votes is not None:
        record["votes"] = [
            {
                "vote_event_id": record["id"],
                "voter_id": _person_id(vote.voter_id),
                "option": VOTE_OPTION[VoteChoice(vote.choice)],
            }
            for vote in votes
        ]
    return record


def popolo_document(language: str) -> Record:
    """The Popolo document in `language` ("en" or "fr")."""
    if language not in LANGUAGES:
        language = "en"
    records = governance_records()
    with translation.override(language):
        persons: dict[int, User] = {}
        partners: dict[int, Organization] = {}
        posts: dict[tuple[int, str], None] = {}
        for membership in records.memberships:
            persons.setdefault(membership.person_id, membership.person)
            if membership.organization is not None:
                partners.setdefault(membership.organization.pk, membership.organization)
            posts.setdefault((membership.group_id, membership.role), None)
        person_ids = set(persons)
        votes_by_request: dict[int, list[Vote]] = {}
        for vote in records.public_votes:
            # Everyone who may vote holds a seat; a vote from anyone else is left out.
            if vote.voter_id in person_ids:
                votes_by_request.setdefault(vote.request_id, []).append(vote)
        return {
            "meta": {
                "specification": POPOLO_SPECIFICATION,
                "version": POPOLO_VERSION,
                "language": language,
                "partnership": settings.OPEN_DATA_PARTNERSHIP_ID,
                "license": settings.OPEN_DATA_LICENCE,
                "ids": _(
                    "Each id is a URI under the portal's address, the same in both languages. "
                    "A name in the other language is in other_names, with its language code "
                    'as "note".'
                ),
            },
            "organizations": [
                _partnership(language),
                *(_group(group, language) for group in records.groups),
                *(_partner(partners[pk], language) for pk in sorted(partners)),
            ],
            "persons": [_person(persons[pk]) for pk in sorted(persons)],
            "posts": [_post(group_id, role, language) for group_id, role in sorted(posts)],
            "memberships": [_membership(m, language) for m in records.memberships],
            "motions": [_motion(decision, person_ids) for decision in records.decisions],
            "vote_events": [
                _vote_event(
                    decision,
                    votes_by_request.get(decision.request_id, [])
                    if decision.request.body.votes_are_public
                    else None,
                )
                for decision in records.decisions
            ],
        }


def popolo_json(language: str) -> str:
    return json.dumps(popolo_document(language), ensure_ascii=False, indent=1)
