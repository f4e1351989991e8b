"""Demo data for trying the portal: invented people and organizations, never real ones.

Each app adds its part as a function here, in an order that respects what builds on what.
Every step is idempotent: running the seed again changes nothing that is already there.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from demo.actionplans import seed_action_plans
from demo.approvals import seed_approvals
from demo.consultations import seed_consultations
from demo.governance import seed_governance, seed_pillars
from demo.partners import seed_organizations, seed_people
from demo.reports import seed_reports
from lip_portal.mail import emails_suppressed
from lip_portal.roles import BACKBONE_ROLES, backbone_roles
from partners.models import Organization, User

DEMO_PASSWORD = "demo-lip-2026"  # noqa: S105  (published in the README; DEBUG only)
# The demo accounts that must sign in with a second factor share this authenticator secret
# (published in the README; `manage.py demo_totp` prints the current code).
DEMO_TOTP_SECRET = "LIPDEMOTOTPSECRETFORDEMOONLY2345"  # noqa: S105
DEMO_TOTP_ACCOUNTS = ["staff@demo.lip", "council@demo.lip"]

DEMO_ACCOUNTS = [
    {
        "email": "staff@demo.lip",
        "display_name": "Sam Okafor",
        "is_staff": True,
        # Not a superuser: the demo staff member's powers come from every backbone role.
        "roles": BACKBONE_ROLES,
        "organization": "riverside-lip-backbone",
        "role": "backbone staff",
    },
    {
        "email": "council@demo.lip",
        "display_name": "Mireille Tremblay",
        "preferred_language": "fr",
        "organization": "riverside-public-library",
        "role": "council member",
    },
    {
        "email": "partner@demo.lip",
        "display_name": "Priya Raman",
        "organization": "newcomer-welcome-centre",
        "role": "partner staff",
    },
]

DEMO_ORGANIZATIONS = {
    "riverside-lip-backbone": "Riverside LIP Backbone Office",
    "riverside-public-library": "Riverside Public Library",
    "newcomer-welcome-centre": "Newcomer Welcome Centre",
}


def seed_accounts():
    organizations = {
        slug: Organization.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in DEMO_ORGANIZATIONS.items()
    }
    users = {}
    for account in DEMO_ACCOUNTS:
        fields = {
            k: v for k, v in account.items() if k not in ("email", "role", "organization", "roles")
        }
        fields["organization"] = organizations[account["organization"]]
        user, created = User.objects.get_or_create(email=account["email"], defaults=fields)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if account.get("roles"):
            user.groups.add(*backbone_roles(account["roles"]))
        users[account["email"]] = user
    return users


# --- Equity review ----------------------------------------------------------------------------

# The governance bodies the equity review needs. The governance seed creates the same slugs
# with their full description; these defaults only apply when it has not run.
DEMO_BODIES = {
    "council": ("council", None, "Partnership Council", "Conseil du partenariat"),
    "settle-steering-group": (
        "steering",
        "settle",
        "Settle Steering Group",
        "Groupe directeur S'établir",
    ),
    "work-steering-group": (
        "steering",
        "work",
        "Work Steering Group",
        "Groupe directeur Travailler",
    ),
    "belong-steering-group": (
        "steering",
        "belong",
        "Belong Steering Group",
        "Groupe directeur Appartenir",
    ),
}

# Invented members of the bodies for the equity review (email, name, body slugs).
# Invented community shares (percent) to compare with: not real census figures.
EQUITY_DEMO_BENCHMARKS = [
    ("racialized", "racialized", "31.0"),
    ("racialized", "not_racialized", "69.0"),
    ("indigenous", "indigenous", "1.9"),
    ("immigration", "born_in_canada", "72.5"),
    ("gender", "woman", "50.6"),
    ("gender", "man", "48.9"),
    ("age", "under_25", "29.0"),
    ("age", "65_plus", "18.2"),
    ("disability", "disability", "24.0"),
    ("first_language", "english", "66.0"),
    ("first_language", "french", "1.4"),
    ("first_language", "other_language", "30.6"),
]

# Weights of the invented answers, per dimension: the demo governance is older, less
# racialized and more Canadian-born than the community, as reviews often find.
EQUITY_DEMO_WEIGHTS = {
    "racialized": {"racialized": 3, "not_racialized": 6, "prefer_not_to_say": 1},
    "indigenous": {"indigenous": 0, "not_indigenous": 9, "prefer_not_to_say": 1},
    "immigration": {
        "born_in_canada": 5,
        "arrived_0_5": 1,
        "arrived_6_10": 2,
        "arrived_over_10": 3,
        "prefer_not_to_say": 1,
    },
    "refugee": {"refugee_experience": 2, "no_refugee_experience": 8, "prefer_not_to_say": 1},
    "gender": {"woman": 6, "man": 4, "another_gender": 1, "prefer_not_to_say": 1},
    "age": {"under_25": 0, "25_44": 3, "45_64": 6, "65_plus": 2, "prefer_not_to_say": 1},
    "disability": {"disability": 2, "no_disability": 8, "prefer_not_to_say": 2},
    "first_language": {
        "english": 6,
        "french": 1,
        "english_and_french": 1,
        "other_language": 3,
        "prefer_not_to_say": 1,
    },
}


def seed_governance_bodies():
    from pillars.models import Group

    pillars = seed_pillars()
    bodies = {}
    for slug, (kind, pillar, name_en, name_fr) in DEMO_BODIES.items():
        bodies[slug] = Group.objects.get_or_create(
            slug=slug,
            defaults={
                "kind": kind,
                "pillar": pillars.get(pillar),
                "name_en": name_en,
                "name_fr": name_fr,
                "formed_on": datetime.date(2015, 4, 1),
            },
        )[0]
    return bodies


def _membership(person, group, *, role, term_start):
    from pillars.models import Membership

    exists = Membership.objects.filter(person=person, group=group, term_end__isnull=True).exists()
    if not exists:
        Membership.objects.create(person=person, group=group, role=role, term_start=term_start)


def seed_equity_reviews(users):
    """A published review for FY 2025-26 and an open one for this fiscal year, with invented
    answers; the demo council member has a pending invitation in the open one."""
    from equity import services
    from equity.models import (
        Benchmark,
        EquityReview,
        Invitation,
        fiscal_year_bounds,
        fiscal_year_of,
    )

    bodies = seed_governance_bodies()
    term_start = datetime.date(2024, 9, 1)
    _membership(users["council@demo.lip"], bodies["council"], role="member", term_start=term_start)
    _membership(
        users["staff@demo.lip"], bodies["council"], role="staff_liaison", term_start=term_start
    )
    # The governance seed's members answer; the demo accounts answer for themselves.
    people = list(
        User.objects.filter(memberships__group__in=bodies.values())
        .exclude(pk__in=[user.pk for user in users.values()])
        .distinct()
    )

    staff = users["staff@demo.lip"]
    answering = {p.pk for p in people}
    today = timezone.localdate()
    current = fiscal_year_of(today)
    last_start, _ = fiscal_year_bounds(current)
    previous = fiscal_year_of(last_start - datetime.timedelta(days=1))
    rng = random.Random(2026)

    def answer_all(review, day, share):
        for invitation in Invitation.objects.filter(review=review, person_id__in=answering):
            if rng.random() > share:
                continue
            answers = {
                dimension: rng.choices(list(weights), weights=list(weights.values()))[0]
                for dimension, weights in EQUITY_DEMO_WEIGHTS.items()
            }
            services.response_submit(
                invitation=invitation,
                person=invitation.person,
                answers=answers,
                consent=True,
                today=day,
            )

    if not EquityReview.objects.filter(fiscal_year=previous).exists():
        start, _ = fiscal_year_bounds(previous)
        opens_on = start + datetime.timedelta(days=45)
        review = services.review_create(
            fiscal_year=previous,
            opens_on=opens_on,
            closes_on=opens_on + datetime.timedelta(days=42),
            by=staff,
            bodies=list(bodies.values()),
            introduction_en=(
                "Each year we ask the people on our Council and steering groups a voluntary, "
                "confidential questionnaire, and compare who sits at our tables with the region."
            ),
            introduction_fr=(
                "Chaque année, nous proposons aux membres du Conseil et des groupes directeurs "
                "un questionnaire volontaire et confidentiel, et comparons qui siège à nos tables "
                "avec la population de la région."
            ),
            findings_en=(
                "Racialized people and newcomers who arrived in the last five years hold far "
                "fewer seats than their share of the region. Nobody under 25 sits on a body. "
                "Women hold a majority of seats on the steering groups."
            ),
            findings_fr=(
                "Les personnes racisées et les nouveaux arrivants des cinq dernières années "
                "occupent bien moins de sièges que leur part de la population. Aucune personne "
                "de moins de 25 ans ne siège. Les femmes occupent la majorité des sièges des "
                "groupes directeurs."
            ),
            actions_en=(
                "Reserve two Council seats for people with lived experience of immigration in "
                "the last five years.\nOpen a youth seat on each steering group.\n"
                "Pay an honorarium and childcare to members who do not represent an "
                "organization."
            ),
            actions_fr=(
                "Réserver deux sièges du Conseil à des personnes immigrées depuis cinq ans ou "
                "moins.\nOuvrir un siège jeunesse dans chaque groupe directeur.\n"
                "Verser des honoraires et rembourser la garde d'enfants aux membres qui ne "
                "représentent pas un organisme."
            ),
            progress_en=(
                "The Council changed its terms of reference to reserve two seats; one is filled."
            ),
            progress_fr=(
                "Le Conseil a modifié son mandat pour réserver deux sièges ; l'un est pourvu."
            ),
        )
        for dimension, category, share in EQUITY_DEMO_BENCHMARKS:
            Benchmark.objects.create(
                review=review,
                dimension=dimension,
                category=category,
                share=share,
                source_en="Invented demo figures in the style of a census profile",
                source_fr="Chiffres inventés pour la démonstration, à la manière d'un recensement",
            )
        review.follow_up_links.create(
            label_en="Council terms of reference, reserved seats",
            label_fr="Mandat du Conseil, sièges réservés",
            order=1,
        )
        services.review_open(review=review, by=staff, today=opens_on, notify=False)
        answer_all(review, opens_on + datetime.timedelta(days=3), share=0.85)
        services.review_close(review=review, by=staff)
        services.review_publish(review=review, by=staff)

    if not EquityReview.objects.filter(fiscal_year=current).exists():
        opens_on = today - datetime.timedelta(days=14)
        review = services.review_create(
            fiscal_year=current,
            opens_on=opens_on,
            closes_on=today + datetime.timedelta(days=30),
            by=staff,
            bodies=list(bodies.values()),
        )
        for dimension, category, share in EQUITY_DEMO_BENCHMARKS:
            Benchmark.objects.create(
                review=review,
                dimension=dimension,
                category=category,
                share=share,
                source_en="Invented demo figures in the style of a census profile",
                source_fr="Chiffres inventés pour la démonstration, à la manière d'un recensement",
            )
        services.review_open(review=review, by=staff, today=opens_on, notify=False)
        answer_all(review, today, share=0.5)


def seed_second_factors(users):
    """Staff and council members sign in with a second factor: give the demo ones the
    published authenticator secret."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    for email in DEMO_TOTP_ACCOUNTS:
        user = users[email]
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)


@transaction.atomic
def seed_demo():
    """Build the demo partnership. Safe to run again."""
    # The people are invented: nobody is emailed while they are made.
    with emails_suppressed():
        accounts = seed_accounts()
        organizations = seed_organizations()
        people = seed_people(organizations)
        people.update({user.display_name: user for user in accounts.values()})
        seed_governance(organizations=organizations, people=people)
        seed_action_plans(staff=accounts["staff@demo.lip"])
        seed_consultations()
        seed_approvals(staff=accounts["staff@demo.lip"], council_user=accounts["council@demo.lip"])
        seed_equity_reviews(accounts)
        # The report freezes what the seeds above built: it comes last.
        seed_reports(staff=accounts["staff@demo.lip"])
        seed_second_factors(accounts)
