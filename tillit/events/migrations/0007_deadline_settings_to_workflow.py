"""The municipality's service levels move to the shared workflow engine (per workflow key; an
event kind is its workflow key)."""

from django.db import migrations


def forwards(apps, schema_editor):
    old = apps.get_model("events", "DeadlineSetting")
    new = apps.get_model("workflow", "DeadlineSetting")
    new.objects.bulk_create(new(workflow=s.kind, code=s.code, days=s.days) for s in old.objects.all())


def backwards(apps, schema_editor):
    old = apps.get_model("events", "DeadlineSetting")
    new = apps.get_model("workflow", "DeadlineSetting")
    kinds = {"avvikelse", "lex_sarah", "lex_maria", "klagomal", "synpunkt"}
    old.objects.bulk_create(
        old(kind=s.workflow, code=s.code, days=s.days) for s in new.objects.filter(workflow__in=kinds)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_alter_patientinformation_noted_in_record_and_more"),
        ("workflow", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="DeadlineSetting"),
    ]
