"""Ship the default contract requirements (AVTALSKRAV, version 1) as a checklist template on the
assessment core, established, so every installation has them."""

from django.db import migrations

from tillit.contracts.defaults import load_shipped


def forwards(apps, schema_editor):
    load_shipped(apps, 1)


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0001_initial"),
        ("assessments", "0002_item_code_applies_when_arende"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
