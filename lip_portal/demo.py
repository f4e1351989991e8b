"""Demo data for trying the portal: invented people and organizations, never real ones.

Each app adds its part as a function here, in an order that respects what builds on what.
Every step is idempotent: running the seed again changes nothing that is already there.
"""

from django.db import transaction

from actionplans.demo import seed_action_plans
from partners.models import Organization, User
from reports.demo import seed_reports

DEMO_PASSWORD = "demo-lip-2026"  # noqa: S105  (published in the README; DEBUG only)

DEMO_ACCOUNTS = [
    {
        "email": "staff@demo.lip",
        "display_name": "Sam Okafor",
        "is_staff": True,
        "is_superuser": True,
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
        fields = {k: v for k, v in account.items() if k not in ("email", "role", "organization")}
        fields["organization"] = organizations[account["organization"]]
        user, created = User.objects.get_or_create(email=account["email"], defaults=fields)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users[account["email"]] = user
    return users


@transaction.atomic
def seed_demo():
    """Build the demo partnership. Safe to run again."""
    users = seed_accounts()
    seed_action_plans(staff=users["staff@demo.lip"])
    seed_reports(staff=users["staff@demo.lip"])
