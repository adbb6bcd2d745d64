"""The shipped matrices (tillit/risks/defaults.py): the 4 × 4 default and a 5 × 5 example."""

from django.db import migrations


def add_shipped(apps, schema_editor):
    from tillit.risks.defaults import SHIPPED

    RiskMatrix = apps.get_model("risks", "RiskMatrix")
    for spec in SHIPPED:
        fields = {k: v for k, v in spec.items() if k != "code"}
        RiskMatrix.objects.get_or_create(code=spec["code"], version=1, defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("risks", "0001_initial")]
    operations = [migrations.RunPython(add_shipped, migrations.RunPython.noop)]
