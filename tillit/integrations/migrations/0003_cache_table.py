"""The shared database cache's table (settings.CACHES), so that `migrate` is all a fresh database
needs, on SQLite and PostgreSQL alike. Kept here (not in core) only because this app's migrations
are few; `createcachetable` is idempotent, so running it by hand as well does no harm."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("integrations", "0002_idempotencykey")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
