"""Run the reminders now (`--enqueue` hands them to the background worker instead)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tillit.inbox.services import reminders_send
from tillit.inbox.tasks import send_reminders


class Command(BaseCommand):
    help = "Skicka påminnelser om tidsfrister och åtgärder (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Lägg uppgiften i kön för bakgrundsprocessen.")

    def handle(self, *args, enqueue: bool = False, **options) -> None:
        if enqueue:
            send_reminders.enqueue()
            self.stdout.write("Påminnelser köade.")
            return
        run = reminders_send()
        self.stdout.write(f"Påminnelser: {run.created} nya, {run.emailed} e-post.")
