"""`python manage.py import_events FILE.csv`: history from another system (validated as a whole)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tillit.core.csvfiles import run_import
from tillit.events.services.importer import COLUMNS, import_events


class Command(BaseCommand):
    help = f"Importera händelser från CSV med kolumnerna {','.join(COLUMNS)}."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:
        run_import(
            self,
            import_events,
            file,
            lambda r: f"Importerade {r.created} händelser, {r.unchanged} fanns redan (oförändrade).",
        )
