"""Demo approvals: the Council decisions behind the demo plan's approved directions and annual
plans, a direction sent back and revised, endorsed by its steering group and now open for the
demo council member's vote. Invented people. Idempotent: see seed_approvals."""

import datetime

from django.db import transaction
from django.utils import timezone

from actionplans import services as actionplan_services
from actionplans.models import (
    AnnualActionPlan,
    ApprovalStatus,
    CommunityActionPlan,
    StrategicDirection,
)
from approvals import services
from approvals.models import ApprovalRequest, Decision, EligibleVoter, Vote, VoteChoice
from approvals.rules import active_membership_filter
from approvals.selectors import approving_decision
from partners.models import User
from pillars.models import Group, Membership, Pillar

# Invented members, added only when the governance seed left a body with fewer voters.
COUNCIL_PEOPLE = [
    ("amara.diallo@demo.lip", "Amara Diallo"),
    ("tomas.novak@demo.lip", "Tomás Novák"),
    ("grace.lin@demo.lip", "Grace Lin"),
    ("youssef.haddad@demo.lip", "Youssef Haddad"),
    ("helen.mackenzie@demo.lip", "Helen MacKenzie"),
    ("ravi.shankar@demo.lip", "Ravi Shankar"),
]
BELONG_PEOPLE = [
    ("nadia.benali@demo.lip", "Nadia Benali"),
    ("owen.clarke@demo.lip", "Owen Clarke"),
    ("fatima.yusuf@demo.lip", "Fatima Yusuf"),
]
MIN_COUNCIL_VOTERS = 7
MIN_STEERING_VOTERS = 3


def _at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _ensure_members(group, people, minimum, since, extra=()):
    """Give `group` at least `minimum` voting members, `extra` users among them."""
    for user in extra:
        if not Membership.objects.filter(
            active_membership_filter(), person=user, group=group
        ).exists():
            Membership.objects.create(person=user, group=group, term_start=since)
    voting = services.eligible_memberships(body=group, day=timezone.localdate())
    for email, name in people:
        if len(voting) >= minimum:
            break
        user, created = User.objects.get_or_create(email=email, defaults={"display_name": name})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if not any(m.person_id == user.pk for m in voting):
            voting.append(Membership.objects.create(person=user, group=group, term_start=since))
    return services.eligible_memberships(body=group, day=timezone.localdate())


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
    outcome=Decision.Outcome.APPROVED,
    objections=0,
    comments="",
):
    """A request decided before the portal existed, recorded as it happened: who could vote
    (as of the day it opened), how they voted, the tally and quorum. Its subject's status is
    changed by the caller. The demo and the data at scale (demo.scale) record past
    decisions through it."""
    opens = past_opening(decided_on)
    members = past_voters(body=body, decided_on=decided_on)
    request = ApprovalRequest.objects.create(
        body=body,
        annual_plan=annual_plan,
        submitted_by=staff,
        opens_at=opens,
        closes_at=_at(decided_on, 17),
        created_at=opens,
    )
    ApprovalRequest.objects.filter(pk=request.pk).update(status=ApprovalRequest.Status.DECIDED)
    request.status = ApprovalRequest.Status.DECIDED
    if directions:
        request.directions.set(directions)
    EligibleVoter.objects.bulk_create(
        [
            EligibleVoter(request=request, person=m.person, membership=m, role=m.role)
            for m in members
        ]
    )
    # Everyone votes but the last member; the first `objections` object, one abstains.
    choices = []
    for index, membership in enumerate(members[:-1]):
        if index < objections:
            choice = VoteChoice.OBJECT
        elif index == len(members) - 2:
            choice = VoteChoice.ABSTAIN
        else:
            choice = VoteChoice.APPROVE
        choices.append(choice)
        Vote.objects.create(
            request=request,
            voter=membership.person,
            choice=choice,
            comment=comments if choice == VoteChoice.OBJECT else "",
            cast_at=opens + datetime.timedelta(days=index % 10 + 1),
            changed_at=opens + datetime.timedelta(days=index % 10 + 1),
        )
    required = services.quorum_required(eligible_count=len(members))
    return Decision.objects.create(
        request=request,
        outcome=outcome,
        approve_count=choices.count(VoteChoice.APPROVE),
        object_count=choices.count(VoteChoice.OBJECT),
        abstain_count=choices.count(VoteChoice.ABSTAIN),
        eligible_count=len(members),
        quorum_required=required,
        quorum_met=len(choices) >= required,
        decided_on=decided_on,
        decided_at=_at(decided_on, 17),
        comments=comments,
    )


