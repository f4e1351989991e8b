"""Demo approvals: the Council decisions behind the demo plan's approved directions and annual
plans, and direction B4, endorsed by the Belong steering group, sent back once by the Council,
revised, endorsed again and now open for the demo council member's vote. Invented texts.

The Council votes on a direction once the steering group of its pillar has endorsed it: B4
follows that chain. The plan's first directions were put to the Council while the steering
groups were still forming, with an override whose reason the decision log publishes.

Every request is opened, voted on and decided through the approvals services, as staff and the
members would have, at the times given to them (`now=`): a decision carries the votes that took it.
"""

import datetime

from django.utils import timezone

from actionplans import services as actionplan_services
from actionplans.models import ApprovalStatus, StrategicDirection
from approvals import services
from approvals.models import ApprovalRequest, VoteChoice
from approvals.selectors import approving_decision
from pillars.models import Pillar


def _at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def past_opening(decided_on):
    """When a past request opened: two weeks before it was decided."""
    return _at(decided_on - datetime.timedelta(days=14))


def past_voters(*, body, decided_on):
    """Who could vote on a request decided on `decided_on`: the body's members as their
    memberships stood on the day it opened (terms, roles and chairs of that day)."""
    return services.eligible_memberships(
        body=body, day=timezone.localdate(past_opening(decided_on))
    )


def past_decision_record(
    *,
    body,
    staff,
    decided_on,
    directions=(),
    annual_plan=None,
    objections=0,
    comments="",
    endorsement=None,
    override=None,
):
    """A request that `staff` put to `body` two weeks before `decided_on`, decided that day.

    `override` ({"en": ..., "fr": ...}) is the reason a Council vote on directions goes ahead
    without the steering groups' endorsement.

    Through the services, at those past times: the request is opened (who may vote is fixed
    from the memberships of the opening day), every member who may vote votes but the last
    (the first `objections` object with `comments`, the one before the last abstains, the
    others approve), and the request is decided when it closes. A Council decision approves or
    returns what was asked, as any decision does.
    """
    opens = past_opening(decided_on)
    closes = _at(decided_on, 17)
    request = services.approval_request_open(
        by=staff,
        body=body,
        directions=directions,
        annual_plan=annual_plan,
        opens_at=opens,
        closes_at=closes,
        endorsement=endorsement,
        endorsement_override_en=(override or {}).get("en", ""),
        endorsement_override_fr=(override or {}).get("fr", ""),
        now=opens,
    )
    voters = [voter.person for voter in request.eligible_voters.order_by("person_id")]
    for index, person in enumerate(voters[:-1]):
        if index < objections:
            choice = VoteChoice.OBJECT
        elif index == len(voters) - 2:
            choice = VoteChoice.ABSTAIN
        else:
            choice = VoteChoice.APPROVE
        services.vote_cast(
            request=request,
            voter=person,
            choice=choice,
            comment=comments if choice == VoteChoice.OBJECT else "",
            now=opens + datetime.timedelta(days=index % 10 + 1),
        )
    request.refresh_from_db(fields=["status"])
    if request.status == ApprovalRequest.Status.OPEN:
        return services.approval_request_decide(request=request, now=closes)
    return request.decision


def _approve_plan(plan, council, staff):
    """The Council decisions that approved the plan's directions and each annual plan."""
    directions = [
        direction
        for direction in plan.directions.exclude(code=B4["code"]).order_by("code")
        if direction.status != ApprovalStatus.APPROVED
    ]
    if directions:
        past_decision_record(
            body=council,
            staff=staff,
            decided_on=datetime.date(plan.first_year, 3, 20),
            directions=directions,
            override=FIRST_DIRECTIONS_OVERRIDE,
        )
    for annual in plan.annual_plans.order_by("fiscal_year"):
        if annual.status == ApprovalStatus.APPROVED or approving_decision(annual) is not None:
            continue
        past_decision_record(
            body=council,
            staff=staff,
            decided_on=datetime.date(annual.fiscal_year, 3, 18),
            annual_plan=annual,
        )


