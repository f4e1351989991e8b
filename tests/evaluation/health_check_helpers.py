"""Data for the health check tests (plain functions: the indicators' tests share this folder)."""

from evaluation import services
from evaluation.models import HealthCheck, HealthCheckStatement
from pillars.models import Group
from tests.equity.factories import GroupFactory, MembershipFactory
from tests.partners.factories import StaffFactory, add_second_factor

STATEMENTS = [
    ("Decisions are made transparently.", "Les décisions sont prises de façon transparente."),
    (
        "Newcomers' voices shape our priorities.",
        "La voix des nouveaux arrivants oriente nos priorités.",
    ),
]


def statements():
    return [
        HealthCheckStatement.objects.create(text_en=en, text_fr=fr, order=index)
        for index, (en, fr) in enumerate(STATEMENTS)
    ]


def body(slug="council", name="Council", name_fr="Conseil", kind=Group.Kind.COUNCIL):
    return GroupFactory(slug=slug, name_en=name, name_fr=name_fr, kind=kind)


def seat(group, n=1, **kwargs):
    """n new people, each with an active membership of `group` (and the second factor a
    Council member signs in with)."""
    people = [MembershipFactory(group=group, **kwargs).person for _ in range(n)]
    for person in people:
        add_second_factor(person)
    return people


def draft(fiscal_year="2026-27", **texts):
    manager = StaffFactory(roles=["Equity review"])
    return services.health_check_create(fiscal_year=fiscal_year, by=manager, **texts)


def opened(fiscal_year="2026-27"):
    if not HealthCheckStatement.objects.exists():
        statements()
    health_check = draft(fiscal_year)
    manager = StaffFactory(roles=["Equity review"])
    return services.health_check_open(health_check=health_check, by=manager)


def answer(health_check, person, group, rating=4, comment=""):
    services.health_check_answer(
        health_check=health_check,
        person=person,
        body=group,
        ratings={statement.pk: rating for statement in health_check.statements.all()},
        comment=comment,
    )


def close(health_check):
    manager = StaffFactory(roles=["Equity review"])
    services.health_check_close(health_check=health_check, by=manager)
    return HealthCheck.objects.get(pk=health_check.pk)
