"""On PostgreSQL, the database itself refuses two chairs of one group whose terms overlap.

An ExclusionConstraint declared on the model would make SQLite fail to migrate, so it is
added here only on PostgreSQL. The unique constraint on open-ended chairs (both databases)
and `pillars.services.membership_validate` (every write) hold the same rule everywhere.
"""

from django.db import migrations

CONSTRAINT = "pillars_membership_chair_terms_do_not_overlap"


def add_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE pillars_membership ADD CONSTRAINT {CONSTRAINT} "
        "EXCLUDE USING gist (group_id WITH =, daterange(term_start, term_end, '[]') WITH &&) "
        "WHERE (role = 'chair')"
    )


def drop_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE pillars_membership DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [
        ("pillars", "0004_meeting_translations_and_history"),
    ]

    operations = [migrations.RunPython(add_exclusion, drop_exclusion)]
