"""Run the reminders now, or hand them to the background worker (`--enqueue`, `--ensure-scheduled`)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tillit.inbox.services import reminders_send
from tillit.inbox.tasks import send_reminders


class Command(BaseCommand):
    help = "Skicka påminnelser om tidsfrister och åtgärder (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Lägg uppgiften i kön för bakgrundsprocessen.")
        parser.add_argument(
            "--ensure-scheduled",
            action="store_true",
            help="Lägg uppgiften i kön bara om den inte redan väntar (vid varje start).",
        )

    def handle(self, *args, enqueue: bool = False, ensure_scheduled: bool = False, **options) -> None:
        if ensure_scheduled:
            # The task re-enqueues itself; a restart must not start a second chain.
            waiting = DBTaskResult.objects.filter(
                task_path=send_reminders.module_path,
                status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
            ).exists()
            if waiting:
                self.stdout.write("Påminnelser är redan schemalagda.")
                return
            enqueue = True
        if enqueue:
            send_reminders.enqueue()
            self.stdout.write("Påminnelser köade.")
            return
        run = reminders_send()
        self.stdout.write(f"Påminnelser: {run.created} nya, {run.emailed} e-post.")
