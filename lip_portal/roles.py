"""The backbone staff roles: Django groups made by migration lip_portal 0002_backbone_roles.

Staff powers come from these roles (or from permissions given one by one), never from is_staff
alone; superusers hold every power. README "Staff roles" says what each role may do.
"""

import importlib

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group

_migration = importlib.import_module("lip_portal.migrations.0002_backbone_roles")

REPORTING = _migration.REPORTING
COMMUNICATIONS = _migration.COMMUNICATIONS
EQUITY_REVIEW = _migration.EQUITY_REVIEW
ADMINISTRATION = _migration.ADMINISTRATION
BACKBONE_ROLES = tuple(_migration.ROLES)
# Later migrations that add permissions to a role: each has grant(apps, role).
_LATER_GRANTS = [
    importlib.import_module("evaluation.migrations.0001_sector_reference"),
    importlib.import_module("evaluation.migrations.0002_health_check"),
    importlib.import_module("following.migrations.0002_communications_role"),
    importlib.import_module("practices.migrations.0003_communications_role"),
    importlib.import_module("network.migrations.0002_administration_role"),
]


def backbone_roles(names=BACKBONE_ROLES):
    """The groups of these roles. One that is missing is made again as the migration made it
    (a test database flushed after a test has lost the roles, and the permissions too); one
    that exists is left as it is, whatever was changed in it since."""
    found = {group.name: group for group in Group.objects.filter(name__in=names)}
    if len(found) < len(names):
        for app_config in apps.get_app_configs():
            create_permissions(app_config, verbosity=0)
    roles = []
    for name in names:
        role = found.get(name)
        if role is None:
            role = _migration.create_role(apps, name)
            for later in _LATER_GRANTS:
                later.grant(apps, role)
        roles.append(role)
    return roles
