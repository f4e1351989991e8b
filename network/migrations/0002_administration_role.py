"""Registering, editing and removing peer portals is a power of the Partnership administration
role (network/rules.py)."""

from django.db import migrations

ROLE = "Partnership administration"
CODENAMES = ["view_peer", "add_peer", "change_peer", "delete_peer"]


def grant(apps, role):
    """Give the role made by lip_portal 0002 what this migration adds to it (lip_portal.roles
    calls it too, when it makes a role again in a flushed test database)."""
    if role.name != ROLE:
        return
    Permission = apps.get_model("auth", "Permission")
    role.permissions.add(
        *Permission.objects.filter(content_type__app_label="network", codename__in=CODENAMES)
    )


def grant_to_role(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("network")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    role = apps.get_model("auth", "Group").objects.filter(name=ROLE).first()
    if role is not None:
        grant(apps, role)


def revoke_from_role(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    role = apps.get_model("auth", "Group").objects.filter(name=ROLE).first()
    if role is not None:
        role.permissions.remove(
            *Permission.objects.filter(content_type__app_label="network", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
        ("lip_portal", "0002_backbone_roles"),
    ]

    operations = [migrations.RunPython(grant_to_role, revoke_from_role)]
