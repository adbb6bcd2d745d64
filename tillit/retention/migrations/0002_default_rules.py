from django.db import migrations

# Literal values (not imported), so the migration stays as it was written.
KINDS = ["avvikelse", "lex_sarah", "lex_maria", "klagomal", "synpunkt"]


def create_rules(apps, schema_editor):
    rule = apps.get_model("retention", "RetentionRule")
    for kind in KINDS:
        rule.objects.get_or_create(kind=kind, defaults={"years": 5, "legal_reference": "SoL (2001:453) 12 kap. 1 §"})


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial")]

    operations = [migrations.RunPython(create_rules, migrations.RunPython.noop)]