def _record_past_approvals(plan, council, staff):
    """The Council decisions behind what the action plans seed approved."""
    directions = [
        d
        for d in plan.directions.order_by("code")
        if d.status == ApprovalStatus.APPROVED and approving_decision(d) is None
    ]
    if directions:
        decided_on = datetime.date(plan.first_year, 3, 20)
        past_decision_record(
            body=council, staff=staff, decided_on=decided_on, directions=directions
        )
        # History: these directions were approved by that decision, before the portal existed.
        StrategicDirection.objects.filter(pk__in=[d.pk for d in directions]).update(
            approved_on=decided_on
        )
    for annual in plan.annual_plans.order_by("fiscal_year"):
        if annual.status != ApprovalStatus.APPROVED or approving_decision(annual) is not None:
            continue
        decided_on = datetime.date(annual.fiscal_year, 3, 18)
        past_decision_record(body=council, staff=staff, decided_on=decided_on, annual_plan=annual)
        AnnualActionPlan.objects.filter(pk=annual.pk).update(approved_on=decided_on)


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


def _open_request_scenario(plan, council, belong, staff, council_members, council_user):
    """B4: sent back once, revised, endorsed by the Belong steering group, now before the
    Council; some members have voted, the demo council member has not."""
    if StrategicDirection.objects.filter(plan=plan, code=B4["code"]).exists():
        return
    now = timezone.now()
    direction = StrategicDirection.objects.create(
        plan=plan,
        pillar=Pillar.objects.get(slug="belong"),
        code=B4["code"],
        title_en=B4["title_en"],
        title_fr=B4["title_fr"],
        description_en=B4["first_en"],
        description_fr=B4["first_fr"],
    )
    actionplan_services.strategic_direction_submit(direction=direction)
    returned_on = timezone.localdate() - datetime.timedelta(days=60)
    returned = past_decision_record(
        body=council,
        staff=staff,
        decided_on=returned_on,
        directions=[direction],
        outcome=Decision.Outcome.REJECTED,
        objections=len(past_voters(body=council, decided_on=returned_on)) // 2 + 1,
        comments=B4["comment"],
    )
    actionplan_services.strategic_direction_mark_returned(direction=direction, decision=returned)
    direction.description_en, direction.description_fr = B4["revised_en"], B4["revised_fr"]
    direction.save(update_fields=["description_en", "description_fr"])
    endorsement = past_decision_record(
        body=belong,
        staff=staff,
        decided_on=timezone.localdate() - datetime.timedelta(days=10),
        directions=[direction],
    )
    request = services.approval_request_open(
        by=staff,
        body=council,
        directions=[direction],
        opens_at=now - datetime.timedelta(days=2),
        closes_at=now + datetime.timedelta(days=5),
        endorsement=endorsement.request,
        question_en="The revised direction says how seniors will be reached. Do you approve it?",
        question_fr="La direction révisée précise comment joindre les aînés. L'approuvez-vous?",
    )
    voters = [m.person for m in council_members if m.person_id != council_user.pk]
    for person in voters[: len(voters) // 2]:
        services.vote_cast(
            request=request,
            voter=person,
            choice=VoteChoice.APPROVE,
            comment="",
            now=now - datetime.timedelta(days=1),
        )


@transaction.atomic
def seed_approvals(*, staff, council_user):
    """Decisions behind the demo plan, and one open vote for council@demo.lip."""
    plan = CommunityActionPlan.objects.order_by("-first_year").first()
    council = Group.objects.filter(kind=Group.Kind.COUNCIL).order_by("pk").first()
    belong = (
        Group.objects.filter(kind=Group.Kind.STEERING, pillar__slug="belong").order_by("pk").first()
    )
    if plan is None or council is None or belong is None:
        return
    since = datetime.date(plan.first_year - 1, 9, 1)
    council_members = _ensure_members(
        council, COUNCIL_PEOPLE, MIN_COUNCIL_VOTERS, since, extra=[council_user]
    )
    _ensure_members(belong, BELONG_PEOPLE, MIN_STEERING_VOTERS, since)
    _record_past_approvals(plan, council, staff)
    _open_request_scenario(plan, council, belong, staff, council_members, council_user)
