"""Every existing action gets its event as source (and the event's reference); a completed action
not yet followed up gets a planned follow-up date. Plain UPDATEs: the same on SQLite and PostgreSQL.
In its own migration (its own transaction), apart from the schema changes before and after it."""

from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.db.models import F, OuterRef, Subquery


def forwards(apps, schema_editor):
    Action = apps.get_model("actions", "Action")
    Event = apps.get_model("events", "Event")
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    event_type, _ = ContentType.objects.using(db).get_or_create(app_label="events", model="event")
    Action.objects.using(db).filter(event__isnull=False).update(
        source_type=event_type,
        source_id=F("event_id"),
        source_reference=Subquery(Event.objects.filter(pk=OuterRef("event_id")).values("reference")[:1]),
    )
    days = getattr(settings, "ACTION_EFFECT_FOLLOWUP_DAYS", 90)
    pending = Action.objects.using(db).filter(
        status="genomford", effect="", effect_followup_due__isnull=True, completed_on__isnull=False
    )
    for action in pending.only("pk", "completed_on").iterator(chunk_size=1000):
        Action.objects.using(db).filter(pk=action.pk).update(
            effect_followup_due=action.completed_on + timedelta(days=days)
        )


def backwards(apps, schema_editor):
    Action = apps.get_model("actions", "Action")
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    event_type = ContentType.objects.using(db).filter(app_label="events", model="event").first()
    if event_type is not None:
        Action.objects.using(db).filter(source_type=event_type).update(event_id=F("source_id"))


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0003_action_source_fields"),
        ("events", "0006_alter_patientinformation_noted_in_record_and_more"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
