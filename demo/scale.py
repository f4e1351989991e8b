"""Data at scale: a partnership `factor` times a realistic one, on top of the demo.

At factor 1 a realistic partnership: about 100 organizations, 600 action items over eleven
fiscal years, 5,000 progress updates, 10,000 consultation responses, 30 Council decisions and
ten years of published annual reports. Sizes grow linearly with the factor (it may be
fractional). Everything is drawn from one seeded random generator, so a factor always gives
the same data, and written with bulk inserts in batches.

The rows respect the invariants of real data: an item's status, percent and version are those
of its latest progress update (which it points to); updates are only ever added; every annual
plan that is reported on was approved by a recorded Council decision; reports are published
through reports.services, so their snapshots are real; consultation responses carry the
"about you" answers that small-cell suppression works on.

Each step is a function of its own, called in order by `seed_scale`, so whatever is computed
from these rows (roll-ups, stored results) can be rebuilt right after the step that feeds it.

This is bulk load data for the benchmark: unlike the demo (demo.seed), which goes through the
services, it inserts rows in bulk for speed, past the services' checks (a past decision about a
direction already approved, for one). It keeps their invariants by hand: a decision's tally,
quorum and outcome are those of the votes recorded with it (`_decision_in_bulk`).
"""

import contextlib
import datetime
import itertools
import math
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from actionplans import services as actionplan_services
from actionplans.models import (
    FINISHED_STATUSES,
    ActionItem,
    AnnualActionPlan,
    ApprovalStatus,
    CommunityActionPlan,
    ItemStatus,
    ProgressUpdate,
    ReportingPeriod,
    StrategicDirection,
)
from approvals import services as approval_services
from approvals.models import ApprovalRequest, Decision, EligibleVoter, Vote, VoteChoice
from consultations import services as consultation_services
from consultations.models import AboutYou, Answer, Consultation, Question, Response
from core import page_cache
from core.fiscal import FiscalYear, fiscal_quarter_of
from core.mail import emails_suppressed
from demo.actionplans import DIRECTIONS, ITEMS, NARRATIVES, PARTNER_SLUG
from demo.approvals import past_opening, past_voters
from demo.consultations import (
    CLOSED_CONSULTATION,
    CLOSED_SLUG,
    DEMO_TEXT_ANSWERS,
    questions_create,
)
from demo.reports import NARRATIVES as REPORT_NARRATIVES
from outbox import services as outbox
from partners.models import Organization, User
from pillars.models import Group, Membership, Pillar
from reports import services as report_services
from reports.models import AnnualReport
from search import services as search_services

SEED = 20260411
BATCH = 2000
YEARS = 11  # the current fiscal year and the ten before it (each of those gets a report)
# The first organization loaded at scale: its presence means the data is there already.
MARKER_SLUG = "scale-org-00001"
STAFF_EMAIL = "staff@demo.lip"


@dataclass(frozen=True)
class Sizes:
    organizations: int
    items: int
    updates: int
    responses: int
    decisions: int

    @classmethod
    def for_factor(cls, factor):
        def scaled(per_unit, minimum=1):
            return max(minimum, round(per_unit * factor))

        return cls(
            organizations=scaled(100, 5),
            items=scaled(600, YEARS * 2),
            updates=scaled(5000, YEARS * 2),
            responses=scaled(10_000, 20),
            decisions=scaled(30, YEARS + 2),
        )


def log_to(stdout):
    return (lambda message: stdout.write(message)) if stdout else (lambda message: None)


