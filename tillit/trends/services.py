"""Writes to the trend tables. Atomic; re-phasing is audited (no personal data: codes and dates)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.org.access import has_permission
from tillit.org.models import Unit
from tillit.trends.models import EventMonthCount, SeriesPhase


def first_of_month(day: date) -> date:
    return day.replace(day=1)


@transaction.atomic
def event_month_count_adjust(*, unit: Unit | int, kind: str, category: str, day: date, delta: int) -> None:
    """Add `delta` (+1 when an event is recorded, −1/+1 when its unit, kind, category or date changes,
    −1 when it is removed) to its month's count. Meant to be called by the events app's services, in
    their transaction; not audited (the event's own audit row records the change)."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    month = first_of_month(day)
    row, _ = EventMonthCount.objects.select_for_update().get_or_create(
        unit_id=unit_id, kind=kind, category=category, month=month
    )
    if row.count + delta < 0:
        raise ValidationError("Antalet händelser för en månad kan inte bli negativt.")
    EventMonthCount.objects.filter(pk=row.pk).update(count=F("count") + delta)


@transaction.atomic
def series_phase_start(
    *, actor, series_key: str, unit: Unit, starts_on: date, reason: str, baseline_months: int = 12
) -> SeriesPhase:
    """Start a new phase of a series (a process change): only a person with trend.rephase in the
    series' unit, and only with a reason."""
    if not has_permission(actor, "trend.rephase", unit):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError("Ange skälet till den nya fasen (vilken förändring i arbetssättet som gjordes).")
    if starts_on.day != 1:
        raise ValidationError("En fas börjar den första i en månad.")
    if SeriesPhase.objects.filter(series_key=series_key, starts_on=starts_on).exists():
        raise ValidationError("Det finns redan en fas som börjar den månaden.")
    phase = SeriesPhase(
        series_key=series_key,
        starts_on=starts_on,
        baseline_months=baseline_months,
        reason=reason.strip(),
        created_by=actor,
    )
    phase.full_clean()
    phase.save()
    audit_object(
        actor=actor,
        action=AuditAction.CREATE,
        obj=phase,
        detail={"series": series_key, "starts_on": starts_on.isoformat(), "baseline_months": baseline_months},
    )
    return phase


@transaction.atomic
def event_month_counts_replace(counts: dict[tuple[int, str, str, date], int]) -> int:
    """Replace the whole aggregate with `counts` ((unit id, kind, category, first of month) → n):
    after bulk loads (demo, benchmarks) and as the initial fill. Returns the number of rows."""
    EventMonthCount.objects.all().delete()
    EventMonthCount.objects.bulk_create(
        (
            EventMonthCount(unit_id=unit_id, kind=kind, category=category, month=month, count=n)
            for (unit_id, kind, category, month), n in counts.items()
            if n
        ),
        batch_size=5000,
    )
    return len(counts)
