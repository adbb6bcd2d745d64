"""Computing Tillit's KPIs in the background worker after each month (django-tasks, database
backend): on the first of every month the year of the month just ended is recomputed (and the new
year, from January), then the task re-enqueues itself for the next month."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.timezone import localdate
from django_tasks import default_task_backend, task

from tillit.computed_kpis.services import computed_kpis_compute

RUN_AT = time(3, 15)  # local time, on the first of the month


def next_run_after(now: datetime) -> datetime:
    """The next first-of-month at RUN_AT (local time) strictly after `now`."""
    local = timezone.localtime(now)
    candidate = timezone.make_aware(datetime.combine(local.date().replace(day=1), RUN_AT))
    if candidate <= local:
        first_next = (local.date().replace(day=1) + timedelta(days=32)).replace(day=1)
        candidate = timezone.make_aware(datetime.combine(first_next, RUN_AT))
    return candidate


def years_to_compute(today: date) -> list[int]:
    """The year of the month that just ended, and the current year when it differs."""
    ended = today.replace(day=1) - timedelta(days=1)
    return sorted({ended.year, today.year})


@task()
def compute_kpis_monthly() -> dict[str, int]:
    today = localdate()
    changed = 0
    for year in years_to_compute(today):
        result = computed_kpis_compute(year=year, today=today)
        changed += result.created + result.updated + result.deleted
    # Re-enqueue itself for next month, as the reminders and gallring do: no separate scheduler.
    if default_task_backend.supports_defer:
        compute_kpis_monthly.using(run_after=next_run_after(timezone.now())).enqueue()
    return {"changed": changed}
