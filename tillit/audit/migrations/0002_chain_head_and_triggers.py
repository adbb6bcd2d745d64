from django.db import migrations


def create_head(apps, schema_editor):
    apps.get_model("audit", "AuditChainHead").objects.get_or_create(pk=1)


def install_triggers(apps, schema_editor):
    from tillit.audit import triggers

    triggers.install(schema_editor)


def remove_triggers(apps, schema_editor):
    from tillit.audit import triggers

    triggers.remove(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(create_head, migrations.RunPython.noop),
        migrations.RunPython(install_triggers, remove_triggers),
    ]
