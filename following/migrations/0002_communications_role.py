"""The Communications and publishing role sees how many follow each thing by email (never an
address: the back office has no page that shows one)."""

from django.db import migrations

ROLE = "Communications and publishing"


def grant(apps, role):
    """Give the role made by lip_portal 0002 what this migration adds to it (lip_portal.roles
    calls it too, when it makes a role again in a flushed test database)."""
    if role.name != ROLE:
        return
    Permission = apps.get_model("auth", "Permission")
    role.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="following", codename="view_subscription"
        )
    )


def grant_to_role(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("following")
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
            *Permission.objects.filter(
                content_type__app_label="following", codename="view_subscription"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("following", "0001_initial"),
        ("lip_portal", "0002_backbone_roles"),
    ]

    operations = [migrations.RunPython(grant_to_role, revoke_from_role)]
