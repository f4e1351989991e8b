"""The demo partnership for trying the portal: invented people and organizations, never real ones.

Built as its people would have built it, through each app's services: staff seat the members,
record meetings, add the plan's items and run the reporting quarters; partners report progress;
the Council's members vote and their requests are decided; reports are published. History that
lies in the past is written by the same services at the past times given to them (`now=`,
`today=`). The few rows that no service creates (organizations, people, groups, plans,
indicators, consultations and their questions, benchmarks) are written as the back office
would. Every step is idempotent: running the seed again changes nothing that is already there.
"""

from django.db import transaction

from core.mail import emails_suppressed
from demo.actionplans import seed_action_plans
from demo.approvals import seed_approvals
from demo.consultations import seed_consultations
from demo.equity import seed_equity_reviews
from demo.evaluation import seed_evaluation, seed_health_checks
from demo.governance import seed_governance
from demo.network import seed_network
from demo.partners import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_TOTP_ACCOUNTS,
    DEMO_TOTP_SECRET,
    seed_accounts,
    seed_organizations,
    seed_people,
    seed_second_factors,
)
from demo.practices import seed_practices
from demo.reports import seed_reports
from search import services as search_services

__all__ = [
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "DEMO_TOTP_ACCOUNTS",
    "DEMO_TOTP_SECRET",
    "seed_accounts",
    "seed_demo",
]


@transaction.atomic
def seed_demo():
    """Build the demo partnership. Safe to run again."""
    # The people are invented: nobody is emailed while they are made.
    with emails_suppressed():
        organizations = seed_organizations()
        accounts = seed_accounts(organizations)
        people = seed_people(organizations)
        people.update({user.display_name: user for user in accounts.values()})
        staff = accounts["staff@demo.lip"]
        groups = seed_governance(people=people, staff=staff)
        seed_evaluation(staff=staff)

        def approve(plan):
            seed_approvals(
                plan=plan, groups=groups, staff=staff, council_user=accounts["council@demo.lip"]
            )

        seed_action_plans(
            organizations=organizations, groups=groups, accounts=accounts, approve=approve
        )
        seed_consultations(staff=staff)
        seed_practices(staff=staff, partner=accounts["partner@demo.lip"])
        seed_equity_reviews(accounts=accounts, groups=groups)
        seed_health_checks(accounts=accounts)
        # The report freezes what the seeds above built: it comes last.
        seed_reports(staff=staff)
        # Two neighbouring partnerships' packages, read as a fetched package would be.
        seed_network()
        seed_second_factors(accounts)
        # The index follows each write on commit; build it whole too, so the demo's search works
        # whatever the seeds wrote around the services.
        search_services.search_reindex()