def _batches(rows, size=BATCH):
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _at(day, hour=10, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _decision_in_bulk(
    *,
    body,
    staff,
    decided_on,
    directions=(),
    annual_plan=None,
    objections=0,
    comments="",
    quorum_missed=False,
):
    """A request decided before the portal existed, written in bulk: who could vote (as of the
    day it opened), how they voted, and the tally, quorum and outcome those votes give. Its
    subject's status is changed by the caller. Everyone votes but the last member (or, when
    `quorum_missed`, too few to make quorum); the first `objections` object, one abstains."""
    opens = past_opening(decided_on)
    members = past_voters(body=body, decided_on=decided_on)
    required = approval_services.quorum_required(eligible_count=len(members))
    voting = members[: required - 1] if quorum_missed else members[:-1]
    request = ApprovalRequest.objects.create(
        body=body,
        annual_plan=annual_plan,
        submitted_by=staff,
        opens_at=opens,
        closes_at=_at(decided_on, 17),
        created_at=opens,
        status=ApprovalRequest.Status.DECIDED,
    )
    if directions:
        request.directions.set(directions)
    EligibleVoter.objects.bulk_create(
        [
            EligibleVoter(request=request, person=m.person, membership=m, role=m.role)
            for m in members
        ]
    )
    votes = []
    for index, membership in enumerate(voting):
        if index < objections:
            choice = VoteChoice.OBJECT
        elif index == len(voting) - 1 and index > 0:
            choice = VoteChoice.ABSTAIN
        else:
            choice = VoteChoice.APPROVE
        cast = opens + datetime.timedelta(days=index % 10 + 1)
        votes.append(
            Vote(
                request=request,
                voter=membership.person,
                choice=choice,
                comment=comments if choice == VoteChoice.OBJECT else "",
                cast_at=cast,
                changed_at=cast,
            )
        )
    Vote.objects.bulk_create(votes)
    tally = approval_services.Tally(
        approve=sum(v.choice == VoteChoice.APPROVE for v in votes),
        object=sum(v.choice == VoteChoice.OBJECT for v in votes),
        abstain=sum(v.choice == VoteChoice.ABSTAIN for v in votes),
    )
    outcome = approval_services.decide_outcome(rule=request.rule, tally=tally, required=required)
    return Decision.objects.create(
        request=request,
        outcome=outcome.outcome,
        approve_count=tally.approve,
        object_count=tally.object,
        abstain_count=tally.abstain,
        eligible_count=len(members),
        quorum_required=required,
        quorum_met=outcome.quorum_met,
        decided_on=decided_on,
        decided_at=_at(decided_on, 17),
        comments=comments,
    )


# --- 1. Organizations and the people who report for them ------------------------------------

ORG_PLACES = [
    "North End", "Downtown", "Eastside", "Westview", "Harbour", "Hillcrest", "Riverbend",
    "Maple Grove", "Lakeshore", "Old Mill", "Southgate", "Cedar Park", "Stonebridge",
    "Fairview", "Brookside", "Kingsway",
]  # fmt: skip
ORG_KINDS = [
    ("settlement", "Settlement Services", "Services d'établissement"),
    ("employment", "Employment Centre", "Centre d'emploi"),
    ("school_board", "School Council", "Conseil d'école"),
    ("post_secondary", "Learning Campus", "Campus d'apprentissage"),
    ("health", "Community Health Team", "Équipe de santé communautaire"),
    ("housing", "Housing Cooperative", "Coopérative d'habitation"),
    ("library", "Library Branch", "Succursale de bibliothèque"),
    ("faith_cultural", "Cultural Association", "Association culturelle"),
    ("employer", "Business Network", "Réseau d'affaires"),
    ("other", "Neighbourhood Centre", "Centre de quartier"),
]


def load_organizations(*, sizes, rng, log):
    """Invented partner organizations and, for each, an account that reports for it."""
    today = timezone.localdate()
    organizations = []
    for number in range(1, sizes.organizations + 1):
        sector, kind_en, kind_fr = ORG_KINDS[number % len(ORG_KINDS)]
        place = ORG_PLACES[(number // len(ORG_KINDS)) % len(ORG_PLACES)]
        since = today - datetime.timedelta(days=rng.randint(200, 4000))
        organizations.append(
            Organization(
                slug=f"scale-org-{number:05d}",
                name_en=f"{place} {kind_en} {number}",
                name_fr=f"{kind_fr} {place} {number}",
                sector=sector,
                city="Riverside",
                description_en=f"A partner of the LIP since {since.year}.",
                description_fr=f"Partenaire du PLI depuis {since.year}.",
                member_since=since,
                # One in twenty has left the partnership.
                member_until=today - datetime.timedelta(days=rng.randint(1, 150))
                if number % 20 == 0
                else None,
            )
        )
    for chunk in _batches(organizations):
        Organization.objects.bulk_create(chunk)
    organizations = list(Organization.objects.filter(slug__startswith="scale-org-").order_by("pk"))
    password = make_password(None)  # nobody signs in as these accounts
    User.objects.bulk_create(
        [
            User(
                email=f"reports@{org.slug}.scale.lip",
                display_name=f"{org.name_en} reports",
                organization=org,
                password=password,
            )
            for org in organizations
        ],
        batch_size=BATCH,
    )
    log(f"organizations: {len(organizations)} (with one reporting account each)")
    return organizations


def reporters_by_organization():
    """{organization pk: a person who reports for it}; the demo partner for its own centre."""
    reporters = {}
    for user in User.objects.filter(organization__isnull=False).order_by("-pk"):
        reporters[user.organization_id] = user
    partner = User.objects.filter(email="partner@demo.lip").first()
    if partner is not None:
        reporters[partner.organization_id] = partner
    return reporters


# --- 2. Plans: eleven fiscal years of annual plans, each approved by the Council -------------


def _council():
    return Group.objects.filter(kind=Group.Kind.COUNCIL).order_by("pk").first()


# The Council before the demo's members joined: its past decisions list who sat then.
# (name, role, last day): the former chair hands over to the demo's first chair in 2019.
FORMER_COUNCIL = [
    ("Margaret Oduya", Membership.Role.CHAIR, datetime.date(2018, 12, 31)),
    ("Henri Gagnon", Membership.Role.VICE_CHAIR, datetime.date(2020, 12, 31)),
    ("Priya Raman", Membership.Role.MEMBER, datetime.date(2020, 12, 31)),
    ("Tadeusz Wójcik", Membership.Role.MEMBER, datetime.date(2020, 12, 31)),
    ("Lucia Ferreira", Membership.Role.MEMBER, datetime.date(2020, 12, 31)),
    ("Abdi Warsame", Membership.Role.MEMBER, datetime.date(2020, 12, 31)),
    ("Colleen Byrne", Membership.Role.MEMBER, datetime.date(2020, 12, 31)),
    ("Minh Tran", Membership.Role.MEMBER, datetime.date(2020, 12, 31)),
]


def _former_council(council, first_year):
    """Seats on the Council from before the first year loaded until the demo's members came."""
    for number, (name, role, last_day) in enumerate(FORMER_COUNCIL, start=1):
        person, created = User.objects.get_or_create(
            email=f"former.councillor.{number:02d}@scale.lip", defaults={"display_name": name}
        )
        if created:
            person.set_unusable_password()
            person.save(update_fields=["password"])
        Membership.objects.get_or_create(
            person=person,
            group=council,
            role=role,
            term_start=datetime.date(first_year - 1, 9, 1),
            defaults={"term_end": last_day},
        )


def load_plans(*, staff, log):
    """An earlier Community Action Plan for the years before the demo's, with its directions,
    and an approved annual plan for each of the eleven fiscal years (the demo has two)."""
    current = FiscalYear.current()
    council = _council()
    demo_plan = CommunityActionPlan.objects.order_by("-first_year").first()
    first = current.start_year - (YEARS - 1)
    _former_council(council, first)
    earlier, created = CommunityActionPlan.objects.get_or_create(
        first_year=first,
        last_year=demo_plan.first_year - 1,
        defaults={
            "title_en": f"Community Action Plan {first}–{demo_plan.first_year}",
            "title_fr": f"Plan d'action communautaire {first}–{demo_plan.first_year}",
            "summary_en": "The partnership's earlier plan.",
            "summary_fr": "Le plan précédent du partenariat.",
        },
    )
    pillars = {pillar.slug: pillar for pillar in Pillar.objects.all()}
    directions = []
    for pillar, code, title_en, title_fr in DIRECTIONS:
        direction, _created = StrategicDirection.objects.get_or_create(
            plan=earlier,
            code=code,
            defaults={"pillar": pillars[pillar], "title_en": title_en, "title_fr": title_fr},
        )
        if direction.status == ApprovalStatus.DRAFT:
            actionplan_services.strategic_direction_submit(direction=direction)
            directions.append(direction)
    if directions:
        decision = _decision_in_bulk(
            body=council,
            staff=staff,
            decided_on=datetime.date(first, 3, 20),
            directions=directions,
        )
        for direction in directions:
            actionplan_services.strategic_direction_mark_approved(
                direction=direction, decision=decision
            )
    annual_plans = {}
    for offset in range(YEARS):
        year = FiscalYear(current.start_year - offset)
        plan = demo_plan if year.start_year >= demo_plan.first_year else earlier
        annual, _created = AnnualActionPlan.objects.get_or_create(
            fiscal_year=year.start_year,
            defaults={
                "plan": plan,
                "summary_en": f"What the partners committed to for fiscal year {year.label}.",
                "summary_fr": f"Les engagements des partenaires pour l'exercice {year.label}.",
            },
        )
        if annual.status == ApprovalStatus.DRAFT:
            actionplan_services.annual_plan_submit(plan=annual)
            decision = _decision_in_bulk(
                body=council,
                staff=staff,
                decided_on=datetime.date(year.start_year, 3, 18),
                annual_plan=annual,
            )
            actionplan_services.annual_plan_mark_approved(plan=annual, decision=decision)
        annual_plans[year.start_year] = annual
    log(f"annual plans: {len(annual_plans)} fiscal years, each approved by the Council")
    return annual_plans


# --- 3. Action items ------------------------------------------------------------------------


def _year_shares(years):
    """The two latest years hold half the items each quarter of the load; older years less."""
    shares = {}
    for index, year in enumerate(sorted(years, reverse=True)):
        shares[year] = 0.25 if index < 2 else 0.5 / (len(years) - 2)
    return shares


def load_items(*, sizes, annual_plans, organizations, rng, log):
    """Action items spread over the eleven years: the current and last year hold a quarter
    each. The demo partner leads a few and partners on more (a large agency's dashboard)."""
    partner_org = Organization.objects.get(slug=PARTNER_SLUG)
    groups = {
        group.pillar.slug if group.pillar else "council": group
        for group in Group.objects.filter(kind__in=["council", "steering"])
        .select_related("pillar")
        .order_by("-pk")
    }
    directions_by_plan = {}
    for direction in StrategicDirection.objects.filter(status=ApprovalStatus.APPROVED).order_by(
        "code"
    ):
        directions_by_plan.setdefault(direction.plan_id, {})[direction.code] = direction
    existing = ActionItem.objects.count()
    shares = _year_shares(list(annual_plans))
    items = []
    for year_start, annual in annual_plans.items():
        year = FiscalYear(year_start)
        directions = directions_by_plan[annual.plan_id]
        for _index in range(max(1, round(sizes.items * shares[year_start]))):
            code, title_en, title_fr = rng.choice(ITEMS)
            direction = directions.get(code) or next(iter(directions.values()))
            roll = rng.random()
            lead = partner_org if roll < 0.03 else rng.choice(organizations)
            number = existing + len(items) + 1
            start = year.starts_on + datetime.timedelta(days=rng.choice([0, 30, 61, 92]))
            items.append(
                ActionItem(
                    annual_plan=annual,
                    strategic_direction=direction,
                    owning_group=groups["council"]
                    if rng.random() < 0.1
                    else groups.get(direction.pillar.slug, groups["council"]),
                    lead_organization=lead,
                    title_en=f"{title_en} (#{number})",
                    title_fr=f"{title_fr} (no {number})",
                    description_en=f"{title_en}, delivered with partners.",
                    description_fr=f"{title_fr}, offert avec des partenaires.",
                    start_date=start,
                    target_date=year.ends_on - datetime.timedelta(days=rng.choice([0, 31, 61])),
                    weight=rng.choice([1, 1, 2, 3]),
                )
            )
    for chunk in _batches(items):
        ActionItem.objects.bulk_create(chunk)
    through = ActionItem.partner_organizations.through
    links = []
    for item in items:
        chosen = set(rng.sample(organizations, 2))
        if rng.random() < 0.08:
            chosen.add(partner_org)
        chosen.discard(item.lead_organization)
        links += [through(actionitem_id=item.pk, organization_id=org.pk) for org in chosen]
    for chunk in _batches(links):
        through.objects.bulk_create(chunk)
    log(f"action items: {len(items)} ({len(links)} partner links)")
    return items


# --- 4. Reporting periods and progress updates ----------------------------------------------


def load_periods(*, annual_plans):
    """Every quarter of the eleven years up to now: past ones locked (the demo's stay)."""
    current_year, current_quarter = fiscal_quarter_of(timezone.localdate())
    periods = {}
    for period in ReportingPeriod.objects.all():
        periods[(period.fiscal_year, period.quarter)] = period
    new = []
    for year_start in sorted(annual_plans):
        year = FiscalYear(year_start)
        for quarter in range(1, 5):
            if year == current_year and quarter > current_quarter:
                break
            if (year_start, quarter) in periods:
                continue
            due = year.quarter_ends_on(quarter) + datetime.timedelta(days=15)
            new.append(
                ReportingPeriod(
                    fiscal_year=year_start,
                    quarter=quarter,
                    due_date=due,
                    state=ReportingPeriod.State.LOCKED,
                    opened_at=_at(year.quarter_starts_on(quarter), 9),
                    locked_at=_at(due, 17),
                )
            )
    ReportingPeriod.objects.bulk_create(new)
    periods = {}
    for period in ReportingPeriod.objects.order_by("fiscal_year", "quarter"):
        periods.setdefault(period.fiscal_year, []).append(period)
    return periods


def load_progress(*, sizes, items, periods, rng, log):
    """Progress updates on each item, quarter by quarter, then each item's latest-update
    pointer, status, percent and version set from its last update (as the service does)."""
    today = timezone.localdate()
    now = timezone.now()
    reporters = reporters_by_organization()
    html = {}
    # A little over the mean: finished items and the quarter still open take fewer updates.
    per_item = 1.08 * sizes.updates / max(1, len(items))
    updates, last = [], {}
    for item in items:
        item_periods = periods.get(item.annual_plan.fiscal_year, [])
        if not item_periods:
            continue
        # Spread the item's updates over its year's quarters (two or so a quarter).
        per_period = per_item / len(item_periods)
        status, percent, version = ItemStatus.NOT_STARTED, 0, 0
        moment = None
        author = reporters[item.lead_organization_id]
        for period in item_periods:
            if period.is_open and rng.random() < 0.5:
                continue  # still to report this quarter
            count = int(per_period) + (1 if rng.random() < per_period % 1 else 0)
            first_day = period.starts_on + datetime.timedelta(days=20)
            last_day = min(period.ends_on + datetime.timedelta(days=12), today)
            for _n in range(count):
                if status in FINISHED_STATUSES:
                    break
                step = max(1, round(85 / max(1, per_item)) + rng.randint(-2, 3))
                percent = min(100, percent + step)
                roll = rng.random()
                if percent == 100:
                    status = ItemStatus.COMPLETED
                elif roll < 0.01:
                    status = ItemStatus.CANCELLED
                elif roll < 0.10:
                    status = ItemStatus.DELAYED
                elif roll < 0.22:
                    status = ItemStatus.AT_RISK
                else:
                    status = ItemStatus.ON_TRACK
                span = max(0, (last_day - first_day).days)
                day = first_day + datetime.timedelta(days=rng.randint(0, span))
                created = _at(day, rng.randint(9, 16), rng.randint(0, 59))
                if moment is not None and created <= moment:
                    created = moment + datetime.timedelta(minutes=rng.randint(1, 600))
                created = min(created, now)
                if moment is not None and created <= moment:
                    break  # no room left before now
                moment = created
                narrative = rng.choice(NARRATIVES).format(n=rng.randint(8, 60))
                if narrative not in html:
                    html[narrative] = actionplan_services.narrative_to_html(narrative)
                version += 1
                update = ProgressUpdate(
                    item=item,
                    author=author,
                    created_at=created,
                    reporting_period=period,
                    status=status,
                    percent=percent,
                    narrative=narrative,
                    narrative_html=html[narrative],
                )
                updates.append(update)
                last[item.pk] = (update, version)
    for chunk in _batches(updates):
        ProgressUpdate.objects.bulk_create(chunk)
    changed = []
    for item in items:
        if item.pk in last:
            update, version = last[item.pk]
            item.status, item.percent, item.version = update.status, update.percent, version
            item.latest_update = update
            changed.append(item)
    for chunk in _batches(changed):
        ActionItem.objects.bulk_update(chunk, ["status", "percent", "version", "latest_update"])
    log(f"progress updates: {len(updates)} ({len(changed)} items reported on)")
    return len(updates)


# --- 5. Council decisions -------------------------------------------------------------------

DECISION_COMMENTS = [
    "Say which partners will deliver it, and by when.",
    "The budget is not clear yet.",
    "Ask the steering group to look at it first.",
]


def load_decisions(*, sizes, staff, rng, log):
    """More decided requests over the ten years, as a Council's agenda fills: revisions of the
    directions, endorsements by steering groups first, now and then one without quorum."""
    council = _council()
    steering = list(Group.objects.filter(kind=Group.Kind.STEERING).order_by("pk"))
    directions = list(
        StrategicDirection.objects.filter(status=ApprovalStatus.APPROVED).order_by("pk")
    )
    already = Decision.objects.count()
    wanted = max(0, sizes.decisions - already)
    today = timezone.localdate()
    first = today - datetime.timedelta(days=365 * (YEARS - 1))
    span = (today - datetime.timedelta(days=30) - first).days
    days = sorted(first + datetime.timedelta(days=rng.randint(0, span)) for _ in range(wanted))
    made = 0
    for decided_on in days:
        direction = rng.choice(directions)
        body = council
        group = next((g for g in steering if g.pillar_id == direction.pillar_id), None)
        # Who could vote then, not now: a group had fewer members, or none, years ago.
        if (
            group is not None
            and len(past_voters(body=group, decided_on=decided_on)) >= 2
            and rng.random() < 0.3
        ):
            body = group
        members = past_voters(body=body, decided_on=decided_on)
        if len(members) < 2:
            continue
        roll = rng.random()
        kwargs = {}
        if roll < 0.1:
            kwargs = {
                "objections": len(members) // 2 + 1,
                "comments": rng.choice(DECISION_COMMENTS),
            }
        elif roll < 0.14:
            kwargs = {"quorum_missed": True}
        _decision_in_bulk(
            body=body,
            staff=staff,
            decided_on=decided_on,
            directions=[direction],
            **kwargs,
        )
        made += 1
    log(f"decisions: {made} more (with their requests, eligible voters and votes)")
    return made


# --- 6. Consultations and their responses ---------------------------------------------------

CHANNELS = [Response.Channel.ONLINE] * 6 + [
    Response.Channel.PAPER,
    Response.Channel.PAPER,
    Response.Channel.COMMUNITY_SESSION,
    Response.Channel.INTERVIEW,
]


def _about(rng):
    """Self-identification as people give it: most answer, some prefer not to say, and the
    last categories are rare, so small cells (and their suppression) occur."""
    about = {}
    for field, codes in AboutYou.FIELDS.items():
        roll = rng.random()
        if roll < 0.1:
            about[field] = ""
        elif roll < 0.17:
            about[field] = AboutYou.PREFER_NOT
        elif roll < 0.1705:
            about[field] = codes[-1]
        else:
            about[field] = rng.choice(codes[: max(3, len(codes) - 1)])
    return about


def _answers_for(response, questions, rng):
    rows = []
    for question in questions:
        if not question.required and rng.random() < 0.3:
            continue
        if question.kind == Question.Kind.SCALE:
            values = [str(rng.choice([1, 2, 3, 3, 4, 4, 4, 5, 5]))]
        elif question.kind == Question.Kind.ONE_CHOICE:
            keys = question.choice_keys()
            values = [rng.choice(keys + keys[:2])]
        elif question.kind == Question.Kind.SEVERAL_CHOICES:
            keys = question.choice_keys()
            values = rng.sample(keys, rng.randint(1, min(3, len(keys))))
        else:
            values = [rng.choice(DEMO_TEXT_ANSWERS)[1]]
        rows += [Answer(response_id=response.pk, question=question, value=v) for v in values]
    return rows


def add_responses(*, consultation, count, rng):
    """`count` more responses with their answers, and a few more approved quotes."""
    questions = list(consultation.questions.order_by("order", "pk"))
    start = consultation.opens_at
    span = (consultation.closes_at - consultation.opens_at).total_seconds()
    languages = consultation.languages
    weights = [6 if lang == "en" else 2 if lang == "fr" else 1 for lang in languages]
    answers = 0
    quoted = []
    for chunk_size in [BATCH] * (count // BATCH) + [count % BATCH]:
        if not chunk_size:
            continue
        responses = Response.objects.bulk_create(
            Response(
                consultation=consultation,
                language=rng.choices(languages, weights)[0],
                channel=rng.choice(CHANNELS),
                submitted_at=start + datetime.timedelta(seconds=rng.random() * span),
                **_about(rng),
            )
            for _ in range(chunk_size)
        )
        rows = []
        for response in responses:
            rows += _answers_for(response, questions, rng)
        Answer.objects.bulk_create(rows, batch_size=BATCH * 2)
        answers += len(rows)
        quoted += [row.pk for row in rows if row.question.is_text and rng.random() < 0.002]
    Answer.objects.filter(pk__in=quoted[:200]).update(quote_approved=True)
    return answers


def load_consultations(*, sizes, rng, log):
    """Most responses go to the demo's published consultation (the results page to watch);
    the rest to a published consultation of each of the ten years before."""
    main = Consultation.objects.get(slug=CLOSED_SLUG)
    main_count = round(sizes.responses * 0.6)
    total_answers = add_responses(consultation=main, count=main_count, rng=rng)
    total = main_count
    belong = Pillar.objects.filter(slug="belong").first()
    now = timezone.now()
    others = sizes.responses - main_count
    for offset in range(1, YEARS):
        opens = now - datetime.timedelta(days=400 + 365 * offset)
        year = opens.year
        consultation, created = Consultation.objects.get_or_create(
            slug=f"belonging-survey-{year}-scale",
            defaults={
                "title": {
                    "en": f"Belonging survey {year}",
                    "fr": f"Sondage {year} sur l'appartenance",
                },
                "description": CLOSED_CONSULTATION["description"],
                "what_we_did": CLOSED_CONSULTATION["what_we_did"],
                "extra_languages": ["ar"],
                "pillar": belong,
                "opens_at": opens,
                "closes_at": opens + datetime.timedelta(days=60),
                "status": Consultation.Status.PUBLISHED,
            },
        )
        if created:
            questions_create(consultation, CLOSED_CONSULTATION["questions"])
        count = others // (YEARS - 1) + (1 if offset <= others % (YEARS - 1) else 0)
        total_answers += add_responses(consultation=consultation, count=count, rng=rng)
        total += count
    log(f"consultation responses: {total} ({total_answers} answers)")
    return total


# --- 7. Annual reports ----------------------------------------------------------------------


@contextlib.contextmanager
def pdfs_left_to_the_worker():
    """Publishing queues a PDF build on commit; without a broker it would run inline, and ten
    years of reports would be rendered now. Inside this block the builds wait in the outbox for
    its relay (beat, with a worker): the report pages say the PDF is being prepared meanwhile."""
    with outbox.relay_held():
        yield


def load_reports(*, staff, annual_plans, log):
    """A published report for each of the ten past years (through the publish service, so
    each snapshot freezes the data loaded above); the demo's, published before those data
    existed, gets a correction."""
    current = FiscalYear.current()
    texts = {f"{name}_{lang}": text for name, pair in REPORT_NARRATIVES.items()
             for lang, text in zip(("en", "fr"), pair, strict=True)}  # fmt: skip
    published = 0
    for year_start in sorted(annual_plans):
        if year_start >= current.start_year:
            continue
        report, _created = AnnualReport.objects.get_or_create(
            fiscal_year=year_start, defaults=texts
        )
        note = note_fr = ""
        if report.versions.exists():
            note = "Corrected: the figures now include every partner's updates for the year."
            note_fr = (
                "Corrigé : les chiffres comprennent maintenant les mises à jour de chaque "
                "partenaire pour l'année."
            )
        with transaction.atomic():
            report_services.annual_report_publish(
                report=report, by=staff, note=note, note_fr=note_fr
            )
        published += 1
    log(f"report versions published: {published}")
    return published


# --- All of it ------------------------------------------------------------------------------


def is_loaded():
    return Organization.objects.filter(slug=MARKER_SLUG).exists()


def seed_scale(*, factor, seed=SEED, stdout=None):
    """Load a partnership `factor` times a realistic one on top of the demo data.

    Returns False (and changes nothing) if data at scale is already loaded."""
    if factor <= 0 or math.isnan(factor):
        raise ValueError("The factor must be positive.")
    if is_loaded():
        return False
    log = log_to(stdout)
    rng = random.Random(seed)
    sizes = Sizes.for_factor(factor)
    staff = User.objects.get(email=STAFF_EMAIL)
    with emails_suppressed(), pdfs_left_to_the_worker():
        with transaction.atomic():
            organizations = load_organizations(sizes=sizes, rng=rng, log=log)
            annual_plans = load_plans(staff=staff, log=log)
            items = load_items(
                sizes=sizes,
                annual_plans=annual_plans,
                organizations=organizations,
                rng=rng,
                log=log,
            )
            periods = load_periods(annual_plans=annual_plans)
            items = list(
                ActionItem.objects.filter(pk__in=[item.pk for item in items])
                .select_related("annual_plan")
                .order_by("pk")
            )
            load_progress(sizes=sizes, items=items, periods=periods, rng=rng, log=log)
            # Bulk inserts go around the services: rebuild what they keep on write.
            actionplan_services.rollups_rebuild()
            load_decisions(sizes=sizes, staff=staff, rng=rng, log=log)
            load_consultations(sizes=sizes, rng=rng, log=log)
            consultation_services.consultation_results_rebuild_all()
        # Reports come last: they freeze what the steps above loaded.
        load_reports(staff=staff, annual_plans=annual_plans, log=log)
        # The search index, like the roll-ups, is kept on write: build it again after the load.
        log(f"Search index: {sum(search_services.search_reindex().values())} entries")
    # Fresh statistics for the planner, as after any bulk load (autovacuum may be off or late).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # Bulk inserts send no signals: no page cached before the load may be served after it.
    page_cache.bump()
    return True
