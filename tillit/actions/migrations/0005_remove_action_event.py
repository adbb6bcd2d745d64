"""The event link is replaced by the generic source (filled in by 0004)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("actions", "0004_action_event_to_source")]

    operations = [
        migrations.RemoveField(model_name="action", name="event"),
        migrations.AddIndex(
            model_name="action",
            index=models.Index(fields=["source_type", "source_id"], name="action_source"),
        ),
        migrations.AddIndex(
            model_name="action",
            index=models.Index(fields=["status", "effect_followup_due"], name="action_effect_due"),
        ),
    ]
