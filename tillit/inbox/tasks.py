"""Background tasks (django-tasks, database backend; the worker is started by `make run`)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import default_task_backend, task

from tillit.core.maintenance import refresh_planner_statistics
from tillit.inbox.services import reminders_send


@task()
def send_reminders() -> dict[str, int]:
    run = reminders_send()
    refresh_planner_statistics()  # the worker's regular run doubles as SQLite's upkeep
    # Re-enqueue itself: the database backend runs it again after the interval, so reminders need
    # no separate scheduler process. Duplicates are harmless because reminders are idempotent.
    if default_task_backend.supports_defer:
        send_reminders.using(run_after=timezone.now() + timedelta(minutes=settings.REMINDER_INTERVAL_MINUTES)).enqueue()
    return {"created": run.created, "emailed": run.emailed}
