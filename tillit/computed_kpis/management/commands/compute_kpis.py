"""`python manage.py compute_kpis --year Y`: compute Tillit's own KPIs (share of avvikelser received
within the service level, median days to answer a complaint, reports per 1,000 brukare, share of
actions with effect follow-up) for every unit and period of year Y, and store them as KPI values.
`--ensure-scheduled` puts the monthly run in the background worker's queue unless it is waiting."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tillit.computed_kpis.services import computed_kpis_compute
from tillit.computed_kpis.tasks import compute_kpis_monthly


class Command(BaseCommand):
    help = "Beräkna Tillits egna nyckeltal för ett år (per enhet, år och månad)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, default=None, help="år (standard: i år)")
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            metavar="ÅÅÅÅ-MM-DD",
            help="Räkna som om det vore detta datum (för test; standard: i dag).",
        )
        parser.add_argument(
            "--ensure-scheduled",
            action="store_true",
            help="Lägg den månatliga beräkningen i kön bara om den inte redan väntar (vid varje start).",
        )

    def handle(self, *args, year: int | None, today: date | None, ensure_scheduled: bool, **options) -> None:
        if ensure_scheduled:
            waiting = DBTaskResult.objects.filter(
                task_path=compute_kpis_monthly.module_path,
                status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
            ).exists()
            if waiting:
                self.stdout.write("Beräkningen av nyckeltal är redan schemalagd.")
            else:
                compute_kpis_monthly.enqueue()
                self.stdout.write("Beräkningen av nyckeltal köad.")
            return
        today = today or timezone.localdate()
        result = computed_kpis_compute(year=year or today.year, today=today)
        self.stdout.write(
            f"Nyckeltal för {result.year}: {result.created} nya värden, {result.updated} ändrade, "
            f"{result.unchanged} oförändrade, {result.deleted} borttagna."
        )
