"""The daily gallring run in the background worker (django-tasks, database backend)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.timezone import localdate
from django_tasks import default_task_backend, task

from tillit.retention.services import retention_run

RUN_AT = time(2, 30)  # local time: a quiet hour


def next_run_after(now: datetime) -> datetime:
    """The next RUN_AT (local time) strictly after `now`."""
    local = timezone.localtime(now)
    candidate = local.replace(hour=RUN_AT.hour, minute=RUN_AT.minute, second=0, microsecond=0)
    if candidate <= local:
        candidate = timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), RUN_AT))
    return candidate


@task()
def run_retention() -> dict[str, int]:
    run = retention_run(today=localdate())
    # Re-enqueue itself for tomorrow, as the reminders do: no separate scheduler process.
    # A duplicate run is harmless because gallring is idempotent.
    if default_task_backend.supports_defer:
        run_retention.using(run_after=next_run_after(timezone.now())).enqueue()
    return {"gallrade": len(run.gallrade), "held": len(run.held)}
