"""Fill the monthly aggregate that trend signals read from the events already recorded."""

from collections import Counter

from django.db import migrations
from django.db.models import Count


def fill(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    EventMonthCount = apps.get_model("trends", "EventMonthCount")
    counts = Counter()
    rows = Event.objects.values_list("unit_id", "kind", "category__code", "reported_on").annotate(n=Count("id"))
    for unit_id, kind, category, day, n in rows.values_list("unit_id", "kind", "category__code", "reported_on", "n"):
        counts[(unit_id, kind, category or "", day.replace(day=1))] += n
    EventMonthCount.objects.all().delete()
    EventMonthCount.objects.bulk_create(
        (
            EventMonthCount(unit_id=unit_id, kind=kind, category=category, month=month, count=n)
            for (unit_id, kind, category, month), n in counts.items()
        ),
        batch_size=5000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0008_merge_20261125_0831"),
        ("trends", "0001_initial"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
