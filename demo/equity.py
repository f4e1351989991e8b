"""Demo equity reviews: last year's published, this year's open, with invented answers.

The reviews are created, opened, answered, closed and published through the equity services,
on the days given to them (`today=`). Benchmarks (the community's shares to compare with) have
no service (staff enter them in the back office, which saves the model): written directly.
"""

import datetime
import random

from django.utils import timezone

from equity import services
from equity.models import Benchmark, EquityReview, Invitation, fiscal_year_bounds, fiscal_year_of
from partners.models import User

# The governance bodies (demo.governance) whose members the review asks.
BODIES = ["council", "settle-steering-group", "work-steering-group", "belong-steering-group"]

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


def _benchmarks_create(review):
    """The community's make-up the review compares governance with (no service writes these:
    staff enter them in the review's form)."""
    for dimension, category, share in EQUITY_DEMO_BENCHMARKS:
        Benchmark.objects.create(
            review=review,
            dimension=dimension,
            category=category,
            share=share,
            source_en="Invented demo figures in the style of a census profile",
            source_fr="Chiffres inventés pour la démonstration, à la manière d'un recensement",
        )


def seed_equity_reviews(*, accounts, groups):
    """A published review for FY 2025-26 and an open one for this fiscal year, with invented
    answers; the demo council member has a pending invitation in the open one."""
    bodies = {slug: groups[slug] for slug in BODIES}
    # The governance seed's members answer; the demo accounts answer for themselves.
    people = list(
        User.objects.filter(memberships__group__in=bodies.values())
        .exclude(pk__in=[user.pk for user in accounts.values()])
        .distinct()
    )

    staff = accounts["staff@demo.lip"]
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
        _benchmarks_create(review)
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
        _benchmarks_create(review)
        services.review_open(review=review, by=staff, today=opens_on, notify=False)
        answer_all(review, today, share=0.5)
