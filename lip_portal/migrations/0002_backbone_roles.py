"""The backbone staff roles: one Django group per role, with the permissions it grants.

A staff account holds no power of its own (is_staff only opens the back office's door): its
roles do. The rules of each app (`<app>/rules.py`) turn these permissions into what a person may
do on the portal's pages; the admin reads them directly. A later change to a role is a new
migration, so that every database follows it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTING = "Reporting"
COMMUNICATIONS = "Communications and publishing"
EQUITY_REVIEW = "Equity review"
ADMINISTRATION = "Partnership administration"


def _model(app_label, model, *actions):
    return [f"{app_label}.{action}_{model}" for action in actions]


VIEW = ("view",)
EDIT = ("view", "add", "change")
ALL = ("view", "add", "change", "delete")

ROLES = {
    # The plan and its progress: items and indicators, reporting periods (open, lock, chase late
    # reports), progress export and import, entering an update on any item, the funder report.
    REPORTING: [
        *_model("actionplans", "communityactionplan", *EDIT),
        *_model("actionplans", "strategicdirection", *EDIT),
        *_model("actionplans", "annualactionplan", *EDIT),
        *_model("actionplans", "actionitem", *ALL),
        *_model("actionplans", "indicator", *ALL),
        *_model("actionplans", "indicatorvalue", *ALL),
        *_model("actionplans", "reportingperiod", *ALL),
        *_model("actionplans", "progressupdate", "view", "add"),
        *_model("partners", "organization", *VIEW),
    ],
    # What the public reads: annual reports (preview, publish), consultations (drafts, every
    # response, paper entry, quotes), group pages, meetings and terms of reference.
    COMMUNICATIONS: [
        *_model("reports", "annualreport", *EDIT, "publish"),
        *_model("reports", "reportversion", *VIEW),
        *_model("consultations", "consultation", *EDIT),
        *_model("consultations", "question", *ALL),
        *_model("consultations", "response", "view", "add", "delete"),
        *_model("consultations", "answer", "view", "change"),
        *_model("actionplans", "actionitem", *VIEW),
        *_model("pillars", "group", "view", "change"),
        *_model("pillars", "meeting", *EDIT),
        *_model("pillars", "termsofreference", *EDIT),
    ],
    # Opening, closing and publishing the yearly equity review; never anyone's answers.
    EQUITY_REVIEW: [
        *_model("equity", "equityreview", *ALL),
        *_model("equity", "benchmark", *ALL),
        *_model("equity", "followuplink", *ALL),
    ],
    # Organizations, people and their staff roles, governance groups and memberships, and what
    # is put before the Council (approval requests, meeting votes).
    ADMINISTRATION: [
        *_model("partners", "organization", *EDIT),
        *_model("partners", "user", *EDIT),
        "partners.assign_roles",
        *_model("pillars", "pillar", "view", "change"),
        *_model("pillars", "group", *EDIT),
        *_model("pillars", "membership", *ALL),
        *_model("pillars", "meeting", *EDIT),
        *_model("pillars", "termsofreference", *EDIT),
        *_model("actionplans", "strategicdirection", *VIEW),
        *_model("actionplans", "annualactionplan", *VIEW),
        *_model("approvals", "approvalrequest", *EDIT),
        *_model("approvals", "decision", *VIEW),
        "approvals.add_vote",
    ],
}


def create_role(apps, name):
    """The role's group, granting exactly the role's permissions."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=name)
    granted = []
    for permission in ROLES[name]:
        app_label, codename = permission.split(".")
        granted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    group.permissions.set(granted)
    return group


def create_roles(apps, schema_editor):
    # Permissions are made after `migrate` (post_migrate); make them now to grant them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    for name in ROLES:
        create_role(apps, name)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lip_portal", "0001_database_cache_table"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("actionplans", "0002_rollup"),
        ("approvals", "0002_historicalvote"),
        ("consultations", "0003_results_snapshot"),
        ("equity", "0001_initial"),
        ("partners", "0004_role_permissions"),
        ("pillars", "0006_membership_term_end_help"),
        ("reports", "0005_role_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
