"""The default causes, God vård areas and action types (the codes stored on events and actions)."""

from django.db import migrations

from tillit.classification.defaults import seed


def forwards(apps, schema_editor):
    seed(apps.get_model("classification", "Term"))


class Migration(migrations.Migration):
    dependencies = [("classification", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
