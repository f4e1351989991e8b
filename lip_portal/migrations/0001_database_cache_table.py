"""The database cache's table, made by `migrate` itself: without REDIS_URL, sign-in rate limits,
consultation rate limits and the page cache live in it, and a deployment that only migrates
must not answer 500 for want of it. With Redis configured there is no such cache: nothing to do."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
