"""The Communications and publishing role publishes practices, and approves or returns those
partners submit."""

from django.db import migrations

from core.role_grants import RoleGrant

ROLE = "Communications and publishing"
CODENAMES = [
    "publish_practice",
    "view_practice",
    "change_practice",
    "delete_practice",
    "view_population",
    "add_population",
    "change_population",
    "delete_population",
]

GRANT = RoleGrant("practices", ROLE, tuple(CODENAMES))
# lip_portal.roles gives it again to a role it remakes in a flushed test database.
grant = GRANT.grant


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0002_populations"),
        ("lip_portal", "0002_backbone_roles"),
    ]

    operations = [migrations.RunPython(GRANT.forward, GRANT.backward)]