FIRST_DIRECTIONS_OVERRIDE = {
    "en": "The steering groups were still forming: the Council adopted the plan's first "
    "directions together, after the community forums that drafted them.",
    "fr": "Les groupes directeurs étaient encore en formation : le Conseil a adopté ensemble les "
    "premières directions du plan, après les forums communautaires qui les ont rédigées.",
}

B4 = {
    "code": "B4",
    "title_en": "Newcomer seniors stay connected",
    "title_fr": "Les aînés nouvellement arrivés restent en lien",
    "first_en": "Seniors who arrive to join their families meet others.",
    "first_fr": "Les aînés qui rejoignent leur famille rencontrent d'autres personnes.",
    "revised_en": "Seniors who arrive to join their families meet others, in their language, "
    "through libraries, faith communities and seniors' centres.",
    "revised_fr": "Les aînés qui rejoignent leur famille rencontrent d'autres personnes, dans leur "
    "langue, grâce aux bibliothèques, aux communautés de foi et aux centres pour aînés.",
    "comment": "Say how seniors will be reached, and through which partners.",
}


def _open_request_scenario(plan, council, belong, staff, council_user):
    """B4: endorsed by the Belong steering group, sent back once by the Council, revised,
    endorsed again, now before the Council; some members have voted, the demo council member
    has not."""
    if StrategicDirection.objects.filter(plan=plan, code=B4["code"]).exists():
        return
    now = timezone.now()
    direction = actionplan_services.strategic_direction_save(
        by=staff,
        direction=StrategicDirection(
            plan=plan,
            pillar=Pillar.objects.get(slug="belong"),
            code=B4["code"],
            title_en=B4["title_en"],
            title_fr=B4["title_fr"],
            description_en=B4["first_en"],
            description_fr=B4["first_fr"],
        ),
    )
    returned_on = timezone.localdate() - datetime.timedelta(days=60)
    past_decision_record(
        body=belong,
        staff=staff,
        decided_on=returned_on - datetime.timedelta(days=20),
        directions=[direction],
    )
    past_decision_record(
        body=council,
        staff=staff,
        decided_on=returned_on,
        directions=[direction],
        objections=len(past_voters(body=council, decided_on=returned_on)) // 2 + 1,
        comments=B4["comment"],
    )
    direction.refresh_from_db()
    direction.description_en, direction.description_fr = B4["revised_en"], B4["revised_fr"]
    actionplan_services.strategic_direction_save(direction=direction, by=staff)
    endorsement = past_decision_record(
        body=belong,
        staff=staff,
        decided_on=timezone.localdate() - datetime.timedelta(days=10),
        directions=[direction],
    )
    opens = now - datetime.timedelta(days=2)
    request = services.approval_request_open(
        by=staff,
        body=council,
        directions=[direction],
        opens_at=opens,
        closes_at=now + datetime.timedelta(days=5),
        endorsement=endorsement.request,
        question_en="The revised direction says how seniors will be reached. Do you approve it?",
        question_fr="La direction révisée précise comment joindre les aînés. L'approuvez-vous?",
        now=opens,
    )
    voters = [
        voter.person
        for voter in request.eligible_voters.order_by("person_id")
        if voter.person_id != council_user.pk
    ]
    for person in voters[: len(voters) // 2]:
        services.vote_cast(
            request=request,
            voter=person,
            choice=VoteChoice.APPROVE,
            now=now - datetime.timedelta(days=1),
        )


def seed_approvals(*, plan, groups, staff, council_user):
    """Decisions behind the demo plan, and one open vote for council@demo.lip."""
    council, belong = groups["council"], groups["belong-steering-group"]
    _approve_plan(plan, council, staff)
    _open_request_scenario(plan, council, belong, staff, council_user)
