"""The database cache's table, made by `migrate` itself, so a deployment that only migrates does
not answer 500 for want of it. Without REDIS_URL, sign-in rate limits and the page cache live in
it; with Redis, it holds the sign-in rate limits while Redis is down (core/cache.py).
Either way settings.CACHES names it, and createcachetable makes it."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
