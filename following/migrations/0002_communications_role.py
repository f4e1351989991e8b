"""The Communications and publishing role sees how many follow each thing by email (never an
address: the back office has no page that shows one)."""

from django.db import migrations

from core.role_grants import RoleGrant

ROLE = "Communications and publishing"

GRANT = RoleGrant("following", ROLE, ("view_subscription",))
# lip_portal.roles gives it again to a role it remakes in a flushed test database.
grant = GRANT.grant


class Migration(migrations.Migration):
    dependencies = [
        ("following", "0001_initial"),
        ("lip_portal", "0002_backbone_roles"),
    ]

    operations = [migrations.RunPython(GRANT.forward, GRANT.backward)]
