"""The events' side of the monthly aggregate that trend signals read (tillit.trends): every write
that adds an event, or changes the unit, kind, category or date it is counted under, adjusts its
month's count in the same transaction, so signals cost units × months, never the number of events."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db.models import Count

from tillit.events.models import Event
from tillit.trends.services import event_month_count_adjust, event_month_counts_replace


def _category_code(event: Event) -> str:
    return event.category.code if event.category_id else ""


def month_count_add(event: Event, delta: int = 1) -> None:
    """Count `event` (delta +1) or stop counting it (−1) under its unit, kind, category and month."""
    event_month_count_adjust(
        unit=event.unit_id, kind=event.kind, category=_category_code(event), day=event.reported_on, delta=delta
    )


def month_counts_rebuild() -> int:
    """Recount the whole aggregate from the events (after bulk loads). Grouped by day in SQL and
    folded into months here: a per-row month function is slow on SQLite."""
    counts: Counter[tuple[int, str, str, date]] = Counter()
    rows = Event.objects.values_list("unit_id", "kind", "category__code", "reported_on").annotate(n=Count("id"))
    for unit_id, kind, category, day, n in rows.values_list("unit_id", "kind", "category__code", "reported_on", "n"):
        counts[(unit_id, kind, category or "", day.replace(day=1))] += n
    return event_month_counts_replace(counts)
