"""Actions get a generic source (content type + id) beside the old event link, and a planned
effect follow-up date; the action type becomes a code of classification "action_type"."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0002_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("classification", "0002_seed_defaults"),
    ]

    operations = [
        migrations.AddField(
            model_name="action",
            name="source_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="action",
            name="source_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="action",
            name="source_reference",
            field=models.CharField(blank=True, max_length=64, verbose_name="hör till"),
        ),
        migrations.AddField(
            model_name="action",
            name="effect_followup_due",
            field=models.DateField(blank=True, null=True, verbose_name="effekten följs upp senast"),
        ),
        migrations.AlterField(
            model_name="action",
            name="action_type",
            field=models.CharField(max_length=24, verbose_name="typ av åtgärd"),
        ),
    ]
