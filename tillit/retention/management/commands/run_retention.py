"""Gallra now (`--dry-run` to see what would be gallrat), or hand it to the background worker."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tillit.events.models import EventKind
from tillit.retention.selectors import retention_rules
from tillit.retention.services import retention_run
from tillit.retention.tasks import run_retention


def _cases(n: int) -> str:
    return f"{n} ärende" if n == 1 else f"{n} ärenden"


class Command(BaseCommand):
    help = "Gallra avslutade ärenden vars bevarandetid har gått ut (utom ärenden med bevarandebeslut)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Visa vad som skulle gallras, ändra ingenting.")
        parser.add_argument("--enqueue", action="store_true", help="Lägg gallringen i kön för bakgrundsprocessen.")
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            metavar="ÅÅÅÅ-MM-DD",
            help="Räkna som om det vore detta datum (för övning och test; standard: i dag).",
        )
        parser.add_argument(
            "--ensure-scheduled",
            action="store_true",
            help="Lägg den dagliga gallringen i kön bara om den inte redan väntar (vid varje start).",
        )

    def handle(
        self, *args, dry_run: bool, enqueue: bool, ensure_scheduled: bool, today: date | None, **options
    ) -> None:
        if ensure_scheduled:
            # The task re-enqueues itself; a restart must not start a second chain.
            waiting = DBTaskResult.objects.filter(
                task_path=run_retention.module_path,
                status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
            ).exists()
            if waiting:
                self.stdout.write("Gallringen är redan schemalagd.")
                return
            enqueue = True
        if enqueue:
            run_retention.enqueue()
            self.stdout.write("Gallringen köad.")
            return
        for kind, rule in retention_rules().items():
            self.stdout.write(
                f"{EventKind(kind).label}: bevaras {rule.years} år efter sista aktivitet ({rule.legal_reference})."
            )
        run = retention_run(today=today or timezone.localdate(), dry_run=dry_run)
        verb = "Skulle gallras" if dry_run else "Gallrade"
        self.stdout.write(f"{verb}: {_cases(len(run.gallrade))}.")
        for due in run.gallrade:
            self.stdout.write(
                f"  {due.reference} ({EventKind(due.kind).label}, senaste aktivitet {due.last_activity_on.isoformat()})"
            )
        if run.held:
            self.stdout.write(f"Gallras inte på grund av bevarandebeslut: {_cases(len(run.held))}.")
            for due in run.held:
                self.stdout.write(f"  {due.reference}")
