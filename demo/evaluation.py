"""Demo partnership health checks: last fiscal year's closed, with invented answers, and this
year's open (the demo council member has not answered it yet).

Everything goes through the evaluation services, as the back office and the members' page do.

The self-evaluation's records: the reference list of sectors the partnership seeks, and who
attended the groups' past meetings, recorded by staff through the services."""

import importlib
import random

from django.utils import timezone

from core.fiscal import FiscalYear
from evaluation import services
from evaluation import services as evaluation_services
from evaluation.models import HealthCheck, HealthCheckComment, HealthCheckStatement, SectorReference
from evaluation.selectors import person_bodies
from partners.models import User
from pillars import services as pillar_services
from pillars.models import Meeting, MeetingAttendance, Membership

# Invented statements, in English and French.
STATEMENTS = [
    ("Decisions are made transparently.", "Les décisions sont prises de façon transparente."),
    (
        "Newcomers' voices shape our priorities.",
        "La voix des personnes nouvellement arrivées oriente nos priorités.",
    ),
    (
        "Meetings are a good use of my time.",
        "Les réunions sont une bonne utilisation de mon temps.",
    ),
    (
        "Partners share information and resources openly.",
        "Les partenaires partagent ouvertement l'information et les ressources.",
    ),
    (
        "I know how my work contributes to the Community Action Plan.",
        "Je sais comment mon travail contribue au Plan d'action communautaire.",
    ),
]

# Invented comments: the first ones are approved for quoting, the last waits for moderation.
COMMENTS = [
    ("Interpretation at the spring forum made a real difference.", "approved"),
    ("Agendas should reach us a week before each meeting, not two days.", "approved"),
    ("More evening meetings would let newcomer members take part.", "approved"),
    ("One member interrupts constantly and nobody stops it.", "rejected"),
    ("The action group on credentials needs a clearer mandate.", "pending"),
]

# Weights of the invented ratings (1 to 5, then "don't know"), one row per statement.
WEIGHTS = [
    [1, 2, 4, 6, 3, 1],
    [2, 4, 5, 4, 1, 2],
    [1, 3, 4, 5, 2, 0],
    [0, 2, 4, 7, 3, 1],
    [1, 2, 3, 6, 4, 2],
]
CHOICES = [1, 2, 3, 4, 5, None]


def _statements(staff):
    found = list(HealthCheckStatement.objects.all())
    if found:
        return found
    return [
        services.statement_save(
            statement=HealthCheckStatement(text_en=en, text_fr=fr, order=index), by=staff
        )
        for index, (en, fr) in enumerate(STATEMENTS)
    ]


def _introduction():
    return {
        "introduction_en": (
            "Once a year the members of our Council, steering groups and action groups rate how "
            "the partnership works, anonymously. We publish what they told us, and what we change."
        ),
        "introduction_fr": (
            "Une fois par année, les membres du Conseil, des comités directeurs et des groupes "
            "d'action évaluent, de façon anonyme, le fonctionnement du partenariat. Nous publions "
            "ce qu'ils nous ont dit et ce que nous changeons."
        ),
    }


def seed_health_checks(*, accounts):
    """Last year's health check, closed with results, and this year's, open. Safe to run again."""
    staff = accounts["staff@demo.lip"]
    statements = _statements(staff)
    current = FiscalYear.current()
    previous = current.previous()
    rng = random.Random(2027)
    members = list(
        User.objects.filter(
            pk__in=Membership.objects.active_on(timezone.localdate()).values("person")
        )
        .exclude(pk__in=[user.pk for user in accounts.values()])
        .order_by("pk")
    )

    def answer(health_check, people, comments=()):
        texts = list(comments)
        for person in people:
            body = person_bodies(user=person).first()
            if body is None:
                continue
            ratings = {
                statement.pk: rng.choices(CHOICES, weights=WEIGHTS[index % len(WEIGHTS)])[0]
                for index, statement in enumerate(statements)
            }
            services.health_check_answer(
                health_check=health_check,
                person=person,
                body=body,
                ratings=ratings,
                comment=texts.pop(0) if texts else "",
            )

    if not HealthCheck.objects.filter(fiscal_year=previous.label).exists():
        closed = services.health_check_create(
            fiscal_year=previous.label, by=staff, **_introduction()
        )
        services.health_check_open(health_check=closed, by=staff)
        answer(closed, members, [text for text, _status in COMMENTS])
        for text, status in COMMENTS:
            comment = HealthCheckComment.objects.filter(health_check=closed, text=text).first()
            if comment is not None and status != "pending":
                services.comment_moderate(comment=comment, status=status, by=staff)
        services.health_check_close(health_check=closed, by=staff)

    if not HealthCheck.objects.filter(fiscal_year=current.label).exists():
        open_check = services.health_check_create(
            fiscal_year=current.label, by=staff, **_introduction()
        )
        services.health_check_open(health_check=open_check, by=staff)
        # About half have answered so far; the demo accounts have not.
        answer(open_check, members[::2])


def seed_sector_references(*, staff):
    """The reference list comes from a data migration; a flushed test database has lost it."""
    if SectorReference.objects.exists():
        return
    migration = importlib.import_module("evaluation.migrations.0001_sector_reference")
    for order, (name_en, name_fr, sectors, lived) in enumerate(migration.REFERENCE, start=1):
        evaluation_services.sector_reference_save(
            by=staff,
            reference=SectorReference(
                name_en=name_en,
                name_fr=name_fr,
                organization_sectors=sectors,
                lived_experience=lived,
                order=order,
            ),
        )


def seed_attendance(*, staff):
    """Who attended each past meeting: most members, a different one or two away each time."""
    recorded = set(MeetingAttendance.objects.values_list("meeting_id", flat=True))
    meetings = Meeting.objects.filter(held_on__lte=timezone.localdate()).order_by("held_on", "pk")
    for number, meeting in enumerate(meetings):
        if meeting.pk in recorded:
            continue
        people = pillar_services.meeting_expected_people(meeting)
        away = {(number + 3 * k) % 7 for k in range(2)}
        pillar_services.meeting_attendance_record(
            by=staff,
            meeting=meeting,
            attended=[person.pk for index, person in enumerate(people) if index % 7 not in away],
        )


def seed_evaluation(*, staff):
    seed_sector_references(staff=staff)
    seed_attendance(staff=staff)
