"""Registering, editing and removing peer portals is a power of the Partnership administration
role (network/rules.py)."""

from django.db import migrations

from core.role_grants import RoleGrant

ROLE = "Partnership administration"
CODENAMES = ["view_peer", "add_peer", "change_peer", "delete_peer"]

GRANT = RoleGrant("network", ROLE, tuple(CODENAMES))
# lip_portal.roles gives it again to a role it remakes in a flushed test database.
grant = GRANT.grant


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
        ("lip_portal", "0002_backbone_roles"),
    ]

    operations = [migrations.RunPython(GRANT.forward, GRANT.backward)]
